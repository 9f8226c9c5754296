package coach

import (
	"context"
	"fmt"
	"time"
)

// HealthPart is one named, explained part of a partner's health score.
type HealthPart struct {
	Name    string // stable: "must-haves", "balance", "joint-activity", "recent-deals", "first-deal"
	Label   Text
	Points  int
	Max     int
	Explain Text
}

// Health is a 0–100 score explained by its parts.
type Health struct {
	Score int
	Parts []HealthPart
}

// HealthInput is what the score is computed from.
type HealthInput struct {
	Partner     Partner
	Selection   Progress
	Launch      Progress
	Balance     Balance
	Events      EventSummary
	DealsLast90 int
	FirstDeal   time.Time
	// Decision is the selection verdict (zero Kind without a selection
	// checklist); EverTogether says a joint event was ever booked or held.
	Decision     Decision
	EverTogether bool
	// Commitments counts the joint plan's items; late ones cost points
	// (commitment_health.go).
	Commitments CommitmentCounts
}

// QuickWinDays is how long onboarding may go without a first deal (pitfall 3).
const QuickWinDays = 60

// ScoreHealth scores a partner out of 100. A partner being chosen
// (prospect, evaluating) is judged on the selection work alone, with no
// points for business nobody expects yet (see scoreSelection); a running one
// on must-haves 30, balance 25, joint activity 20, recent deals 15, first
// deal 10.
func ScoreHealth(in HealthInput, now time.Time) Health {
	if Choosing(in.Partner.Stage) {
		return withCommitments(scoreSelection(in), in)
	}
	var h Health
	add := func(p HealthPart) {
		h.Parts = append(h.Parts, p)
		h.Score += p.Points
	}

	done, total := in.Selection.MustDone+in.Launch.MustDone, in.Selection.MustTotal+in.Launch.MustTotal
	mp := 0
	if total > 0 {
		mp = 30 * done / total
	}
	add(HealthPart{Name: "must-haves", Label: Text{EN: "Must-haves", FR: "Indispensables"}, Points: mp, Max: 30,
		Explain: Text{EN: fmt.Sprintf("%d of %d must-have checklist items done.", done, total), FR: fmt.Sprintf("%d sur %d points indispensables cochés.", done, total)}})

	bp, bx := 0, Text{}
	switch in.Balance.Verdict {
	case VerdictBalanced:
		bp, bx = 25, Text{EN: "Business flows both ways.", FR: "Les affaires circulent dans les deux sens."}
	case VerdictLeaning:
		bp, bx = 15, Text{EN: "Business leans to one side.", FR: "Les affaires penchent d'un côté."}
	case VerdictLopsided:
		bp, bx = 5, Text{EN: "Business is lopsided: one side brings most of it.", FR: "Les affaires sont déséquilibrées : un seul côté apporte l'essentiel."}
	default:
		bp, bx = 0, Text{EN: "No closed business logged in this window.", FR: "Aucune affaire conclue consignée sur cette période."}
	}
	// The verdict is on closed business; the pipeline is shown beside it.
	if pl := in.Balance.Pipeline; !pl.Empty() {
		bx.EN += fmt.Sprintf(" Pipeline beside it (not scored): %d lead(s) or introduction(s) from us, %d from them.", pl.GaveCount, pl.GotCount)
		bx.FR += fmt.Sprintf(" Pipeline à côté (hors score) : %d piste(s) ou mise(s) en relation de notre part, %d de la leur.", pl.GaveCount, pl.GotCount)
	}
	add(HealthPart{Name: "balance", Label: Text{EN: "Balance", FR: "Équilibre"}, Points: bp, Max: 25, Explain: bx})

	jp, jx := 0, Text{EN: "No joint event yet.", FR: "Aucun événement commun pour l'instant."}
	switch d := in.Events.DaysSinceLast; {
	case in.Events.Next != nil:
		jp, jx = 20, Text{EN: "A joint event is booked.", FR: "Un événement commun est prévu."}
	case d >= 0 && d <= 90:
		jp, jx = 15, Text{EN: fmt.Sprintf("Last joint event %s ago.", daysEN(d)), FR: fmt.Sprintf("Dernier événement commun il y a %s.", daysFR(d))}
	case d > 90:
		jp, jx = 5, Text{EN: fmt.Sprintf("Last joint event %s ago: time for another.", daysEN(d)), FR: fmt.Sprintf("Dernier événement commun il y a %s : il est temps d'en refaire un.", daysFR(d))}
	}
	add(HealthPart{Name: "joint-activity", Label: Text{EN: "Joint activity", FR: "Activité commune"}, Points: jp, Max: 20, Explain: jx})

	rp := min(15, 5*in.DealsLast90)
	add(HealthPart{Name: "recent-deals", Label: Text{EN: "Recent deals", FR: "Affaires récentes"}, Points: rp, Max: 15,
		Explain: Text{EN: fmt.Sprintf("%d %s in the last 90 days.", in.DealsLast90, pluralEN(in.DealsLast90, "deal", "deals")),
			FR: fmt.Sprintf("%d %s ces 90 derniers jours.", in.DealsLast90, pluralFR(in.DealsLast90, "affaire", "affaires"))}})

	fp, fx := 10, Text{}
	switch {
	case !in.FirstDeal.IsZero():
		fx = Text{EN: "First deal won on " + in.FirstDeal.Format("2 Jan 2006") + ".", FR: "Première affaire gagnée le " + in.FirstDeal.Format("02/01/2006") + "."}
	default:
		days := int(now.Sub(in.Partner.StageChangedAt).Hours() / 24)
		if in.Partner.Stage == StageOnboarding && days < QuickWinDays {
			fp, fx = 10, Text{EN: fmt.Sprintf("Onboarding for %s; aim for a first deal within %d days.", daysEN(days), QuickWinDays), FR: fmt.Sprintf("En intégration depuis %s ; visez une première affaire sous %d jours.", daysFR(days), QuickWinDays)}
		} else {
			fp, fx = 0, Text{EN: "No first deal yet: go for a quick win.", FR: "Pas encore de première affaire : visez un gain rapide."}
		}
	}
	add(HealthPart{Name: "first-deal", Label: Text{EN: "First deal", FR: "Première affaire"}, Points: fp, Max: 10, Explain: fx})
	return withCommitments(h, in)
}

