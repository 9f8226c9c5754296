package remind_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
)

func TestDueOccurrences(t *testing.T) {
	s := mustParse(t, "@every 1h", "UTC")
	base := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	now := base.Add(10*time.Hour + 30*time.Minute)
	for _, tt := range []struct {
		name string
		rem  coach.Reminder
		from time.Time
		max  int
		want []int // hours after base
	}{
		{"CatchUpWithinWindow", coach.Reminder{}, base.Add(7 * time.Hour), 50, []int{8, 9, 10}},
		{"LatestKeptWhenCapped", coach.Reminder{}, base, 2, []int{9, 10}},
		{"NotBeforeLastChange", coach.Reminder{UpdatedAt: base.Add(9*time.Hour + time.Minute)}, base, 50, []int{10}},
		{"SnoozedThenDueAtSnoozeEnd", coach.Reminder{SnoozedUntil: base.Add(9*time.Hour + 30*time.Minute)}, base.Add(7 * time.Hour), 50, []int{-1, 10}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := remind.DueOccurrences(s, tt.rem, tt.from, now, tt.max)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want hours %v", got, tt.want)
			}
			for i, h := range tt.want {
				want := base.Add(time.Duration(h) * time.Hour)
				if h == -1 {
					want = tt.rem.SnoozedUntil
				}
				if !got[i].Equal(want) {
					t.Fatalf("occurrence %d: got %v, want %v", i, got[i], want)
				}
			}
		})
	}
}

// memClaims is an in-memory ClaimStore for unit tests of the runner's logic;
// the Redis implementation is proven against a real server in storage/redis.
type memClaims struct {
	mu      sync.Mutex
	holders map[string]string
	sent    map[string]string
}

func key(o coach.Occurrence) string { return o.TeamID + "/" + o.ReminderID + "/" + o.At.UTC().String() }

func (m *memClaims) Claim(_ context.Context, o coach.Occurrence, holder string, _ time.Duration) (coach.Claim, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if ts, ok := m.sent[key(o)]; ok {
		return coach.Claim{Status: coach.ClaimSent, MessageTS: ts}, nil
	}
	if h, ok := m.holders[key(o)]; ok && h != holder {
		return coach.Claim{Status: coach.ClaimHeld, Holder: h}, nil
	}
	m.holders[key(o)] = holder
	return coach.Claim{Status: coach.ClaimTaken}, nil
}

func (m *memClaims) MarkSent(_ context.Context, o coach.Occurrence, _ string, ts string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent[key(o)] = ts
	delete(m.holders, key(o))
	return nil
}

func (m *memClaims) Release(_ context.Context, o coach.Occurrence, holder string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.holders[key(o)] == holder {
		delete(m.holders, key(o))
	}
	return nil
}

type memReminders struct {
	mu sync.Mutex
	rs []coach.Reminder
}

func (m *memReminders) SaveReminder(_ context.Context, r coach.Reminder) error { return nil }
func (m *memReminders) DeleteReminder(context.Context, string, string) error   { return nil }
func (m *memReminders) Teams(context.Context) ([]string, error)                { return []string{"T1"}, nil }
func (m *memReminders) Reminders(_ context.Context, team string) ([]coach.Reminder, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]coach.Reminder(nil), m.rs...), nil
}

func TestRunner_CatchUpIsCoalescedAndOnce(t *testing.T) {
	checkLeaks(t)
	now := time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC)
	store := &memReminders{rs: []coach.Reminder{{TeamID: "T1", ID: "acme:balance", Kind: coach.ReminderBalance, Spec: "@every 1h", Channel: "C1"}}}
	claims := &memClaims{holders: map[string]string{}, sent: map[string]string{}}
	var mu sync.Mutex
	var deliveries []remind.Due
	newRunner := func(holder string) *remind.Runner {
		return &remind.Runner{
			Reminders: store, Claims: claims, Holder: holder, Logger: quiet, Grace: 3*time.Hour + time.Minute, Reload: time.Hour,
			Now: func() time.Time { return now },
			Deliver: func(_ context.Context, d remind.Due) (string, error) {
				mu.Lock()
				defer mu.Unlock()
				deliveries = append(deliveries, d)
				return "1700000000.000100", nil
			},
		}
	}
	ctx := context.Background()
	a, b := newRunner("a"), newRunner("b")
	if err := a.Start(ctx); err != nil {
		t.Fatal(err)
	}
	<-a.Stop().Done()
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	<-b.Stop().Done()
	if len(deliveries) != 1 {
		t.Fatalf("got %d deliveries, want 1 (coalesced): %+v", len(deliveries), deliveries)
	}
	if got := len(deliveries[0].At); got != 3 {
		t.Fatalf("coalesced %d occurrences, want 3 (08:00, 09:00, 10:00)", got)
	}
}

