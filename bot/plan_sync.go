package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Living plans (issue 16, part 5). Each partner's internal channel holds
// one canvas with the partner's current plan. coach reports every write
// that may change a plan (Service.WatchPlans); the bot marks the partner
// due after PlanDelay, so a burst of changes makes one update, and a single
// loop brings the due plans up to date. An update is idempotent: the plan
// is rendered from the records as they are, and written only when its
// digest changed. The first canvas (or fallback message) of a partner is
// created under a lease kept on the partner, so two replicas never create
// two. Where Slack refuses canvases, the channel is told once and the plan
// lives in a message, updated in place.

// DefaultPlanDelay is how long the bot waits after a change before it
// updates the plan, gathering the changes made meanwhile.
const DefaultPlanDelay = 2 * time.Second

// planLease bounds how long a replica may take to create a plan's canvas or
// message before another may try.
const planLease = 30 * time.Second

type planKey struct{ team, partner string }

// planQueue holds the partners whose plan is due for an update.
type planQueue struct {
	mu   sync.Mutex
	due  map[planKey]time.Time
	wake chan struct{}
}

var (
	errPlanNoChannel = errors.New("plan: the partner has no channel")
	errPlanShared    = errors.New("plan: the partner's channel is shared with another organisation")
	errPlanBusy      = errors.New("plan: another replica is creating it")
)

// planRefusals are Slack's answers that mean canvases are not available
// here (the workspace's plan or settings, the app's scopes, a canvas
// someone else already made for the channel): the plan goes to a message.
var planRefusals = map[string]bool{
	"team_tier_cannot_create_channel_canvases": true, "free_team_canvas_tab_already_exists": true,
	"canvas_disabled_user_team": true, "missing_scope": true, "not_allowed_token_type": true,
	"restricted_action": true, "not_allowed": true, "access_denied": true, "feature_not_enabled": true,
	"channel_canvas_already_exists": true,
}

func (b *Bot) planDelay() time.Duration {
	if b.cfg.PlanDelay > 0 {
		return b.cfg.PlanDelay
	}
	return DefaultPlanDelay
}

// planChanged marks a partner's plan due (the coach watcher).
func (b *Bot) planChanged(team, partner string) {
	b.plans.mu.Lock()
	k := planKey{team, partner}
	if _, ok := b.plans.due[k]; !ok {
		b.plans.due[k] = time.Now().Add(b.planDelay())
	}
	b.plans.mu.Unlock()
	select {
	case b.plans.wake <- struct{}{}:
	default:
	}
}

// takeDue removes and returns the partners due by now, and when the next
// one falls due (zero if none).
func (q *planQueue) takeDue(now time.Time) (ready []planKey, next time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for k, at := range q.due {
		if !at.After(now) {
			ready = append(ready, k)
			delete(q.due, k)
		} else if next.IsZero() || at.Before(next) {
			next = at
		}
	}
	return ready, next
}

// startPlans runs the plan loop (when living plans are on) and returns the
// function that stops it and waits for it.
func (b *Bot) startPlans(ctx context.Context) (stop func()) {
	if !b.cfg.LivingPlans {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); b.runPlans(ctx) }()
	return func() { cancel(); <-done }
}

// runPlans updates due plans until ctx ends.
func (b *Bot) runPlans(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		ready, next := b.plans.takeDue(time.Now())
		for _, k := range ready {
			if _, err := b.syncPlan(ctx, k.team, k.partner, false); err != nil && !errors.Is(err, errPlanNoChannel) && !errors.Is(err, errPlanShared) {
				b.log.Warn("living plan not updated", slog.String("team", k.team), slog.String("partner", k.partner), slog.Any("error", err))
			}
		}
		wait := time.Hour
		if !next.IsZero() {
			wait = max(time.Until(next), time.Millisecond)
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return
		case <-b.plans.wake:
		case <-timer.C:
		}
	}
}

// slackCode is Slack's error code in err, "" for any other error.
func slackCode(err error) string {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	return ""
}

