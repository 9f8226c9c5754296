// Package slacksim is an in-process Slack that follows Slack's documented
// protocol closely enough to run the real bot against it: the Web API methods
// the bot calls (same request encodings, same error shapes), response_url
// endpoints, and Socket Mode over a real WebSocket (hello, envelopes, acks by
// envelope_id, disconnect, pings). Tests send commands and clicks as Slack
// would and read back what a user would see. Production code never imports it.
package slacksim

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"time"
)

// Tokens the simulator accepts.
const (
	BotToken = "xoxb-sim-bot-token"
	AppToken = "xapp-sim-app-token"
	BotUser  = "UBOT"
	BotID    = "B0BOT" // the bot's bot_id, in auth.test, views and messages
)

// User is a workspace member, or, with TeamID set to another team, a
// member of another organisation who reaches the app through a Slack
// Connect channel (Slack names the user's team in user_team and
// user.team_id).
type User struct {
	ID, Name, Locale, TZ string
	TeamID               string // "" is the simulator's team
}

// Channel is a conversation.
type Channel struct {
	ID, Name    string
	IsMember    bool // whether the bot is in it
	IsExtShared bool
}

// Message is what a channel shows (or, when Ephemeral, what one user sees).
type Message struct {
	Channel   string
	TS        string
	User      string // author; BotUser for the bot
	Text      string
	Blocks    json.RawMessage
	Ephemeral bool
	To        string // the only user who sees an ephemeral message
	// ResponseURL is the response_url the message came through ("" for Web
	// API posts), so a test can tell which command it answers.
	ResponseURL string
	At          time.Time // when the simulator received it
	Edited      int       // number of chat.update calls applied
	Deleted     bool
	// ThreadTS is the parent's ts for a reply in a thread, "" for a
	// top-level message. A parent counts its replies and names the latest.
	ThreadTS    string
	ReplyCount  int
	LatestReply string
	// Files are the IDs of files shared with the message (files.go).
	Files []string
}

// Call is one Web API call as received.
type Call struct {
	Method string
	At     time.Time
	Error  string // "" when ok
}

// Server is a running simulator.
type Server struct {
	TeamID string
	Logger *slog.Logger
	// Now is the simulator's clock (trigger expiry); tests may replace it.
	Now func() time.Time
	// Clock is the workspace's time as users see it: message timestamps and
	// event times. Nil means Now. The sandbox sets its fast clock here, so a
	// message posted at a simulated date carries that date, as in Slack.
	Clock func() time.Time

	http *httptest.Server

	mu             sync.Mutex
	changed        chan struct{} // closed and replaced on every change
	users          map[string]User
	channels       map[string]*Channel
	messages       []*Message
	messageAt      map[messageKey]*Message
	before         map[string]func()          // see BeforeNext
	views          map[string]json.RawMessage // by view ID: open modals
	homes          map[string]json.RawMessage // by user ID
	homeIDs        map[string]string          // user ID → the Home view's ID
	triggers       map[string]time.Time
	triggerTTL     time.Duration          // how long a trigger_id is valid
	triggerUser    map[string]string      // trigger ID → the user who caused it
	stacks         map[string][]*openView // user → open modals, bottom first
	responses      map[string]responseURL
	calls          []Call
	conns          map[*socketConn]bool
	pending        map[string]chan ack
	posts          []Post // every surface accepted, see Posts
	envelopes      []*Envelope
	envelopeByID   map[string]*Envelope
	ephemeralCount map[string]int
	seq            int
	limits         map[string]time.Duration // method → Retry-After while rate limited
	pace           time.Duration            // per-channel spacing of chat.postMessage; 0 = off
	lastPost       map[string]time.Time
	opened         int
	latency        time.Duration     // added to every Web API and response_url answer
	faults         map[string]*fault // by method (or MethodResponseURL): pending FailNext
	pingEvery      time.Duration     // 0: PingInterval
	functions      fnRuns            // custom step runs, see functions.go
	revoked        map[string]bool   // tokens revoked by RevokeToken
	files          fileState         // uploads and private downloads, see files.go
	emails         emailState        // users.lookupByEmail, see lookup_email.go
	canvases       *canvasState      // channel canvases, see canvases.go
}

type responseURL struct {
	channel, user string
	uses          int
	messageTS     string // the message a block_actions response replaces
}

