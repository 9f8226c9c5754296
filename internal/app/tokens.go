package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// Variables naming the two tokens, as errors and /readyz name them.
const (
	BotTokenVar = "SLACK_BOT_TOKEN"
	AppTokenVar = "SLACK_APP_TOKEN"
)

// DefaultTokenCheckInterval is how often a running app asks Slack whether
// its tokens still hold (auth.test and apps.connections.open are both Tier 1
// methods, allowed at least once a minute).
const DefaultTokenCheckInterval = 5 * time.Minute

// authErrors are Slack's answers that mean the token itself is refused.
var authErrors = []string{"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "not_allowed_token_type", "team_disabled"}

// TokenError says Slack refused a token: Var names its variable.
type TokenError struct {
	Var  string // SLACK_BOT_TOKEN or SLACK_APP_TOKEN
	Code string // Slack's error, e.g. invalid_auth, token_revoked
}

func (e *TokenError) Error() string {
	return fmt.Sprintf("%s: Slack refused the token (%s)", e.Var, e.Code)
}

// tokenError is a *TokenError when err is Slack refusing the token of
// variable, else err with the variable in front.
func tokenError(variable string, err error) error {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) && slices.Contains(authErrors, se.Err) {
		return &TokenError{Var: variable, Code: se.Err}
	}
	return fmt.Errorf("%s: checking it with Slack: %w", variable, err)
}

// CheckTokens asks Slack about both tokens: the bot token with auth.test,
// the app token by opening a Socket Mode connection (apps.connections.open,
// whose URL is then left unused). A refused token is a *TokenError.
func (a *App) CheckTokens(ctx context.Context) error {
	opts := []slack.Option{slack.OptionHTTPClient(a.client)}
	if a.cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(a.cfg.APIURL))
	}
	if _, err := slack.New(a.cfg.BotToken, opts...).AuthTestContext(ctx); err != nil {
		return tokenError(BotTokenVar, err)
	}
	app := slack.New("", append(opts, slack.OptionAppLevelToken(a.cfg.AppToken))...)
	if _, _, err := app.StartSocketModeContext(ctx); err != nil {
		return tokenError(AppTokenVar, err)
	}
	return nil
}

// tokenState is what the last check found: nil while both tokens hold.
type tokenState struct {
	mu  sync.Mutex
	err *TokenError
}

func (s *tokenState) get() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		return nil
	}
	return s.err
}

// set records a check's outcome and reports whether it changed.
func (s *tokenState) set(err *TokenError) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := (s.err == nil) != (err == nil) || (err != nil && *err != *s.err)
	s.err = err
	return changed
}

// watchTokens checks both tokens every interval until ctx ends. A token
// Slack refuses (revoked, say) turns /readyz to 503 naming its variable,
// with an error log line; one that holds again clears it. Other failures
// (Slack unreachable) change nothing: the connection's own check covers them.
func (a *App) watchTokens(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		checkCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := a.CheckTokens(checkCtx)
		cancel()
		var te *TokenError
		switch {
		case errors.As(err, &te):
			if a.tokens.set(te) {
				a.logger.Error("Slack refused a token: fix the variable and restart", slog.String("variable", te.Var), slog.String("error", te.Code))
			}
		case err == nil:
			if a.tokens.set(nil) {
				a.logger.Info("Slack accepts both tokens again")
			}
		case ctx.Err() == nil:
			a.logger.Warn("token check failed", slog.Any("error", err))
		}
	}
}