// syncPlan brings partner's plan up to date in its internal channel and
// returns where it is. force writes it even when unchanged and tries a
// canvas again where Slack refused one before.
//
// Every write holds the plan's lease (kept on the partner, so shared by all
// replicas), and the plan is read after the lease is taken: two syncs never
// interleave, and none writes an older plan over a newer one. A sync that
// finds the lease held marks the plan due again and returns.
func (b *Bot) syncPlan(ctx context.Context, team, partnerID string, force bool) (result coach.PlanPlace, _ error) {
	p, err := b.svc.Partner(ctx, team, partnerID)
	if err != nil {
		return coach.PlanPlace{}, err
	}
	if p.Channel == "" {
		return p.Plan, errPlanNoChannel
	}
	// Never in a channel shared with another organisation: the plan is
	// internal. When unsure, externallyShared says shared.
	if b.lookups.externallyShared(ctx, p.Channel) {
		return p.Plan, errPlanShared
	}
	holder := b.planHolder + "/" + newRef()
	place, err := b.takePlanLease(ctx, team, p, holder)
	if errors.Is(err, errPlanBusy) {
		b.planChanged(team, p.ID) // again once the lease is over
		return p.Plan, nil
	}
	if err != nil {
		return p.Plan, err
	}
	// Whatever happens next, the lease is given back with what was done.
	var done func(*coach.PlanPlace)
	defer func() {
		rctx := context.WithoutCancel(ctx)
		final, err := b.svc.UpdatePlanPlace(rctx, team, p.ID, func(pp *coach.PlanPlace) error {
			if pp.Holder != holder {
				return nil // lost it (expired): write nothing
			}
			if done != nil {
				done(pp)
			}
			pp.Holder, pp.HeldUntil = "", time.Time{}
			return nil
		})
		if err == nil {
			result = final
		}
	}()

	pl, err := b.svc.PlanFor(ctx, team, partnerID)
	if err != nil {
		return place, err
	}
	p = pl.Partner
	l := b.lookups.locale(ctx, p.Owner)
	md := blocks.PlanMarkdown(l, pl)
	sum := sha256.Sum256([]byte(md))
	digest := hex.EncodeToString(sum[:12])
	if !force && place.Digest == digest && (place.CanvasID != "" || place.MessageTS != "") {
		return place, nil
	}
	refused := place.Refused
	if refused == "" || force {
		id, code, err := b.planCanvas(ctx, p, place, md, l)
		if err != nil {
			return place, err
		}
		if code == "" {
			done = func(pp *coach.PlanPlace) {
				pp.CanvasID, pp.Digest, pp.Refused, pp.UpdatedAt = id, digest, "", b.svc.Now()
			}
			return place, nil
		}
		refused = code
	}
	ts, err := b.planMessage(ctx, p, pl, place, refused, l)
	done = func(pp *coach.PlanPlace) {
		pp.Refused = refused
		if ts != "" {
			pp.MessageTS, pp.Digest, pp.UpdatedAt = ts, digest, b.svc.Now()
		}
	}
	return place, err
}

// takePlanLease takes p's plan lease for holder, or says it is held.
func (b *Bot) takePlanLease(ctx context.Context, team string, p coach.Partner, holder string) (coach.PlanPlace, error) {
	now := b.svc.Now()
	return b.svc.UpdatePlanPlace(ctx, team, p.ID, func(pp *coach.PlanPlace) error {
		if pp.Channel != p.Channel {
			*pp = coach.PlanPlace{Channel: p.Channel} // moved: start again there
		}
		if pp.Holder != "" && now.Before(pp.HeldUntil) {
			return errPlanBusy
		}
		pp.Holder, pp.HeldUntil = holder, now.Add(planLease)
		return nil
	})
}

// planCanvas writes the plan to its canvas, creating it once, and returns
// the canvas ID, or Slack's refusal code when canvases are not available
// here.
func (b *Bot) planCanvas(ctx context.Context, p coach.Partner, place coach.PlanPlace, md string, l i18n.Locale) (id, refusal string, err error) {
	content := slack.DocumentContent{Type: "markdown", Markdown: md}
	if place.CanvasID != "" {
		err := b.api.EditCanvasContext(ctx, slack.EditCanvasParams{CanvasID: place.CanvasID, Changes: []slack.CanvasChange{{Operation: "replace", DocumentContent: content}}})
		code := slackCode(err)
		switch {
		case err == nil:
			return place.CanvasID, "", nil
		case planRefusals[code]:
			return "", code, nil
		case code != "canvas_not_found":
			return "", "", err
		}
		// Deleted in Slack: make a new one.
	}
	id, err = b.api.CreateChannelCanvasContext(ctx, p.Channel, content, slack.CreateChannelCanvasOptionTitle(blocks.PlanTitle(l, coach.Plan{Partner: p})))
	if code := slackCode(err); planRefusals[code] {
		return "", code, nil
	}
	if err != nil {
		return "", "", err
	}
	b.log.Info("living plan canvas created", slog.String("team", p.TeamID), slog.String("partner", p.ID), slog.String("canvas", id))
	return id, "", nil
}

// planMessage keeps the plan in a message where Slack refused the canvas,
// telling the channel once why (when the refusal is first recorded). It
// returns the message's ts.
func (b *Bot) planMessage(ctx context.Context, p coach.Partner, pl coach.Plan, place coach.PlanPlace, code string, l i18n.Locale) (string, error) {
	if place.Refused == "" {
		note := []slack.Block{blocks.Section(i18n.T(l, "plan.refused", blocks.EscapeCode(code), blocks.Escape(p.Name)))}
		if _, err := b.post(ctx, nil, p.Channel, note); err != nil {
			b.log.Warn("living plan: refusal notice not posted", slog.String("partner", p.ID), slog.Any("error", err))
		}
	}
	bl := blocks.PlanMessage(l, pl)
	if place.MessageTS != "" {
		err := b.update(ctx, p.Channel, place.MessageTS, bl)
		if err == nil {
			return place.MessageTS, nil
		}
		if slackCode(err) != "message_not_found" {
			return "", err
		}
	}
	return b.post(ctx, nil, p.Channel, bl)
}
