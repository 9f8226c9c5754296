package slacksim

import (
	"context"
	"errors"
	"testing"

	"github.com/slack-go/slack"
)

// TestRevokeToken: calls with a revoked token are refused with
// token_revoked, as Slack does; the other token still works.
func TestRevokeToken(t *testing.T) {
	s := New()
	defer s.Close()
	ctx := context.Background()
	bot := slack.New(BotToken, slack.OptionAPIURL(s.URL()))
	app := slack.New("", slack.OptionAPIURL(s.URL()), slack.OptionAppLevelToken(AppToken))
	if _, err := bot.AuthTestContext(ctx); err != nil {
		t.Fatalf("auth.test before: %v", err)
	}
	s.RevokeToken(BotToken)
	var se slack.SlackErrorResponse
	if _, err := bot.AuthTestContext(ctx); !errors.As(err, &se) || se.Err != "token_revoked" {
		t.Errorf("auth.test with a revoked token: %v, want token_revoked", err)
	}
	if _, _, err := app.StartSocketModeContext(ctx); err != nil {
		t.Errorf("apps.connections.open with the app token: %v", err)
	}
	s.RevokeToken(AppToken)
	if _, _, err := app.StartSocketModeContext(ctx); !errors.As(err, &se) || se.Err != "token_revoked" {
		t.Errorf("apps.connections.open with a revoked token: %v, want token_revoked", err)
	}
	if n := s.SendRawFrame([]byte("x")); n != 0 {
		t.Errorf("SendRawFrame with no connection reached %d", n)
	}
}
