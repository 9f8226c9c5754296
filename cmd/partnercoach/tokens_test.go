package main_test

import (
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/slacksim"
)

// TestWrongToken: a token Slack refuses exits 2 at startup, naming the
// variable, never quoting the token.
func TestWrongToken(t *testing.T) {
	sim := slacksim.New()
	defer sim.Close()
	for _, tc := range []struct{ variable, bot, app string }{
		{"SLACK_BOT_TOKEN", "xoxb-0-0-s3cretwrong", slacksim.AppToken},
		{"SLACK_APP_TOKEN", slacksim.BotToken, "xapp-1-A0-0-s3cretwrong"},
	} {
		t.Run(tc.variable, func(t *testing.T) {
			r := run(t, []string{"SLACK_APP_TOKEN=" + tc.app, "SLACK_BOT_TOKEN=" + tc.bot, "SLACK_API_URL=" + sim.URL(),
				"DATA_PATH=" + t.TempDir() + "/pc.db", "HTTP_ADDR=", "LOG_LEVEL=warn"})
			if r.code != 2 {
				t.Errorf("exit %d, want 2; stderr:\n%s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.variable+": Slack refused the token (invalid_auth)") {
				t.Errorf("stderr does not name %s:\n%s", tc.variable, r.stderr)
			}
			if strings.Contains(r.stderr, "s3cret") {
				t.Errorf("stderr quotes the token:\n%s", r.stderr)
			}
		})
	}
}
