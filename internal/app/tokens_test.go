package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/internal/app"
	"github.com/partnercoach/partnercoach/slacksim"
)

// TestTokens_CheckedAtStartup: a token Slack refuses stops Run before the
// app reports ready, naming its variable.
func TestTokens_CheckedAtStartup(t *testing.T) {
	for _, tc := range []struct{ variable, bot, app string }{
		{app.BotTokenVar, "xoxb-0-0-wrong", slacksim.AppToken},
		{app.AppTokenVar, slacksim.BotToken, "xapp-1-A0-0-wrong"},
	} {
		t.Run(tc.variable, func(t *testing.T) {
			sim := slacksim.New()
			defer sim.Close()
			cfg := simConfig(t, sim, map[string]string{"SLACK_BOT_TOKEN": tc.bot, "SLACK_APP_TOKEN": tc.app})
			var logs syncBuffer
			a, err := app.New(context.Background(), cfg, app.NewLogger(cfg, &logs))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err = a.Run(ctx)
			if cerr := a.Close(ctx); cerr != nil {
				t.Errorf("close: %v", cerr)
			}
			var te *app.TokenError
			if !errors.As(err, &te) || te.Var != tc.variable || te.Code != "invalid_auth" {
				t.Fatalf("Run: %v; want a TokenError naming %s (invalid_auth)", err, tc.variable)
			}
			if sim.Connections() != 0 {
				t.Errorf("the bot connected with a refused token")
			}
		})
	}
}

// TestTokens_RevokedLater: a token revoked while the app runs turns /readyz
// to 503 naming its variable, with an error log line.
func TestTokens_RevokedLater(t *testing.T) {
	sim := slacksim.New()
	defer sim.Close()
	r := &running{t: t, sim: sim, logs: &syncBuffer{}, runErr: make(chan error, 1)}
	r.cfg = simConfig(t, sim, nil)
	r.cfg.TokenCheckInterval = 100 * time.Millisecond
	a, err := app.New(context.Background(), r.cfg, app.NewLogger(r.cfg, r.logs))
	if err != nil {
		t.Fatal(err)
	}
	r.app = a
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { r.runErr <- a.Run(ctx) }()
	r.base = "http://" + a.HTTPAddr()
	readyCtx, done := context.WithTimeout(ctx, 15*time.Second)
	defer done()
	waitReady(t, readyCtx, r.base)

	sim.RevokeToken(slacksim.BotToken)
	var code int
	var body string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if code, body = httpGet(t, r.base+"/readyz"); code == 503 {
			break
		}
	}
	if code != 503 || !strings.Contains(body, "SLACK_BOT_TOKEN") || !strings.Contains(body, "token_revoked") {
		t.Fatalf("/readyz after the bot token was revoked: %d %s; want 503 naming SLACK_BOT_TOKEN", code, body)
	}
	logs := r.logs.String()
	if !strings.Contains(logs, `"level":"ERROR"`) || !strings.Contains(logs, `"variable":"SLACK_BOT_TOKEN"`) {
		t.Errorf("no error log line naming the variable:\n%s", logs)
	}
	if strings.Contains(logs, slacksim.BotToken) {
		t.Errorf("a token appears in the logs")
	}
	if _, err := r.stop(); err != nil {
		t.Error(err)
	}
}