// HealthInput gathers what the score needs for one partner.
func (s *Service) HealthInput(ctx context.Context, teamID string, p Partner) (HealthInput, error) {
	rs, err := s.store.PartnerReminders(ctx, teamID, p.ID) // not the team's: issue 15
	if err != nil {
		return HealthInput{}, fmt.Errorf("health of %s: %w", p.ID, err)
	}
	return s.healthInput(ctx, teamID, p, rs)
}

// HealthInputs gathers what the scores of several partners need, reading
// the team's reminders once (rankings, the digest, the App Home).
func (s *Service) HealthInputs(ctx context.Context, teamID string, ps []Partner) ([]HealthInput, error) {
	rs, err := s.store.Reminders(ctx, teamID)
	if err != nil {
		return nil, fmt.Errorf("health of %s: %w", teamID, err)
	}
	out := make([]HealthInput, 0, len(ps))
	for _, p := range ps {
		in, err := s.healthInput(ctx, teamID, p, rs)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// healthInput reads each of the partner's records once: they feed the
// balance, the events and the checklists' evidence alike.
func (s *Service) healthInput(ctx context.Context, teamID string, p Partner, teamReminders []Reminder) (HealthInput, error) {
	in, _, err := s.healthFacts(ctx, teamID, p, teamReminders)
	return in, err
}

// healthFacts is healthInput with the records it was computed from.
func (s *Service) healthFacts(ctx context.Context, teamID string, p Partner, teamReminders []Reminder) (HealthInput, EvidenceFacts, error) {
	now := s.now()
	in := HealthInput{Partner: p}
	f := EvidenceFacts{Now: now}
	var err error
	if f.Contributions, err = s.store.Contributions(ctx, teamID, p.ID, time.Time{}, time.Time{}); err != nil {
		return HealthInput{}, EvidenceFacts{}, fmt.Errorf("health of %s: %w", p.ID, err)
	}
	if f.Events, err = s.store.Events(ctx, teamID, p.ID); err != nil {
		return HealthInput{}, EvidenceFacts{}, fmt.Errorf("health of %s: %w", p.ID, err)
	}
	if f.Deals, err = s.store.Deals(ctx, teamID, p.ID); err != nil {
		return HealthInput{}, EvidenceFacts{}, fmt.Errorf("health of %s: %w", p.ID, err)
	}
	for _, r := range teamReminders {
		if r.PartnerID == p.ID {
			f.Reminders = append(f.Reminders, r)
		}
	}
	for _, id := range []string{TemplateSelection, TemplateLaunch} {
		tpl, err := s.Templates.Get(id)
		if err != nil {
			continue // a team's override may drop a template
		}
		tpl = ForKind(tpl, p.Kind)
		states, err := s.store.ItemStates(ctx, teamID, p.ID, tpl.ID)
		if err != nil {
			return HealthInput{}, EvidenceFacts{}, fmt.Errorf("health of %s: %w", p.ID, err)
		}
		c := Checklist{Partner: p, Template: tpl, States: states, Evidence: ChecklistEvidence(tpl, f)}
		if id == TemplateSelection {
			in.Selection = c.Progress()
			in.Decision = c.Decide()
		} else {
			in.Launch = c.Progress()
		}
	}
	in.Balance = ComputeBalance(f.Contributions, DefaultWindow.Start(now), now.Add(time.Nanosecond), s.Thresholds)
	in.FirstDeal = in.Balance.FirstDeal
	for _, d := range in.Balance.Deals {
		if d.Contribution.Date.After(now.AddDate(0, 0, -90)) {
			in.DealsLast90++
		}
	}
	in.Events = Summarize(f.Events, now)
	in.EverTogether = in.Events.Last != nil || in.Events.Next != nil
	cs, err := s.store.Commitments(ctx, teamID, p.ID)
	if err != nil {
		return HealthInput{}, EvidenceFacts{}, fmt.Errorf("health of %s: %w", p.ID, err)
	}
	in.Commitments = CountCommitments(cs, now)
	f.Commitments = cs
	return in, f, nil
}

// Health scores one partner.
func (s *Service) Health(ctx context.Context, teamID string, p Partner) (Health, error) {
	in, err := s.HealthInput(ctx, teamID, p)
	if err != nil {
		return Health{}, err
	}
	return ScoreHealth(in, s.now()), nil
}

// pluralEN and pluralFR pick a noun's form for n: English takes the
// singular for 1 only, French for 0 and 1.
func pluralEN(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func pluralFR(n int, one, many string) string {
	if n <= 1 {
		return one
	}
	return many
}

func daysEN(n int) string { return fmt.Sprintf("%d %s", n, pluralEN(n, "day", "days")) }
func daysFR(n int) string { return fmt.Sprintf("%d %s", n, pluralFR(n, "jour", "jours")) }
