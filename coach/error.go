package coach

import (
	"errors"
	"fmt"
)

// Error codes. The bot maps each to how it answers the user; only EINTERNAL and
// EUNAVAILABLE are logged as failures.
const (
	EINVALID     = "invalid"     // the user's input is wrong; Message says how to fix it
	ENOTFOUND    = "not_found"   // no such partner, item, event…
	EAMBIGUOUS   = "ambiguous"   // a lookup matched several partners; Message lists them
	ECONFLICT    = "conflict"    // a concurrent change won; the user may retry
	EFORBIDDEN   = "forbidden"   // the user may not do this (owner or admins only)
	EUNAVAILABLE = "unavailable" // the store cannot be reached right now; try again
	EINTERNAL    = "internal"    // a bug or an unexpected failure
)

// Error is a domain error whose Message is safe to show to the user.
//
// Key and Args name the message in the bot's catalog so it can be translated;
// Message is the English text. Field names the input at fault (used to place
// inline errors in modals), and Err keeps the underlying cause for logs.
type Error struct {
	Code    string
	Field   string
	Key     string
	Args    []any
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an Error with the given code and an English message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error about one input field. key names the
// message in the bot's catalog; format and args give the English text, and args
// are kept for translation.
func FieldError(field, key, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Key: key, Args: args, Message: fmt.Sprintf(format, args...)}
}

// Unavailable wraps a store failure the user can retry.
func Unavailable(op string, err error) *Error {
	return &Error{Code: EUNAVAILABLE, Key: "store.unavailable", Message: "The data store is not answering right now. Please try again in a moment.", Err: fmt.Errorf("%s: %w", op, err)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err, or a generic one for
// errors that are not *Error (their text may hold internals).
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return "Something went wrong on our side."
}
