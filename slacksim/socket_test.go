package slacksim

import (
	"context"
	"errors"
	"net/url"
	"sync"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// TestDeliver_OneConnectionEach: with three apps connected, as with three
// replicas, each envelope goes to exactly one of them, picked at random, and
// the envelope names the connection it went to.
func TestDeliver_OneConnectionEach(t *testing.T) {
	s := New()
	defer s.Close()
	sm := socketmode.New(slack.New(BotToken, slack.OptionAppLevelToken(AppToken), slack.OptionAPIURL(s.URL())))
	ctx := context.Background()

	var mu sync.Mutex
	got := map[string][]string{} // envelope ID → tickets of the connections that received it
	var wg sync.WaitGroup
	var conns []*websocket.Conn
	for range 3 {
		_, wsURL, err := sm.OpenContext(ctx)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(wsURL)
		ticket := u.Query().Get("ticket")
		ws, _, err := websocket.DefaultDialer.DialContext(ctx, wsURL, nil)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, ws)
		wg.Go(func() {
			for {
				var msg struct {
					Type       string `json:"type"`
					EnvelopeID string `json:"envelope_id"`
				}
				if err := ws.ReadJSON(&msg); err != nil {
					return
				}
				if msg.EnvelopeID == "" {
					continue // hello
				}
				mu.Lock()
				got[msg.EnvelopeID] = append(got[msg.EnvelopeID], ticket)
				mu.Unlock()
				_ = ws.WriteJSON(map[string]any{"envelope_id": msg.EnvelopeID})
			}
		})
	}
	if err := s.WaitFor(ctx, func() bool { return s.Connections() == 3 }); err != nil {
		t.Fatal(err)
	}

	const n = 300
	perConn := map[string]int{}
	for range n {
		res, err := s.SlashCommand(ctx, "U0ALICE", "C0PARTNERS", "/partner", "list")
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		tickets := got[res.EnvelopeID]
		mu.Unlock()
		if len(tickets) != 1 || tickets[0] != res.Conn {
			t.Fatalf("envelope %s went to %v, want exactly the connection it names (%q)", res.EnvelopeID, tickets, res.Conn)
		}
		perConn[res.Conn]++
		if u := s.ResponseUses(res.ResponseURL); u != 0 {
			t.Fatalf("response_url used %d times before any answer", u)
		}
	}
	for _, ws := range conns {
		_ = ws.Close()
	}
	wg.Wait()
	if len(perConn) != 3 {
		t.Fatalf("envelopes reached %d connections, want all 3: %v", len(perConn), perConn)
	}
	for _, e := range s.Envelopes() {
		if e.Conn == "" || e.Acked.IsZero() {
			t.Fatalf("envelope %s: conn %q acked %v", e.ID, e.Conn, e.Acked)
		}
	}
	t.Logf("%d envelopes over 3 connections: %v", n, perConn)

	// Each answer through the response_url counts once.
	if err := s.WaitFor(ctx, func() bool { return s.Connections() == 0 }); err != nil {
		t.Fatal(err)
	}
	res, err := s.SlashCommand(ctx, "U0ALICE", "C0PARTNERS", "/partner", "list")
	if !errors.Is(err, ErrNoConnection) {
		t.Fatalf("with no connection open: got %v, want ErrNoConnection", err)
	}
	for i := 1; i <= 2; i++ {
		if err := slack.PostWebhookContext(ctx, res.ResponseURL, &slack.WebhookMessage{Text: "answer"}); err != nil {
			t.Fatal(err)
		}
		if u := s.ResponseUses(res.ResponseURL); u != i {
			t.Fatalf("ResponseUses = %d after %d answers", u, i)
		}
	}
}

// TestDeliver_ConnectionLostBeforeAck: an envelope whose connection closes
// before the app acknowledges it fails at once with ErrConnectionLost (Slack
// does not hand it to another connection), is marked Lost, and a late ack
// cannot turn it into an acknowledged one.
func TestDeliver_ConnectionLostBeforeAck(t *testing.T) {
	s := New()
	defer s.Close()
	sm := socketmode.New(slack.New(BotToken, slack.OptionAppLevelToken(AppToken), slack.OptionAPIURL(s.URL())))
	ctx := context.Background()
	_, wsURL, err := sm.OpenContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ws, _, err := websocket.DefaultDialer.DialContext(ctx, wsURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	received := make(chan string, 1)
	go func() {
		for {
			var msg struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if err := ws.ReadJSON(&msg); err != nil {
				return
			}
			if msg.EnvelopeID != "" {
				received <- msg.EnvelopeID // read, never acknowledged
			}
		}
	}()
	if err := s.WaitFor(ctx, func() bool { return s.Connections() == 1 }); err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		res Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := s.SlashCommand(ctx, "U0ALICE", "C0PARTNERS", "/partner", "list")
		done <- outcome{res, err}
	}()
	id := <-received
	s.DropConnections()
	got := <-done
	if !errors.Is(got.err, ErrConnectionLost) {
		t.Fatalf("envelope on a dropped connection: got %v, want ErrConnectionLost", got.err)
	}
	if got.res.EnvelopeID != id {
		t.Fatalf("result names envelope %q, the app received %q", got.res.EnvelopeID, id)
	}
	// An ack written after the close goes nowhere.
	_ = ws.WriteJSON(map[string]any{"envelope_id": id})
	envs := s.Envelopes()
	if len(envs) != 1 || !envs[0].Lost || !envs[0].Acked.IsZero() {
		t.Fatalf("envelopes after the drop: %+v, want one, Lost and never acked", envs)
	}
}
