package remind

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/robfig/cron/v3"
)

// Due is what a replica delivers for one reminder: one occurrence normally,
// several when occurrences missed while every replica was down are caught up
// and coalesced into one message.
type Due struct {
	Reminder coach.Reminder
	At       []time.Time // oldest first, never empty

	// confirm renews the delivery's claims (see Confirm); set by the Runner.
	confirm func(ctx context.Context) error
}

// Deliver posts a due reminder and returns the posted message's ts. It calls
// d.Confirm(ctx) right before posting and gives up if it fails. It must
// not retry a post whose outcome is unknown (that could post twice); it may
// retry rate-limited attempts. An error wrapping ErrOutcomeUnknown says the
// post may have gone through: the runner then records the occurrence as done
// instead of retrying it. Any other error means nothing was posted, and the
// occurrence is retried by a later sweep.
type Deliver func(ctx context.Context, d Due) (ts string, err error)

// ErrOutcomeUnknown marks a delivery that failed in a way that may still have
// posted (a timeout, a dropped connection).
var ErrOutcomeUnknown = errors.New("outcome unknown")

// Schedules is what the runner reads of the stored reminders. coach.Service
// provides it: the runner never holds a store.
type Schedules interface {
	// Teams lists the teams to walk.
	Teams(ctx context.Context) ([]string, error)
	// Reminders lists a team's reminders.
	Reminders(ctx context.Context, teamID string) ([]coach.Reminder, error)
}

// Claims lets several replicas deliver each occurrence once (the contract
// of coach.ClaimStore). coach.Service provides it.
type Claims interface {
	Claim(ctx context.Context, occ coach.Occurrence, holder string, lease time.Duration) (coach.Claim, error)
	MarkSent(ctx context.Context, occ coach.Occurrence, holder, ts string) error
	Release(ctx context.Context, occ coach.Occurrence, holder string) error
}

// Runner fires stored reminders on their schedules. Several replicas may run
// one each over a shared store: Claims make each occurrence go out once.
type Runner struct {
	Reminders Schedules
	Claims    Claims
	Deliver   Deliver
	// Holder names this replica in claims; unique per process.
	Holder    string
	DefaultTZ string
	// Lease is how long a claim protects an occurrence being delivered; a
	// replica that dies holding one delays that occurrence by about this much.
	Lease time.Duration
	// Grace is how far back occurrences missed while every replica was down
	// are still delivered (once, coalesced) when a replica starts.
	Grace time.Duration
	// Reload is how often schedules are re-read from the store, so a change
	// made on any replica reaches all of them, and unsent occurrences whose
	// holder died are taken over.
	Reload     time.Duration
	MaxCatchUp int
	// Concurrency bounds how many reminders a sweep checks and delivers at
	// once (default 32): deliveries wait on each channel's pace, so a
	// sequential sweep would stall behind one busy channel.
	Concurrency int
	Now         func() time.Time
	// Clock, when set, replaces Now and makes schedules play out at its
	// speed (the sandbox's fast clock); nil is real time, as in production.
	Clock  *Clock
	Logger *slog.Logger
	// Observer counts claimed, sent, skipped and failed occurrences; may be nil.
	Observer interface{ Reminder(outcome string) }

	mu      sync.Mutex
	cron    *cron.Cron
	ctx     context.Context
	entries map[string]entry // by team + "/" + reminder ID
	started time.Time
	stopped chan struct{} // closed by Stop
}

type entry struct {
	id   cron.EntryID
	spec string
}

// Defaults for the Runner's tunables.
const (
	DefaultLease      = 2 * time.Minute
	DefaultGrace      = 24 * time.Hour
	DefaultReload     = 10 * time.Second
	DefaultMaxCatchUp = 50
)

func (r *Runner) now() time.Time {
	if r.Clock != nil {
		return r.Clock.Now()
	}
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Runner) logger() *slog.Logger {
	if r.Logger != nil {
		return r.Logger
	}
	return slog.Default()
}

