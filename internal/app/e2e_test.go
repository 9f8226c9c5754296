package app_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/internal/app"
	"github.com/partnercoach/partnercoach/internal/logcheck"
	"github.com/partnercoach/partnercoach/internal/ops"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/slacksim"
	"go.uber.org/goleak"
)

// syncBuffer collects log lines from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// noKeepAlive keeps the test's own probes from leaving idle connections
// (and their goroutines) behind for goleak to find.
var noKeepAlive = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 2 * time.Second}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := noKeepAlive.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// simConfig is the configuration main would read to run against sim.
func simConfig(t *testing.T, sim *slacksim.Server, extra map[string]string) app.Config {
	t.Helper()
	kv := map[string]string{
		"SLACK_APP_TOKEN":  slacksim.AppToken,
		"SLACK_BOT_TOKEN":  slacksim.BotToken,
		"SLACK_API_URL":    sim.URL(),
		"DATA_PATH":        t.TempDir() + "/pc.db",
		"HTTP_ADDR":        "127.0.0.1:0",
		"LOG_LEVEL":        "debug",
		"SHUTDOWN_TIMEOUT": "5s",
	}
	for k, v := range extra {
		kv[k] = v
	}
	cfg, err := app.LoadConfig(env(kv))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Version = "e2e"
	return cfg
}

// visibleTo is everything user can see in channel: the channel's messages
// and the ephemerals shown to user there.
func visibleTo(sim *slacksim.Server, user, channel string) string {
	var parts []string
	for _, m := range sim.Messages(channel) {
		parts = append(parts, m.Visible())
	}
	for _, m := range sim.Ephemerals(user) {
		if m.Channel == channel || m.Channel == "" {
			parts = append(parts, m.Visible())
		}
	}
	return strings.Join(parts, "\n---\n")
}