// New starts a simulator on a loopback port with one team, two users and
// two channels (the second shared with another organisation).
func New() *Server {
	s := &Server{
		TeamID: "T0001", Logger: slog.New(slog.DiscardHandler), Now: time.Now,
		changed: make(chan struct{}), users: map[string]User{}, channels: map[string]*Channel{},
		views: map[string]json.RawMessage{}, homes: map[string]json.RawMessage{}, homeIDs: map[string]string{}, triggers: map[string]time.Time{}, triggerUser: map[string]string{}, triggerTTL: 3 * time.Second, stacks: map[string][]*openView{},
		responses: map[string]responseURL{}, conns: map[*socketConn]bool{}, pending: map[string]chan ack{},
		limits: map[string]time.Duration{}, envelopeByID: map[string]*Envelope{}, lastPost: map[string]time.Time{}, ephemeralCount: map[string]int{}, messageAt: map[messageKey]*Message{}, before: map[string]func(){}, faults: map[string]*fault{},
	}
	s.AddUser(User{ID: "U0ALICE", Name: "alice", Locale: "en-US", TZ: "Europe/Paris"})
	s.AddUser(User{ID: "U0BOB", Name: "bob", Locale: "fr-FR", TZ: "Europe/Paris"})
	s.AddChannel(Channel{ID: "C0PARTNERS", Name: "partners", IsMember: true})
	s.AddChannel(Channel{ID: "C0SHARED", Name: "acme-shared", IsMember: true, IsExtShared: true})
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", s.serveAPI)
	mux.HandleFunc("/ws", s.serveSocket)
	mux.HandleFunc("/response/", s.serveResponseURL)
	// Files (files.go): upload URLs, private downloads, the sign-in page.
	mux.HandleFunc("/upload/v1/", s.serveUpload)
	mux.HandleFunc("/files-pri/", s.serveFileDownload)
	mux.HandleFunc("/signin", s.serveSignin)
	// Assign before serving: a handler may read s.http at once.
	s.http = httptest.NewUnstartedServer(mux)
	s.http.Start()
	return s
}

// URL is the Web API base URL, with the trailing slash slack-go needs.
func (s *Server) URL() string { return s.http.URL + "/api/" }

// Close disconnects every socket and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	for c := range s.conns {
		c.close()
	}
	s.mu.Unlock()
	s.http.CloseClientConnections()
	s.http.Close()
}

// AddUser adds or replaces a workspace member.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.ID] = u
}

// AddChannel adds or replaces a channel.
func (s *Server) AddChannel(c Channel) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[c.ID] = &c
}

// RateLimit makes method answer 429 with Retry-After until lifted with 0.
func (s *Server) RateLimit(method string, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if retryAfter <= 0 {
		delete(s.limits, method)
	} else {
		s.limits[method] = retryAfter
	}
}

// PaceChannels makes chat.postMessage answer 429 (Retry-After: 1) to a
// post that comes less than d after the previous one in the same channel,
// like Slack's per-channel limit of about one message a second. 0 turns it off.
func (s *Server) PaceChannels(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pace = d
}

// notify wakes every waiter; call with s.mu held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) nextID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s%06d", prefix, s.seq)
}

func (s *Server) nextTS() string {
	s.seq++
	return fmt.Sprintf("%d.%06d", s.clock().Unix(), s.seq)
}

// clock is the workspace's time: Clock, or Now when it is unset.
func (s *Server) clock() time.Time {
	if s.Clock != nil {
		return s.Clock()
	}
	return s.Now()
}

// Messages returns the channel's visible messages, oldest first (deleted ones left out).
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages {
		if m.Channel == channel && !m.Ephemeral && !m.Deleted {
			out = append(out, *m)
		}
	}
	return out
}

// TopLevel returns the channel's messages that are not replies in a
// thread, as the channel shows them.
func (s *Server) TopLevel(channel string) []Message {
	var out []Message
	for _, m := range s.Messages(channel) {
		if m.ThreadTS == "" {
			out = append(out, m)
		}
	}
	return out
}

// Replies returns a thread's replies, oldest first, without the parent.
func (s *Server) Replies(channel, parentTS string) []Message {
	var out []Message
	for _, m := range s.Messages(channel) {
		if m.ThreadTS == parentTS {
			out = append(out, m)
		}
	}
	return out
}

// EphemeralCount is how many ephemeral messages user has received: a cheap
// check for waiting on a reply.
func (s *Server) EphemeralCount(user string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ephemeralCount[user]
}

// Ephemerals returns what only user saw, oldest first.
func (s *Server) Ephemerals(user string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages {
		if m.Ephemeral && m.To == user {
			out = append(out, *m)
		}
	}
	return out
}

// Home returns the user's published App Home view, or nil.
func (s *Server) Home(user string) json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.homes[user]
}

// Views returns the modals open now, every user's, by view ID.
func (s *Server) Views() map[string]json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]json.RawMessage{}
	for k, v := range s.views {
		out[k] = v
	}
	return out
}

// Calls returns the Web API calls received, in order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Succeeded counts the calls of method that Slack answered ok.
func (s *Server) Succeeded(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		if c.Method == method && c.Error == "" {
			n++
		}
	}
	return n
}

// Visible is the message's text and block texts joined, as a reader sees them.
func (m Message) Visible() string { return flatten(m.Text, m.Blocks) }

func flatten(text string, blocks json.RawMessage) string {
	var parts []string
	if text != "" {
		parts = append(parts, text)
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if t, ok := x["text"].(string); ok {
				parts = append(parts, t)
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if y := x[k]; k != "text" || !isString(y) {
					walk(y)
				}
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	var v any
	if len(blocks) > 0 && json.Unmarshal(blocks, &v) == nil {
		walk(v)
	}
	return strings.Join(parts, "\n")
}

func isString(v any) bool { _, ok := v.(string); return ok }
