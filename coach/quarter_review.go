package coach

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// QuarterReview is what the quarterly joint review of one partner shows
// (issue 16): the figures of the quarter, how the partnership moved, and
// the three things to do next. Everything in it is internal: what the
// partner may see is chosen apart (Scorecard).
type QuarterReview struct {
	Partner Partner
	Quarter Quarter
	// Health is the score now; Weeks the last HealthChartWeeks weeks, the
	// current one last; Ago the score a quarter ago (Weeks[0]) when known.
	Health Health
	Weeks  []WeekScore
	Ago    WeekScore
	// Balance is the quarter's give-and-take (closed business, pipeline
	// beside it); Months the closed business both ways, month by month.
	Balance Balance
	Months  [3]MonthFlow
	// Deals are the deals won in the quarter, numbered over the whole
	// history (pitfall 3: count them one by one); DealsTotal all of them.
	Deals      []DealMark
	DealsTotal int
	// Held and Planned are the quarter's joint events that took place and
	// those booked from now on; Turn who should host the next one.
	Held    []Event
	Planned []Event
	Turn    Host
	// Selection and Launch are the checklists' progress; Decision the
	// selection verdict.
	Selection Progress
	Launch    Progress
	Decision  Decision
	// OpenDeals are the multi-party deals with their overall chance.
	OpenDeals []AnalysedDeal
	// AtRisk names the pitfalls the rules see at risk ("pitfall-1"…).
	AtRisk []string
	// Commitments of the joint plan: done in the quarter, still open (not
	// late), and late; Counts sums them all.
	CommitDone  []Commitment
	CommitOpen  []Commitment
	CommitLate  []Commitment
	CommitCount CommitmentCounts
	// Next are the three things to do next quarter.
	Next []NextAction
}

// MonthFlow is one month of closed business both ways. Gave and Got are in
// Currency's major units (the quarter's main currency); without amounts
// they count entries.
type MonthFlow struct {
	Month     time.Time
	Currency  string // "" when the quarter has no amounts: counts
	Gave, Got float64
	GaveCount int
	GotCount  int
}

// NextAction is one thing to do next quarter: a code the bot words, with
// its arguments, and the rule behind it.
type NextAction struct {
	Code string
	Rule string
	Args []string
}

// Next-action codes, most pressing first in ChooseNextActions.
const (
	NextFirstDeal     = "first-deal"     // no deal yet: win one easy customer together
	NextAskBack       = "ask-back"       // we give far more: map what they could send us
	NextGiveBack      = "give-back"      // they give far more: show what we bring
	NextBookEvent     = "book-event"     // nothing booked: book a joint event; args: host
	NextReviewBalance = "review-balance" // no balance review this quarter
	NextSimplify      = "simplify-deal"  // a deal under the threshold; args: deal, percent
	NextChecklist     = "finish-musts"   // must-haves open; args: done, total
	NextJointOffer    = "joint-offer"    // no joint offer or trial yet
	NextMoreDeals     = "next-deal"      // keep counting: aim for deal n+1; args: n+1
	NextKeepRhythm    = "keep-rhythm"    // nothing pressing: keep the quarterly rhythm
	NextLateCommit    = "late-commit"    // commitments are late; args: how many, the first's title
	NextAgreePlan     = "agree-plan"     // no commitment at all: agree one on each side
)

