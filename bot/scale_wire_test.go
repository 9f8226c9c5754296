package bot_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

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
	// Counted before the check, so that once kill has seen the count at
	// zero after setting dead, no call can still go out.
	t.in.inflight.Add(1)
	defer t.in.inflight.Add(-1)
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
