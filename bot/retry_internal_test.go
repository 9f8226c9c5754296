package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

// TestRetryClassification: which failures may be sent again, and which
// leave the outcome unknown, for the error shapes slack-go returns.
func TestRetryClassification(t *testing.T) {
	dial := &url.Error{Op: "Post", URL: "http://x", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}
	reset := &url.Error{Op: "Post", URL: "http://x", Err: io.ErrUnexpectedEOF}
	timeout := &url.Error{Op: "Post", URL: "http://x", Err: os.ErrDeadlineExceeded}
	for _, c := range []struct {
		name            string
		err             error
		safe, idem, unk bool
	}{
		{"RateLimited", &slack.RateLimitedError{RetryAfter: time.Second}, true, true, false},
		{"DialFailed", fmt.Errorf("failed to post webhook: %w", dial), true, true, false},
		{"5xx", slack.StatusCodeError{Code: 503}, false, true, true},
		{"Reset", reset, false, true, true},
		{"Timeout", timeout, false, true, true},
		{"SlackSaidNo", slack.SlackErrorResponse{Err: "channel_not_found"}, false, false, false},
		{"4xx", slack.StatusCodeError{Code: 404}, false, false, false},
		{"Canceled", &url.Error{Op: "Post", URL: "http://x", Err: context.Canceled}, false, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, safe := retrySafe(c.err, time.Second)
			_, idem := retryIdempotent(c.err, time.Second)
			if unk := outcomeUnknown(c.err); safe != c.safe || idem != c.idem || unk != c.unk {
				t.Errorf("retrySafe %v, retryIdempotent %v, outcomeUnknown %v; want %v, %v, %v", safe, idem, unk, c.safe, c.idem, c.unk)
			}
		})
	}
	if d, _ := retrySafe(&slack.RateLimitedError{RetryAfter: time.Hour}, time.Second); d != retryAfterCap {
		t.Errorf("a Retry-After of an hour waits %v, want the cap %v", d, retryAfterCap)
	}
}
