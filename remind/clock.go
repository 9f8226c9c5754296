package remind

import (
	"math"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Clock is a runner's time when it should not be the wall clock: it runs
// Speed times faster than real time from the moment the speed was set, so
// schedules of weeks play out in seconds (the offline sandbox's fast clock).
// Production leaves Runner.Clock nil: real time, speed 1.
//
// The clock never goes back: slowing it down keeps the time it has reached.
type Clock struct {
	// Real is the wall clock it scales; nil means time.Now. Tests replace it.
	Real func() time.Time

	mu       sync.Mutex
	realAt   time.Time // real instant of the last speed change
	virtAt   time.Time // the clock's time at that instant
	speed    float64
	changed  chan struct{} // closed and replaced on every speed change
	anchored bool
}

// NewClock returns a clock that shows real time until SetSpeed.
func NewClock() *Clock { return &Clock{speed: 1, changed: make(chan struct{})} }

func (c *Clock) real() time.Time {
	if c.Real != nil {
		return c.Real()
	}
	return time.Now()
}

// anchor fixes the origin on first use; call with c.mu held.
func (c *Clock) anchor(now time.Time) {
	if !c.anchored {
		c.realAt, c.virtAt, c.anchored = now, now, true
		if c.speed == 0 {
			c.speed = 1
		}
		if c.changed == nil {
			c.changed = make(chan struct{})
		}
	}
}

// Now is the clock's current time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at(c.real())
}

// at is the clock's time at the real instant r; call with c.mu held.
func (c *Clock) at(r time.Time) time.Time {
	c.anchor(r)
	return c.virtAt.Add(time.Duration(float64(r.Sub(c.realAt)) * c.speed))
}

// realFor is the real instant at which the clock shows v (now, if v is
// already past); call with c.mu held.
func (c *Clock) realFor(v time.Time, now time.Time) time.Time {
	c.anchor(now)
	// Rounded up, plus a microsecond: at that instant the clock must show v
	// or later, or the runner would find the occurrence not yet due.
	r := c.realAt.Add(time.Duration(math.Ceil(float64(v.Sub(c.virtAt))/c.speed)) + time.Microsecond)
	if r.Before(now) {
		return now
	}
	return r
}

// Speed is how many seconds of clock time pass per real second.
func (c *Clock) Speed() float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.anchor(c.real())
	return c.speed
}

// SetSpeed changes the pace from now on (values below 1 mean 1) and wakes
// runners using the clock, which re-plan their schedules.
func (c *Clock) SetSpeed(speed float64) {
	speed = max(speed, 1)
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.real()
	c.virtAt, c.realAt = c.at(now), now
	c.speed = speed
	close(c.changed)
	c.changed = make(chan struct{})
}

// Changed is closed at the next speed change.
func (c *Clock) Changed() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.anchor(c.real())
	return c.changed
}

// scale converts a real duration into clock time at the current speed.
func (c *Clock) scale(d time.Duration) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.anchor(c.real())
	return time.Duration(float64(d) * c.speed)
}

// Schedule wraps a schedule written in clock time for cron, which waits in
// real time: cron asks for the next run after a real instant and gets back
// the real instant at which the clock reaches the next occurrence.
func (c *Clock) Schedule(s Schedule) cron.Schedule { return scaled{c, s} }

type scaled struct {
	c *Clock
	s Schedule
}

func (x scaled) Next(realNow time.Time) time.Time {
	x.c.mu.Lock()
	v := x.c.at(realNow)
	x.c.mu.Unlock()
	next := x.s.Next(v)
	if next.IsZero() {
		return next
	}
	x.c.mu.Lock()
	defer x.c.mu.Unlock()
	return x.c.realFor(next, realNow).In(realNow.Location())
}
