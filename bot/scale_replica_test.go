package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/partnercoach/partnercoach/storage/redis"
)

// errKilled is what a killed replica's Redis and Slack calls get: a process
// that is gone sends nothing more.
var errKilled = errors.New("replica killed")

// incarnation is one run of a replica, from its start to its kill or stop,
// wired as internal/app wires the process: a bot and a reminder runner on
// their own Redis client and HTTP client.
type incarnation struct {
	name   string // "r1#3": replica r1, third start
	dead   atomic.Bool
	store  *redis.Store
	bot    *bot.Bot
	runner *remind.Runner
	http   *http.Transport
	cancel context.CancelFunc
	runErr chan error

	mu       sync.Mutex
	how      string    // "", "killed" (abruptly) or "stopped" (gracefully)
	killedAt time.Time // when the kill or stop began
	finished chan struct{}
	marked   map[string]bool // occurrences this incarnation recorded as sent
}

func (in *incarnation) fate() (how string, at time.Time) {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.how, in.killedAt
}

// deadHook fails every Redis command once the incarnation is dead, as if the
// process were gone; commands already on the wire complete (Redis applies them).
type deadHook struct{ dead *atomic.Bool }

func (h deadHook) DialHook(next goredis.DialHook) goredis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if h.dead.Load() {
			return nil, errKilled
		}
		return next(ctx, network, addr)
	}
}

func (h deadHook) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error {
		if h.dead.Load() {
			cmd.SetErr(errKilled)
			return errKilled
		}
		return next(ctx, cmd)
	}
}

func (h deadHook) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []goredis.Cmder) error {
		if h.dead.Load() {
			for _, c := range cmds {
				c.SetErr(errKilled)
			}
			return errKilled
		}
		return next(ctx, cmds)
	}
}

// markHook records the occurrences an incarnation marked as sent.
type markClaims struct {
	coach.ClaimStore
	in *incarnation
}

func (m markClaims) MarkSent(ctx context.Context, o coach.Occurrence, holder, ts string) error {
	err := m.ClaimStore.MarkSent(ctx, o, holder, ts)
	if err == nil {
		m.in.mu.Lock()
		m.in.marked[occKey(o.ReminderID, o.At)] = true
		m.in.mu.Unlock()
	}
	return err
}

func occKey(reminderID string, at time.Time) string {
	return fmt.Sprintf("%s@%d", reminderID, at.Unix())
}

// wire is the test's index of what the replicas' Slack calls achieved, fed by
// their transports: it lets a virtual user wait for an answer in O(1). The
// final accounting reads the simulator itself.
type wire struct {
	mu       sync.Mutex
	tickets  map[string]*incarnation // Socket Mode connection ticket → incarnation
	posts    map[string][]postSeen   // channel → chat.postMessage that succeeded, in order
	updates  map[string]int          // message ts → successful chat.update calls
	blocks   map[string]json.RawMessage
	answers  map[string][]string // response_url → texts posted to it
	attempts []*attempt          // reminder deliveries
}

type postSeen struct {
	ts     string
	blocks json.RawMessage
}

func newWire() *wire {
	return &wire{tickets: map[string]*incarnation{}, posts: map[string][]postSeen{}, updates: map[string]int{},
		blocks: map[string]json.RawMessage{}, answers: map[string][]string{}}
}

func (w *wire) incarnation(ticket string) *incarnation {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.tickets[ticket]
}

func (w *wire) postCount(channel string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.posts[channel])
}

func (w *wire) post(channel string, i int) postSeen {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.posts[channel][i]
}

func (w *wire) updateCount(ts string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.updates[ts]
}

func (w *wire) latestBlocks(ts string) json.RawMessage {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.blocks[ts]
}

// answer is the first answer posted to a response_url, leaving out the
// "still working on it" notice a slow command gets first.
func (w *wire) answer(responseURL string) (string, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, a := range w.answers[responseURL] {
		if !isLateNotice(a) {
			return a, true
		}
	}
	return "", false
}

// notices counts the "still working" notices posted to a response_url.
func (w *wire) notices(responseURL string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, a := range w.answers[responseURL] {
		if isLateNotice(a) {
			n++
		}
	}
	return n
}

func isLateNotice(text string) bool { return strings.HasPrefix(text, ":hourglass_flowing_sand:") }

// transport is a replica's HTTP transport: it refuses everything once the
// replica is dead, and tells the wire what Slack accepted.
type transport struct {
	base *http.Transport
	in   *incarnation
	w    *wire
	api  string // the simulator's Web API base URL
}

func (t *transport) CloseIdleConnections() { t.base.CloseIdleConnections() }

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.in.dead.Load() {
		return nil, errKilled
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	u := req.URL.String()
	method := strings.TrimPrefix(u, t.api)
	isAPI := method != u
	if !isAPI && !strings.Contains(u, "/response/") {
		return resp, nil
	}
	rb, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(rb))
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, nil
	}
	t.w.mu.Lock()
	defer t.w.mu.Unlock()
	if !isAPI {
		var m struct {
			Text string `json:"text"`
		}
		_ = json.Unmarshal(body, &m)
		t.w.answers[u] = append(t.w.answers[u], m.Text)
		return resp, nil
	}
	var out struct {
		OK  bool   `json:"ok"`
		URL string `json:"url"`
		TS  string `json:"ts"`
	}
	if json.Unmarshal(rb, &out) != nil || !out.OK {
		return resp, nil
	}
	form, _ := url.ParseQuery(string(body))
	switch method {
	case "apps.connections.open":
		if wu, err := url.Parse(out.URL); err == nil {
			t.w.tickets[wu.Query().Get("ticket")] = t.in
		}
	case "chat.postMessage":
		ch := form.Get("channel")
		t.w.posts[ch] = append(t.w.posts[ch], postSeen{ts: out.TS, blocks: json.RawMessage(form.Get("blocks"))})
		t.w.blocks[out.TS] = json.RawMessage(form.Get("blocks"))
	case "chat.update":
		ts := form.Get("ts")
		t.w.updates[ts]++
		t.w.blocks[ts] = json.RawMessage(form.Get("blocks"))
	}
	return resp, nil
}

