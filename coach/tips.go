package coach

import (
	"context"
	"slices"
	"time"
)

// Tip is a coaching line chosen from what the data shows, tied to a rule of
// the coaching guide ("selection-6", "pitfall-2"…).
type Tip struct {
	Rule     string
	Text     Text
	Priority int // lower first
}

// ChooseTips picks at most max tips for a partner, most pressing first. With
// nothing wrong it gives one general line.
func ChooseTips(in HealthInput, now time.Time, max int) []Tip {
	var tips []Tip
	add := func(prio int, rule, en, fr string) {
		tips = append(tips, Tip{Rule: rule, Priority: prio, Text: Text{EN: en, FR: fr}})
	}
	p := in.Partner
	if p.Stage == StageAtRisk {
		add(1, "selection-9", "This partnership is at risk: ask the partner what is not working for them, and listen before proposing.",
			"Ce partenariat est en danger : demandez au partenaire ce qui ne va pas pour lui, et écoutez avant de proposer.")
	}
	if in.Balance.Verdict == VerdictLopsided {
		if in.Balance.Ahead == SideUs {
			add(2, "pitfall-1", "We bring far more business than we get back. Map what the partner could send our way, and raise it at the next review.",
				"Nous apportons bien plus d'affaires que nous n'en recevons. Listez ce que le partenaire pourrait nous apporter et abordez-le à la prochaine revue.")
		} else {
			add(2, "pitfall-2", "The partner brings far more than we give back. Obligations run both ways: show what we bring before asking for more.",
				"Le partenaire apporte bien plus que nous. Les engagements sont réciproques : montrez ce que nous apportons avant d'en demander plus.")
		}
	}
	if p.Stage == StageActive || p.Stage == StageOnboarding || p.Stage == StageAtRisk {
		if p.ReviewedAt.IsZero() || now.Sub(p.ReviewedAt) > 60*24*time.Hour {
			add(3, "pitfall-2", "No balance review in two months. Trust does not rule out checking: go through the ledger together.",
				"Aucune revue de l'équilibre depuis deux mois. La confiance n'empêche pas le contrôle : parcourez le registre ensemble.")
		}
		if in.FirstDeal.IsZero() && p.Stage == StageOnboarding && now.Sub(p.StageChangedAt) >= QuickWinDays*24*time.Hour {
			add(2, "pitfall-3", "Still no first deal after two months of onboarding. Drop the slides, pick one easy customer together, and count deals one by one.",
				"Toujours pas de première affaire après deux mois d'intégration. Laissez les slides, choisissez ensemble un client facile, et comptez les affaires une à une.")
		}
		if in.Events.Next == nil && (in.Events.DaysSinceLast < 0 || in.Events.DaysSinceLast > DefaultQuietDays) {
			add(4, "selection-6", "No joint webinar or event recently and none booked. Time spent together is what makes a partner engaged: book one.",
				"Aucun webinaire ni événement commun récent, et rien de prévu. Le temps passé ensemble fait l'engagement : planifiez-en un.")
		}
	}
	if n := in.Selection.MustTotal - in.Selection.MustDone; n > 0 && (p.Stage == StageProspect || p.Stage == StageEvaluating) {
		add(3, "selection-3", "Some must-have selection criteria are still open. A candidate missing one is out, whatever else it offers.",
			"Des critères de sélection indispensables restent ouverts. Un candidat qui en manque un est écarté, quels que soient ses atouts.")
	}
	if in.Launch.MustTotal > 0 && in.Launch.MustDone < in.Launch.MustTotal && p.Stage == StageActive {
		add(5, "pitfall-5", "Build on what each side does best: package a joint offer, and propose a trial to test it.",
			"Misez sur la complémentarité : construisez une offre commune et proposez un essai pour la tester.")
	}
	if len(tips) == 0 {
		add(9, "pitfall-4", "Keep joint deals simple: every extra party or component multiplies the risk.",
			"Gardez les affaires communes simples : chaque partie ou composant en plus multiplie le risque.")
	}
	slices.SortStableFunc(tips, func(a, b Tip) int { return a.Priority - b.Priority })
	if max > 0 && len(tips) > max {
		tips = tips[:max]
	}
	return tips
}

// Tips chooses up to three coaching lines for a partner.
func (s *Service) Tips(ctx context.Context, teamID string, p Partner) ([]Tip, error) {
	in, err := s.HealthInput(ctx, teamID, p)
	if err != nil {
		return nil, err
	}
	return ChooseTips(in, s.now(), 3), nil
}
