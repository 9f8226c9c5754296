package remind

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// ErrClaimLost is returned by Due.Confirm when another replica has taken
// over (or already sent) an occurrence of the delivery: posting now could
// post it twice.
var ErrClaimLost = errors.New("reminder claim lost to another replica")

// Confirm renews the claims of the delivery d stands for and returns
// ErrClaimLost if any of them is no longer this replica's. A Deliver calls it
// right before posting, after any wait: a replica that stalled longer than
// the lease (a long GC pause, a starved machine) then gives the occurrence up
// instead of posting it a second time. A Due the Runner did not make (a
// test's) holds no claim, and Confirm returns nil.
func (d Due) Confirm(ctx context.Context) error {
	if d.confirm == nil {
		return nil
	}
	return d.confirm(ctx)
}

// renew claims occs again for holder, which extends the lease of a claim it
// still holds; it fails if another holder has one or, unless sentOK, if it
// was already sent. (While the delivery records itself as sent, the renewals
// still running find their own record.)
func (r *Runner) renew(ctx context.Context, occs []coach.Occurrence, holder string, sentOK bool) error {
	for _, o := range occs {
		c, err := r.Claims.Claim(ctx, o, holder, r.Lease)
		if err != nil {
			return fmt.Errorf("renew claim: %w", err)
		}
		if c.Status == coach.ClaimHeld || c.Status == coach.ClaimSent && !sentOK {
			return fmt.Errorf("%w: %s at %s is %s", ErrClaimLost, o.ReminderID, o.At.Format(time.RFC3339), c.Status)
		}
	}
	return nil
}

// keepClaims renews holder's claims on occs every third of the lease until
// the returned stop is called, once the delivery is recorded. A delivery can
// outlast the lease — it waits for its channel's pace, Slack can be slow, and
// recording several occurrences takes a round trip each — and without
// renewal another replica would take an occurrence over and post it a second
// time. A replica that dies stops renewing, so takeover after the lease
// still works.
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
			if err := r.renew(ctx, occs, holder, true); err != nil {
				r.logger().Warn("reminder claim renewal failed", slog.Any("error", err))
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// recordFor bounds how long a replica keeps trying to record a delivery.
const recordFor = 10 * time.Second

// record marks occs sent in message ts. A failing store is retried for up to
// a lease (at most recordFor, so a shutdown is not held up long), the claims
// still renewed meanwhile: MarkSent is idempotent, and an occurrence posted
// but not recorded is posted again by whichever replica takes it over once
// the lease expires.
func (r *Runner) record(ctx context.Context, log *slog.Logger, occs []coach.Occurrence, holder, ts string) {
	deadline := time.Now().Add(min(r.Lease, recordFor))
	for _, o := range occs {
		for attempt := 0; ; attempt++ {
			// A fresh context: a shutdown must not stop the recording.
			mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			err := r.Claims.MarkSent(mctx, o, holder, ts)
			cancel()
			if err == nil {
				break
			}
			if time.Now().After(deadline) {
				log.Error("reminder sent but not recorded; it may be sent again after the lease", slog.Time("at", o.At), slog.String("ts", ts), slog.Any("error", err))
				break
			}
			time.Sleep(min(50*time.Millisecond<<attempt, time.Second))
		}
	}
}
