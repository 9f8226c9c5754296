package remind

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"
)

func TestPacer(t *testing.T) {
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	p := &Pacer{Interval: time.Second, Burst: 2, now: func() time.Time { return now }}
	var waits []time.Duration
	for range 5 {
		waits = append(waits, p.reserve("C1"))
	}
	want := []time.Duration{0, 0, time.Second, 2 * time.Second, 3 * time.Second}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("waits %v, want %v (a burst of 2, then one per second)", waits, want)
		}
	}
	if d := p.reserve("C2"); d != 0 {
		t.Fatalf("another channel waited %v behind C1", d)
	}
	now = now.Add(10 * time.Second) // C1 went quiet: the burst is back, no more
	if a, b, c := p.reserve("C1"), p.reserve("C1"), p.reserve("C1"); a != 0 || b != 0 || c != time.Second {
		t.Fatalf("after a quiet spell: %v %v %v, want 0 0 1s", a, b, c)
	}
	p.PushBack("C3", 30*time.Second) // a 429 said Retry-After: 30
	if d := p.reserve("C3"); d != 30*time.Second {
		t.Fatalf("after PushBack: waited %v, want 30s", d)
	}
}

// slotsFunc is a PostSlots for unit tests of SharedPacer.
type slotsFunc struct {
	reserve  func(channel string) (time.Duration, error)
	pushBack func(channel string, d time.Duration) error
}

func (s slotsFunc) ReservePost(_ context.Context, channel string, _ time.Duration) (time.Duration, error) {
	return s.reserve(channel)
}
func (s slotsFunc) PushBackPosts(_ context.Context, channel string, d time.Duration) error {
	return s.pushBack(channel, d)
}

// TestSharedPacer_WaitsForTheSharedSlot waits what the store says, and
// falls back to pacing alone when the store fails.
func TestSharedPacer_WaitsForTheSharedSlot(t *testing.T) {
	var failing bool
	var pushed []time.Duration
	p := NewSharedPacer(slotsFunc{
		reserve: func(string) (time.Duration, error) {
			if failing {
				return 0, errors.New("redis down")
			}
			return 30 * time.Millisecond, nil
		},
		pushBack: func(_ string, d time.Duration) error { pushed = append(pushed, d); return nil },
	}, slog.New(slog.DiscardHandler))
	start := time.Now()
	if err := p.Wait(context.Background(), "C1"); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 30*time.Millisecond {
		t.Fatalf("waited %v, want the shared slot's 30ms", waited)
	}

	// A cancelled wait returns the context's error.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.Wait(ctx, "C1"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled wait: %v", err)
	}

	// Store down: this replica's own pace, which lets a quiet channel's
	// first post go at once and makes the second wait an interval.
	failing = true
	p.local.now = func() time.Time { return start }
	if d := p.local.reserve("C2"); d != 0 {
		t.Fatalf("local pacer: first post waits %v", d)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := p.Wait(ctx, "C2"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("with the store down, a second post right away: %v, want to wait the local interval", err)
	}

	// A 429 is shared with the other replicas and kept locally too.
	p.PushBack("C3", 7*time.Second)
	if len(pushed) != 1 || pushed[0] != 7*time.Second {
		t.Fatalf("pushed back %v, want [7s]", pushed)
	}
	if d := p.local.reserve("C3"); d < 6*time.Second {
		t.Fatalf("local pace after the push-back waits %v, want about 7s", d)
	}
}
