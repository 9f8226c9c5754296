package sandbox

import (
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