// Start loads every reminder, delivers what was missed within the grace
// window, and starts firing on schedule until Stop. ctx bounds the jobs' work.
func (r *Runner) Start(ctx context.Context) error {
	if r.Reminders == nil || r.Claims == nil || r.Deliver == nil || r.Holder == "" {
		return errors.New("remind: Runner needs Reminders, Claims, Deliver and Holder")
	}
	if r.Lease <= 0 {
		r.Lease = DefaultLease
	}
	if r.Grace <= 0 {
		r.Grace = DefaultGrace
	}
	if r.Reload <= 0 {
		r.Reload = DefaultReload
	}
	if r.MaxCatchUp <= 0 {
		r.MaxCatchUp = DefaultMaxCatchUp
	}
	if r.DefaultTZ == "" {
		r.DefaultTZ = "UTC"
	}
	logger := cronLogger{r.logger()}
	r.mu.Lock()
	r.ctx = ctx
	r.entries = map[string]entry{}
	r.started = r.now()
	// SkipIfStillRunning must wrap Recover (come first), so a job that panics
	// still releases its "running" flag.
	r.cron = cron.New(cron.WithLocation(time.UTC), cron.WithLogger(logger),
		cron.WithChain(cron.SkipIfStillRunning(logger), cron.Recover(logger)))
	stopped := make(chan struct{})
	r.stopped = stopped
	r.mu.Unlock()

	if err := r.reconcile(ctx, r.Grace); err != nil {
		return fmt.Errorf("remind: first load: %w", err)
	}
	r.cron.Schedule(cron.Every(r.Reload), cron.FuncJob(func() {
		if err := r.reconcile(ctx, r.lookback()); err != nil {
			r.logger().Warn("reminder reload failed", slog.Any("error", err))
		}
	}))
	r.cron.Start()
	if r.Clock != nil {
		go r.followClock(ctx, stopped)
	}
	return nil
}

// followClock re-plans every schedule when the clock changes speed: cron
// computed each next run in real time at the old speed.
func (r *Runner) followClock(ctx context.Context, stopped <-chan struct{}) {
	for {
		select {
		case <-r.Clock.Changed():
		case <-stopped:
			return
		case <-ctx.Done():
			return
		}
		r.mu.Lock()
		for key, e := range r.entries {
			r.cron.Remove(e.id)
			delete(r.entries, key)
		}
		r.mu.Unlock()
		if err := r.reconcile(ctx, r.lookback()); err != nil {
			r.logger().Warn("reminder re-plan after a clock change failed", slog.Any("error", err))
		}
	}
}

// Stop stops firing and returns a context done when running jobs finish.
func (r *Runner) Stop() context.Context {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cron == nil {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return ctx
	}
	select {
	case <-r.stopped:
	default:
		close(r.stopped)
	}
	return r.cron.Stop()
}

// lookback is how far back a regular check looks: far enough to take over an
// occurrence whose holder died (its lease expired) before the next reload,
// and to retry for an hour a delivery that failed and was released — but
// never further back than the grace window.
func (r *Runner) lookback() time.Duration {
	d := min(max(2*r.Lease+2*r.Reload, time.Hour), r.Grace)
	if r.Clock != nil {
		// Leases and reloads pass in real time; the window is in clock time.
		d = r.Clock.scale(d)
	}
	return d
}

// schedule is what cron waits on: the schedule itself, or its real-time
// image under the runner's clock.
func (r *Runner) schedule(s Schedule) cron.Schedule {
	if r.Clock != nil {
		return r.Clock.Schedule(s)
	}
	return s
}

// reconcile makes the cron entries match the stored reminders and checks each
// reminder for unsent occurrences within the last `window`.
func (r *Runner) reconcile(ctx context.Context, window time.Duration) error {
	teams, err := r.Reminders.Teams(ctx)
	if err != nil {
		return err
	}
	want := map[string]coach.Reminder{}
	for _, team := range teams {
		rs, err := r.Reminders.Reminders(ctx, team)
		if err != nil {
			return err
		}
		for _, rem := range rs {
			want[team+"/"+rem.ID] = rem
		}
	}
	r.mu.Lock()
	for key, e := range r.entries {
		if rem, ok := want[key]; !ok || rem.Spec != e.spec {
			r.cron.Remove(e.id)
			delete(r.entries, key)
		}
	}
	for key, rem := range want {
		if _, ok := r.entries[key]; ok {
			continue
		}
		sched, err := Parse(rem.Spec, r.DefaultTZ)
		if err != nil {
			r.logger().Warn("reminder has an unreadable schedule; skipped", slog.String("team", rem.TeamID), slog.String("reminder", rem.ID), slog.Any("error", err))
			continue
		}
		teamID, id := rem.TeamID, rem.ID
		eid := r.cron.Schedule(r.schedule(sched), cron.FuncJob(func() { r.check(r.ctx, teamID, id, r.lookback()) }))
		r.entries[key] = entry{id: eid, spec: rem.Spec}
	}
	r.mu.Unlock()

	workers := r.Concurrency
	if workers <= 0 {
		workers = 32
	}
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for _, rem := range want {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			r.checkReminder(ctx, rem, window)
		})
	}
	wg.Wait()
	return nil
}

// check re-reads one reminder (so a pause or snooze made on any replica
// applies) and delivers its unsent occurrences.
func (r *Runner) check(ctx context.Context, teamID, id string, window time.Duration) {
	rs, err := r.Reminders.Reminders(ctx, teamID)
	if err != nil {
		r.logger().Warn("reminder check: store unavailable", slog.String("team", teamID), slog.String("reminder", id), slog.Any("error", err))
		return
	}
	for _, rem := range rs {
		if rem.ID == id {
			r.checkReminder(ctx, rem, window)
			return
		}
	}
}

