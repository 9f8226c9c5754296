package app_test

import (
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/slacksim"
)

// slowProxy is a TCP proxy in front of Redis that holds every chunk of
// Redis's replies for a settable delay: a slow network or an overloaded
// server, as the app sees it.
type slowProxy struct {
	ln    net.Listener
	delay atomic.Int64 // nanoseconds
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns []net.Conn
}

func startSlowProxy(t *testing.T, target string) *slowProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &slowProxy{ln: ln}
	p.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			p.wg.Go(func() { _, _ = io.Copy(up, c); up.Close() })
			p.wg.Go(func() {
				defer c.Close()
				buf := make([]byte, 32<<10)
				for {
					n, err := up.Read(buf)
					if n > 0 {
						time.Sleep(time.Duration(p.delay.Load()))
						if _, werr := c.Write(buf[:n]); werr != nil {
							return
						}
					}
					if err != nil {
						return
					}
				}
			})
		}
	})
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		for _, c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
		p.wg.Wait()
	})
	return p
}

func (p *slowProxy) url() string              { return "redis://" + p.ln.Addr().String() + "/0" }
func (p *slowProxy) setDelay(d time.Duration) { p.delay.Store(int64(d)) }

// TestFaults_SlowRedis: with Redis slow, acks stay immediate, and a command
// whose answer is late gets "still working on it…" (in the user's language)
// about 2 s after it was sent, then its real answer — never the notice after
// the answer. A command that answers in time gets no notice.
func TestFaults_SlowRedis(t *testing.T) {
	rs := redistest.Start(t)
	proxy := startSlowProxy(t, rs.Addr())
	sim := slacksim.New()
	defer sim.Close()
	r := startRunning(t, sim, map[string]string{"REDIS_URL": proxy.url()})
	defer func() {
		if _, err := r.stop(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	}()
	if _, text := realReply(t, sim, send(sim, alice, partnersChan, "add Acme"), 5*time.Second); !strings.Contains(text, "Acme") {
		t.Fatalf("add: %q", text)
	}
	// Warm the locale cache of both users while Redis is fast.
	realReply(t, sim, send(sim, "U0BOB", partnersChan, "help"), 5*time.Second)

	t.Run("LateButAnswering", func(t *testing.T) {
		// Each round trip takes 600 ms: a log (about a dozen of them: the
		// dedupe claim, the partner index, the line, the standing) is late.
		proxy.setDelay(600 * time.Millisecond)
		defer proxy.setDelay(0)
		var wg sync.WaitGroup
		cases := []struct{ user, text, notice, answer string }{
			{alice, "log acme got 5 EUR lead slow-en", "Still working on it", "Logged"},
			{"U0BOB", "log acme got 7 EUR lead slow-fr", "Je m'en occupe", "Consigné"},
		}
		results := make([]*sent, len(cases))
		for i, c := range cases {
			wg.Go(func() { results[i] = send(sim, c.user, partnersChan, c.text) })
		}
		// A command that needs no store answers in time, without a notice.
		help := send(sim, alice, partnersChan, "help")
		wg.Wait()
		for i, c := range cases {
			s := results[i]
			if s.err != nil {
				t.Fatalf("%s: %v", c.text, s.err)
			}
			waitUntil(t, sim, 15*time.Second, "the real answer to "+c.text, func() bool {
				rs := s.replies(sim)
				return len(rs) >= 2 && strings.Contains(rs[len(rs)-1].Visible(), c.answer)
			})
			rs := s.replies(sim)
			if len(rs) != 2 || !strings.Contains(rs[0].Visible(), c.notice) || !rs[0].Ephemeral {
				var texts []string
				for _, m := range rs {
					texts = append(texts, m.Visible())
				}
				t.Fatalf("%s: replies %q, want an ephemeral %q then the answer", c.text, texts, c.notice)
			}
			notice, answer := rs[0].At.Sub(s.at), rs[1].At.Sub(s.at)
			if notice < 1500*time.Millisecond || notice > 3*time.Second {
				t.Errorf("%s: notice after %v, want about 2 s", c.text, notice)
			}
			t.Logf("FIGURES slow-redis %s: notice after %v, answer after %v", c.user, notice.Round(time.Millisecond), answer.Round(time.Millisecond))
		}
		if _, text := realReply(t, sim, help, 5*time.Second); !strings.Contains(text, "/partner") {
			t.Fatalf("help: %q", text)
		}
		time.Sleep(2500*time.Millisecond - time.Since(help.at))
		if n := len(help.replies(sim)); n != 1 {
			t.Errorf("help answered in time got %d replies, want 1 (no notice)", n)
		}
	})

	t.Run("TooSlow", func(t *testing.T) {
		// Replies slower than the store's 2 s read timeout: the notice, then
		// a "try again" — never silence.
		proxy.setDelay(2500 * time.Millisecond)
		defer proxy.setDelay(0)
		s := send(sim, alice, partnersChan, "log acme got 9 EUR lead too-slow")
		if s.err != nil {
			t.Fatal(s.err)
		}
		waitUntil(t, sim, 30*time.Second, "a try-again after the notice", func() bool {
			rs := s.replies(sim)
			return len(rs) >= 2 && strings.Contains(rs[len(rs)-1].Visible(), "try again")
		})
		rs := s.replies(sim)
		if !strings.Contains(rs[0].Visible(), stillWorking) {
			t.Errorf("first reply %q, want the notice", rs[0].Visible())
		}
		t.Logf("FIGURES slow-redis too-slow: notice after %v, try-again after %v", rs[0].At.Sub(s.at).Round(time.Millisecond), rs[len(rs)-1].At.Sub(s.at).Round(time.Millisecond))
	})

	st := acks(sim)
	if len(st.unacked) > 0 || st.slowest > ackBound {
		t.Errorf("acks: %d unacked, slowest %v: acks must not wait for Redis", len(st.unacked), st.slowest)
	}
	t.Logf("FIGURES slow-redis: %d envelopes, slowest ack %v", st.n, st.slowest.Round(time.Microsecond))
}
