package slacksim

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

// TestFaults_Switches checks the fault switches with the real slack-go client:
// the error shapes it sees, and whether the call took effect.
func TestFaults_Switches(t *testing.T) {
	s := New()
	defer s.Close()
	api := client(s, BotToken)
	ctx := context.Background()

	t.Run("5xxNotApplied", func(t *testing.T) {
		s.FailNext("chat.postMessage", http.StatusServiceUnavailable, 1, false)
		before := len(s.Messages("C0PARTNERS"))
		_, _, err := api.PostMessageContext(ctx, "C0PARTNERS", slack.MsgOptionText("hi", false))
		var sc slack.StatusCodeError
		if !errors.As(err, &sc) || sc.Code != http.StatusServiceUnavailable {
			t.Fatalf("got %v, want a 503 StatusCodeError", err)
		}
		if n := len(s.Messages("C0PARTNERS")) - before; n != 0 {
			t.Fatalf("%d messages posted, want none", n)
		}
		if _, _, err := api.PostMessageContext(ctx, "C0PARTNERS", slack.MsgOptionText("hi", false)); err != nil {
			t.Fatalf("the next call: %v, want ok (one failure only)", err)
		}
	})
	t.Run("5xxApplied", func(t *testing.T) {
		s.FailNext("chat.postMessage", http.StatusInternalServerError, 1, true)
		before := len(s.Messages("C0PARTNERS"))
		_, _, err := api.PostMessageContext(ctx, "C0PARTNERS", slack.MsgOptionText("posted anyway", false))
		var sc slack.StatusCodeError
		if !errors.As(err, &sc) || sc.Code != http.StatusInternalServerError {
			t.Fatalf("got %v, want a 500", err)
		}
		if n := len(s.Messages("C0PARTNERS")) - before; n != 1 {
			t.Fatalf("%d messages posted, want 1: the call took effect", n)
		}
	})
	t.Run("429OnResponseURL", func(t *testing.T) {
		_, url := s.issue("C0PARTNERS", "U0ALICE", "")
		s.FailNextContaining(MethodResponseURL, "second", http.StatusTooManyRequests, 1, false)
		msg := func(text string) *slack.WebhookMessage { return &slack.WebhookMessage{Text: text} }
		if err := slack.PostWebhookContext(ctx, url, msg("first")); err != nil {
			t.Fatalf("a reply the fault does not aim at: %v", err)
		}
		var rl *slack.RateLimitedError
		if err := slack.PostWebhookContext(ctx, url, msg("second")); !errors.As(err, &rl) || rl.RetryAfter != time.Second {
			t.Fatalf("got %v, want RateLimitedError{1s}", err)
		}
	})
	t.Run("Latency", func(t *testing.T) {
		s.SetLatency(300 * time.Millisecond)
		defer s.SetLatency(0)
		start := time.Now()
		if _, err := api.AuthTestContext(ctx); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d < 300*time.Millisecond {
			t.Fatalf("answered in %v, want at least the latency", d)
		}
	})
}
