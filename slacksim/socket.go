package slacksim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// PingInterval is how often the simulator pings each socket, as Slack does.
var PingInterval = 5 * time.Second

type socketConn struct {
	ws     *websocket.Conn
	ticket string // from the URL apps.connections.open gave: names the connection
	wmu    sync.Mutex
	closed chan struct{}
	once   sync.Once
	silent atomic.Bool // see Server.Silence
}

func (c *socketConn) send(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(v)
}

func (c *socketConn) close() {
	c.once.Do(func() {
		close(c.closed)
		_ = c.ws.Close()
	})
}

type ack struct {
	at      time.Time
	payload json.RawMessage
}

// Envelope records one envelope sent over Socket Mode and what it got.
type Envelope struct {
	ID      string
	Type    string
	Sent    time.Time
	Acked   time.Time // zero while unacknowledged
	Payload json.RawMessage
	Ack     json.RawMessage
	// Conn is the ticket of the connection it was sent on (the "ticket"
	// query parameter of the URL apps.connections.open returned).
	Conn string
	// Lost is set when that connection closed before the ack came: nobody
	// can acknowledge the envelope any more (see ErrConnectionLost).
	Lost bool
}

func (s *Server) serveSocket(w http.ResponseWriter, req *http.Request) {
	ws, err := upgrader.Upgrade(w, req, nil)
	if err != nil {
		return
	}
	c := &socketConn{ws: ws, ticket: req.URL.Query().Get("ticket"), closed: make(chan struct{})}
	s.mu.Lock()
	s.conns[c] = true
	s.opened++
	n := len(s.conns)
	every := s.pingEvery
	if every <= 0 {
		every = PingInterval
	}
	s.notify()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		s.notify()
		s.mu.Unlock()
		c.close()
	}()
	if err := c.send(map[string]any{"type": "hello", "num_connections": n,
		"connection_info": map[string]any{"app_id": "A0SIM"}, "debug_info": map[string]any{"host": "slacksim"}}); err != nil {
		return
	}
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-c.closed:
				return
			case <-t.C:
				if c.silent.Load() {
					continue
				}
				c.wmu.Lock()
				err := c.ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second))
				c.wmu.Unlock()
				if err != nil {
					return
				}
			}
		}
	}()
	for {
		var msg struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if err := ws.ReadJSON(&msg); err != nil {
			return
		}
		if c.silent.Load() {
			continue // lost somewhere on the way
		}
		// Timestamp before taking the lock: the ack arrived now, whatever
		// the simulator's own bookkeeping costs.
		at := time.Now()
		s.mu.Lock()
		if ch, ok := s.pending[msg.EnvelopeID]; ok {
			ch <- ack{at: at, payload: msg.Payload}
			delete(s.pending, msg.EnvelopeID)
		}
		if e, ok := s.envelopeByID[msg.EnvelopeID]; ok && e.Acked.IsZero() && !e.Lost {
			e.Acked, e.Ack = at, msg.Payload
		}
		s.notify()
		s.mu.Unlock()
	}
}

// Opened is how many Socket Mode connections have ever been opened.
func (s *Server) Opened() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opened
}

// Connections is the number of open Socket Mode connections.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// Disconnect asks every connected client to reconnect, as Slack does before
// recycling a connection ("refresh_requested", "warning"…), then closes.
func (s *Server) Disconnect(reason string) {
	s.mu.Lock()
	conns := make([]*socketConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
		delete(s.conns, c) // no envelope may go to a connection being closed
	}
	s.notify()
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.send(map[string]any{"type": "disconnect", "reason": reason, "debug_info": map[string]any{"host": "slacksim"}})
		c.close()
	}
}

// Envelopes returns every envelope sent so far.
func (s *Server) Envelopes() []Envelope {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Envelope, len(s.envelopes))
	for i, e := range s.envelopes {
		out[i] = *e
	}
	return out
}

