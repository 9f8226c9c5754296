package remind_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/remind"
)

// TestRunner_SlowDeliveryKeepsItsClaim: a delivery that takes three leases
// (a busy channel, a slow Slack) keeps its claim, so a second replica
// sweeping meanwhile does not post the occurrence again.
func TestRunner_SlowDeliveryKeepsItsClaim(t *testing.T) {
	url := redistest.SharedURL(t)
	checkLeaks(t)
	s := openRedis(t, url)
	ctx := context.Background()
	if err := s.Client().FlushDB(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC)
	if err := s.SaveReminder(ctx, coach.Reminder{TeamID: "T1", ID: "slow", Kind: coach.ReminderBalance, Spec: "@every 1h", Channel: "C1", UpdatedAt: now.Add(-90 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	const lease = 300 * time.Millisecond
	var posts atomic.Int32
	started := make(chan struct{})
	slow := &remind.Runner{Reminders: s, Claims: s, Holder: "slow", Logger: quiet, Lease: lease, Grace: time.Hour, Reload: time.Hour,
		Now: func() time.Time { return now },
		Deliver: func(context.Context, remind.Due) (string, error) {
			close(started)
			time.Sleep(3 * lease)
			posts.Add(1)
			return "1.000100", nil
		}}
	done := make(chan error, 1)
	go func() { done <- slow.Start(ctx) }()
	<-started
	for range 6 { // sweeps spread over the slow delivery, each after a lease would have expired
		time.Sleep(lease / 2)
		other := &remind.Runner{Reminders: s, Claims: s, Holder: "other", Logger: quiet, Lease: lease, Grace: time.Hour, Reload: time.Hour,
			Now: func() time.Time { return now },
			Deliver: func(context.Context, remind.Due) (string, error) {
				posts.Add(1)
				return "2.000100", nil
			}}
		if err := other.Start(ctx); err != nil {
			t.Fatal(err)
		}
		<-other.Stop().Done()
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	<-slow.Stop().Done()
	if n := posts.Load(); n != 1 {
		t.Fatalf("posted %d times, want 1: the slow delivery's claim was taken over", n)
	}
}

// TestDue_Confirm: right before posting, a delivery learns through the Due
// it was handed that another replica took its occurrence over (it stalled
// past the lease) or already sent it, and gives up; the occurrence is
// released, not recorded as sent by this replica.
func TestDue_Confirm(t *testing.T) {
	checkLeaks(t)
	t.Run("NoClaim", func(t *testing.T) {
		if err := (remind.Due{}).Confirm(context.Background()); err != nil {
			t.Fatalf("Confirm of a Due the Runner did not make: %v, want nil", err)
		}
	})
	for _, c := range []struct {
		name string
		lose func(m *memClaims) // what another replica did while this one stalled
	}{
		{"ErrTakenOver", func(m *memClaims) {
			for k := range m.holders {
				m.holders[k] = "b/stolen"
			}
		}},
		{"ErrSentByAnother", func(m *memClaims) {
			for k := range m.holders {
				m.sent[k] = "9.000900"
				delete(m.holders, k)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			now := time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC)
			store := &memReminders{rs: []coach.Reminder{{TeamID: "T1", ID: "r", Kind: coach.ReminderBalance, Spec: "@every 1h", Channel: "C1"}}}
			claims := &memClaims{holders: map[string]string{}, sent: map[string]string{}}
			var confirmed error
			r := &remind.Runner{Reminders: store, Claims: claims, Holder: "a", Logger: quiet, Grace: 90 * time.Minute, Reload: time.Hour,
				Now: func() time.Time { return now },
				Deliver: func(ctx context.Context, d remind.Due) (string, error) {
					if err := d.Confirm(ctx); err != nil {
						t.Errorf("Confirm while holding the claim: %v", err)
					}
					claims.mu.Lock()
					c.lose(claims)
					claims.mu.Unlock()
					confirmed = d.Confirm(ctx)
					return "", confirmed
				}}
			if err := r.Start(context.Background()); err != nil {
				t.Fatal(err)
			}
			<-r.Stop().Done()
			if !errors.Is(confirmed, remind.ErrClaimLost) {
				t.Fatalf("Confirm after losing the claim: %v, want ErrClaimLost", confirmed)
			}
			for k, ts := range claims.sent {
				if ts != "9.000900" {
					t.Fatalf("the occurrence %s was recorded as sent by this replica: %q", k, ts)
				}
			}
		})
	}
}

// flakyMarks fails the first MarkSent calls, as a store that times out.
type flakyMarks struct {
	*memClaims
	fail int
}

func (f *flakyMarks) MarkSent(ctx context.Context, o coach.Occurrence, holder, ts string) error {
	f.mu.Lock()
	if f.fail > 0 {
		f.fail--
		f.mu.Unlock()
		return errors.New("i/o timeout")
	}
	f.mu.Unlock()
	return f.memClaims.MarkSent(ctx, o, holder, ts)
}

// TestRunner_RecordingIsRetried: a post whose record fails for a moment (the
// store timed out) is recorded on a retry, so no replica posts it again.
func TestRunner_RecordingIsRetried(t *testing.T) {
	checkLeaks(t)
	now := time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC)
	store := &memReminders{rs: []coach.Reminder{{TeamID: "T1", ID: "r", Kind: coach.ReminderBalance, Spec: "@every 1h", Channel: "C1"}}}
	claims := &flakyMarks{memClaims: &memClaims{holders: map[string]string{}, sent: map[string]string{}}, fail: 2}
	posts := 0
	for _, holder := range []string{"a", "b"} {
		r := &remind.Runner{Reminders: store, Claims: claims, Holder: holder, Logger: quiet, Grace: 90 * time.Minute, Reload: time.Hour,
			Lease: time.Minute, Now: func() time.Time { return now },
			Deliver: func(context.Context, remind.Due) (string, error) { posts++; return "1.000100", nil }}
		if err := r.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		<-r.Stop().Done()
	}
	if posts != 1 || len(claims.sent) != 1 {
		t.Fatalf("posted %d times, %d recorded; want 1 and 1", posts, len(claims.sent))
	}
}
