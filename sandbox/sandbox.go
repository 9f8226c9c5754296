// Package sandbox runs Partner Coach offline: the Slack simulator, the
// embedded store and the unchanged bot (wired by internal/app exactly as in
// production, connected to the simulator over Socket Mode), behind a web page
// that looks and works like a Slack workspace. The page talks to a small
// HTTP/JSON API that acts as a Slack user through the simulator's user-side
// methods (slash commands, clicks, modal submissions, the App Home); nothing
// reaches into the bot (the demo only reads, through the coach service,
// whether its partners are there). Only cmd/partnercoach imports it.
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/partnercoach/partnercoach/internal/app"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/partnercoach/partnercoach/slacksim"
)

// FastSpeed is the fast clock's pace: one day of reminder schedules per
// second, so a weekly nudge comes every 7 s and a monthly review within a month of seconds.
const FastSpeed = 86400

// Options configure a sandbox.
type Options struct {
	Addr     string // listen address of the page, e.g. 127.0.0.1:8080
	DataPath string // embedded store file; "" uses a temporary file removed on Close
	Demo     bool   // type the demo commands once the bot is connected
	Version  string
	Logger   *slog.Logger // the bot's and the sandbox's; nil discards
}

// AddrError says the page cannot listen on its address (--addr).
type AddrError struct {
	Addr string
	Err  error
}

func (e *AddrError) Error() string {
	if errors.Is(e.Err, syscall.EADDRINUSE) {
		return fmt.Sprintf("--addr %s is already in use: stop what listens there, or choose another address, e.g. --addr 127.0.0.1:8081", e.Addr)
	}
	return fmt.Sprintf("--addr %s: %v", e.Addr, e.Err)
}

func (e *AddrError) Unwrap() error { return e.Err }

// Sandbox is a running offline workspace.
type Sandbox struct {
	Sim   *slacksim.Server
	Clock *remind.Clock

	opts   Options
	log    *slog.Logger
	app    *app.App
	cancel context.CancelFunc
	runErr chan error
	ln     net.Listener
	srv    *http.Server
	tmpDir string
	// stopRequests cancels every request's context (long polls included).
	stopRequests context.CancelFunc
	demoMu       sync.Mutex // one demo script at a time
	closeMu      sync.Once
}

// Start builds the simulator, the store and the bot, waits until the bot is
// connected over Socket Mode, then listens on opts.Addr (serve with Serve).
func Start(ctx context.Context, opts Options) (_ *Sandbox, err error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Sandbox{opts: opts, log: opts.Logger, Sim: slacksim.New(), Clock: remind.NewClock()}
	// The channel /partner help's example names (add … @alice #globex), so
	// that every example works when pasted.
	s.Sim.AddChannel(slacksim.Channel{ID: "C0GLOBEX", Name: "globex", IsMember: true})
	defer func() {
		if err != nil {
			s.Close(context.Background())
		}
	}()
	// The address first: a port already taken is the likeliest mistake,
	// and nothing else should start before it is told.
	if s.ln, err = net.Listen("tcp", opts.Addr); err != nil {
		return nil, &AddrError{Addr: opts.Addr, Err: err}
	}
	if opts.DataPath == "" {
		if s.tmpDir, err = os.MkdirTemp("", "partnercoach-sandbox-"); err != nil {
			return nil, fmt.Errorf("sandbox: temporary store: %w", err)
		}
		opts.DataPath = filepath.Join(s.tmpDir, "sandbox.db")
	}
	cfg, err := app.LoadConfig(func(key string) (string, bool) {
		v, ok := map[string]string{
			// The simulator's credentials and URL, as a real deployment
			// would set Slack's; everything else keeps its default.
			"SLACK_APP_TOKEN": slacksim.AppToken, "SLACK_BOT_TOKEN": slacksim.BotToken, "SLACK_API_URL": s.Sim.URL(),
			"DATA_PATH": opts.DataPath, "HTTP_ADDR": "", "SHUTDOWN_TIMEOUT": "5s",
		}[key]
		return v, ok
	})
	if err != nil {
		return nil, fmt.Errorf("sandbox: config: %w", err)
	}
	cfg.Version = opts.Version
	// One clock: the reminders, the bot's "today" (cfg.ReminderClock is
	// the coach service's clock too) and the workspace's message times.
	cfg.ReminderClock = s.Clock
	s.Sim.Clock = s.Clock.Now
	if s.app, err = app.New(ctx, cfg, s.log); err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.cancel = cancel
	s.runErr = make(chan error, 1)
	go func() { s.runErr <- s.app.Run(runCtx) }()

	wait, cancelWait := context.WithTimeout(ctx, 10*time.Second)
	defer cancelWait()
	if err := s.Sim.WaitFor(wait, func() bool { return s.Sim.Connections() > 0 }); err != nil {
		return nil, fmt.Errorf("sandbox: the bot did not connect to the simulator: %w", err)
	}
	// Requests live in a context that Close cancels first, so the page's
	// long polls end at once instead of holding up the shutdown.
	reqCtx, stopRequests := context.WithCancel(context.Background())
	s.stopRequests = stopRequests
	s.srv = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return reqCtx }}
	if opts.Demo {
		if err := s.Demo(ctx, "U0ALICE"); errors.Is(err, ErrDemoThere) {
			s.log.Info("sandbox: --demo: the store already has the demo data; nothing added")
		} else if err != nil {
			return nil, err
		}
	}
	return s, nil
}

// URL is the page's address.
func (s *Sandbox) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// Serve serves the page until ctx ends or the bot stops; it returns the
// bot's error, if any.
func (s *Sandbox) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() {
		if err := s.srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
			errc <- err
		}
	}()
	select {
	case <-ctx.Done():
		return nil
	case err := <-errc:
		return fmt.Errorf("sandbox: page server: %w", err)
	case err := <-s.runErr:
		if err == nil {
			err = errors.New("the bot stopped")
		}
		return err
	}
}

// Close stops the page server, the bot (in-flight work first) and the
// simulator, and removes a temporary store.
func (s *Sandbox) Close(ctx context.Context) error {
	var errs []error
	s.closeMu.Do(func() {
		if s.srv != nil {
			s.stopRequests()
			if err := s.srv.Shutdown(ctx); err != nil {
				errs = append(errs, err)
			}
		} else if s.ln != nil {
			_ = s.ln.Close()
		}
		if s.app != nil {
			s.cancel()
			if err := s.app.Close(ctx); err != nil {
				errs = append(errs, err)
			}
		}
		s.Sim.Close()
		if s.tmpDir != "" {
			if err := os.RemoveAll(s.tmpDir); err != nil {
				errs = append(errs, err)
			}
		}
	})
	return errors.Join(errs...)
}
