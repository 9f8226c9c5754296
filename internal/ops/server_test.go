package ops_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/internal/ops"
)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

func TestHealthz(t *testing.T) {
	// Liveness must not depend on readiness: a disconnected bot is alive.
	h := ops.Handler([]ops.Check{{Name: "store", Fn: func(context.Context) error { return errors.New("down") }}}, nil, 0)
	code, body := get(t, h, ops.PathHealth)
	if code != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("got %d %q, want 200 \"ok\"", code, body)
	}
}

func TestReadyz(t *testing.T) {
	var connected atomic.Bool
	storeErr := atomic.Pointer[error]{}
	down := errors.New("dial tcp 127.0.0.1:6379: connection refused")
	storeErr.Store(&down)
	checks := []ops.Check{
		{Name: "slack", Fn: func(context.Context) error {
			if !connected.Load() {
				return errors.New("Socket Mode not connected")
			}
			return nil
		}},
		{Name: "store", Fn: func(context.Context) error { return *storeErr.Load() }},
	}
	h := ops.Handler(checks, nil, 0)

	readyz := func() (int, map[string]any) {
		code, body := get(t, h, ops.PathReady)
		var out map[string]any
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatalf("readyz body %q is not JSON: %v", body, err)
		}
		return code, out
	}

	code, body := readyz()
	failing, _ := body["failing"].(map[string]any)
	if code != http.StatusServiceUnavailable || failing["slack"] == nil || failing["store"] == nil {
		t.Fatalf("both down: got %d %v, want 503 naming slack and store", code, body)
	}

	connected.Store(true)
	code, body = readyz()
	failing, _ = body["failing"].(map[string]any)
	if code != http.StatusServiceUnavailable || failing["slack"] != nil || failing["store"] != down.Error() {
		t.Fatalf("store down: got %d %v, want 503 naming only the store, with its error", code, body)
	}

	var none error
	storeErr.Store(&none)
	if code, body = readyz(); code != http.StatusOK || body["status"] != "ready" {
		t.Fatalf("all up: got %d %v, want 200 ready", code, body)
	}

	connected.Store(false)
	if code, _ = readyz(); code != http.StatusServiceUnavailable {
		t.Fatalf("after a disconnect: got %d, want 503", code)
	}
}

func TestReadyz_HungCheckTimesOut(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	h := ops.Handler([]ops.Check{{Name: "store", Fn: func(context.Context) error { <-block; return nil }}}, nil, 50*time.Millisecond)
	start := time.Now()
	code, body := get(t, h, ops.PathReady)
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "store") {
		t.Errorf("got %d %q, want 503 naming the store", code, body)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("readyz took %v with a hung check; want about the 50ms timeout", d)
	}
}

func TestMetricsExposition(t *testing.T) {
	m := ops.NewMetrics("v1.2.3")
	m.Envelope("slash_commands", ops.OutcomeHandled)
	m.AckLatency("slash_commands", 300*time.Microsecond)
	m.HandlerError("checklist")
	m.SlackCall("chat.postMessage", "ok")
	m.Reminder(ops.ReminderSent)
	m.StoreOp("Partner", time.Millisecond, "")
	m.StoreOp("Partner", time.Millisecond, "unavailable")

	_, body := get(t, ops.Handler(nil, m, 0), ops.PathMetrics)
	for _, want := range []string{
		ops.MetricEnvelopes + `{outcome="handled",type="slash_commands"} 1`,
		ops.MetricAckLatency + `_bucket{type="slash_commands",le="0.0005"} 1`,
		ops.MetricAckLatency + `_bucket{type="slash_commands",le="0.0001"} 0`,
		ops.MetricHandlerErrors + `{command="checklist"} 1`,
		ops.MetricSlackCalls + `{method="chat.postMessage",status="ok"} 1`,
		ops.MetricReminders + `{outcome="sent"} 1`,
		ops.MetricReminders + `{outcome="failed"} 0`,
		ops.MetricStoreLatency + `_count{op="Partner"} 2`,
		ops.MetricStoreErrors + `{code="unavailable",op="Partner"} 1`,
		ops.MetricBuildInfo + `{goversion="`,
		`version="v1.2.3"`,
		"go_goroutines ",
		"process_start_time_seconds ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestMetrics_NilIsNoop(t *testing.T) {
	var m *ops.Metrics
	m.Envelope("x", "y")
	m.AckLatency("x", time.Second)
	m.HandlerError("x")
	m.SlackCall("x", "y")
	m.Reminder("x")
	m.StoreOp("x", time.Second, "y")
}

func TestMetrics_LabelsStayBounded(t *testing.T) {
	m := ops.NewMetrics("test")
	m.HandlerError("add <!channel> from a user")
	m.HandlerError(strings.Repeat("a", 500))
	if got := counter(t, m, ops.MetricHandlerErrors, map[string]string{"command": "other"}); got != 1 {
		t.Errorf("free text became its own label value (other=%v)", got)
	}
	if _, ok := sample(t, m, ops.MetricHandlerErrors, map[string]string{"command": strings.Repeat("a", 48)}); !ok {
		t.Error("a long label was not truncated to 48 bytes")
	}
}

func TestServer_ListenServeShutdown(t *testing.T) {
	logger := discardLogger()
	s, err := ops.Listen("127.0.0.1:0", ops.Handler(nil, nil, 0), logger)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve() }()
	if err := ops.Probe(context.Background(), s.Addr()); err != nil {
		t.Fatalf("probe of a running server: %v", err)
	}
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Errorf("Serve after Shutdown: %v, want nil", err)
	}
	if err := ops.Probe(context.Background(), s.Addr()); err == nil {
		t.Error("probe of a stopped server succeeded")
	}
	if _, err := ops.Listen(s.Addr()+"0000", nil, logger); err == nil {
		t.Error("Listen on a bad address succeeded")
	}
}

func TestProbe(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != ops.PathHealth {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer srv.Close()
	_, port, _ := strings.Cut(srv.Listener.Addr().String(), ":")

	// ":port" is how HTTP_ADDR is usually written: the probe dials loopback.
	if err := ops.Probe(context.Background(), ":"+port); err == nil || !strings.Contains(err.Error(), "500") {
		t.Errorf("got %v, want an error naming the 500", err)
	}
	if err := ops.Probe(context.Background(), ""); err == nil || !strings.Contains(err.Error(), "HTTP_ADDR") {
		t.Errorf("empty address: got %v, want an error naming HTTP_ADDR", err)
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
