package coach_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func TestParseReminderKind(t *testing.T) {
	for word, want := range map[string]coach.ReminderKind{
		"balance": coach.ReminderBalance, "Review": coach.ReminderBalance, "bilan": coach.ReminderBalance, "revue": coach.ReminderBalance,
		"webinar": coach.ReminderWebinar, "webinars": coach.ReminderWebinar, "Webinaire": coach.ReminderWebinar,
		"event": coach.ReminderEvent, "events": coach.ReminderEvent, "évènement": coach.ReminderEvent, "événement": coach.ReminderEvent, "evenement": coach.ReminderEvent,
		"quickwin": coach.ReminderQuickWin, "quick-win": coach.ReminderQuickWin, "QUICKWINS": coach.ReminderQuickWin, "victoire-rapide": coach.ReminderQuickWin,
		"digest": coach.ReminderDigest, "résumé": coach.ReminderDigest,
	} {
		if got, err := coach.ParseReminderKind(word); err != nil || got != want {
			t.Errorf("ParseReminderKind(%q) = %q, %v; want %q", word, got, err, want)
		}
	}
	t.Run("ErrUnknown", func(t *testing.T) {
		_, err := coach.ParseReminderKind("birthday")
		wantInvalid(t, err, "reminder.kind.unknown")
		for _, d := range coach.ReminderKinds {
			if !strings.Contains(err.Error(), string(d.Kind)) {
				t.Errorf("%q does not list %s", err, d.Kind)
			}
		}
	})
}

// TestReminderKinds checks the table: names and aliases are unique slugs, and
// every row has a schedule and a rule.
func TestReminderKinds(t *testing.T) {
	seen := map[string]coach.ReminderKind{}
	for _, d := range coach.ReminderKinds {
		if d.Schedule == "" || d.Speaks == nil {
			t.Errorf("%s: want a default schedule and a rule", d.Kind)
		}
		for _, w := range append([]string{string(d.Kind)}, d.Aliases...) {
			if coach.Slug(w) != w {
				t.Errorf("%s: alias %q is not a slug", d.Kind, w)
			}
			if k, dup := seen[w]; dup {
				t.Errorf("%q names both %s and %s", w, k, d.Kind)
			}
			seen[w] = d.Kind
		}
	}
	names := coach.ReminderKindNames()
	for _, k := range []coach.ReminderKind{coach.ReminderBalance, coach.ReminderWebinar, coach.ReminderEvent, coach.ReminderQuickWin, coach.ReminderDigest} {
		if !slices.Contains(names, string(k)) {
			t.Errorf("names %v lack %s", names, k)
		}
	}
	if len(names) != len(coach.ReminderKinds) {
		t.Errorf("%d names for %d kinds", len(names), len(coach.ReminderKinds))
	}
}

func TestReminderSpeaks(t *testing.T) {
	speaks := func(k coach.ReminderKind, f coach.ReminderFacts) bool {
		t.Helper()
		d, ok := coach.LookupReminderKind(k)
		if !ok {
			t.Fatalf("no row for %s", k)
		}
		return d.Speaks(f)
	}
	onboarding := coach.Partner{Stage: coach.StageOnboarding, StageChangedAt: now.AddDate(0, 0, -70)}
	tomorrow := coach.Event{Start: now.AddDate(0, 0, 1), Status: coach.EventPlanned, Host: coach.HostUs}
	recent := coach.Event{Start: now.AddDate(0, 0, -10), Status: coach.EventDone, Host: coach.HostUs}
	deal := coach.Contribution{Kind: coach.ContribDeal, Direction: coach.Got, Date: now.AddDate(0, 0, -5)}
	for name, c := range map[string]struct {
		kind coach.ReminderKind
		f    coach.ReminderFacts
		want bool
	}{
		"BalanceNothingNew":  {coach.ReminderBalance, coach.ReminderFacts{Now: now}, false},
		"BalanceNewEntry":    {coach.ReminderBalance, coach.ReminderFacts{Now: now, Partner: coach.Partner{ReviewedAt: now.AddDate(0, 0, -30)}, Contributions: []coach.Contribution{{Date: now.AddDate(0, 0, -3), CreatedAt: now.AddDate(0, 0, -3)}}}, true},
		"BalanceOldEntry":    {coach.ReminderBalance, coach.ReminderFacts{Now: now, Partner: coach.Partner{ReviewedAt: now.AddDate(0, 0, -3)}, Contributions: []coach.Contribution{{Date: now.AddDate(0, 0, -30), CreatedAt: now.AddDate(0, 0, -30)}}}, false},
		"BalanceNeverRevd":   {coach.ReminderBalance, coach.ReminderFacts{Now: now, Contributions: []coach.Contribution{{Date: now.AddDate(0, -5, 0), CreatedAt: now.AddDate(0, -5, 0)}}}, true},
		"DigestAlways":       {coach.ReminderDigest, coach.ReminderFacts{Now: now}, true},
		"WebinarQuiet":       {coach.ReminderWebinar, coach.ReminderFacts{Now: now}, true},
		"WebinarRecent":      {coach.ReminderWebinar, coach.ReminderFacts{Now: now, Events: []coach.Event{recent}}, false},
		"WebinarBooked":      {coach.ReminderWebinar, coach.ReminderFacts{Now: now, Events: []coach.Event{tomorrow}}, false},
		"EventTomorrow":      {coach.ReminderEvent, coach.ReminderFacts{Now: now, Events: []coach.Event{tomorrow}, Loc: time.UTC}, true},
		"EventNone":          {coach.ReminderEvent, coach.ReminderFacts{Now: now, Events: []coach.Event{recent}}, false},
		"QuickWinNoDeal":     {coach.ReminderQuickWin, coach.ReminderFacts{Now: now, Partner: onboarding}, true},
		"QuickWinFirstDeal":  {coach.ReminderQuickWin, coach.ReminderFacts{Now: now, Partner: onboarding, Contributions: []coach.Contribution{deal}}, false},
		"QuickWinNotYetLate": {coach.ReminderQuickWin, coach.ReminderFacts{Now: now, Partner: coach.Partner{Stage: coach.StageOnboarding, StageChangedAt: now}}, false},
	} {
		if got := speaks(c.kind, c.f); got != c.want {
			t.Errorf("%s: speaks %v, want %v", name, got, c.want)
		}
	}
}

func TestDefaultRemindersFromTable(t *testing.T) {
	var want []coach.ReminderKind
	for _, d := range coach.ReminderKinds {
		if d.Default && !d.TeamWide {
			want = append(want, d.Kind)
		}
	}
	var got []coach.ReminderKind
	for _, r := range coach.DefaultReminders(coach.Partner{ID: "acme"}, now) {
		got = append(got, r.Kind)
		if d, _ := coach.LookupReminderKind(r.Kind); r.Spec != d.Schedule {
			t.Errorf("%s: spec %q, want %q", r.Kind, r.Spec, d.Schedule)
		}
	}
	if !slices.Equal(got, want) || slices.Contains(got, coach.ReminderDigest) {
		t.Fatalf("defaults %v, want %v (the digest is opt-in)", got, want)
	}
}