// QuarterReview gathers the review of partner p for quarter q.
func (s *Service) QuarterReview(ctx context.Context, teamID string, p Partner, q Quarter) (QuarterReview, error) {
	if err := requireTeam(teamID); err != nil {
		return QuarterReview{}, err
	}
	now := s.now()
	in, err := s.HealthInput(ctx, teamID, p)
	if err != nil {
		return QuarterReview{}, err
	}
	r := QuarterReview{Partner: p, Quarter: q, Health: ScoreHealth(in, now), Selection: in.Selection, Launch: in.Launch, Decision: in.Decision}
	if r.Weeks, err = s.HealthWeeks(ctx, teamID, p.ID, HealthChartWeeks, r.Health); err != nil {
		return QuarterReview{}, err
	}
	r.Ago = r.Weeks[0]
	all, err := s.store.Contributions(ctx, teamID, p.ID, time.Time{}, time.Time{})
	if err != nil {
		return QuarterReview{}, fmt.Errorf("quarter review: %w", err)
	}
	r.Balance = ComputeBalance(all, q.Start(), q.End(), s.Thresholds)
	r.Months = monthFlows(all, q, r.Balance)
	r.DealsTotal = len(r.Balance.Deals)
	for _, d := range r.Balance.Deals {
		if !d.Contribution.Date.Before(q.Start()) && d.Contribution.Date.Before(q.End()) {
			r.Deals = append(r.Deals, d)
		}
	}
	events, err := s.store.Events(ctx, teamID, p.ID)
	if err != nil {
		return QuarterReview{}, fmt.Errorf("quarter review: %w", err)
	}
	for _, e := range events {
		switch {
		case e.Status == EventCancelled:
		case !e.Start.After(now) && !e.Start.Before(q.Start()) && e.Start.Before(q.End()):
			r.Held = append(r.Held, e)
		case e.Start.After(now) && e.Status == EventPlanned:
			r.Planned = append(r.Planned, e)
		}
	}
	r.Turn = Summarize(events, now).Turn
	if r.OpenDeals, err = s.Deals(ctx, teamID, p.ID); err != nil {
		return QuarterReview{}, err
	}
	cs, err := s.CommitmentsFor(ctx, teamID, p.ID)
	if err != nil {
		return QuarterReview{}, err
	}
	r.CommitCount = CountCommitments(cs, now)
	for _, c := range cs {
		switch {
		case c.Status == CommitmentDone && !c.DoneAt.Before(q.Start()) && c.DoneAt.Before(q.End()):
			r.CommitDone = append(r.CommitDone, c)
		case c.Late(now):
			r.CommitLate = append(r.CommitLate, c)
		case c.Status == CommitmentOpen:
			r.CommitOpen = append(r.CommitOpen, c)
		}
	}
	r.AtRisk = pitfallsAtRisk(r, in, now)
	r.Next = ChooseNextActions(r, in, 3)
	return r, nil
}

// monthFlows sums closed business both ways in each month of q, in the
// quarter's main currency, or as counts when no entry has an amount.
func monthFlows(all []Contribution, q Quarter, b Balance) [3]MonthFlow {
	var out [3]MonthFlow
	copy(out[:], FlowByMonth(all, q.Start(), q.End(), b))
	return out
}

// FlowByMonth sums the closed business of b's window both ways, month by
// month from the month of from to the one before to, in b's main currency
// (entries in other currencies are left out), or as counts when b has no
// amounts.
func FlowByMonth(all []Contribution, from, to time.Time, b Balance) []MonthFlow {
	cur := ""
	if len(b.Currencies) > 0 {
		cur = b.Currencies[0].Currency
	}
	first := time.Date(from.UTC().Year(), from.UTC().Month(), 1, 0, 0, 0, 0, time.UTC)
	var out []MonthFlow
	for m := first; m.Before(to); m = m.AddDate(0, 1, 0) {
		out = append(out, MonthFlow{Month: m, Currency: cur})
	}
	for _, c := range all {
		if c.Kind.Stream() != StreamBusiness || c.Date.Before(from) || !c.Date.Before(to) {
			continue
		}
		d := c.Date.UTC()
		i := (d.Year()-first.Year())*12 + int(d.Month()) - int(first.Month())
		if i < 0 || i >= len(out) {
			continue
		}
		v := 1.0
		if cur != "" {
			if c.Amount.Currency != cur {
				continue
			}
			v = MajorFloat(c.Amount)
		}
		if c.Direction == Gave {
			out[i].Gave += v
			out[i].GaveCount++
		} else {
			out[i].Got += v
			out[i].GotCount++
		}
	}
	return out
}

// BalanceByMonth is the balance of window w with its closed business month
// by month: what /partner balance draws.
func (s *Service) BalanceByMonth(ctx context.Context, teamID, partnerID string, w Window) (Balance, []MonthFlow, error) {
	if err := requireTeam(teamID); err != nil {
		return Balance{}, nil, err
	}
	now := s.now()
	from, to := w.Start(now), now.Add(time.Nanosecond)
	in, err := s.store.Contributions(ctx, teamID, partnerID, from, to)
	if err != nil {
		return Balance{}, nil, fmt.Errorf("balance of %s: %w", partnerID, err)
	}
	b := ComputeBalance(in, from, to, s.Thresholds)
	return b, FlowByMonth(in, from, to, b), nil
}

