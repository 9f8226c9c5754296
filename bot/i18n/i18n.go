// Package i18n is the bot's one catalog of user-facing strings, in English
// and French. The user's Slack locale picks the language; English is the
// default and the fallback.
package i18n

import (
	"errors"
	"fmt"
	"strings"

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

// Has reports whether key is in the catalog.
func Has(key string) bool { _, ok := catalog[key]; return ok }

// ErrorText is what a user reads for err: a domain error's message in l, or
// a generic line for anything else (whose text may hold internals).
func ErrorText(l Locale, err error) string {
	var e *coach.Error
	if !errors.As(err, &e) || e.Code == coach.EINTERNAL {
		return T(l, "error.generic")
	}
	if k, ok := strings.CutPrefix(e.Key, "bot."); ok && Has(k) {
		return T(l, k, e.Args...)
	}
	if l == FR {
		if f, ok := coach.MessagesFR[e.Key]; ok {
			if len(e.Args) == 0 {
				return f
			}
			return fmt.Sprintf(f, e.Args...)
		}
	}
	return e.Message
}
