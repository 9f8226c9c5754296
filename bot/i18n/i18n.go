// Package i18n is the one catalog of user-facing strings, in English and
// French: the bot's own, and the text of every error key the domain returns
// (a coach.Error holds only a key and arguments). The user's Slack locale
// picks the language; English is the default and the fallback.
package i18n

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// Locale is a language the bot speaks.
type Locale string

const (
	EN Locale = "en"
	FR Locale = "fr"
)

// FromSlack maps a Slack locale ("fr-FR", "en-US") to a Locale.
func FromSlack(locale string) Locale {
	if strings.HasPrefix(strings.ToLower(locale), "fr") {
		return FR
	}
	return EN
}

// Msg is one catalog entry.
type Msg struct{ EN, FR string }

var catalog = map[string]Msg{}

func register(m map[string]Msg) {
	for k, v := range m {
		if _, dup := catalog[k]; dup {
			panic("i18n: duplicate key " + k)
		}
		catalog[k] = v
	}
}

// errMsg is one error entry: its arguments (see catalog_errors.go), then its
// English and French text.
type errMsg struct{ Args, EN, FR string }

// argKinds declares the arguments each entry takes, one letter per argument
// (see catalog_errors.go); an entry missing here takes none. The catalog test
// renders every entry with arguments of these kinds.
var argKinds = map[string]string{}

func registerErrors(m map[string]errMsg) {
	for k, v := range m {
		register(map[string]Msg{k: {v.EN, v.FR}})
		declareArgs(map[string]string{k: v.Args})
	}
}

func declareArgs(m map[string]string) {
	for k, v := range m {
		if _, dup := argKinds[k]; dup {
			panic("i18n: arguments declared twice for " + k)
		}
		argKinds[k] = v
	}
}

// T formats the message key in l. A missing French text falls back to
// English; a missing key shows the key, and a test keeps that from shipping.
func T(l Locale, key string, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		return key
	}
	f := m.EN
	if l == FR && m.FR != "" {
		f = m.FR
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// Count says n of a thing in l: key names a catalog entry whose texts hold
// the singular and the plural form, "%d deal|%d deals". French uses the
// singular for 0 and 1, English for 1 only.
func Count(l Locale, key string, n int) string {
	forms := strings.SplitN(T(l, key), "|", 2)
	f := forms[0]
	if len(forms) == 2 && !(n == 1 || (l == FR && n == 0)) {
		f = forms[1]
	}
	return fmt.Sprintf(f, n)
}

// Window says a balance window in words: "12 months", "90 days", "3 mois".
func Window(l Locale, w coach.Window) string {
	switch {
	case w.Days == 0:
		return Count(l, "n.month", w.Months)
	case w.Months == 0:
		return Count(l, "n.day", w.Days)
	}
	return Count(l, "n.month", w.Months) + " " + Count(l, "n.day", w.Days)
}

// Has reports whether key is in the catalog.
func Has(key string) bool { _, ok := catalog[key]; return ok }

// ErrorText is what a user reads for err: a domain error's message in l, or
// a generic line for anything else (whose text may hold internals).
func ErrorText(l Locale, err error) string {
	var e *coach.Error
	if !errors.As(err, &e) || e.Code == coach.EINTERNAL || !Has(e.Key) {
		return T(l, "error.generic")
	}
	return T(l, e.Key, e.Args...)
}

var (
	frDays   = [...]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."}
	frMonths = [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}
)

// Day writes t's date in l: "26 Nov 2026", "26 nov. 2026".
func Day(l Locale, t time.Time) string {
	if l == FR {
		return fmt.Sprintf("%d %s %d", t.Day(), frMonths[t.Month()-1], t.Year())
	}
	return t.Format("2 Jan 2006")
}

// DayTime writes t's date and time in l, in t's zone: "Thu 10 Dec 2026 14:00
// CET", "jeu. 10 déc. 2026 14:00 CET".
func DayTime(l Locale, t time.Time) string {
	if l == FR {
		return fmt.Sprintf("%s %s %s", frDays[t.Weekday()], Day(l, t), t.Format("15:04 MST"))
	}
	return t.Format("Mon 2 Jan 2006 15:04 MST")
}

// Lookup returns key's entry, to check both languages are there.
func Lookup(key string) (Msg, bool) { m, ok := catalog[key]; return m, ok }
