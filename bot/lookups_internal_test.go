package bot

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/slack-go/slack"
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

// TestLookups_SharedStatus: a channel's shared status is trusted for a
// minute at most, then asked again; a failed check counts as shared and is
// not remembered; an event's word is taken at once; a user ID (the app's
// DM with them) is private without asking.
func TestLookups_SharedStatus(t *testing.T) {
	sim := slacksim.New()
	defer sim.Close()
	c := newLookups(slack.New(slacksim.BotToken, slack.OptionAPIURL(sim.URL())), slog.New(slog.DiscardHandler))
	ctx := context.Background()
	if c.externallyShared(ctx, "C0PARTNERS") {
		t.Fatal("#partners reads as shared")
	}
	// Shared without an event: the cached answer holds for under a minute…
	sim.AddChannel(slacksim.Channel{ID: "C0PARTNERS", Name: "partners", IsMember: true, IsExtShared: true})
	if c.externallyShared(ctx, "C0PARTNERS") {
		t.Fatal("a fresh cached answer was not used")
	}
	// …and is checked again once older.
	c.shared["C0PARTNERS"] = cached[bool]{v: false, at: time.Now().Add(-sharedTTL - time.Second)}
	if !c.externallyShared(ctx, "C0PARTNERS") {
		t.Fatal("a status older than a minute was trusted")
	}
	// An event overrides at once.
	c.setShared("C0PARTNERS", false)
	if c.externallyShared(ctx, "C0PARTNERS") {
		t.Fatal("channel_unshared was not taken at once")
	}
	// A failed check counts as shared, and the next post asks again.
	if !c.externallyShared(ctx, "C0GONE") {
		t.Fatal("a failed conversations.info reads as not shared")
	}
	if _, ok := c.shared["C0GONE"]; ok {
		t.Fatal("a failed check was cached")
	}
	calls := len(sim.Calls())
	if c.externallyShared(ctx, "U0ALICE") || len(sim.Calls()) != calls {
		t.Fatal("a user ID is not the app's private DM, or was looked up")
	}
}
