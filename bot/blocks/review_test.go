package blocks_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
)

// largestReview is a review with everything at its longest: a hostile
// name, many events, deals and commitments, every pitfall, 13 weeks.
func largestReview() coach.QuarterReview {
	q := coach.Quarter{Year: 2026, Q: 4}
	day := time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	r := coach.QuarterReview{Partner: coach.Partner{ID: "acme", Name: hostile, Stage: coach.StageActive}, Quarter: q,
		Health: coach.Health{Score: 72}, Ago: coach.WeekScore{Known: true, Score: 40}, DealsTotal: 99, Turn: coach.HostPartner,
		Decision: coach.Decision{Kind: coach.DecisionNotYet, Open: []coach.TemplateItem{{Text: coach.Text{EN: hostile, FR: hostile}}}},
		AtRisk:   []string{"pitfall-1", "pitfall-2", "pitfall-3", "pitfall-4", "pitfall-5"},
		Balance: coach.Balance{Verdict: coach.VerdictLopsided, Currencies: []coach.CurrencyBalance{{Currency: "EUR", Gave: coach.Money{Amount: 123456789, Currency: "EUR"}, Got: coach.Money{Amount: 1, Currency: "EUR"}}},
			Pipeline: coach.Flow{GaveCount: 3, GotCount: 4}}}
	for i := range coach.HealthChartWeeks {
		r.Weeks = append(r.Weeks, coach.WeekScore{Week: coach.WeekOf(day).AddDate(0, 0, 7*(i-12)), Score: i * 7, Known: i%3 != 1})
	}
	for i, m := range q.Months() {
		r.Months[i] = coach.MonthFlow{Month: m, Currency: "EUR", Gave: float64(i) * 1e6, Got: 12345.67, GaveCount: 1, GotCount: 2}
	}
	for i := range 30 {
		e := coach.Event{Title: hostile, Start: day.AddDate(0, 0, i)}
		r.Held, r.Planned = append(r.Held, e), append(r.Planned, e)
		r.Deals = append(r.Deals, coach.DealMark{N: i + 1, Contribution: coach.Contribution{Date: day}})
		r.OpenDeals = append(r.OpenDeals, coach.AnalysedDeal{Deal: coach.Deal{Name: hostile}, Analysis: coach.DealAnalysis{Percent: 12}})
		c := coach.Commitment{Title: hostile, Side: coach.CommitSides[i%3], Due: day, Status: coach.CommitmentOpen}
		r.CommitOpen, r.CommitLate, r.CommitDone = append(r.CommitOpen, c), append(r.CommitLate, c), append(r.CommitDone, c)
	}
	r.CommitCount = coach.CommitmentCounts{Open: 30, Late: 30, Done: 30}
	r.Next = []coach.NextAction{{Code: coach.NextSimplify, Args: []string{hostile, "12"}}, {Code: coach.NextLateCommit, Args: []string{"30", hostile}}, {Code: coach.NextBookEvent, Args: []string{string(coach.HostPartner)}}}
	return r
}

func TestQuarterReviewBlocks(t *testing.T) {
	r := largestReview()
	for _, l := range []i18n.Locale{i18n.EN, i18n.FR} {
		bl := blocks.QuarterReview(l, r, true)
		check(t, "review "+string(l), slacksim.SurfaceMessage, bl)
		raw, _ := json.Marshal(bl)
		if n := strings.Count(string(raw), `"type":"data_visualization"`); n != 2 {
			t.Errorf("%s: %d charts, want 2", l, n)
		}
		if strings.Contains(string(raw), "qbr.") {
			t.Errorf("%s: a catalog key shows raw:\n%s", l, raw)
		}
		sc := coach.ScorecardOf(r, coach.ShareChoice{coach.ShareOurCommitments: true, coach.ShareTheirCommitments: true, coach.ShareEvents: true, coach.ShareDealCount: true, coach.ShareFigures: true},
			append(r.CommitOpen, r.CommitDone...))
		check(t, "scorecard "+string(l), slacksim.SurfaceMessage, blocks.Scorecard(l, sc))
		check(t, "share form "+string(l), slacksim.SurfaceModal, blocks.ShareModal(blocks.ModalMeta{Locale: l, Name: hostile, Quarter: "2026Q4"}, "C0SHARED").Blocks.BlockSet)
	}
	t.Run("EveryNextAction", func(t *testing.T) {
		// The arguments each code takes, as ChooseNextActions gives them.
		for code, args := range map[string][]string{coach.NextFirstDeal: nil, coach.NextAskBack: nil, coach.NextGiveBack: nil,
			coach.NextBookEvent: {"partner"}, coach.NextReviewBalance: nil, coach.NextSimplify: {"Big Bank", "43"}, coach.NextChecklist: {"2", "5"},
			coach.NextJointOffer: nil, coach.NextMoreDeals: {"4"}, coach.NextKeepRhythm: nil, coach.NextLateCommit: {"2", "Price list"}, coach.NextAgreePlan: nil} {
			for _, l := range []i18n.Locale{i18n.EN, i18n.FR} {
				got := blocks.NextActionText(l, coach.NextAction{Code: code, Args: args})
				if strings.Contains(got, "qbr.") || strings.Contains(got, "%!") {
					t.Errorf("%s in %s: %q", code, l, got)
				}
			}
		}
	})
	t.Run("ChartLimits", func(t *testing.T) {
		var months []coach.MonthFlow
		for i := range 60 {
			months = append(months, coach.MonthFlow{Month: time.Date(2022, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC), Gave: float64(i), GotCount: 1})
		}
		check(t, "five years by month", slacksim.SurfaceMessage, blocks.GiveTakeChart(i18n.FR, months))
		if bl := blocks.HealthChart(i18n.EN, []coach.WeekScore{{Week: time.Now()}}); bl != nil {
			t.Errorf("no known week still drew a chart: %v", bl)
		}
	})
}

func BenchmarkQuarterReviewBlocks(b *testing.B) {
	r := largestReview()
	for b.Loop() {
		bl := blocks.QuarterReview(i18n.EN, r, true)
		if _, err := json.Marshal(bl); err != nil {
			b.Fatal(err)
		}
	}
}
