package coach

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Choosing reports whether a partner is still being chosen: its health is
// the selection work, not business nobody expects yet.
func Choosing(st Stage) bool { return st == StageProspect || st == StageEvaluating }

// scoreSelection scores a partner being chosen out of 100: must-haves met
// 50 (none when one is not met: the candidate is out), nice-to-haves 20,
// time together 20 (rule 6), profile written down 10 (rule 2).
func scoreSelection(in HealthInput) Health {
	var h Health
	add := func(p HealthPart) {
		h.Parts = append(h.Parts, p)
		h.Score += p.Points
	}
	sel := in.Selection
	mp, mx := 0, Text{}
	switch {
	case in.Decision.Kind == DecisionNoGo:
		names := itemNames(in.Decision.Unmet)
		mx = Text{EN: "Not met: " + names.EN + ". A missing must-have rules the candidate out.",
			FR: "Non rempli : " + names.FR + ". Un indispensable manquant écarte le candidat."}
	case sel.MustTotal > 0:
		mp = 50 * sel.MustDone / sel.MustTotal
		mx = Text{EN: fmt.Sprintf("%d of %d must-haves met.", sel.MustDone, sel.MustTotal),
			FR: fmt.Sprintf("%d %s sur %d.", sel.MustDone, pluralFR(sel.MustDone, "indispensable rempli", "indispensables remplis"), sel.MustTotal)}
	default:
		mx = Text{EN: "No must-have written down yet.", FR: "Aucun indispensable n'est encore écrit."}
	}
	add(HealthPart{Name: "must-haves", Label: Text{EN: "Must-haves", FR: "Indispensables"}, Points: mp, Max: 50, Explain: mx})

	np := 0
	if sel.NiceTotal > 0 {
		np = 20 * sel.NiceDone / sel.NiceTotal
	}
	add(HealthPart{Name: "nice-to-haves", Label: Text{EN: "Nice-to-haves", FR: "Souhaitables"}, Points: np, Max: 20,
		Explain: Text{EN: fmt.Sprintf("%d of %d nice-to-haves met.", sel.NiceDone, sel.NiceTotal),
			FR: fmt.Sprintf("%d %s sur %d.", sel.NiceDone, pluralFR(sel.NiceDone, "souhaitable rempli", "souhaitables remplis"), sel.NiceTotal)}})

	jp, jx := 0, Text{EN: "No time together yet: invite them to a joint webinar or a customer meeting.", FR: "Pas encore de temps passé ensemble : invitez-les à un webinaire commun ou à un rendez-vous client."}
	if in.EverTogether {
		jp, jx = 20, Text{EN: "They have given time to a joint event.", FR: "Ils ont consacré du temps à un événement commun."}
	}
	add(HealthPart{Name: "time-together", Label: Text{EN: "Time together", FR: "Temps passé ensemble"}, Points: jp, Max: 20, Explain: jx})

	pp, px := 0, Text{EN: "Their profile is not written down yet (customers, business model, capacity).", FR: "Leur profil n'est pas encore décrit (clientèle, modèle économique, capacité)."}
	if pr := in.Partner.Profile; pr.CustomerBase != "" || pr.BusinessModel != "" || pr.ExecutionCapacity != "" {
		pp, px = 10, Text{EN: "Their profile is written down against our ideal partner.", FR: "Leur profil est décrit au regard de notre partenaire idéal."}
	}
	add(HealthPart{Name: "profile", Label: Text{EN: "Profile", FR: "Profil"}, Points: pp, Max: 10, Explain: px})
	return h
}

// itemNames joins the items' texts, in each language.
func itemNames(items []TemplateItem) Text {
	var en, fr []string
	for _, it := range items {
		en = append(en, "“"+it.Text.EN+"”")
		fr = append(fr, "« "+it.Text.In("fr")+" »")
	}
	return Text{EN: strings.Join(en, ", "), FR: strings.Join(fr, ", ")}
}

// Risk is a real problem the records show, the reason a partner heads the
// "weakest first" rankings.
type Risk string

const (
	RiskAtRisk       Risk = "at-risk"        // the owner says so (stage)
	RiskLopsided     Risk = "lopsided"       // one side brings most of the business (pitfall 1)
	RiskNoFirstDeal  Risk = "no-first-deal"  // onboarding for QuickWinDays without a deal (pitfall 3)
	RiskNoJointEvent Risk = "no-joint-event" // nothing together in 90 days and nothing booked (rule 6)
	RiskNoGo         Risk = "no-go"          // a must-have not met, yet the candidate is still evaluated
	// Issue 16: commitments of the joint plan past their due day.
	RiskLateCommitments Risk = "late-commitments"
)

// Risks lists the real problems of a partner, worst first. A partner being
// chosen has none of the business ones: nobody expects business yet.
func Risks(in HealthInput, now time.Time) []Risk {
	p := in.Partner
	if p.Stage == StageEnded || p.Archived {
		return nil
	}
	if Choosing(p.Stage) {
		if in.Decision.Kind == DecisionNoGo {
			return []Risk{RiskNoGo}
		}
		return nil
	}
	var out []Risk
	if p.Stage == StageAtRisk {
		out = append(out, RiskAtRisk)
	}
	if in.Balance.Verdict == VerdictLopsided {
		out = append(out, RiskLopsided)
	}
	if in.FirstDeal.IsZero() && (QuickWinDue(p, in.FirstDeal, now) || p.Stage == StageActive || p.Stage == StageAtRisk) {
		out = append(out, RiskNoFirstDeal)
	}
	if in.Commitments.Late > 0 {
		out = append(out, RiskLateCommitments)
	}
	if in.Events.Next == nil && (in.Events.DaysSinceLast > DefaultQuietDays || (in.Events.DaysSinceLast < 0 && now.Sub(since(p)) > DefaultQuietDays*24*time.Hour)) {
		out = append(out, RiskNoJointEvent)
	}
	return out
}

// since is when the partner's running life began: the later of its creation
// and its last stage change, so a partner added today has no history yet.
func since(p Partner) time.Time {
	if p.StageChangedAt.After(p.CreatedAt) {
		return p.StageChangedAt
	}
	return p.CreatedAt
}

// Standing is one partner's place in a ranking.
type Standing struct {
	Partner Partner
	Health  Health
	Risks   []Risk
}

// StandingOf scores a partner and names its risks.
func StandingOf(in HealthInput, now time.Time) Standing {
	return Standing{Partner: in.Partner, Health: ScoreHealth(in, now), Risks: Risks(in, now)}
}

// RankWeakest orders partners weakest first: most real risks first, then
// the lowest score, then by name. Ended and archived partners leave the
// ranking: there is nothing left to coach.
func RankWeakest(in []Standing) []Standing {
	out := make([]Standing, 0, len(in))
	for _, s := range in {
		if s.Partner.Stage != StageEnded && !s.Partner.Archived {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b Standing) int {
		return cmp.Or(cmp.Compare(len(b.Risks), len(a.Risks)), cmp.Compare(a.Health.Score, b.Health.Score), cmp.Compare(a.Partner.Name, b.Partner.Name))
	})
	return out
}
