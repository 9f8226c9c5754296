package app

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// The weekly health snapshot (issue 16): every partner's score once a week,
// what the 13-week health chart draws. Each replica looks every hour; the
// reminders' claims make one replica take each team's week, so the sweep
// runs once across replicas, and a week missed while none ran is taken at
// the next start.

// healthSweepID names the sweep's occurrences in the claim store.
const healthSweepID = "health-snapshot"

// healthSweepEvery is how often a replica looks for a week to take.
const healthSweepEvery = time.Hour

// healthSweep takes the snapshots of the current week for every team.
type healthSweep struct {
	svc      *coach.Service
	holder   string
	log      *slog.Logger
	lease    time.Duration
	snapshot func(ctx context.Context, team string) (int, error) // svc.SnapshotHealth
}

func newHealthSweep(svc *coach.Service, holder string, log *slog.Logger) *healthSweep {
	return &healthSweep{svc: svc, holder: holder, log: log, lease: 10 * time.Minute, snapshot: svc.SnapshotHealth}
}

// once sweeps every team whose week nobody took yet, and returns how many
// teams this replica snapshotted.
func (h *healthSweep) once(ctx context.Context) int {
	teams, err := h.svc.Teams(ctx)
	if err != nil {
		h.log.Warn("health snapshot: could not list teams", slog.Any("error", err))
		return 0
	}
	week := coach.WeekOf(h.svc.Now())
	done := 0
	for _, team := range teams {
		occ := coach.Occurrence{TeamID: team, ReminderID: healthSweepID, At: week}
		c, err := h.svc.Claim(ctx, occ, h.holder, h.lease)
		if err != nil || c.Status != coach.ClaimTaken {
			if err != nil {
				h.log.Warn("health snapshot: claim failed", slog.String("team", team), slog.Any("error", err))
			}
			continue
		}
		n, err := h.snapshot(ctx, team)
		if err != nil {
			h.log.Warn("health snapshot failed; another look in an hour", slog.String("team", team), slog.Any("error", err))
			_ = h.svc.Release(context.WithoutCancel(ctx), occ, h.holder)
			continue
		}
		if err := h.svc.MarkSent(ctx, occ, h.holder, strconv.Itoa(n)); err != nil {
			h.log.Warn("health snapshot: could not mark the week done", slog.String("team", team), slog.Any("error", err))
		}
		h.log.Info("health snapshot taken", slog.String("team", team), slog.Int("partners", n))
		done++
	}
	return done
}

// run sweeps at once, then every interval, until ctx ends; done is closed
// when it has returned.
func (h *healthSweep) run(ctx context.Context, every time.Duration, done chan<- struct{}) {
	repeat(ctx, every, done, func() { h.once(ctx) })
}

// repeat calls fn at once, then every interval, until ctx ends; done is
// closed when it has returned. The replica's background jobs run on it.
func repeat(ctx context.Context, every time.Duration, done chan<- struct{}, fn func()) {
	defer close(done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		fn()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
