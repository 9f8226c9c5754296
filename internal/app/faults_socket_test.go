package app_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/internal/ops"
	"github.com/partnercoach/partnercoach/slacksim"
)

// readiness polls /readyz every 10 ms in the background and remembers
// whether it ever said "not ready" because of Slack.
type readiness struct {
	notReady atomic.Bool
	stop     chan struct{}
	done     sync.WaitGroup
}

func watchReadiness(t *testing.T, base string) *readiness {
	rd := &readiness{stop: make(chan struct{})}
	rd.done.Go(func() {
		for {
			select {
			case <-rd.stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
			code, body := httpGet(t, base+ops.PathReady)
			if code == http.StatusServiceUnavailable && strings.Contains(body, `"slack"`) {
				rd.notReady.Store(true)
			}
		}
	})
	return rd
}

func (rd *readiness) close() { close(rd.stop); rd.done.Wait() }

// TestFaults_SocketMode: Slack asks the bot to reconnect (refresh_requested,
// warning), drops the connection without a word, or the link goes silent (no
// pings). Each time the bot reconnects on a fresh URL — within 2 s, the
// silent link within two ping timeouts — every envelope it was sent is
// acknowledged, commands work again, and /readyz tells the state: 503
// naming Slack while the bot cannot connect, 200 once it has.
func TestFaults_SocketMode(t *testing.T) {
	sim := slacksim.New()
	defer sim.Close()
	sim.SetPingInterval(200 * time.Millisecond)
	const pingTimeout = time.Second
	r := startRunning(t, sim, map[string]string{"SOCKET_PING_TIMEOUT": pingTimeout.String()})
	defer func() {
		if _, err := r.stop(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	}()

	cases := []struct {
		name   string
		fault  func()
		within time.Duration
		load   bool // commands keep coming while the fault happens
		// maxLost is how many envelopes may go down with the connection:
		// one sent just before Slack drops the socket can be acknowledged
		// by nobody. The load sends one command at a time, so at most one.
		// The simulator closes the socket right after a disconnect message
		// too, so an envelope sent a moment before it is lost the same way
		// (seen once in CI on a loaded machine); every loss must still be
		// one the sender was told of.
		maxLost int
	}{
		{"RefreshRequested", func() { sim.Disconnect("refresh_requested") }, 2 * time.Second, true, 1},
		{"Warning", func() { sim.Disconnect("warning") }, 2 * time.Second, true, 1},
		{"AbruptClose", sim.DropConnections, 2 * time.Second, true, 1},
		// Noticed when no ping came for a ping timeout, checked once per
		// timeout: between one and two of them, plus the reconnect.
		{"SilentLink", sim.Silence, 2*pingTimeout + 500*time.Millisecond, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opened := sim.Opened()
			before := len(sim.Envelopes())
			stopLoad := make(chan struct{})
			var wg sync.WaitGroup
			var noConn, lost atomic.Int64
			if c.load {
				wg.Go(func() {
					for {
						select {
						case <-stopLoad:
							return
						case <-time.After(20 * time.Millisecond):
						}
						if s := send(sim, alice, partnersChan, "help"); errors.Is(s.err, slacksim.ErrNoConnection) {
							noConn.Add(1) // no socket open at that instant: Slack says dispatch_failed
						} else if errors.Is(s.err, slacksim.ErrConnectionLost) {
							lost.Add(1) // sent just before the drop; counted against maxLost below
						} else if s.err != nil {
							t.Errorf("help during %s: %v", c.name, s.err)
						}
					}
				})
				time.Sleep(200 * time.Millisecond)
			}
			at := time.Now()
			c.fault()
			waitUntil(t, sim, c.within+3*time.Second, "a new connection", func() bool {
				return sim.Opened() > opened && sim.Connections() == 1
			})
			took := time.Since(at)
			readyCtx, cancel := contextWithTimeout(5 * time.Second)
			defer cancel()
			waitReady(t, readyCtx, r.base)
			time.Sleep(300 * time.Millisecond) // load goes on over the new connection
			close(stopLoad)
			wg.Wait()
			if took > c.within {
				t.Errorf("reconnected after %v, want within %v", took, c.within)
			}
			if _, text := realReply(t, sim, send(sim, alice, partnersChan, "list"), 5*time.Second); text == "" {
				t.Fatal("no answer after reconnecting")
			}
			var unacked, wentDown []string
			for _, e := range sim.Envelopes()[before:] {
				switch {
				case e.Lost:
					wentDown = append(wentDown, e.ID)
				case e.Acked.IsZero():
					unacked = append(unacked, e.ID)
				}
			}
			if len(unacked) > 0 {
				t.Errorf("envelopes never acknowledged on a connection that stayed open: %v", unacked)
			}
			if len(wentDown) > c.maxLost || int64(len(wentDown)) != lost.Load() {
				t.Errorf("envelopes that went down with their connection: %v (the load saw %d), want at most %d",
					wentDown, lost.Load(), c.maxLost)
			}
			t.Logf("FIGURES socket %s: reconnected in %v; %d envelopes, every one acked but %d sent on the connection as it was dropped; %d commands found no socket open",
				c.name, took.Round(time.Millisecond), len(sim.Envelopes())-before, len(wentDown), noConn.Load())
		})
	}

	t.Run("ReadyzWhileDown", func(t *testing.T) {
		rd := watchReadiness(t, r.base)
		// Slack refuses new connections for 2 s.
		sim.FailNext("apps.connections.open", http.StatusServiceUnavailable, 1000, false)
		sim.DropConnections()
		waitUntil(t, sim, 5*time.Second, "/readyz to say Slack is down", rd.notReady.Load)
		code, body := httpGet(t, r.base+ops.PathReady)
		var rb struct {
			Status  string            `json:"status"`
			Failing map[string]string `json:"failing"`
		}
		_ = json.Unmarshal([]byte(body), &rb)
		if code != http.StatusServiceUnavailable || rb.Failing["slack"] == "" {
			t.Errorf("/readyz while Slack refuses connections: %d %s", code, body)
		}
		time.Sleep(2 * time.Second)
		sim.FailNext("apps.connections.open", 0, 0, false)
		lifted := time.Now()
		readyCtx, cancel := contextWithTimeout(15 * time.Second)
		defer cancel()
		waitReady(t, readyCtx, r.base)
		rd.close()
		t.Logf("FIGURES socket ReadyzWhileDown: /readyz 503 {slack: %q}; ready again %v after Slack accepted connections (slack-go's backoff)",
			rb.Failing["slack"], time.Since(lifted).Round(time.Millisecond))
	})
	r.alive()
}