// checkReminder claims the unsent occurrences of rem in the window and
// delivers those it won in one message.
func (r *Runner) checkReminder(ctx context.Context, rem coach.Reminder, window time.Duration) {
	log := r.logger().With(slog.String("team", rem.TeamID), slog.String("reminder", rem.ID))
	if rem.Paused {
		return
	}
	sched, err := Parse(rem.Spec, r.DefaultTZ)
	if err != nil {
		return
	}
	now := r.now()
	occ := DueOccurrences(sched, rem, now.Add(-window), now, r.MaxCatchUp)
	// Each attempt claims under its own token: within one replica the
	// schedule's tick and the reload sweep may check the same reminder at
	// once, and a claim by the same holder would count as a renewal.
	holder := r.Holder + "/" + attemptID()
	var taken []time.Time
	for _, at := range occ {
		o := coach.Occurrence{TeamID: rem.TeamID, ReminderID: rem.ID, At: at}
		c, err := r.Claims.Claim(ctx, o, holder, r.Lease)
		if err != nil {
			// The claim may have been written all the same (a primary
			// that died before its replicas acknowledged it): under this
			// attempt's own token nobody would renew or release it, and
			// the occurrence would wait the whole lease. Give it up.
			log.Warn("reminder claim failed; given up for the next check", slog.Time("at", at), slog.Any("error", err))
			r.release(ctx, log, o, holder)
			continue
		}
		if c.Status == coach.ClaimTaken {
			taken = append(taken, at)
			r.observe("claimed")
		}
	}
	if len(taken) == 0 {
		return
	}
	held := make([]coach.Occurrence, len(taken))
	for i, at := range taken {
		held[i] = coach.Occurrence{TeamID: rem.TeamID, ReminderID: rem.ID, At: at}
	}
	stopRenewing := r.keepClaims(ctx, held, holder)
	due := Due{Reminder: rem, At: taken, confirm: func(ctx context.Context) error { return r.renew(ctx, held, holder, false) }}
	ts, err := r.Deliver(ctx, due)
	if errors.Is(err, ErrOutcomeUnknown) {
		// Never risk a second post: record it as done, and say so loudly.
		r.observe("failed")
		log.Error("reminder may or may not have been posted; not retried, to avoid a duplicate", slog.Any("error", err))
		ts, err = "unknown", nil
	}
	if err != nil {
		stopRenewing() // before releasing, or a renewal could take a claim back
		r.observe("failed")
		log.Warn("reminder delivery failed; released for a retry", slog.Int("occurrences", len(taken)), slog.Any("error", err))
		for _, at := range taken {
			r.release(ctx, log, coach.Occurrence{TeamID: rem.TeamID, ReminderID: rem.ID, At: at}, holder)
		}
		return
	}
	r.record(ctx, log, held, holder, ts)
	stopRenewing() // only now: until recorded, the claims must not expire
	if ts == "" {
		r.observe("skipped")
		log.Debug("reminder had nothing to say", slog.Int("occurrences", len(taken)))
		return
	}
	r.observe("sent")
	log.Info("reminder delivered", slog.String("ts", ts), slog.Int("occurrences", len(taken)))
}

// DueOccurrences lists the occurrences of rem in (from, now] that should go
// out: not before the reminder was last changed (a new or edited schedule does
// not replay its past), not while snoozed, plus the end of a snooze itself
// (snoozing means "bring it up again then"). At most max, the latest kept.
func DueOccurrences(s Schedule, rem coach.Reminder, from, now time.Time, max int) []time.Time {
	if !rem.UpdatedAt.IsZero() && rem.UpdatedAt.After(from) {
		from = rem.UpdatedAt
	}
	// Bound the work for frequent schedules: compute at most 10,000 and keep the tail.
	all := Occurrences(s, from, now, 10000)
	var out []time.Time
	for _, at := range all {
		if at.Before(rem.SnoozedUntil) {
			continue
		}
		out = append(out, at)
	}
	if su := rem.SnoozedUntil; !su.IsZero() && su.After(from) && !su.After(now) {
		out = append([]time.Time{su}, out...)
	}
	if len(out) > max {
		out = out[len(out)-max:]
	}
	return out
}

func (r *Runner) observe(outcome string) {
	if r.Observer != nil {
		r.Observer.Reminder(outcome)
	}
}

func attemptID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// cronLogger adapts slog to cron.Logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, slog.Any("error", err))...)
}

// release gives up holder's claim on o, with a fresh context: the release
// must happen even when ctx is being cancelled by a shutdown. One that
// fails leaves the claim to expire with its lease.
func (r *Runner) release(ctx context.Context, log *slog.Logger, o coach.Occurrence, holder string) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := r.Claims.Release(rctx, o, holder); err != nil {
		log.Warn("reminder release failed; the lease will expire", slog.Any("error", err))
	}
}
