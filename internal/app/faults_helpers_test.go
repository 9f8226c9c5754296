package app_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/internal/app"
	"github.com/partnercoach/partnercoach/internal/ops"
	"github.com/partnercoach/partnercoach/slacksim"
	goredis "github.com/redis/go-redis/v9"
)

// ackBound is how long an ack may take in these tests: well within Slack's
// 3 s even on a loaded two-core machine with the race detector; the figures
// measured are in docs/reliability.md.
const ackBound = 2 * time.Second

func init() {
	// go-redis prints every failed dial of its pool to stderr: thousands of
	// lines while Redis is down, which slow the fault tests down. What the
	// app itself logs goes through slog as usual.
	goredis.SetLogger(quietRedis{})
}

type quietRedis struct{}

func (quietRedis) Printf(context.Context, string, ...any) {}

// running is one App started as main starts it (LoadConfig, New, Run), for
// the fault tests; stop shuts it down as on SIGTERM (cancel, then Close).
type running struct {
	t      *testing.T
	sim    *slacksim.Server
	app    *app.App
	cfg    app.Config
	logs   *syncBuffer
	base   string
	runErr chan error
	cancel context.CancelFunc
}

func startRunning(t *testing.T, sim *slacksim.Server, extra map[string]string) *running {
	t.Helper()
	r := &running{t: t, sim: sim, logs: &syncBuffer{}, runErr: make(chan error, 1)}
	r.cfg = simConfig(t, sim, extra)
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
	return r
}

// stop cancels Run and calls Close with the configured shutdown timeout,
// and returns how long the whole shutdown took.
func (r *running) stop() (time.Duration, error) {
	start := time.Now()
	r.cancel()
	select {
	case err := <-r.runErr:
		if err != nil {
			return time.Since(start), fmt.Errorf("Run: %w", err)
		}
	case <-time.After(r.cfg.ShutdownTimeout + 5*time.Second):
		return time.Since(start), fmt.Errorf("Run did not return")
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.cfg.ShutdownTimeout)
	defer cancel()
	err := r.app.Close(ctx)
	return time.Since(start), err
}

// alive fails the test if Run has returned (the process would have exited).
func (r *running) alive() {
	r.t.Helper()
	select {
	case err := <-r.runErr:
		r.t.Fatalf("the app stopped on its own: %v\nlogs:\n%s", err, r.logs.String())
	default:
	}
	if code, _ := httpGet(r.t, r.base+ops.PathHealth); code != http.StatusOK {
		r.t.Fatalf("/healthz answers %d", code)
	}
}

// metric reads one sample of /metrics by its full name and labels; 0 when absent.
func (r *running) metric(sample string) float64 {
	_, body := httpGet(r.t, r.base+ops.PathMetrics)
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(sample) + ` ([0-9.e+]+)$`).FindStringSubmatch(body)
	if m == nil {
		return 0
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

// sent is one slash command as a user typed it, and what came back.
type sent struct {
	user, channel, text string
	at                  time.Time
	res                 slacksim.Result
	err                 error // the envelope was not acknowledged
}

// send types /partner text as user in channel; it returns once Slack has
// the ack (or gave up on it).
func send(sim *slacksim.Server, user, channel, text string) *sent {
	s := &sent{user: user, channel: channel, text: text, at: time.Now()}
	s.res, s.err = sim.SlashCommand(context.Background(), user, channel, "/partner", text)
	return s
}

// replies are the messages that answered s (through its response_url), oldest first.
func (s *sent) replies(sim *slacksim.Server) []slacksim.Message {
	var out []slacksim.Message
	for _, m := range append(sim.Ephemerals(s.user), sim.Messages(s.channel)...) {
		if m.ResponseURL == s.res.ResponseURL && s.res.ResponseURL != "" {
			out = append(out, m)
		}
	}
	return out
}

// answer is the text of the last reply, "" before any.
func (s *sent) answer(sim *slacksim.Server) string {
	rs := s.replies(sim)
	if len(rs) == 0 {
		return ""
	}
	return rs[len(rs)-1].Visible()
}

// waitUntil polls cond (on every simulator change and every 50 ms) for up to d.
func waitUntil(t *testing.T, sim *slacksim.Server, d time.Duration, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	if err := sim.WaitFor(ctx, cond); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// stillWorking is the start of the bot's "answer will be late" notice.
const stillWorking = "Still working on it"

// realReply waits up to d for s's first reply other than the "still
// working" notice, and returns when the simulator received it, counted from
// when the user sent the command, and its text ("" and d when none came).
func realReply(t *testing.T, sim *slacksim.Server, s *sent, d time.Duration) (time.Duration, string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		for _, m := range s.replies(sim) {
			if !strings.Contains(m.Visible(), stillWorking) {
				return m.At.Sub(s.at), m.Visible()
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return d, ""
}

// ackStats summarises the acks of every envelope the simulator sent.
type ackStats struct {
	n        int
	unacked  []string
	slowest  time.Duration
	duration []time.Duration
}

func acks(sim *slacksim.Server) ackStats {
	var st ackStats
	for _, e := range sim.Envelopes() {
		st.n++
		if e.Acked.IsZero() {
			st.unacked = append(st.unacked, e.ID)
			continue
		}
		d := e.Acked.Sub(e.Sent)
		st.duration = append(st.duration, d)
		st.slowest = max(st.slowest, d)
	}
	return st
}

// collector runs load in goroutines and keeps every command sent.
type collector struct {
	mu   sync.Mutex
	sent []*sent
}

func (c *collector) add(s *sent) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, s)
}

func (c *collector) all() []*sent {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*sent(nil), c.sent...)
}

func contains(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func contextWithTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}
