package remind_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/remind"
)

// runOnce starts a replica at a fixed "now", lets its first load deliver what
// is due, stops it, and returns what it delivered.
func runOnce(t *testing.T, url, holder string, now time.Time) []remind.Due {
	t.Helper()
	s := openRedis(t, url)
	var mu sync.Mutex
	var out []remind.Due
	r := &remind.Runner{Reminders: s, Claims: s, Holder: holder, Logger: quiet, Grace: 24 * time.Hour, Reload: time.Hour,
		Now: func() time.Time { return now },
		Deliver: func(_ context.Context, d remind.Due) (string, error) {
			mu.Lock()
			defer mu.Unlock()
			out = append(out, d)
			return "1.000100", nil
		}}
	if err := r.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-r.Stop().Done()
	mu.Lock()
	defer mu.Unlock()
	return out
}

// TestCatchUp_AfterAllReplicasWereDown: a weekly reminder whose occurrences
// fell while nothing ran is delivered once, as one message, within the grace
// window; a second replica starting right after sends nothing more.
func TestCatchUp_AfterAllReplicasWereDown(t *testing.T) {
	url := redistest.Start(t).URL()
	checkLeaks(t)
	ctx := context.Background()
	s := openRedis(t, url)
	created := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, r := range []coach.Reminder{
		{TeamID: "T1", ID: "hourly", Kind: coach.ReminderBalance, Spec: "@every 1h", Channel: "C1", UpdatedAt: created},
		{TeamID: "T1", ID: "paused", Kind: coach.ReminderBalance, Spec: "@every 1h", Channel: "C1", Paused: true, UpdatedAt: created},
		{TeamID: "T1", ID: "snoozed", Kind: coach.ReminderWebinar, Spec: "@every 1h", Channel: "C1", UpdatedAt: created,
			SnoozedUntil: time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)},
	} {
		if err := s.SaveReminder(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	// Nothing ran since the reminders were created weeks ago: only what fell
	// in the grace window (the last 24 h) is caught up, as one message.
	now := time.Date(2026, 11, 24, 15, 10, 0, 0, time.UTC)
	first := runOnce(t, url, "a", now)
	if len(first) != 1 || first[0].Reminder.ID != "hourly" {
		t.Fatalf("delivered %+v, want one message for the hourly reminder only (paused and snoozed stay quiet)", first)
	}
	if got := len(first[0].At); got != 24 {
		t.Fatalf("coalesced %d occurrences, want the 24 of the last day", got)
	}
	if again := runOnce(t, url, "b", now); len(again) != 0 {
		t.Fatalf("a second replica re-sent %+v", again)
	}
	// After the snooze ends, the snoozed reminder comes up once.
	later := runOnce(t, url, "c", time.Date(2026, 11, 24, 20, 0, 30, 0, time.UTC))
	var snoozed int
	for _, d := range later {
		if d.Reminder.ID == "snoozed" {
			snoozed++
		}
	}
	if snoozed != 1 {
		t.Fatalf("snoozed reminder delivered %d times after its snooze ended, want 1", snoozed)
	}
}
