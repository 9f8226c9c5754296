package bot_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
)

// takenOver is a claim store where another replica takes every occurrence
// over right after this one claimed it: this replica's renewals fail.
type takenOver struct {
	coach.ClaimStore
	mu      sync.Mutex
	claimed map[string]bool
}

func (s *takenOver) Claim(ctx context.Context, o coach.Occurrence, holder string, lease time.Duration) (coach.Claim, error) {
	k := holder + "|" + o.ReminderID + "|" + o.At.String()
	s.mu.Lock()
	again := s.claimed[k]
	s.claimed[k] = true
	s.mu.Unlock()
	if again {
		return coach.Claim{Status: coach.ClaimHeld, Holder: "another/replica"}, nil
	}
	return s.ClaimStore.Claim(ctx, o, holder, lease)
}

// TestE2E_ReminderConfirmsBeforePosting: the bot's delivery confirms the
// claim of the Due it is handed right before posting, and a replica whose
// occurrence was taken over meanwhile posts nothing.
func TestE2E_ReminderConfirmsBeforePosting(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "log acme got 10k EUR deal") // something to review
	before := len(e.sim.Messages(partners))
	e.everySecond("acme", coach.ReminderBalance, partners)
	errs := make(chan error, 16)
	r := &remind.Runner{Reminders: e.store, Claims: &takenOver{ClaimStore: e.store, claimed: map[string]bool{}}, Holder: "test",
		Reload: time.Hour, Lease: 5 * time.Second, Logger: e.logs.Logger(),
		Deliver: func(ctx context.Context, d remind.Due) (string, error) {
			ts, err := e.bot.DeliverReminder(ctx, d)
			errs <- err
			return ts, err
		}}
	ctx, cancel := context.WithCancel(context.Background())
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	var err error
	select {
	case err = <-errs:
	case <-time.After(10 * time.Second):
		t.Fatal("no delivery was attempted")
	}
	cancel()
	<-r.Stop().Done()
	if !errors.Is(err, remind.ErrClaimLost) {
		t.Fatalf("delivery of an occurrence taken over: %v, want ErrClaimLost", err)
	}
	if n := len(e.sim.Messages(partners)); n != before {
		t.Fatalf("%d messages posted by a replica that lost its claim", n-before)
	}
}
