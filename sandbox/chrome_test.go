package sandbox

import (
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/bot/i18n"
)

// TestChrome_EveryLanguageHasEveryKey: the page never falls back to English
// for a key the French catalog forgot.
func TestChrome_EveryLanguageHasEveryKey(t *testing.T) {
	for l, texts := range chrome {
		for k := range chrome[i18n.EN] {
			if texts[k] == "" {
				t.Errorf("%s: no text for %q", l, k)
			}
		}
		for k := range texts {
			if _, ok := chrome[i18n.EN][k]; !ok {
				t.Errorf("%s: %q is not an English key", l, k)
			}
		}
	}
}

// TestChrome_MarkupOnlyWhereSetAsHTML: app.js sets htmlKeys as HTML and the
// rest as text, so markup anywhere else would show as tags.
func TestChrome_MarkupOnlyWhereSetAsHTML(t *testing.T) {
	html := map[string]bool{}
	for _, k := range htmlKeys {
		html[k] = true
	}
	for l, texts := range chrome {
		for k, v := range texts {
			if strings.ContainsAny(v, "<>") && !html[k] {
				t.Errorf("%s %q holds markup but is set as text: %q", l, k, v)
			}
		}
	}
}
