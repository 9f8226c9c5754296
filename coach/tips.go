package coach

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// Tip is a coaching line chosen from what the data shows, tied to a rule of
// the coaching guide ("selection-6", "pitfall-2"…), which the bot names in
// words; Rule is empty for a line that follows no single rule.
type Tip struct {
	Rule     string
	Text     Text
	Priority int // lower first
}

// reviewGap is how long a running partnership may go without a balance review.
const reviewGap = 60 * 24 * time.Hour

// ChooseTips picks at most max tips for a partner, most pressing first,
// fitting its stage and its history: a partner being chosen gets selection
// advice, a running one business advice, an ended one none; nothing is said
// about a gap longer than the partner's life with us.
func ChooseTips(in HealthInput, now time.Time, max int) []Tip {
	var tips []Tip
	add := func(prio int, rule, en, fr string) {
		tips = append(tips, Tip{Rule: rule, Priority: prio, Text: Text{EN: en, FR: fr}})
	}
	p := in.Partner
	switch {
	case p.Stage == StageEnded:
		add(1, "", "This partnership has ended, so there is nothing to coach. Its records stay for reference; if you start talking again, move it back to evaluating.",
			"Ce partenariat a pris fin : il n'y a plus rien à accompagner. Son historique reste consultable ; si vous reprenez contact, repassez-le en évaluation.")
	case Choosing(p.Stage):
		selectionTips(in, add)
	default:
		runningTips(in, now, add)
	}
	if p.Stage != StageEnded {
		commitmentTips(in, add) // issue 16
	}
	slices.SortStableFunc(tips, func(a, b Tip) int { return a.Priority - b.Priority })
	if max > 0 && len(tips) > max {
		tips = tips[:max]
	}
	return tips
}

type addTip func(prio int, rule, en, fr string)

func selectionTips(in HealthInput, add addTip) {
	d := in.Decision
	switch d.Kind {
	case DecisionNoGo:
		n := itemNames(d.Unmet)
		add(1, "selection-3", "Not met: "+n.EN+". A candidate missing a must-have is out, whatever else it offers: end the evaluation, or check again if things have changed.",
			"Non rempli : "+n.FR+". Un candidat à qui manque un indispensable est écarté, quels que soient ses atouts : mettez fin à l'évaluation, ou revérifiez si la situation a changé.")
	case DecisionNotYet:
		n := itemNames(d.Open)
		add(2, "selection-3", "Still open: "+n.EN+". Settle the must-haves before investing more time: one missing rules the candidate out.",
			"Encore ouvert : "+n.FR+". Tranchez les indispensables avant d'investir plus de temps : un seul manquant écarte le candidat.")
	case DecisionGo:
		add(3, "pitfall-3", "Every must-have is met: move them to onboarding and aim for a first concrete deal, one easy customer together.",
			"Tous les indispensables sont remplis : passez-les en intégration et visez une première affaire concrète, avec un client facile à gagner ensemble.")
	}
	if !in.EverTogether {
		add(3, "selection-6", "Invite them to a joint webinar or a customer meeting: how much time they give you tells you how engaged they will be.",
			"Invitez-les à un webinaire commun ou à un rendez-vous client : le temps qu'ils vous consacrent montre leur engagement à venir.")
	}
	if pr := in.Partner.Profile; pr.CustomerBase == "" && pr.BusinessModel == "" && pr.ExecutionCapacity == "" {
		add(4, "selection-2", "Write down their customers, business model and capacity to deliver, and compare them with your ideal partner profile.",
			"Décrivez leur clientèle, leur modèle économique et leur capacité à livrer, et comparez-les à votre profil de partenaire idéal.")
	}
}

func runningTips(in HealthInput, now time.Time, add addTip) {
	p := in.Partner
	if p.Stage == StageAtRisk {
		add(1, "selection-9", "This partnership is at risk: ask the partner what is not working for them, and listen before proposing.",
			"Ce partenariat est à risque : demandez au partenaire ce qui ne va pas de son côté, et écoutez avant de proposer.")
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
	// A gap is only named when the partner has lived longer than it.
	switch {
	case !p.ReviewedAt.IsZero() && now.Sub(p.ReviewedAt) > reviewGap:
		days := int(now.Sub(p.ReviewedAt).Hours() / 24)
		add(3, "pitfall-2", fmt.Sprintf("The last balance review was %s ago. Trust does not rule out checking: go through the ledger together.", daysEN(days)),
			fmt.Sprintf("La dernière revue de l'équilibre date d'il y a %s. La confiance n'empêche pas le contrôle : parcourez le registre ensemble.", daysFR(days)))
	case p.ReviewedAt.IsZero() && now.Sub(since(p)) > reviewGap:
		add(3, "pitfall-2", "No balance review since this partnership started. Trust does not rule out checking: go through the ledger together.",
			"Aucune revue de l'équilibre depuis le début de ce partenariat. La confiance n'empêche pas le contrôle : parcourez le registre ensemble.")
	}
	if in.FirstDeal.IsZero() {
		if QuickWinDue(p, in.FirstDeal, now) || p.Stage != StageOnboarding {
			add(2, "pitfall-3", "Still no first deal. Drop the slides, pick one easy customer together, and count deals one by one.",
				"Toujours pas de première affaire. Laissez les slides, choisissez ensemble un client facile, et comptez les affaires une à une.")
		} else {
			add(4, "pitfall-3", "Aim for a first concrete deal soon: one easy customer you can win together, logged as soon as it is signed.",
				"Visez vite une première affaire concrète : un client facile à gagner ensemble, consigné dès la signature.")
		}
	}
	if in.Events.Next == nil {
		switch d := in.Events.DaysSinceLast; {
		case d > DefaultQuietDays:
			add(4, "selection-6", fmt.Sprintf("The last joint event was %s ago and none is booked. Time spent together keeps a partner engaged: book one.", daysEN(d)),
				fmt.Sprintf("Le dernier événement commun date d'il y a %s et aucun n'est prévu. Le temps passé ensemble entretient l'engagement : planifiez-en un.", daysFR(d)))
		case d < 0:
			add(4, "selection-6", "No joint webinar or event booked yet. Time spent together is what engages a partner: book one.",
				"Aucun webinaire ni événement commun n'est encore prévu. Le temps passé ensemble fait l'engagement : planifiez-en un.")
		}
	}
	if in.Launch.MustTotal > 0 && in.Launch.MustDone < in.Launch.MustTotal && p.Stage == StageActive {
		add(5, "pitfall-5", "Build on what each side does best: package a joint offer, and propose a trial to test it.",
			"Misez sur la complémentarité : construisez une offre commune et proposez un essai pour la tester.")
	}
	add(9, "pitfall-4", "Keep joint deals simple: every extra party or component multiplies the risk.",
		"Gardez les affaires communes simples : chaque partie ou composant en plus multiplie le risque.")
}

// Tips chooses up to three coaching lines for a partner.
func (s *Service) Tips(ctx context.Context, teamID string, p Partner) ([]Tip, error) {
	in, err := s.HealthInput(ctx, teamID, p)
	if err != nil {
		return nil, err
	}
	return ChooseTips(in, s.now(), 3), nil
}
