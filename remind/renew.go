package remind

import (
	"context"
	"log/slog"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// keepClaims renews holder's claims on occs every third of the lease until
// the returned stop is called. A delivery can outlast the lease — it waits
// for its channel's pace, Slack can be slow — and without renewal another
// replica would take the occurrence over mid-post and post it a second time.
// A replica that dies stops renewing, so takeover after the lease still works.
func (r *Runner) keepClaims(ctx context.Context, occs []coach.Occurrence, holder string) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(r.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			for _, o := range occs {
				c, err := r.Claims.Claim(ctx, o, holder, r.Lease)
				if err != nil {
					r.logger().Warn("reminder claim renewal failed", slog.String("reminder", o.ReminderID), slog.Time("at", o.At), slog.Any("error", err))
				} else if c.Status != coach.ClaimTaken {
					r.logger().Warn("reminder claim lost while delivering; it may be posted twice", slog.String("reminder", o.ReminderID), slog.Time("at", o.At), slog.String("status", string(c.Status)))
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
