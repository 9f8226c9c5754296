package i18n

import (
	"errors"

	"github.com/partnercoach/partnercoach/coach"
)

// ArgOpen and ArgClose mark where a user's text was put in a message by
// ErrorTextMarked: printable, so that %q keeps them as they are, and rare.
const (
	ArgOpen  = "⟦"
	ArgClose = "⟧"
)

// ErrorTextMarked is ErrorText with each text argument between ArgOpen and
// ArgClose, so that the caller can escape what the user typed (formatting
// characters included) apart from the catalog's own text (whose `code` must
// stay code).
func ErrorTextMarked(l Locale, err error) string {
	var e *coach.Error
	if !errors.As(err, &e) || e.Code == coach.EINTERNAL || !Has(e.Key) {
		return T(l, "error.generic")
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		if s, ok := a.(string); ok {
			a = ArgOpen + s + ArgClose
		}
		args[i] = a
	}
	return T(l, e.Key, args...)
}