// MajorFloat is m in its currency's major unit (cents → euros).
func MajorFloat(m Money) float64 {
	v := float64(m.Amount)
	for range currencyDigits[m.Currency] {
		v /= 10
	}
	return v
}

// pitfallsAtRisk names the five pitfalls (seed 000) the quarter's records
// show at risk.
func pitfallsAtRisk(r QuarterReview, in HealthInput, now time.Time) []string {
	if Choosing(r.Partner.Stage) || r.Partner.Stage == StageEnded {
		return nil
	}
	var out []string
	if r.Balance.Verdict == VerdictLopsided || (r.Balance.GaveCount+r.Balance.GotCount > 0 && (r.Balance.GaveCount == 0 || r.Balance.GotCount == 0)) {
		out = append(out, "pitfall-1")
	}
	if r.Partner.ReviewedAt.Before(r.Quarter.Start()) && now.Sub(since(r.Partner)) > reviewGap {
		out = append(out, "pitfall-2")
	}
	if len(r.Deals) == 0 {
		out = append(out, "pitfall-3")
	}
	for _, d := range r.OpenDeals {
		if d.Analysis.Percent < DefaultComplexityThreshold {
			out = append(out, "pitfall-4")
			break
		}
	}
	if in.Launch.MustTotal > 0 && in.Launch.MustDone < in.Launch.MustTotal && r.Partner.Stage == StageActive {
		out = append(out, "pitfall-5")
	}
	return out
}

// ChooseNextActions picks at most max things to do next quarter, by rules
// in order of how pressing they are, and fills up with keeping the rhythm.
func ChooseNextActions(r QuarterReview, in HealthInput, max int) []NextAction {
	var out []NextAction
	add := func(code, rule string, args ...string) {
		if len(out) < max && !slices.ContainsFunc(out, func(a NextAction) bool { return a.Code == code }) {
			out = append(out, NextAction{Code: code, Rule: rule, Args: args})
		}
	}
	if r.Partner.Stage == StageEnded {
		return nil
	}
	if Choosing(r.Partner.Stage) {
		if d := r.Decision; d.Kind != DecisionGo {
			add(NextChecklist, "selection-3", fmt.Sprint(r.Selection.MustDone), fmt.Sprint(r.Selection.MustTotal))
		}
		if len(r.Planned) == 0 {
			add(NextBookEvent, "selection-6", string(r.Turn))
		}
		add(NextKeepRhythm, "selection-11")
		return out
	}
	if n := len(r.CommitLate); n > 0 {
		add(NextLateCommit, "pitfall-2", fmt.Sprint(n), r.CommitLate[0].Title)
	}
	if r.DealsTotal == 0 {
		add(NextFirstDeal, "pitfall-3")
	}
	if r.Balance.Verdict == VerdictLopsided {
		if r.Balance.Ahead == SideUs {
			add(NextAskBack, "pitfall-1")
		} else {
			add(NextGiveBack, "pitfall-2")
		}
	}
	for _, d := range r.OpenDeals {
		if d.Analysis.Percent < DefaultComplexityThreshold {
			add(NextSimplify, "pitfall-4", d.Deal.Name, fmt.Sprint(d.Analysis.Percent))
			break
		}
	}
	if len(r.Planned) == 0 {
		add(NextBookEvent, "selection-6", string(r.Turn))
	}
	if slices.Contains(r.AtRisk, "pitfall-2") {
		add(NextReviewBalance, "pitfall-2")
	}
	if in.Launch.MustTotal > 0 && in.Launch.MustDone < in.Launch.MustTotal {
		add(NextChecklist, "pitfall-5", fmt.Sprint(in.Launch.MustDone), fmt.Sprint(in.Launch.MustTotal))
	}
	if slices.Contains(r.AtRisk, "pitfall-5") {
		add(NextJointOffer, "pitfall-5")
	}
	if r.CommitCount == (CommitmentCounts{}) {
		add(NextAgreePlan, "pitfall-2")
	}
	if r.DealsTotal > 0 {
		add(NextMoreDeals, "pitfall-3", fmt.Sprint(r.DealsTotal+1))
	}
	add(NextKeepRhythm, "pitfall-2")
	return out
}
