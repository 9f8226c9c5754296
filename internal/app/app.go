// Package app wires Partner Coach together: store, coach service, Slack bot
// and ops server. cmd/partnercoach and the end-to-end tests build it the
// same way, through New.
package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"time"

	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/ops"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/slack-go/slack"
)

// App is one running Partner Coach process.
type App struct {
	cfg     Config
	logger  *slog.Logger
	Metrics *ops.Metrics
	store   coach.Store // closed last; everything else reaches data through svc
	svc     *coach.Service
	bot     *bot.Bot
	client  *http.Client // the bot's, for Slack
	ops     *ops.Server  // nil when HTTP_ADDR is empty

	cancel    context.CancelFunc // stops Run's Socket Mode loop
	botDone   chan struct{}      // closed when the bot has returned from Run
	runner    *remind.Runner     // fires stored reminders; nil until Run
	tokens    tokenState         // a token Slack refused since startup
	watchDone chan struct{}      // closed when the token watch has returned
	sweepDone chan struct{}      // closed when the weekly health sweep has returned (issue 16)
	keepDone  chan struct{}      // closed when the standings keeper has returned (issue 15)
}

// New opens the store and builds the service, the bot and the ops server.
// Nothing talks to Slack until Run. On error, whatever was opened is closed.
func New(ctx context.Context, cfg Config, logger *slog.Logger) (_ *App, err error) {
	a := &App{cfg: cfg, logger: logger, Metrics: ops.NewMetrics(cfg.Version)}
	raw, err := openStore(ctx, cfg, logger)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			_ = raw.Close()
		}
	}()
	a.store = ops.InstrumentStore(raw, a.Metrics)

	templates, err := coach.LoadTemplates(cfg.ChecklistTemplates)
	if err != nil {
		return nil, fmt.Errorf("CHECKLIST_TEMPLATES: %w", err)
	}
	svc := coach.NewService(a.store, templates, cfg.AdminUsers)
	a.svc = svc
	svc.Thresholds = cfg.Thresholds()
	svc.ValidateSpec = a.validateSpec
	if cfg.ReminderClock != nil {
		// One clock: whatever the reminders follow, the bot's "today",
		// snoozes and windows follow too (the sandbox's fast clock).
		svc.Now = cfg.ReminderClock.Now
	}

	// With Redis, replicas share one posting pace per channel; the embedded
	// store serves a single process, which paces itself.
	var pacer bot.Pacer = remind.NewPacer()
	if cfg.RedisURL != "" {
		pacer = remind.NewSharedPacer(svc, logger)
	}

	a.client = slackHTTPClient(cfg, a.Metrics)
	a.bot, err = bot.New(bot.Config{
		BotToken:    cfg.BotToken,
		AppToken:    cfg.AppToken,
		APIURL:      cfg.APIURL,
		Service:     svc,
		Logger:      logger,
		Workers:     cfg.Workers,
		DefaultTZ:   cfg.DefaultTZ,
		HTTPClient:  a.client,
		Observer:    a.Metrics,
		Pacer:       pacer,
		PingTimeout: cfg.SocketPingTimeout,
		LivingPlans: cfg.LivingPlans,
		// The bot drains within the shutdown budget, keeping a little of it
		// for closing the ops server and the store after it.
		DrainTimeout: cfg.ShutdownTimeout - min(2*time.Second, cfg.ShutdownTimeout/4),
	})
	if err != nil {
		return nil, fmt.Errorf("slack bot: %w", err)
	}

	if cfg.HTTPAddr != "" {
		checks := []ops.Check{
			{Name: "slack", Fn: func(context.Context) error {
				if err := a.tokens.get(); err != nil {
					return err
				}
				if !a.bot.Connected() {
					return errors.New("not connected to Slack over Socket Mode")
				}
				return nil
			}},
			{Name: "store", Fn: svc.Ping},
		}
		a.ops, err = ops.Listen(cfg.HTTPAddr, ops.Handler(checks, a.Metrics, 0), logger)
		if err != nil {
			return nil, fmt.Errorf("HTTP_ADDR: %w", err)
		}
	}
	return a, nil
}

// validateSpec checks a reminder schedule's syntax and frequency for the
// coach service.
func (a *App) validateSpec(spec string) error {
	s, err := remind.Parse(spec, a.cfg.DefaultTZ)
	if err != nil {
		return err
	}
	return remind.CheckInterval(s, a.svc.Now(), a.cfg.ReminderMinInterval)
}

// slackHTTPClient is the bot's client for the Web API and response_urls:
// counted per method in the metrics, with idle connections sized for the
// worker pool (http.DefaultTransport keeps 2 per host, so under load about
// every other reply would open a new TCP connection).
func slackHTTPClient(c Config, m *ops.Metrics) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = c.Workers + 4
	return &http.Client{
		Transport: ops.InstrumentTransport(t, c.APIURL, m),
		Timeout:   30 * time.Second,
	}
}

// HTTPAddr is the ops server's bound address, "" when it is off.
func (a *App) HTTPAddr() string {
	if a.ops == nil {
		return ""
	}
	return a.ops.Addr()
}

