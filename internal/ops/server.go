// Package ops serves what operators and orchestrators need from a running
// Partner Coach: liveness (/healthz), readiness (/readyz) and Prometheus
// metrics (/metrics), and the instrumentation feeding those metrics.
package ops

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// Paths served by Handler. The deploy manifests' probes use these.
const (
	PathHealth  = "/healthz"
	PathReady   = "/readyz"
	PathMetrics = "/metrics"
)

// DefaultCheckTimeout bounds each readiness check: a probe must answer well
// within the orchestrator's own probe timeout (Kubernetes defaults to 1 s).
const DefaultCheckTimeout = 800 * time.Millisecond

// Check is one readiness condition; a nil error means ready.
type Check struct {
	Name string
	Fn   func(ctx context.Context) error
}

// Handler returns the mux for the three endpoints. metrics may be nil (then
// /metrics answers 404).
func Handler(checks []Check, metrics *Metrics, timeout time.Duration) http.Handler {
	if timeout <= 0 {
		timeout = DefaultCheckTimeout
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+PathHealth, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET "+PathReady, func(w http.ResponseWriter, r *http.Request) {
		failing := runChecks(r.Context(), checks, timeout)
		w.Header().Set("Content-Type", "application/json")
		if len(failing) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_ = json.NewEncoder(w).Encode(readyBody{Status: "not ready", Failing: failing})
			return
		}
		_ = json.NewEncoder(w).Encode(readyBody{Status: "ready"})
	})
	if metrics != nil {
		mux.Handle("GET "+PathMetrics, metrics.Handler())
	}
	return mux
}

type readyBody struct {
	Status  string            `json:"status"`
	Failing map[string]string `json:"failing,omitempty"`
}

// runChecks runs every check at once, each bounded by timeout, and returns
// the failing ones by name with their error.
func runChecks(ctx context.Context, checks []Check, timeout time.Duration) map[string]string {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		failing = map[string]string{}
	)
	for _, c := range checks {
		wg.Go(func() {
			err := runCheck(ctx, c)
			if err != nil {
				mu.Lock()
				failing[c.Name] = err.Error()
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return failing
}

// runCheck returns at the deadline even if the check ignores its context.
func runCheck(ctx context.Context, c Check) error {
	done := make(chan error, 1)
	go func() { done <- c.Fn(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return errors.New("no answer within the check timeout")
	}
}

// Server is the ops HTTP server.
type Server struct {
	srv    *http.Server
	ln     net.Listener
	logger *slog.Logger
}

// Listen binds addr now, so a taken port fails at startup rather than later
// in a goroutine.
func Listen(addr string, h http.Handler, logger *slog.Logger) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &Server{
		srv: &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second,
			ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)},
		ln:     ln,
		logger: logger,
	}, nil
}

// Addr is the address actually bound (useful with port 0).
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve serves until Shutdown; it returns nil after a Shutdown.
func (s *Server) Serve() error {
	if err := s.srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Shutdown stops accepting connections and waits for requests in flight,
// bounded by ctx.
func (s *Server) Shutdown(ctx context.Context) error { return s.srv.Shutdown(ctx) }