// attempt is one reminder delivery by one incarnation.
type attempt struct {
	in       *incarnation
	reminder string
	channel  string
	at       []time.Time
	begin    time.Time
	end      time.Time // zero while in progress (or forever, when killed)
	ts       string
	err      error
}

// replicaSet runs the three replicas and restarts them.
type replicaSet struct {
	sim     *slacksim.Server
	w       *wire
	redis   string
	tpl     *coach.Templates
	lease   time.Duration
	reload  time.Duration
	grace   time.Duration
	mu      sync.Mutex
	current map[string]*incarnation // replica name → live incarnation
	all     []*incarnation
	starts  map[string]int
	quiet   *slog.Logger
}

func (rs *replicaSet) start(ctx context.Context, name string) (*incarnation, error) {
	rs.mu.Lock()
	rs.starts[name]++
	in := &incarnation{name: fmt.Sprintf("%s#%d", name, rs.starts[name]), finished: make(chan struct{}), marked: map[string]bool{}, runErr: make(chan error, 1)}
	rs.mu.Unlock()

	if err := rs.wire(ctx, in); err != nil {
		return nil, err
	}
	b, store := in.bot, in.store
	in.runner = &remind.Runner{Reminders: store, Claims: markClaims{store, in}, Holder: in.name, Logger: rs.quiet,
		Lease: rs.lease, Reload: rs.reload, Grace: rs.grace,
		Deliver: func(ctx context.Context, d remind.Due) (string, error) {
			a := &attempt{in: in, reminder: d.Reminder.ID, channel: d.Reminder.Channel, at: d.At, begin: time.Now()}
			rs.w.mu.Lock()
			rs.w.attempts = append(rs.w.attempts, a)
			rs.w.mu.Unlock()
			ts, err := b.DeliverReminder(ctx, d.Reminder, d.At)
			rs.w.mu.Lock()
			a.end, a.ts, a.err = time.Now(), ts, err
			rs.w.mu.Unlock()
			return ts, err
		}}
	runCtx, cancel := context.WithCancel(context.Background())
	in.cancel = cancel
	go func() { in.runErr <- b.Run(runCtx) }()
	if err := in.runner.Start(runCtx); err != nil {
		cancel()
		<-in.runErr
		<-in.runner.Stop().Done()
		_ = store.Close()
		in.http.CloseIdleConnections()
		return nil, err
	}
	rs.mu.Lock()
	rs.current[name] = in
	rs.all = append(rs.all, in)
	rs.mu.Unlock()
	return in, nil
}

// wire gives an incarnation its own Redis client and HTTP client, both dead
// once it is, and its bot (not yet running).
func (rs *replicaSet) wire(ctx context.Context, in *incarnation) error {
	store, err := redis.Open(ctx, rs.redis, redis.Options{PoolSize: 32})
	if err != nil {
		return err
	}
	store.Client().AddHook(deadHook{&in.dead})
	in.store = store
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.MaxIdleConnsPerHost = 64
	in.http = base
	client := &http.Client{Transport: &transport{base: base, in: in, w: rs.w, api: rs.sim.URL()}, Timeout: 15 * time.Second}
	svc := coach.NewService(store, rs.tpl, nil)
	svc.ValidateSpec = func(spec string) error { _, err := remind.Parse(spec, "Europe/Paris"); return err }
	b, err := bot.New(bot.Config{BotToken: slacksim.BotToken, AppToken: slacksim.AppToken, APIURL: rs.sim.URL(), Service: svc,
		Logger: rs.quiet, DefaultTZ: "Europe/Paris", HTTPClient: client, DrainTimeout: 5 * time.Second, Workers: 16, Pacer: remind.NewPacer()})
	if err != nil {
		_ = store.Close()
		return err
	}
	in.bot = b
	return nil
}

// kill ends an incarnation. Abruptly: from this instant its Redis commands
// and Slack calls fail, as if the process were gone (no drain, the socket
// drops); what it had acknowledged and not yet answered stays unanswered.
// Gracefully: as on SIGTERM, it stops taking envelopes and finishes in-flight
// work first.
func (rs *replicaSet) kill(name string, abrupt bool) *incarnation {
	rs.mu.Lock()
	in := rs.current[name]
	delete(rs.current, name)
	rs.mu.Unlock()
	in.mu.Lock()
	in.how, in.killedAt = "stopped", time.Now()
	if abrupt {
		in.how = "killed"
	}
	in.mu.Unlock()
	if abrupt {
		in.dead.Store(true)
	}
	in.cancel()
	stopped := in.runner.Stop()
	<-in.runErr
	<-stopped.Done()
	_ = in.store.Close()
	in.http.CloseIdleConnections()
	close(in.finished)
	return in
}

func (rs *replicaSet) running(name string) bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.current[name] != nil
}

func (rs *replicaSet) live() []string {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	var out []string
	for name, in := range rs.current {
		if in.bot.Connected() {
			out = append(out, name)
		}
	}
	return out
}
