package bot

import (
	"context"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

// Use cases: one function each, called by the command, the form (and so by
// the buttons that open it) and, later, Workflow Builder steps. They take
// values already parsed (parse.go, forms.go), hold no Slack-specific argument
// (no response URL, no trigger), and return what was done; the adapters
// answer with the matching builder in bot/blocks.

// addResult is what adding a partner did.
type addResult struct {
	Partner coach.Partner
}

// addPartner adds a partner with its default reminders (one store
// operation: see coach.Service.AddPartner).
func (b *Bot) addPartner(ctx context.Context, team, actor string, in coach.NewPartner) (addResult, error) {
	p, err := b.svc.AddPartner(ctx, team, actor, in)
	if err != nil {
		return addResult{}, err
	}
	return addResult{Partner: p}, nil
}

// logResult is what logging a contribution did.
type logResult struct {
	Partner      coach.Partner
	Contribution coach.Contribution
}

// logContribution logs in (its ID set by the caller, for idempotency) for p.
func (b *Bot) logContribution(ctx context.Context, team, actor string, p coach.Partner, in coach.NewContribution) (logResult, error) {
	in.PartnerID = p.ID
	c, err := b.svc.LogContribution(ctx, team, actor, in)
	if err != nil {
		return logResult{}, err
	}
	return logResult{Partner: p, Contribution: c}, nil
}

// bookResult is what booking a webinar did.
type bookResult struct {
	Partner coach.Partner
	Event   coach.Event
}

// bookWebinar books a joint webinar with p; an empty title becomes "Joint
// webinar with <partner>" in l.
func (b *Bot) bookWebinar(ctx context.Context, team, actor string, l i18n.Locale, p coach.Partner, in coach.NewEvent) (bookResult, error) {
	in.PartnerID = p.ID
	if in.Title == "" {
		in.Title = i18n.T(l, "modal.webinar.default_title", p.Name)
	}
	e, err := b.svc.BookEvent(ctx, team, actor, in)
	if coach.IsOverlap(err) && b.overlapConfirmed(ctx, team, in.ID) {
		// Asked once already: the same booking sent again confirms it.
		in.AllowOverlap = true
		e, err = b.svc.BookEvent(ctx, team, actor, in)
	}
	if err != nil {
		return bookResult{}, err
	}
	return bookResult{Partner: p, Event: e}, nil
}

// dealResult is what saving a deal did, with its analysis.
type dealResult struct {
	Partner  coach.Partner
	Deal     coach.Deal
	Analysis coach.DealAnalysis
}

// analyseDeal saves a deal with p and its parts, and analyses it.
func (b *Bot) analyseDeal(ctx context.Context, team, actor string, p coach.Partner, name string, parts []coach.Part) (dealResult, error) {
	d, a, err := b.svc.SaveDeal(ctx, team, actor, p.ID, name, parts)
	if err != nil {
		return dealResult{}, err
	}
	return dealResult{Partner: p, Deal: d, Analysis: a}, nil
}
