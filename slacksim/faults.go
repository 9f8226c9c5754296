package slacksim

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// MethodResponseURL names response_url posts in FailNext, beside Web API
// method names.
const MethodResponseURL = "response_url"

// fault is a pending FailNext.
type fault struct {
	status   int
	left     int
	applied  bool
	contains string // only calls whose request body holds this
}

// SetLatency makes every Web API call and response_url post wait d before
// it is answered (0 turns it off), like a slow or distant Slack.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// BeforeNext runs fn once, before the next call of method (a Web API
// method) takes effect and outside the simulator's lock, so fn may call the
// simulator itself. Tests use it to make something happen between an app's
// read and its write: another replica's update landing first, say.
func (s *Server) BeforeNext(method string, fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.before[method] = fn
}

func (s *Server) takeBefore(method string) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn := s.before[method]
	delete(s.before, method)
	return fn
}

// FailNext makes the next n calls of method (a Web API method or
// MethodResponseURL) answer the HTTP status (500, 502, 503, 429…) instead of
// a result. With applied, the call takes effect first and only its answer is
// lost — a post that went through although the caller saw a 5xx, the case a
// sender must never retry blindly. A 429 carries Retry-After: 1.
func (s *Server) FailNext(method string, status, n int, applied bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n <= 0 {
		delete(s.faults, method)
		return
	}
	s.faults[method] = &fault{status: status, left: n, applied: applied}
}

// FailNextContaining is FailNext for only the calls whose request body
// contains text (a message's words, a channel ID), so a test can aim at one
// reply among others.
func (s *Server) FailNextContaining(method, text string, status, n int, applied bool) {
	s.FailNext(method, status, n, applied)
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.faults[method]; ok {
		f.contains = text
	}
}

// takeFault consumes one pending failure of method for a call with this
// body; call with s.mu held.
func (s *Server) takeFault(method string, body []byte) (fault, bool) {
	f, ok := s.faults[method]
	if !ok || !strings.Contains(string(body), f.contains) {
		return fault{}, false
	}
	if f.left--; f.left <= 0 {
		delete(s.faults, method)
	}
	return *f, true
}

// wait sleeps the configured latency, or until the caller gives up.
func (s *Server) wait(req *http.Request) {
	s.mu.Lock()
	d := s.latency
	s.mu.Unlock()
	if d <= 0 {
		return
	}
	select {
	case <-time.After(d):
	case <-req.Context().Done():
	}
}

// writeFault answers as Slack's edge does on trouble: an HTML body for 5xx.
func writeFault(w http.ResponseWriter, f fault) {
	if f.status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
	}
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(f.status)
	_, _ = fmt.Fprintf(w, "<html><body>%d %s</body></html>", f.status, http.StatusText(f.status))
}

// SetPingInterval changes how often this simulator pings each socket
// (default PingInterval); it applies to connections opened afterwards.
func (s *Server) SetPingInterval(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pingEvery = d
}

// Silence makes every open Socket Mode connection go quiet without closing:
// no more pings, and what the client sends is read and dropped — a link
// dead somewhere in between. Connections opened afterwards behave normally.
func (s *Server) Silence() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.silent.Store(true)
	}
}

// DropConnections closes every Socket Mode connection abruptly, without the
// disconnect message Slack sends before a planned close.
func (s *Server) DropConnections() {
	s.mu.Lock()
	conns := make([]*socketConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
		delete(s.conns, c)
	}
	s.notify()
	s.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
}

// Redeliver sends an envelope already sent once again, with the same
// envelope_id and payload (same trigger_id, same response_url), as Slack may
// after a lost ack, and waits for its ack like the first delivery.
func (s *Server) Redeliver(ctx context.Context, envelopeID string) (Result, error) {
	s.mu.Lock()
	first, ok := s.envelopeByID[envelopeID]
	if !ok {
		s.mu.Unlock()
		return Result{}, fmt.Errorf("slacksim: no envelope %s to redeliver", envelopeID)
	}
	var conns []*socketConn
	for c := range s.conns {
		conns = append(conns, c)
	}
	if len(conns) == 0 {
		s.mu.Unlock()
		return Result{}, ErrNoConnection
	}
	ch := make(chan ack, 1)
	s.pending[envelopeID] = ch
	c := conns[rand.IntN(len(conns))]
	env := &Envelope{ID: envelopeID, Type: first.Type, Payload: first.Payload, Conn: c.ticket, Sent: time.Now()}
	s.envelopes = append(s.envelopes, env)
	s.envelopeByID[envelopeID] = env
	s.mu.Unlock()
	msg := map[string]any{"type": env.Type, "envelope_id": envelopeID, "payload": json.RawMessage(env.Payload),
		"accepts_response_payload": env.Type != "events_api", "retry_attempt": 1, "retry_reason": "timeout"}
	if err := c.send(msg); err != nil {
		return Result{EnvelopeID: envelopeID, Conn: c.ticket}, fmt.Errorf("slacksim: redeliver envelope: %w", err)
	}
	return s.awaitAck(ctx, Result{EnvelopeID: envelopeID, Conn: c.ticket}, env, c, ch)
}