// TestEndToEnd starts the App exactly as main does (LoadConfig, New, Run,
// Close) against the Slack simulator over a real WebSocket and a private
// Redis, runs one /partner add and /partner list, then shuts down as on
// SIGTERM and checks that everything stopped and no token reached the logs.
func TestEndToEnd(t *testing.T) {
	redis := redistest.Start(t)
	leaks := goleak.IgnoreCurrent()
	sim := slacksim.New()
	defer func() {
		sim.Close()
		goleak.VerifyNone(t, leaks)
	}()

	var logs syncBuffer
	cfg := simConfig(t, sim, map[string]string{"REDIS_URL": redis.URL()})
	logger := app.NewLogger(cfg, &logs)

	ctx, cancelTest := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancelTest()
	a, err := app.New(ctx, cfg, logger)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, sigterm := context.WithCancel(ctx)
	runErr := make(chan error, 1)
	go func() { runErr <- a.Run(runCtx) }()

	base := "http://" + a.HTTPAddr()
	waitReady(t, ctx, base)

	const user, channel = "U0ALICE", "C0PARTNERS"
	if _, err := sim.SlashCommand(ctx, user, channel, "/partner", "add Acme Cloud reseller"); err != nil {
		t.Fatalf("/partner add: %v", err)
	}
	if err := sim.WaitFor(ctx, func() bool { return strings.Contains(visibleTo(sim, user, channel), "Acme Cloud") }); err != nil {
		t.Fatalf("no answer to /partner add naming the partner: %v\nseen:\n%s", err, visibleTo(sim, user, channel))
	}
	before := visibleTo(sim, user, channel)
	if _, err := sim.SlashCommand(ctx, user, channel, "/partner", "list"); err != nil {
		t.Fatalf("/partner list: %v", err)
	}
	if err := sim.WaitFor(ctx, func() bool {
		now := visibleTo(sim, user, channel)
		return len(now) > len(before) && strings.Contains(now[len(before):], "Acme Cloud")
	}); err != nil {
		t.Fatalf("/partner list does not show the partner: %v\nseen:\n%s", err, visibleTo(sim, user, channel))
	}

	wants := []string{
		ops.MetricSlackCalls + `{method="apps.connections.open",status="ok"}`,
		ops.MetricStoreLatency + `_count{op="CreatePartner"} 1`,
		ops.MetricStoreLatency + `_count{op="PartnersPage"}`, // list reads one page through the index (issue 15)
		ops.MetricEnvelopes + `{outcome="handled",type="slash_commands"}`,
		ops.MetricAckLatency + `_count{type="slash_commands"}`,
	}
	// An envelope is counted when its handler returns, just after the reply
	// the test has seen: give it a moment on a loaded machine.
	var metrics string
	_ = sim.WaitFor(ctx, func() bool {
		_, metrics = httpGet(t, base+ops.PathMetrics)
		for _, want := range wants {
			if !strings.Contains(metrics, want) {
				return false
			}
		}
		return true
	})
	for _, want := range wants {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	// SIGTERM: main cancels Run's context, then calls Close.
	sigterm()
	select {
	case err := <-runErr:
		if err != nil {
			t.Errorf("Run after cancel: %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return within 5 s of the cancel")
	}
	closeCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := a.Close(closeCtx); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := sim.WaitFor(ctx, func() bool { return sim.Connections() == 0 }); err != nil {
		t.Errorf("the Socket Mode connection is still open after Close: %v", err)
	}
	if code, _ := httpGet(t, base+ops.PathHealth); code != 0 {
		t.Errorf("the ops server still answers after Close (%d)", code)
	}
	assertNoSecrets(t, logs.String(), slacksim.BotToken, slacksim.AppToken)
}

func waitReady(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	for {
		code, body := httpGet(t, base+ops.PathReady)
		if code == http.StatusOK {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("never ready: last %d %s", code, body)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// assertNoSecrets fails for every line of text holding one of the secrets or
// anything shaped like a Slack token (logcheck.Leaks).
func assertNoSecrets(t *testing.T, text string, secrets ...string) {
	t.Helper()
	for _, line := range logcheck.Leaks(text, secrets...) {
		t.Errorf("a secret or a token appears in: %.40s…", line)
	}
}

// quietLogger is a logger for tests that do not read the logs, checked for
// tokens when the test ends all the same.
func quietLogger(t *testing.T) *slog.Logger {
	t.Helper()
	var logs logcheck.Capture
	t.Cleanup(func() { assertNoSecrets(t, logs.String(), slacksim.BotToken, slacksim.AppToken) })
	return logs.Logger()
}

// TestNew_Failures: startup errors name the variable at fault and never the
// secret in it.
func TestNew_Failures(t *testing.T) {
	leaks := goleak.IgnoreCurrent()
	sim := slacksim.New()
	defer func() {
		sim.Close()
		// A process that failed to start leaves nothing running behind.
		goleak.VerifyNone(t, leaks)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	t.Run("ErrRedisDown", func(t *testing.T) {
		var logs syncBuffer
		cfg := simConfig(t, sim, map[string]string{"REDIS_URL": "redis://:hunter2secret@127.0.0.1:1/0"})
		_, err := app.New(ctx, cfg, app.NewLogger(cfg, &logs))
		if err == nil || !strings.HasPrefix(err.Error(), "REDIS_URL: ") {
			t.Fatalf("got %v, want an error naming REDIS_URL", err)
		}
		assertNoSecrets(t, err.Error()+logs.String(), "hunter2secret")
	})

	t.Run("ErrTemplates", func(t *testing.T) {
		cfg := simConfig(t, sim, map[string]string{"CHECKLIST_TEMPLATES": t.TempDir() + "/missing.json"})
		_, err := app.New(ctx, cfg, quietLogger(t))
		if err == nil || !strings.HasPrefix(err.Error(), "CHECKLIST_TEMPLATES: ") {
			t.Fatalf("got %v, want an error naming CHECKLIST_TEMPLATES", err)
		}
	})

	t.Run("ErrDataFileLocked", func(t *testing.T) {
		cfg := simConfig(t, sim, nil)
		first, err := app.New(ctx, cfg, quietLogger(t))
		if err != nil {
			t.Fatal(err)
		}
		defer first.Close(ctx)
		_, err = app.New(ctx, cfg, quietLogger(t))
		if err == nil || !strings.HasPrefix(err.Error(), "DATA_PATH: ") {
			t.Fatalf("second process on one data file: got %v, want an error naming DATA_PATH", err)
		}
	})

	t.Run("ErrPortTaken", func(t *testing.T) {
		cfg := simConfig(t, sim, nil)
		first, err := app.New(ctx, cfg, quietLogger(t))
		if err != nil {
			t.Fatal(err)
		}
		defer first.Close(ctx)
		cfg2 := simConfig(t, sim, map[string]string{"HTTP_ADDR": first.HTTPAddr()})
		_, err = app.New(ctx, cfg2, quietLogger(t))
		if err == nil || !strings.HasPrefix(err.Error(), "HTTP_ADDR: ") {
			t.Fatalf("got %v, want an error naming HTTP_ADDR", err)
		}
	})

	t.Run("ErrRevokedToken", func(t *testing.T) {
		const wrong = "xoxb-999-999-wrongsecretbot"
		var logs syncBuffer
		cfg := simConfig(t, sim, map[string]string{"SLACK_BOT_TOKEN": wrong, "SLACK_APP_TOKEN": "xapp-1-A9-9-wrongsecretapp"})
		a, err := app.New(ctx, cfg, app.NewLogger(cfg, &logs))
		if err == nil {
			err = a.Run(ctx) // the bot learns of the bad token on connecting
			_ = a.Close(ctx)
		}
		if err == nil {
			t.Fatal("a rejected token gave no error")
		}
		assertNoSecrets(t, err.Error()+logs.String(), wrong, "wrongsecretapp")
	})
}
