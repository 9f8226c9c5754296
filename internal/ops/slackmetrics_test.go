package ops_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/internal/ops"
)

// fakeSlack answers like Slack's Web API: 200 with {"ok":…} for API methods,
// 429 with Retry-After when rate limited, a plain "ok" on a response_url.
func fakeSlack() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/chat.postMessage":
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			_, _ = io.WriteString(w, `{"ok":true,"channel":"C1","ts":"1.2"}`)
		case "/api/chat.update":
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			_, _ = io.WriteString(w, `{"ok":false,"error":"not_in_channel"}`)
		case "/api/views.open":
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/api/users.info":
			w.WriteHeader(http.StatusBadGateway)
		default: // a response_url
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "ok")
		}
	}))
}

func TestInstrumentTransport(t *testing.T) {
	srv := fakeSlack()
	defer srv.Close()
	m := ops.NewMetrics("test")
	client := &http.Client{Transport: ops.InstrumentTransport(nil, srv.URL+"/api/", m)}

	call := func(path string) string {
		t.Helper()
		resp, err := client.Post(srv.URL+path+"?x=1", "application/x-www-form-urlencoded", strings.NewReader("token=secret"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// The caller still reads the whole body after the transport peeked at it.
	if got := call("/api/chat.postMessage"); got != `{"ok":true,"channel":"C1","ts":"1.2"}` {
		t.Errorf("body after inspection: %q", got)
	}
	call("/api/chat.update")
	call("/api/views.open")
	call("/api/users.info")
	call("/hooks/T1/B1/xyz")

	for _, c := range []struct{ method, status string }{
		{"chat.postMessage", "ok"},
		{"chat.update", "not_in_channel"},
		{"views.open", "ratelimited"},
		{"users.info", "http_502"},
		{"response_url", "ok"},
	} {
		if got := counter(t, m, ops.MetricSlackCalls, map[string]string{"method": c.method, "status": c.status}); got != 1 {
			t.Errorf("%s %s: counted %v, want 1", c.method, c.status, got)
		}
	}

	srv.Close()
	if _, err := client.Get(srv.URL + "/api/auth.test"); err == nil {
		t.Fatal("a call to a closed server succeeded")
	}
	if got := counter(t, m, ops.MetricSlackCalls, map[string]string{"method": "auth.test", "status": "transport_error"}); got != 1 {
		t.Errorf("transport error: counted %v, want 1", got)
	}
}
