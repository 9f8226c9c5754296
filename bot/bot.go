// Package bot is Partner Coach's Slack surface: it receives Socket Mode
// envelopes, acknowledges each at once, and does the work in a bounded pool —
// parsing /partner commands and clicks, calling coach, rendering with
// bot/blocks, and answering through the Web API.
package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// Config is everything the bot needs; cmd fills it from the environment.
type Config struct {
	BotToken, AppToken string
	APIURL             string // Web API base URL, ending in "/"
	Service            *coach.Service
	Logger             *slog.Logger
	Workers            int // concurrent handlers (default 16)
	DefaultTZ          string
	HTTPClient         *http.Client
	// DrainTimeout bounds how long Run waits for in-flight work on shutdown.
	DrainTimeout time.Duration
	// Observer receives metrics; nil measures nothing.
	Observer Observer
	// Pacer spaces reminder posts per channel; nil uses remind.NewPacer.
	Pacer Pacer
	// PingTimeout is how long the Socket Mode link may go without a ping from
	// Slack before the bot drops it and reconnects; 0 keeps slack-go's 30 s.
	// A silent link is noticed between one and two PingTimeouts.
	PingTimeout time.Duration
	// LateAfter is when a command still unanswered gets "still working on
	// it…" (default DefaultLateAfter).
	LateAfter time.Duration
	// DedupeWindow is how long an identical state-changing command counts as
	// a resubmission (default DefaultDedupeWindow). The claims are kept in
	// the store, through the Service.
	DedupeWindow time.Duration
	// LivingPlans keeps a canvas with each partner's plan in its internal
	// channel (plan_sync.go); PlanDelay is how long after a change the plan
	// is updated (default DefaultPlanDelay).
	LivingPlans bool
	PlanDelay   time.Duration
}

// Bot is a running Socket Mode app.
type Bot struct {
	cfg       Config
	log       *slog.Logger
	api       *slack.Client
	sm        *socketmode.Client
	svc       *coach.Service
	jobs      chan func(context.Context)
	connected atomic.Bool
	lookups   *lookups
	http      *http.Client
	pacer     Pacer

	// submissions tracks modal submissions in flight (see onSubmission).
	submissions sync.WaitGroup

	msgMu    sync.Mutex
	msgLocks map[string]*msgLock // per-message redraw locks, see lockMessage

	claims coach.ClaimStore // command dedupe; nil turns it off
	seen   seenEnvelopes

	me identity // the bot's own IDs, see checkOrigin

	plans      planQueue // living plans due for an update, see plan_sync.go
	planHolder string    // this process's name in plan creation leases
}

// New checks the config and builds the Slack clients; it does not connect.
func New(cfg Config) (*Bot, error) {
	switch {
	case cfg.Service == nil:
		return nil, errors.New("bot: Service is required")
	case cfg.BotToken == "" || cfg.AppToken == "":
		return nil, errors.New("bot: both the bot token and the app-level token are required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 16
	}
	if cfg.Observer == nil {
		cfg.Observer = nopObserver{}
	}
	if cfg.DrainTimeout <= 0 {
		cfg.DrainTimeout = 20 * time.Second
	}
	if cfg.HTTPClient == nil {
		// Sized for the pool: the default transport keeps only 2 idle
		// connections per host and would redial for every other reply.
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = cfg.Workers * 2
		cfg.HTTPClient = &http.Client{Transport: t, Timeout: 15 * time.Second}
	}
	opts := []slack.Option{slack.OptionAppLevelToken(cfg.AppToken), slack.OptionHTTPClient(cfg.HTTPClient)}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	// All options go on before socketmode.New, which copies the client.
	api := slack.New(cfg.BotToken, opts...)
	var smOpts []socketmode.Option
	if cfg.PingTimeout > 0 {
		smOpts = append(smOpts, socketmode.OptionPingInterval(cfg.PingTimeout))
	}
	b := &Bot{
		cfg: cfg, log: cfg.Logger, api: api, svc: cfg.Service, http: cfg.HTTPClient,
		sm:   socketmode.New(api, smOpts...),
		jobs: make(chan func(context.Context), cfg.Workers*8),
	}
	b.claims = cfg.Service
	b.plans = planQueue{due: map[planKey]time.Time{}, wake: make(chan struct{}, 1)}
	b.planHolder = "plan/" + newRef() + newRef()
	if cfg.LivingPlans {
		cfg.Service.WatchPlans(b.planChanged)
	}
	b.lookups = newLookups(api, cfg.Logger)
	b.pacer = cfg.Pacer
	if b.pacer == nil {
		b.pacer = remind.NewPacer()
	}
	return b, nil
}

// Connected reports whether the Socket Mode connection is up (for /readyz).
func (b *Bot) Connected() bool { return b.connected.Load() }

// Run connects and serves until ctx ends or Slack refuses the tokens. On
// return it has stopped taking envelopes and finished in-flight work (bounded
// by DrainTimeout).
func (b *Bot) Run(ctx context.Context) error {
	sockCtx, stopSock := context.WithCancel(ctx)
	defer stopSock()
	errc := make(chan error, 1)
	go func() { errc <- b.sm.RunContext(sockCtx) }()

	// Workers run on their own context: a shutdown stops new envelopes but
	// lets work already acknowledged finish.
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	var wg sync.WaitGroup
	for range b.cfg.Workers {
		wg.Go(func() {
			for job := range b.jobs {
				job(workCtx)
			}
		})
	}
	stopPlans := b.startPlans(workCtx) // living plans, see plan_sync.go
	drain := func() {
		defer b.http.CloseIdleConnections()
		defer stopPlans()
		close(b.jobs)
		done := make(chan struct{})
		go func() { wg.Wait(); b.submissions.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(b.cfg.DrainTimeout):
			b.log.Warn("shutdown: in-flight work did not finish in time", slog.Duration("timeout", b.cfg.DrainTimeout))
			stopWork()
			<-done
		}
	}
	for {
		select {
		case <-ctx.Done():
			b.connected.Store(false)
			drain()
			return nil
		case err := <-errc:
			b.connected.Store(false)
			drain()
			if err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("socket mode: %w", err)
			}
			return nil
		case ev, ok := <-b.sm.Events:
			if !ok {
				drain()
				return nil
			}
			b.handleEvent(ev)
		}
	}
}

