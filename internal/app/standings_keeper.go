package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// The standings keeper (issue 15): every replica reads each team's kept
// standings at start and then every minute, so that a user's `health`, the
// App Home and the digest never pay for them:
//   - at start, the replica decodes every summary once (10,000 partners: a
//     few hundred milliseconds) before anyone asks;
//   - a summary whose time runs out (an event passing, a contribution
//     leaving the window; spread over the day) is computed again here, a
//     handful a minute, instead of piling up for the next reader.
// A summary changed by a write is not its business: the write moves the
// partner's generation on and the next reader, on any replica, computes it.

// standingsKeepEvery is how often a replica refreshes the standings.
const standingsKeepEvery = time.Minute

// standingsKeeper refreshes every team's kept standings.
type standingsKeeper struct {
	teams     func(ctx context.Context) ([]string, error)
	standings func(ctx context.Context, team string) ([]*coach.Summary, error)
	log       *slog.Logger
}

func newStandingsKeeper(svc *coach.Service, log *slog.Logger) *standingsKeeper {
	return &standingsKeeper{teams: svc.Teams, standings: svc.Standings, log: log}
}

// once refreshes every team and returns how many it read.
func (k *standingsKeeper) once(ctx context.Context) int {
	teams, err := k.teams(ctx)
	if err != nil {
		k.log.Warn("standings: could not list teams", slog.Any("error", err))
		return 0
	}
	n := 0
	for _, team := range teams {
		if ctx.Err() != nil {
			return n
		}
		begin := time.Now()
		sums, err := k.standings(ctx, team)
		if err != nil {
			k.log.Warn("standings: could not refresh", slog.String("team", team), slog.Any("error", err))
			continue
		}
		n++
		if took := time.Since(begin); took > time.Second {
			k.log.Info("standings refreshed", slog.String("team", team), slog.Int("partners", len(sums)), slog.Duration("took", took))
		}
	}
	return n
}

// run refreshes at once, then every interval, until ctx ends; done is
// closed when it has returned.
func (k *standingsKeeper) run(ctx context.Context, every time.Duration, done chan<- struct{}) {
	repeat(ctx, every, done, func() { k.once(ctx) })
}
