package bolt

import (
	"context"
	"sync"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// The embedded store serves one process (its file is locked), so a
// channel's posting pace needs no disk: it is kept in memory, with the same
// booking rule as the Redis store's script.
type postSlots struct {
	mu   sync.Mutex
	next map[string]time.Time // channel → next free slot
}

// ReservePost books the channel's next slot, interval after the last one
// booked, and returns how long to wait for it.
func (s *Store) ReservePost(ctx context.Context, channel string, interval time.Duration) (time.Duration, error) {
	if err := ctx.Err(); err != nil {
		return 0, coach.Unavailable("reserve a post slot", err)
	}
	p := &s.slots
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	p.forgetPast(now)
	slot := p.next[channel]
	if slot.Before(now) {
		slot = now
	}
	p.next[channel] = slot.Add(interval)
	return slot.Sub(now), nil
}

// PushBackPosts moves the channel's next slot to at least d from now.
func (s *Store) PushBackPosts(ctx context.Context, channel string, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return coach.Unavailable("push back posts", err)
	}
	p := &s.slots
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	p.forgetPast(now)
	if until := now.Add(d); until.After(p.next[channel]) {
		p.next[channel] = until
	}
	return nil
}

// forgetPast drops slots already passed once the map grows, so it stays
// bounded by the channels posted to in the last moments.
func (p *postSlots) forgetPast(now time.Time) {
	if p.next == nil {
		p.next = map[string]time.Time{}
	}
	if len(p.next) < 1024 {
		return
	}
	for ch, t := range p.next {
		if t.Before(now) {
			delete(p.next, ch)
		}
	}
}
