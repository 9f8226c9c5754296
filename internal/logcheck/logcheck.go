// Package logcheck keeps what a test's loggers write and checks that no
// secret reached it: the end-to-end tests give the bot, the app and the
// reminder runner a Capture, then call Check with the tokens in play.
// Imported by tests only.
package logcheck

import (
	"bytes"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// tokenShape matches anything shaped like a Slack token (bot, user, app
// level, refresh…), whoever it belongs to.
var tokenShape = regexp.MustCompile(`xox[a-z]-[A-Za-z0-9-]{3,}|xapp-[A-Za-z0-9-]{3,}`)

// Capture is an io.Writer for log handlers, safe for concurrent use.
type Capture struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *Capture) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.Write(p)
}

// String is everything written so far.
func (c *Capture) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

// Logger is a JSON logger at debug level writing to c.
func (c *Capture) Logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(c, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// Leaks returns the lines of text holding one of the secrets or anything
// shaped like a Slack token.
func Leaks(text string, secrets ...string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if tokenShape.MatchString(line) || containsAny(line, secrets) {
			out = append(out, line)
		}
	}
	return out
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if sub != "" && strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// Check fails t for every log line holding a secret or a token-shaped
// string, and when nothing was logged at all (a capture that never saw a
// line proves nothing).
func (c *Capture) Check(t testing.TB, secrets ...string) {
	t.Helper()
	text := c.String()
	if strings.TrimSpace(text) == "" {
		t.Errorf("logcheck: nothing was logged; is the capture wired to the logger?")
	}
	for _, line := range Leaks(text, secrets...) {
		t.Errorf("a log line holds a token: %s", redact(line))
	}
}

// redact masks token-shaped strings so the failure itself does not print one.
func redact(s string) string {
	return tokenShape.ReplaceAllStringFunc(s, func(tok string) string { return tok[:5] + "…" })
}

var _ io.Writer = (*Capture)(nil)
