package coach

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. The bot maps each to how it answers the user; only EINTERNAL and
// EUNAVAILABLE are logged as failures.
const (
	EINVALID     = "invalid"     // the user's input is wrong; the message says how to fix it
	ENOTFOUND    = "not_found"   // no such partner, item, event…
	EAMBIGUOUS   = "ambiguous"   // a lookup matched several partners; Args list them
	ECONFLICT    = "conflict"    // a concurrent change won; the user may retry
	EFORBIDDEN   = "forbidden"   // the user may not do this (owner or admins only)
	EUNAVAILABLE = "unavailable" // the store cannot be reached right now; try again
	EINTERNAL    = "internal"    // a bug or an unexpected failure
)

// Error is a domain error the user may be told about. It holds no text: Key
// names the message in the bot's catalog (bot/i18n), which writes it in the
// user's language with Args. Field names the input at fault (used to place
// inline errors in modals), and Err keeps the underlying cause for logs.
type Error struct {
	Code  string
	Field string
	Key   string
	Args  []any
	Err   error
}

// Error is for logs: the code, the key and the arguments, never a sentence.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	b.WriteString(": ")
	b.WriteString(e.Key)
	if len(e.Args) > 0 {
		b.WriteString(" [")
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			if s, ok := a.(string); ok {
				fmt.Fprintf(&b, "%q", s)
			} else {
				fmt.Fprintf(&b, "%v", a)
			}
		}
		b.WriteString("]")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// NewError returns an Error with the given code, naming the catalog message
// key and its arguments.
func NewError(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// FieldError returns an EINVALID error about one input field, naming the
// catalog message key and its arguments.
func FieldError(field, key string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Key: key, Args: args}
}

// Unavailable wraps a store failure the user can retry.
func Unavailable(op string, err error) *Error {
	return &Error{Code: EUNAVAILABLE, Key: "store.unavailable", Err: fmt.Errorf("%s: %w", op, err)}
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
