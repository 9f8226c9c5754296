package bot

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net"
	"time"

	"github.com/slack-go/slack"
)

// Slack calls fail in three ways, and each is retried only where a repeat
// cannot double what the user sees:
//
//   - Slack refused it (429 with Retry-After) or it never left (the dial
//     failed): nothing happened, so any call may be sent again.
//   - The answer was lost (a 5xx, a timeout, a reset): the call may have taken
//     effect. Updates and view publishes set a state and are sent again; a
//     new message (chat.postMessage, a response_url reply) is not, because a
//     second copy could appear — the user is told instead.
//   - Slack answered no (ok:false): retrying changes nothing.
const (
	retryAttempts = 4
	retryFirst    = 250 * time.Millisecond
	// retryAfterCap bounds one Retry-After wait, so a 429 storm cannot hold a
	// worker (and the user) for minutes.
	retryAfterCap = 5 * time.Second
)

// retrySafe reports whether err says the call did not take effect, and how
// long to wait before sending it again.
func retrySafe(err error, backoff time.Duration) (time.Duration, bool) {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return min(max(rl.RetryAfter, retryFirst), retryAfterCap), true
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return jitter(backoff), true
	}
	return 0, false
}

// retryIdempotent also covers lost answers: for calls that set a state.
func retryIdempotent(err error, backoff time.Duration) (time.Duration, bool) {
	if d, ok := retrySafe(err, backoff); ok {
		return d, true
	}
	if outcomeUnknown(err) {
		return jitter(backoff), true
	}
	return 0, false
}

// outcomeUnknown reports a failure after which Slack may have done the call.
func outcomeUnknown(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) {
		return sc.Code >= 500
	}
	var apiErr slack.SlackErrorResponse
	var rl *slack.RateLimitedError
	if errors.As(err, &apiErr) || errors.As(err, &rl) {
		return false
	}
	if _, ok := retrySafe(err, 0); ok {
		return false
	}
	var ne net.Error
	return errors.As(err, &ne) || isTimeout(err)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// withRetry runs call until it succeeds, retry says no, ctx ends or the
// attempts run out, and returns the last error.
func (b *Bot) withRetry(ctx context.Context, what string, retry func(error, time.Duration) (time.Duration, bool), call func(context.Context) error) error {
	backoff := retryFirst
	for attempt := 1; ; attempt++ {
		err := call(ctx)
		if err == nil {
			return nil
		}
		wait, ok := retry(err, backoff)
		if !ok || attempt == retryAttempts {
			return err
		}
		b.log.Warn("slack call failed; retrying", slog.String("call", what), slog.Int("attempt", attempt), slog.Duration("wait", wait), slog.Any("error", err))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return err
		}
		backoff *= 2
	}
}

// jitter spreads retries of many workers over [d/2, d).
func jitter(d time.Duration) time.Duration {
	return d/2 + rand.N(d/2+1)
}

// postAnswer posts rp's answer to a channel, sent again only when Slack
// surely did not take it.
func (b *Bot) postAnswer(ctx context.Context, rp *reply, channel string, bl []slack.Block) (string, error) {
	var ts string
	err := b.withRetry(ctx, "chat.postMessage", retrySafe, func(ctx context.Context) error {
		var err error
		ts, err = b.post(ctx, rp, channel, bl)
		return err
	})
	return ts, err
}
