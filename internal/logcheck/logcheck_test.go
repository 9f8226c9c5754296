package logcheck_test

import (
	"errors"
	"log/slog"
	"testing"

	"github.com/partnercoach/partnercoach/internal/logcheck"
)

func TestLeaks(t *testing.T) {
	var c logcheck.Capture
	log := c.Logger()
	log.Info("connected", slog.String("team", "T1"))
	log.Debug("calling", slog.String("url", "https://slack.example/api/auth.test"))
	if got := logcheck.Leaks(c.String(), "s3cret"); len(got) != 0 {
		t.Fatalf("clean lines reported: %q", got)
	}
	for _, bad := range []any{"xoxb-1-2-abc", "xoxp-123-456", "xapp-1-A1-1-def", "token s3cret here", errors.New("auth failed for xoxe.xoxb-1-zz")} {
		var c logcheck.Capture
		c.Logger().Error("failed", slog.Any("error", bad))
		if got := logcheck.Leaks(c.String(), "s3cret"); len(got) != 1 {
			t.Errorf("%v: got %d leaking lines, want 1", bad, len(got))
		}
	}
	// Words that merely name the prefixes, as configuration errors do, are not tokens.
	if got := logcheck.Leaks(`it starts with xoxb- (OAuth & Permissions page) or xapp- (App-Level Tokens)`); len(got) != 0 {
		t.Fatalf("prefix names reported: %q", got)
	}
}