// Run connects to Slack and serves until ctx is cancelled (it then returns
// nil) or the bot stops on its own, e.g. on a revoked token (it returns that
// error). Either way, call Close next: it waits for in-flight work.
func (a *App) Run(ctx context.Context) error {
	ctx, a.cancel = context.WithCancel(ctx)
	a.logger.Info("starting", "version", a.cfg.Version, "config", a.cfg)
	if a.ops != nil {
		go func() {
			if err := a.ops.Serve(); err != nil {
				a.logger.Error("ops server stopped", "error", err)
			}
		}()
		a.logger.Info("ops server listening", "addr", a.ops.Addr())
	}
	// Both tokens, before anything reports ready: a wrong one stops here,
	// naming its variable (cmd/partnercoach exits 2). Slack unreachable is
	// not a verdict on the tokens: the connection retries on its own.
	if err := a.CheckTokens(ctx); err != nil {
		var te *TokenError
		if errors.As(err, &te) {
			return te
		}
		a.logger.Warn("could not check the tokens with Slack at startup", "error", err)
	}
	every := a.cfg.TokenCheckInterval
	if every <= 0 {
		every = DefaultTokenCheckInterval
	}
	a.watchDone = make(chan struct{})
	go func() {
		defer close(a.watchDone)
		a.watchTokens(ctx, every)
	}()
	// Issue 15: every team's standings kept current, from the start. Set
	// up beside the token watcher, before the runner starts, as Close reads
	// it after the runner stops.
	a.keepDone = make(chan struct{})
	go newStandingsKeeper(a.svc, a.logger.With("component", "standings")).run(ctx, standingsKeepEvery, a.keepDone)

	a.runner = &remind.Runner{
		Reminders: a.svc, Claims: a.svc, Holder: replicaName(), DefaultTZ: a.cfg.DefaultTZ,
		Logger: a.logger.With("component", "reminders"), Observer: a.Metrics, Clock: a.cfg.ReminderClock,
		Deliver: func(ctx context.Context, d remind.Due) (string, error) {
			return a.bot.DeliverReminder(ctx, d)
		},
	}
	// Slack first: the runner's first sweep delivers every occurrence missed
	// while no replica ran, at each channel's pace (about one post a second),
	// and users must not wait for that catch-up to be answered.
	a.botDone = make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		defer close(a.botDone)
		errc <- a.bot.Run(ctx)
	}()
	if err := a.runner.Start(ctx); err != nil {
		return fmt.Errorf("reminders: %w", err)
	}
	// Issue 16: the weekly health snapshots, once across replicas.
	a.sweepDone = make(chan struct{})
	go newHealthSweep(a.svc, replicaName(), a.logger.With("component", "health")).run(ctx, healthSweepEvery, a.sweepDone)
	select {
	case err := <-errc:
		if ctx.Err() != nil {
			return nil
		}
		if err == nil {
			err = errors.New("the Slack connection stopped")
		}
		var se slack.SlackErrorResponse
		if errors.As(err, &se) && slices.Contains(authErrors, se.Err) {
			// Socket Mode reconnects with the app token: refused, it stops.
			return fmt.Errorf("%w: %w", &TokenError{Var: AppTokenVar, Code: se.Err}, err)
		}
		return err
	case <-ctx.Done():
		a.logger.Info("shutting down")
		return nil
	}
}

// Close shuts down in order, bounded by ctx: stop taking envelopes, wait for
// in-flight work, stop the ops server, close the store. It returns what did
// not finish in time.
func (a *App) Close(ctx context.Context) error {
	var errs []error
	if a.cancel != nil {
		a.cancel()
	}
	if a.watchDone != nil {
		select {
		case <-a.watchDone:
		case <-ctx.Done():
		}
	}
	if a.runner != nil {
		// Running reminder jobs finish (their claims are released or marked
		// sent) before the store closes.
		select {
		case <-a.runner.Stop().Done():
		case <-ctx.Done():
			errs = append(errs, fmt.Errorf("reminder jobs did not finish within the shutdown timeout: %w", ctx.Err()))
		}
	}
	if a.sweepDone != nil {
		select {
		case <-a.sweepDone:
		case <-ctx.Done():
			errs = append(errs, fmt.Errorf("health sweep did not finish within the shutdown timeout: %w", ctx.Err()))
		}
	}
	if a.keepDone != nil {
		select {
		case <-a.keepDone:
		case <-ctx.Done():
			errs = append(errs, fmt.Errorf("standings keeper did not finish within the shutdown timeout: %w", ctx.Err()))
		}
	}
	if a.botDone != nil {
		select {
		case <-a.botDone:
		case <-ctx.Done():
			errs = append(errs, fmt.Errorf("in-flight work did not finish within the shutdown timeout: %w", ctx.Err()))
		}
	}
	if a.ops != nil {
		if err := a.ops.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("ops server: %w", err))
		}
	}
	a.client.CloseIdleConnections()
	if err := a.store.Close(); err != nil {
		errs = append(errs, fmt.Errorf("store: %w", err))
	}
	return errors.Join(errs...)
}

// replicaName identifies this process in reminder claims.
func replicaName() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Service is the coach service: the only door to the data, for a caller
// that runs the app in-process (the sandbox checks its demo data with it).
func (a *App) Service() *coach.Service { return a.svc }
