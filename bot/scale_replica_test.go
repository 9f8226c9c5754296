package bot_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
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
	name     string // "r1#3": replica r1, third start
	dead     atomic.Bool
	inflight atomic.Int64 // Slack calls on the wire
	store    *redis.Store
	bot      *bot.Bot
	runner   *remind.Runner
	http     *http.Transport
	cancel   context.CancelFunc
	runErr   chan error

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
	closing sync.WaitGroup // clean-up of killed incarnations
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
			ts, err := b.DeliverReminder(ctx, d)
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
// once it is, and its bot (not yet running), paced through Redis with the
// other replicas as the app does.
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
		Logger: rs.quiet, DefaultTZ: "Europe/Paris", HTTPClient: client, DrainTimeout: 5 * time.Second, Workers: 16, Pacer: remind.NewSharedPacer(store, rs.quiet)})
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
	cleanUp := func() {
		<-in.runErr
		<-stopped.Done()
		_ = in.store.Close()
		in.http.CloseIdleConnections()
	}
	if abrupt {
		// Nothing can come from it any more once the Slack calls already
		// on the wire have landed. Its goroutines, still failing against
		// its dead clients, are waited for in the background (see wait):
		// a dead process would simply be gone.
		for in.inflight.Load() > 0 {
			time.Sleep(time.Millisecond)
		}
		close(in.finished)
		rs.closing.Go(cleanUp)
		return in
	}
	cleanUp()
	close(in.finished)
	return in
}

// wait waits for the background clean-up of killed incarnations.
func (rs *replicaSet) wait() { rs.closing.Wait() }

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

// killTally counts the kills of killAtRandom.
type killTally struct {
	abrupt, graceful int
	last             time.Time
	times            []time.Time
}

// before counts the kills before t.
func (k killTally) before(t time.Time) int {
	n := 0
	for _, at := range k.times {
		if at.Before(t) {
			n++
		}
	}
	return n
}

// killAtRandom kills one replica about every `every` — two times in three
// abruptly — and restarts it after 0.1–0.6 s, until stop is closed. It kills
// only while all replicas are connected, so Slack always has somewhere to send.
func (rs *replicaSet) killAtRandom(ctx context.Context, t testing.TB, names []string, every time.Duration, stop <-chan struct{}) killTally {
	var k killTally
	rng := rand.New(rand.NewPCG(42, 42))
	for {
		select {
		case <-stop:
			return k
		case <-time.After(every/2 + time.Duration(rng.Int64N(int64(every)))):
		}
		if len(rs.live()) < len(names) {
			continue
		}
		name := names[rng.IntN(len(names))]
		abrupt := rng.IntN(3) > 0
		k.last = time.Now()
		k.times = append(k.times, k.last)
		rs.kill(name, abrupt)
		if abrupt {
			k.abrupt++
		} else {
			k.graceful++
		}
		time.Sleep(time.Duration(100+rng.IntN(500)) * time.Millisecond)
		// Restarted as an orchestrator would: again until it starts (on a
		// starved machine, opening Redis can time out).
		for attempt := 1; ; attempt++ {
			_, err := rs.start(ctx, name)
			if err == nil {
				break
			}
			if attempt == 20 {
				t.Errorf("restart %s: %v", name, err)
				return k
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
}