func TestRunner_UnknownOutcomeIsNotRetried(t *testing.T) {
	checkLeaks(t)
	now := time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC)
	store := &memReminders{rs: []coach.Reminder{{TeamID: "T1", ID: "r", Kind: coach.ReminderBalance, Spec: "@every 1h", Channel: "C1"}}}
	claims := &memClaims{holders: map[string]string{}, sent: map[string]string{}}
	calls := 0
	deliver := func(err error) remind.Deliver {
		return func(context.Context, remind.Due) (string, error) { calls++; return "", err }
	}
	run := func(d remind.Deliver) {
		r := &remind.Runner{Reminders: store, Claims: claims, Holder: "a", Logger: quiet, Grace: 90 * time.Minute, Reload: time.Hour,
			Now: func() time.Time { return now }, Deliver: d}
		if err := r.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		<-r.Stop().Done()
	}
	run(deliver(fmt.Errorf("post: %w: connection reset", remind.ErrOutcomeUnknown)))
	run(deliver(nil))
	if calls != 1 {
		t.Fatalf("delivered %d times, want 1: an unknown outcome must not be retried", calls)
	}
	claims.sent = map[string]string{}
	calls = 0
	run(deliver(errors.New("channel_not_found")))
	run(deliver(nil))
	if calls != 2 {
		t.Fatalf("delivered %d times, want 2: a definite failure is retried", calls)
	}
}

// ackLostClaims writes the first claim it is asked for, then answers as a
// primary that died before its replicas acknowledged it: with an error.
type ackLostClaims struct {
	*memClaims
	lost atomic.Bool
}

func (c *ackLostClaims) Claim(ctx context.Context, o coach.Occurrence, holder string, lease time.Duration) (coach.Claim, error) {
	cl, err := c.memClaims.Claim(ctx, o, holder, lease)
	if err == nil && cl.Status == coach.ClaimTaken && c.lost.CompareAndSwap(false, true) {
		return coach.Claim{}, errors.New("claim reminder: the primary went away before its replicas acknowledged")
	}
	return cl, err
}

// TestRunner_ClaimWithUnknownOutcomeIsGivenUp: a claim that failed may
// still be stored; the runner gives it up, so that the next check delivers
// the reminder instead of waiting for the lease to run out.
func TestRunner_ClaimWithUnknownOutcomeIsGivenUp(t *testing.T) {
	checkLeaks(t)
	now := time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC)
	store := &memReminders{rs: []coach.Reminder{{TeamID: "T1", ID: "r", Kind: coach.ReminderBalance, Spec: "@every 1h", Channel: "C1"}}}
	claims := &ackLostClaims{memClaims: &memClaims{holders: map[string]string{}, sent: map[string]string{}}}
	calls := 0
	run := func() {
		r := &remind.Runner{Reminders: store, Claims: claims, Holder: "a", Logger: quiet, Grace: 90 * time.Minute, Reload: time.Hour,
			Now:     func() time.Time { return now },
			Deliver: func(context.Context, remind.Due) (string, error) { calls++; return "1700000000.000100", nil }}
		if err := r.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		<-r.Stop().Done()
	}
	run()
	if !claims.lost.Load() || calls != 0 {
		t.Fatalf("first check: claim lost %v, %d deliveries; want the claim failed and nothing posted", claims.lost.Load(), calls)
	}
	run()
	if calls != 1 {
		t.Fatalf("the next check delivered %d times, want 1: the failed claim still holds the occurrence", calls)
	}
}