// handleEvent runs on the event loop: it acknowledges at once and hands the
// work to the pool, so the loop never blocks and Slack's 3 s are never at risk.
func (b *Bot) handleEvent(ev socketmode.Event) {
	readAt := time.Now()
	obs := b.cfg.Observer
	switch ev.Type {
	case socketmode.EventTypeConnected:
		b.connected.Store(true)
		b.log.Info("socket mode connected")
		return
	case socketmode.EventTypeConnecting, socketmode.EventTypeDisconnect, socketmode.EventTypeConnectionError:
		b.connected.Store(false)
		return
	case socketmode.EventTypeIncomingError:
		// A frame that is not even JSON: slack-go drops it and reads on.
		// Say so (the cause, truncated; never the frame: it may hold user
		// text) and count it. A read error that ends the connection is a
		// disconnect, handled by the reconnect.
		if ie, ok := ev.Data.(*slack.IncomingEventError); ok && undecodable(ie.ErrorObj) {
			b.log.Warn("frame from Slack could not be decoded", slog.String("cause", truncateCause(ie.ErrorObj)))
			obs.Envelope(string(ev.Type), OutcomeIgnored)
		}
		return
	case socketmode.EventTypeErrorBadMessage:
		bad, ok := ev.Data.(*socketmode.ErrorBadMessage)
		if !ok {
			return
		}
		if job := b.onBadMessage(bad); job != nil {
			b.enqueue(ev, job)
		} else {
			obs.Envelope(string(ev.Type), OutcomeIgnored)
		}
		return
	case socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive, socketmode.EventTypeEventsAPI:
	default:
		return
	}
	// A modal's submission is answered in its ack: see modals.go.
	if ic, ok := ev.Data.(slack.InteractionCallback); ok && ic.Type == slack.InteractionTypeViewSubmission && ev.Request != nil {
		req := *ev.Request
		b.submissions.Go(func() { b.onSubmission(req, ic, readAt) })
		return
	}
	if ev.Request != nil {
		b.sm.Ack(*ev.Request)
		obs.AckLatency(string(ev.Type), time.Since(readAt))
		if !b.seen.firstTime(ev.Request.EnvelopeID, readAt) {
			obs.Envelope(string(ev.Type), OutcomeDuplicate)
			b.log.Info("envelope delivered twice; handled once", slog.String("envelope_id", ev.Request.EnvelopeID))
			return
		}
	}
	var job func(context.Context, *reply)
	switch data := ev.Data.(type) {
	case slack.SlashCommand:
		userTeam := commandUserTeam(ev.Request)
		job = func(ctx context.Context, rp *reply) {
			if userTeam == "" {
				// Not in the payload: the user's profile says.
				userTeam = b.lookups.team(ctx, data.UserID)
			}
			if externalUser(data.TeamID, userTeam) {
				b.refuseExternal(ctx, rp, data, userTeam)
				return
			}
			rp.late = b.watchLate(ctx, readAt, data.UserID, data.ResponseURL)
			defer rp.late.settle()
			b.onCommand(ctx, rp, data)
		}
	case slack.InteractionCallback:
		if data.Type == slack.InteractionTypeBlockActions {
			job = func(ctx context.Context, rp *reply) { b.onInteraction(ctx, rp, data) }
		}
	default:
		if team, fe, ok := functionExecuted(ev.Data); ok { // a Workflow Builder step: workflow.go
			job = func(ctx context.Context, rp *reply) { b.onFunction(ctx, rp, team, fe) }
		} else if ev.Type == socketmode.EventTypeEventsAPI {
			job = func(ctx context.Context, _ *reply) { b.onEvent(ctx, ev) }
		}
	}
	if job == nil {
		obs.Envelope(string(ev.Type), OutcomeIgnored)
		return
	}
	b.enqueue(ev, job)
}

// enqueue hands an acknowledged envelope's work to the pool, or answers busy
// when the queue is full rather than stall the reader. The job answers with
// the reply made for it, which says how the envelope ended.
func (b *Bot) enqueue(ev socketmode.Event, job func(context.Context, *reply)) {
	obs := b.cfg.Observer
	work := func(ctx context.Context) {
		rp := &reply{}
		job(ctx, rp)
		obs.Envelope(string(ev.Type), rp.outcome())
	}
	select {
	case b.jobs <- work:
	default:
		// The queue is full: tell the user rather than stall the reader.
		obs.Envelope(string(ev.Type), OutcomeDropped)
		go b.busy(ev)
	}
}

func (b *Bot) busy(ev socketmode.Event) {
	if cmd, ok := ev.Data.(slack.SlashCommand); ok {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		l := b.lookups.locale(ctx, cmd.UserID)
		_ = b.respond(ctx, nil, cmd.ResponseURL, "ephemeral", blocksError(l, "error.busy", ""))
	}
	b.log.Warn("work queue full; envelope answered busy", slog.String("type", string(ev.Type)))
}

// newRef is a short reference shown to the user and written in the log line.
func newRef() string {
	r := make([]byte, 4)
	_, _ = rand.Read(r)
	return hex.EncodeToString(r)
}
