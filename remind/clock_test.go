package remind_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
)

// fakeReal is a wall clock the test moves by hand.
type fakeReal struct {
	mu  sync.Mutex
	now time.Time
}

func (f *fakeReal) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }
func (f *fakeReal) Add(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

func TestClock(t *testing.T) {
	start := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	real := &fakeReal{now: start}
	c := remind.NewClock()
	c.Real = real.Now

	t.Run("RealTimeUntilSped", func(t *testing.T) {
		real.Add(10 * time.Second)
		if got, want := c.Now(), start.Add(10*time.Second); !got.Equal(want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	})
	t.Run("OneDayPerSecond", func(t *testing.T) {
		c.SetSpeed(86400)
		real.Add(2 * time.Second)
		if got, want := c.Now(), start.Add(10*time.Second+48*time.Hour); !got.Equal(want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	})
	t.Run("SlowingDownKeepsTheTimeReached", func(t *testing.T) {
		before := c.Now()
		c.SetSpeed(0) // below 1 means 1
		if got := c.Speed(); got != 1 {
			t.Fatalf("speed %v, want 1", got)
		}
		real.Add(time.Second)
		if got, want := c.Now(), before.Add(time.Second); !got.Equal(want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	})
	t.Run("ChangedIsClosedBySetSpeed", func(t *testing.T) {
		ch := c.Changed()
		select {
		case <-ch:
			t.Fatal("closed before any change")
		default:
		}
		c.SetSpeed(60)
		select {
		case <-ch:
		default:
			t.Fatal("not closed by SetSpeed")
		}
	})
}

func TestClock_Schedule(t *testing.T) {
	start := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	real := &fakeReal{now: start}
	c := remind.NewClock()
	c.Real = real.Now
	c.SetSpeed(3600) // an hour per second
	s := c.Schedule(mustParse(t, "@every 1h", "UTC"))

	next := s.Next(start)
	// 10:00 on the clock is half an hour of clock time away: half a second.
	if d := next.Sub(start); d < 500*time.Millisecond || d > 501*time.Millisecond {
		t.Fatalf("next run in %v of real time, want 0.5 s", d)
	}
	real.now = next
	if got, want := c.Now(), time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC); got.Before(want) || got.After(want.Add(4*time.Second)) {
		t.Fatalf("at the planned instant the clock shows %v, want 10:00 (or a hair after)", got)
	}
	// From there the next is a full second of real time away.
	if d := s.Next(next).Sub(next); d < 999*time.Millisecond || d > 1001*time.Millisecond {
		t.Fatalf("following run in %v, want 1 s", d)
	}
}

// A runner on a fast clock fires an hourly reminder about every 0.2 s of
// real time, and picks up a speed change made while it runs.
func TestRunner_FastClock(t *testing.T) {
	store := &memReminders{rs: []coach.Reminder{{TeamID: "T1", ID: "acme:balance", Kind: coach.ReminderBalance, Spec: "@every 1h", Channel: "C1", UpdatedAt: time.Now()}}}
	claims := &memClaims{holders: map[string]string{}, sent: map[string]string{}}
	clock := remind.NewClock()
	delivered := make(chan remind.Due, 100)
	r := &remind.Runner{
		Reminders: store, Claims: claims, Holder: "a", Logger: quiet, Clock: clock,
		Deliver: func(_ context.Context, d remind.Due) (string, error) { delivered <- d; return "1.000100", nil },
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { <-r.Stop().Done() }()

	select {
	case d := <-delivered:
		t.Fatalf("delivered %v at real speed, before any hour passed", d.At)
	case <-time.After(300 * time.Millisecond):
	}
	clock.SetSpeed(5 * 3600) // an hour every 0.2 s
	var last time.Time
	for i := range 3 {
		select {
		case d := <-delivered:
			if len(d.At) != 1 || !d.At[0].After(last) || d.At[0].Minute() != 0 {
				t.Fatalf("delivery %d: occurrences %v, want one new hour after %v", i, d.At, last)
			}
			last = d.At[0]
		case <-time.After(10 * time.Second): // generous: 0.2 s expected
			t.Fatalf("delivery %d did not come within 10 s on a clock running an hour every 0.2 s", i)
		}
	}
}