// ErrNoConnection is returned when an envelope has no open socket to go to.
var ErrNoConnection = errors.New("slacksim: no Socket Mode connection (the user would see dispatch_failed)")

// ErrConnectionLost is returned when the connection an envelope went to
// closed before its ack arrived. Slack does not move such an envelope to
// another connection: a slash command or a click fails for the user, as when
// the app does not answer in 3 s.
var ErrConnectionLost = errors.New("slacksim: the connection closed before the envelope was acknowledged (the user would see \"failed because the app did not respond\")")

// Result is what Slack saw back for one envelope.
type Result struct {
	EnvelopeID string
	// ResponseURL and TriggerID are those of the payload (commands and clicks).
	ResponseURL, TriggerID string
	AckLatency             time.Duration
	Ack                    json.RawMessage
	// Conn is the ticket of the connection the envelope went to ("" when none).
	Conn string
}

// deliver sends an envelope to one connection picked at random (Slack
// spreads envelopes across an app's connections) and waits for its ack, up
// to Slack's 3 seconds.
func (s *Server) deliver(ctx context.Context, typ string, payload any) (Result, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return Result{}, err
	}
	s.mu.Lock()
	var conns []*socketConn
	for c := range s.conns {
		select {
		case <-c.closed:
		default:
			conns = append(conns, c)
		}
	}
	if len(conns) == 0 {
		s.mu.Unlock()
		return Result{}, ErrNoConnection
	}
	id := s.nextID("env-")
	ch := make(chan ack, 1)
	s.pending[id] = ch
	// One connection, picked at random: never every connection.
	c := conns[rand.IntN(len(conns))]
	env := &Envelope{ID: id, Type: typ, Payload: raw, Conn: c.ticket, Sent: time.Now()}
	s.envelopes = append(s.envelopes, env)
	s.envelopeByID[id] = env
	s.mu.Unlock()
	res := Result{EnvelopeID: id, Conn: c.ticket}
	if err := c.send(map[string]any{"type": typ, "envelope_id": id, "payload": json.RawMessage(raw), "accepts_response_payload": typ != "events_api", "retry_attempt": 0, "retry_reason": ""}); err != nil {
		return res, fmt.Errorf("slacksim: send envelope: %w", err)
	}
	return s.awaitAck(ctx, res, env, c, ch)
}

// awaitAck waits for an envelope's ack, up to Slack's 3 seconds, or until
// the connection it went to closes.
func (s *Server) awaitAck(ctx context.Context, res Result, env *Envelope, c *socketConn, ch chan ack) (Result, error) {
	timer := time.NewTimer(3 * time.Second)
	defer timer.Stop()
	acked := func(a ack) (Result, error) {
		res.AckLatency, res.Ack = a.at.Sub(env.Sent), a.payload
		return res, nil
	}
	select {
	case a := <-ch:
		return acked(a)
	case <-c.closed:
		// The reader hands acks over under s.mu: with it held, an ack either
		// is in ch already or will never come.
		s.mu.Lock()
		select {
		case a := <-ch:
			s.mu.Unlock()
			return acked(a)
		default:
		}
		delete(s.pending, res.EnvelopeID)
		env.Lost = true
		s.notify()
		s.mu.Unlock()
		return res, fmt.Errorf("envelope %s: %w", res.EnvelopeID, ErrConnectionLost)
	case <-timer.C:
		return res, fmt.Errorf("slacksim: envelope %s not acknowledged within 3 s (the user would see \"failed because the app did not respond\")", res.EnvelopeID)
	case <-ctx.Done():
		return res, ctx.Err()
	}
}

// WaitFor blocks until cond holds or ctx ends. cond is checked on every
// change in the simulator, and every 50 ms for conditions on state outside it
// (such as the bot's own view of its connection).
func (s *Server) WaitFor(ctx context.Context, cond func() bool) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-tick.C:
		case <-ctx.Done():
			return fmt.Errorf("slacksim: condition not met: %w", ctx.Err())
		}
	}
}
