package remind

import (
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
