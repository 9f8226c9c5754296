package bot

import (
	"fmt"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/i18n"
)

// TestLookups_Bounded: the user caches do not grow with every user ID seen.
func TestLookups_Bounded(t *testing.T) {
	c := newLookups(nil, nil)
	old := time.Now().Add(-2 * c.ttl)
	for i := range maxCachedUsers {
		c.locales[fmt.Sprint("U", i)] = cached[i18n.Locale]{v: i18n.EN, at: old}
		c.zones[fmt.Sprint("U", i)] = cached[*time.Location]{at: old}
	}
	c.locales["UFRESH"] = cached[i18n.Locale]{v: i18n.FR, at: time.Now()}
	c.forgetExpired()
	if len(c.locales) != 1 || len(c.zones) != 0 || c.locales["UFRESH"].v != i18n.FR {
		t.Fatalf("after trimming: %d locales, %d zones", len(c.locales), len(c.zones))
	}
	for i := range maxCachedUsers {
		c.locales[fmt.Sprint("U", i)] = cached[i18n.Locale]{v: i18n.EN, at: time.Now()}
	}
	c.forgetExpired()
	if len(c.locales) != 0 {
		t.Fatalf("a full cache of fresh entries is dropped, got %d", len(c.locales))
	}
}
