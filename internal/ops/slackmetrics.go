package ops

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// InstrumentTransport wraps base (http.DefaultTransport when nil) so every
// Slack call through it is counted in m by method and status. Calls under
// apiURL are labelled with their Web API method ("chat.postMessage"); any
// other URL the bot posts to is a response_url and labelled "response_url".
//
// Counting at the transport sees every call the bot and slack-go make,
// including apps.connections.open on each reconnect, without the bot knowing
// about metrics.
func InstrumentTransport(base http.RoundTripper, apiURL string, m *Metrics) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &slackTransport{base: base, apiURL: apiURL, m: m}
}

type slackTransport struct {
	base   http.RoundTripper
	apiURL string
	m      *Metrics
}

// maxInspect bounds how much of a response is buffered to read Slack's
// {"ok","error"}; Web API answers the bot asks for are a few kilobytes.
const maxInspect = 1 << 20

func (t *slackTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	method := t.method(req)
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		t.m.SlackCall(method, "transport_error")
		return resp, err
	}
	t.m.SlackCall(method, inspect(resp))
	return resp, nil
}

func (t *slackTransport) method(req *http.Request) string {
	u := req.URL.Scheme + "://" + req.URL.Host + req.URL.Path
	name, ok := strings.CutPrefix(u, t.apiURL)
	if !ok {
		return "response_url"
	}
	if name == "" || strings.Contains(name, "/") {
		return "other"
	}
	return name
}

// inspect returns the call's status and leaves resp.Body readable from the
// start for the caller.
func inspect(resp *http.Response) string {
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return "ratelimited"
	case resp.StatusCode != http.StatusOK:
		return "http_" + strconv.Itoa(resp.StatusCode)
	case !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json"):
		return "ok" // a response_url answers a plain "ok"
	}
	head, err := io.ReadAll(io.LimitReader(resp.Body, maxInspect))
	// The caller still reads the whole body: what was buffered, then the rest.
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), resp.Body), resp.Body}
	if err != nil {
		return "read_error" // the caller sees the same failure when it reads
	}
	var r struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}
	if json.Unmarshal(head, &r) != nil {
		return "bad_json"
	}
	switch {
	case r.OK:
		return "ok"
	case r.Error == "ratelimited":
		return "ratelimited"
	case r.Error != "":
		return r.Error
	}
	return "error"
}
