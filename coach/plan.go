package coach

import (
	"context"
	"fmt"
	"time"
)

// PlanPlace is where a partner's living plan is shown in Slack: a canvas in
// the partner's internal channel or, where Slack refuses canvases, a message
// there. It is kept on the partner record (Partner.Plan), so both stores keep
// it with the partner, atomically.
type PlanPlace struct {
	Channel   string `json:"channel,omitempty"`    // the internal channel it lives in
	CanvasID  string `json:"canvas_id,omitempty"`  // the channel canvas, once created
	MessageTS string `json:"message_ts,omitempty"` // the fallback message, once posted
	// Refused is Slack's error code when it refused the canvas (plan,
	// settings, scopes); the owner is told once, when it is first set.
	Refused string `json:"refused,omitempty"`
	// Digest identifies the content last written, so an unchanged plan is
	// not written again (updates are idempotent).
	Digest string `json:"digest,omitempty"`
	// Holder and HeldUntil lease the first creation to one replica, so two
	// replicas never create the canvas or the message twice.
	Holder    string    `json:"holder,omitempty"`
	HeldUntil time.Time `json:"held_until,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Plan is a partner's living plan as data: what the canvas shows. The bot
// renders it (bot/plan.go); nothing here is a sentence.
type Plan struct {
	Partner  Partner
	Health   Health
	Decision Decision // selection verdict; zero Kind without a selection checklist
	Balance  Balance  // the last 90 days
	// Commitments are the joint plan's items, open (late ones marked)
	// before done ones, dropped ones left out (plan_commitments.go).
	Commitments []PlanCommitment
	// NextEvents are the planned joint events, soonest first (at most
	// PlanEvents); Turn says whose turn it is to host the next one.
	NextEvents []Event
	Turn       Host
	// LastReview is the last quarterly review's summary, when a review
	// source is wired (PlanSources.LastReview); nil otherwise.
	LastReview *PlanReview
	At         time.Time
}

// PlanCommitment is one commitment as the plan shows it.
type PlanCommitment struct {
	Side       string // "us", "partner", "both"
	Person     string // Slack user ID, when the person is in the workspace
	PersonName string // otherwise a name (someone at the partner)
	What       string
	Due        time.Time
	Status     string // "open", "done", "late"
}

// PlanReview is the summary of the last quarterly review.
type PlanReview struct {
	Quarter string       // e.g. "2026Q4"
	Score   int          // health now (the score the review opens with)
	Next    []NextAction // the three things to do next quarter
}

// PlanEvents bounds the upcoming events a plan lists.
const PlanEvents = 5

// PlanSources plugs parts of the plan that other features own into PlanFor
// without coach/plan.go knowing their stores: the last quarterly review (a
// nil source leaves it out) and, to override the store's, commitments.
type PlanSources struct {
	Commitments func(ctx context.Context, teamID, partnerID string) ([]PlanCommitment, error)
	LastReview  func(ctx context.Context, teamID, partnerID string) (*PlanReview, error)
}

// PlanFor gathers partner's living plan.
func (s *Service) PlanFor(ctx context.Context, teamID, partnerID string) (Plan, error) {
	if err := requireTeam(teamID); err != nil {
		return Plan{}, err
	}
	p, err := s.store.Partner(ctx, teamID, partnerID)
	if err != nil {
		return Plan{}, fmt.Errorf("plan: %w", err)
	}
	in, err := s.HealthInput(ctx, teamID, p)
	if err != nil {
		return Plan{}, fmt.Errorf("plan: %w", err)
	}
	now := s.now()
	pl := Plan{Partner: p, Health: ScoreHealth(in, now), Decision: in.Decision, Balance: in.Balance, Turn: in.Events.Turn, At: now}
	for i, e := range in.Events.Upcoming {
		if i == PlanEvents {
			break
		}
		pl.NextEvents = append(pl.NextEvents, e)
	}
	if src := s.planSources().Commitments; src != nil {
		pl.Commitments, err = src(ctx, teamID, p.ID)
	} else {
		pl.Commitments, err = s.planCommitments(ctx, teamID, p.ID, now)
	}
	if err != nil {
		return Plan{}, fmt.Errorf("plan commitments: %w", err)
	}
	src := s.planSources().LastReview
	if src == nil {
		src = s.lastReview
	}
	if pl.LastReview, err = src(ctx, teamID, p.ID); err != nil {
		return Plan{}, fmt.Errorf("plan review: %w", err)
	}
	return pl, nil
}

// UpdatePlanPlace applies fn to the partner's plan place atomically and
// returns the result. It changes nothing else on the partner (not its
// UpdatedAt) and is not reported as a plan change.
func (s *Service) UpdatePlanPlace(ctx context.Context, teamID, partnerID string, fn func(*PlanPlace) error) (PlanPlace, error) {
	if err := requireTeam(teamID); err != nil {
		return PlanPlace{}, err
	}
	p, err := s.rawStore().UpdatePartner(ctx, teamID, partnerID, func(p *Partner) error { return fn(&p.Plan) })
	if err != nil {
		return PlanPlace{}, fmt.Errorf("plan place: %w", err)
	}
	return p.Plan, nil
}

// lastReview sums up the review of the last complete quarter, as
// /partner review shows it by default; nil for a partner added since then,
// which has no quarter to review yet.
func (s *Service) lastReview(ctx context.Context, teamID, partnerID string) (*PlanReview, error) {
	p, err := s.store.Partner(ctx, teamID, partnerID)
	if err != nil {
		return nil, err
	}
	q := QuarterOf(s.now()).Prev()
	if !p.CreatedAt.IsZero() && !p.CreatedAt.Before(q.End()) {
		return nil, nil
	}
	r, err := s.QuarterReview(ctx, teamID, p, q)
	if err != nil {
		return nil, err
	}
	return &PlanReview{Quarter: q.String(), Score: r.Health.Score, Next: r.Next}, nil
}
