package blocks

import (
	"fmt"
	"strings"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// ActionShareReview opens the form choosing what the partner may see of a
// quarterly review; its value is ShareValue's.
const ActionShareReview = "review.share"

// ShareValue is the Share button's value: the partner and the quarter.
func ShareValue(partnerID string, q coach.Quarter) string { return partnerID + " " + q.String() }

// ParseShareValue reads ShareValue's output.
func ParseShareValue(v string) (partnerID, quarter string, ok bool) {
	partnerID, quarter, ok = strings.Cut(v, " ")
	return partnerID, quarter, ok && partnerID != "" && quarter != ""
}

// QuarterReview renders the internal quarterly review, private to its
// reader; canShare adds the Share with partner button (owner or admins).
func QuarterReview(l i18n.Locale, r coach.QuarterReview, canShare bool) []slack.Block {
	out := []slack.Block{Header(Truncate(i18n.T(l, "qbr.title", r.Partner.Name, r.Quarter.String()), 150))}

	health := i18n.T(l, "qbr.health", r.Health.Score)
	if r.Ago.Known && len(r.Weeks) > 1 {
		health += " " + i18n.T(l, "qbr.health.ago", r.Ago.Score, fmt.Sprintf("%+d", r.Health.Score-r.Ago.Score))
	} else {
		health += " " + i18n.T(l, "qbr.health.ago_unknown")
	}
	out = append(out, Section(health))
	out = append(out, HealthChart(l, r.Weeks)...)

	b := r.Balance
	gave, got := fmt.Sprint(b.GaveCount), fmt.Sprint(b.GotCount)
	if len(b.Currencies) > 0 {
		gave, got = coach.FormatMoney(b.Currencies[0].Gave, string(l)), coach.FormatMoney(b.Currencies[0].Got, string(l))
	}
	business := i18n.T(l, "qbr.business", gave, got, i18n.T(l, "balance.verdict."+string(b.Verdict)))
	if !b.Pipeline.Empty() {
		business += "\n" + i18n.T(l, "qbr.pipeline", b.Pipeline.GaveCount, b.Pipeline.GotCount)
	}
	out = append(out, Section(business))
	out = append(out, GiveTakeChart(l, r.Months[:])...)

	if len(r.Deals) == 0 {
		out = append(out, Section(i18n.T(l, "qbr.deals.none", r.DealsTotal)))
	} else {
		var marks []string
		for _, d := range r.Deals {
			marks = append(marks, i18n.T(l, "qbr.deal_mark", d.N, Date(l, d.Contribution.Date)))
		}
		out = append(out, Section(i18n.T(l, "qbr.deals", strings.Join(marks, ", "), r.DealsTotal)))
	}

	out = append(out, Section(i18n.T(l, "qbr.events", eventTitles(l, r.Held), eventTitles(l, r.Planned))+" "+
		i18n.T(l, "qbr.turn", i18n.T(l, "host."+string(r.Turn)))))

	checks := i18n.T(l, "qbr.checklists", r.Selection.MustDone, r.Selection.MustTotal, r.Launch.MustDone, r.Launch.MustTotal)
	if r.Decision.Kind != "" {
		checks += "\n" + i18n.T(l, "qbr.verdict", DecisionText(l, r.Decision))
	}
	out = append(out, Section(checks))

	if len(r.OpenDeals) == 0 {
		out = append(out, Section(i18n.T(l, "qbr.open_deals.none")))
	} else {
		var ds []string
		for i, d := range r.OpenDeals {
			if i == 10 {
				ds = append(ds, "…")
				break
			}
			ds = append(ds, i18n.T(l, "qbr.open_deal", Escape(Truncate(d.Deal.Name, 60)), d.Analysis.Percent))
		}
		out = append(out, Section(i18n.T(l, "qbr.open_deals", strings.Join(ds, " · "))))
	}

	out = append(out, Section(commitmentsText(l, r)))

	if len(r.AtRisk) == 0 {
		out = append(out, Section(i18n.T(l, "qbr.at_risk.none")))
	} else {
		var rs []string
		for _, code := range r.AtRisk {
			rs = append(rs, i18n.T(l, "rule."+code))
		}
		out = append(out, Section(i18n.T(l, "qbr.at_risk", strings.Join(rs, "; "))))
	}

	lines := []string{i18n.T(l, "qbr.next")}
	for i, a := range r.Next {
		lines = append(lines, fmt.Sprintf("%d. %s", i+1, NextActionText(l, a)))
	}
	out = append(out, Section(strings.Join(lines, "\n")))

	if canShare {
		out = append(out, Actions("qbr:"+r.Partner.ID, Button(ActionShareReview, i18n.T(l, "qbr.share_button"), ShareValue(r.Partner.ID, r.Quarter), slack.StylePrimary)))
	}
	return append(out, Context(i18n.T(l, "qbr.private")))
}

// NextActionText words one of the next quarter's actions.
func NextActionText(l i18n.Locale, a coach.NextAction) string {
	args := make([]any, len(a.Args))
	for i, s := range a.Args {
		args[i] = Escape(s)
	}
	if a.Code == coach.NextBookEvent && len(a.Args) == 1 {
		args[0] = i18n.T(l, "host."+a.Args[0])
	}
	return i18n.T(l, "qbr.next."+a.Code, args...)
}

func eventTitles(l i18n.Locale, es []coach.Event) string {
	if len(es) == 0 {
		return i18n.T(l, "qbr.none")
	}
	var out []string
	for i, e := range es {
		if i == 5 {
			out = append(out, "…")
			break
		}
		out = append(out, Escape(Truncate(e.Title, 80))+" ("+Date(l, e.Start)+")")
	}
	return strings.Join(out, ", ")
}

// commitmentsText sums up the joint plan: counts, then the late and the
// open ones by name (a few each).
func commitmentsText(l i18n.Locale, r coach.QuarterReview) string {
	if r.CommitCount == (coach.CommitmentCounts{}) {
		return i18n.T(l, "qbr.commitments.none")
	}
	lines := []string{i18n.T(l, "qbr.commitments", len(r.CommitDone), len(r.CommitOpen), len(r.CommitLate))}
	if len(r.CommitLate) > 0 {
		lines = append(lines, i18n.T(l, "qbr.commitments.late", CommitmentList(l, r.CommitLate, 5)))
	}
	if len(r.CommitOpen) > 0 {
		lines = append(lines, i18n.T(l, "qbr.commitments.open", CommitmentList(l, r.CommitOpen, 5)))
	}
	return strings.Join(lines, "\n")
}

// CommitmentList names up to max commitments: title, side, due day.
func CommitmentList(l i18n.Locale, cs []coach.Commitment, max int) string {
	var out []string
	for i, c := range cs {
		if i == max {
			out = append(out, "…")
			break
		}
		out = append(out, i18n.T(l, "qbr.commitment", Escape(Truncate(c.Title, 80)), i18n.T(l, "qbr.side."+string(c.Side)), Date(l, c.Due)))
	}
	return strings.Join(out, "; ")
}
