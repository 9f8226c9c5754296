package coach_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

var now = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func contrib(dir coach.Direction, kind coach.ContributionKind, amount int64, cur string, daysAgo int) coach.Contribution {
	return coach.Contribution{Direction: dir, Kind: kind, Amount: coach.Money{Amount: amount, Currency: cur}, Date: now.AddDate(0, 0, -daysAgo)}
}

func TestComputeBalance(t *testing.T) {
	th := coach.DefaultBalanceThresholds
	from, to := now.AddDate(-1, 0, 0), now
	for _, tt := range []struct {
		name    string
		entries []coach.Contribution
		verdict coach.Verdict
		ahead   coach.Side
	}{
		{"NoData", nil, coach.VerdictNoData, coach.SideEven},
		{"Balanced", []coach.Contribution{contrib(coach.Gave, coach.ContribDeal, 1000, "EUR", 10), contrib(coach.Got, coach.ContribDeal, 800, "EUR", 20)}, coach.VerdictBalanced, coach.SideUs},
		{"Leaning", []coach.Contribution{contrib(coach.Gave, coach.ContribDeal, 1000, "EUR", 10), contrib(coach.Got, coach.ContribDeal, 500, "EUR", 20)}, coach.VerdictLeaning, coach.SideUs},
		{"Lopsided", []coach.Contribution{contrib(coach.Gave, coach.ContribDeal, 100, "EUR", 10), contrib(coach.Got, coach.ContribDeal, 1000, "EUR", 20)}, coach.VerdictLopsided, coach.SidePartner},
		{"BoundaryBalanced", []coach.Contribution{contrib(coach.Gave, coach.ContribDeal, 300, "EUR", 10), contrib(coach.Got, coach.ContribDeal, 200, "EUR", 20)}, coach.VerdictBalanced, coach.SideUs},
		{"OutsideWindowIgnored", []coach.Contribution{contrib(coach.Gave, coach.ContribDeal, 100, "EUR", 10), contrib(coach.Got, coach.ContribDeal, 100000, "EUR", 400)}, coach.VerdictLopsided, coach.SideUs},
		{"WorstCurrencyWins", []coach.Contribution{contrib(coach.Gave, coach.ContribDeal, 100, "EUR", 1), contrib(coach.Got, coach.ContribDeal, 100, "EUR", 1), contrib(coach.Got, coach.ContribResale, 900, "USD", 1), contrib(coach.Gave, coach.ContribResale, 1, "USD", 1)}, coach.VerdictLopsided, coach.SidePartner},
		{"CountsOnly", []coach.Contribution{contrib(coach.Gave, coach.ContribDeal, 0, "EUR", 1), contrib(coach.Gave, coach.ContribDeal, 0, "EUR", 2), contrib(coach.Got, coach.ContribResale, 0, "EUR", 3)}, coach.VerdictLeaning, coach.SideUs},
		// A mistyped lead of a million weighs nothing on the verdict: leads
		// and introductions are pipeline, co-marketing stands apart.
		{"PipelineApart", []coach.Contribution{contrib(coach.Gave, coach.ContribDeal, 1000, "EUR", 10), contrib(coach.Got, coach.ContribDeal, 900, "EUR", 20),
			contrib(coach.Got, coach.ContribLead, 100_000_000, "EUR", 5), contrib(coach.Gave, coach.ContribIntroduction, 0, "EUR", 5), contrib(coach.Gave, coach.ContribCoMarketing, 50_000, "EUR", 5)}, coach.VerdictBalanced, coach.SideUs},
		{"PipelineOnlyIsNoVerdict", []coach.Contribution{contrib(coach.Got, coach.ContribLead, 100_000_000, "EUR", 5)}, coach.VerdictNoData, coach.SideEven},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := coach.ComputeBalance(tt.entries, from, to, th)
			if b.Verdict != tt.verdict || b.Ahead != tt.ahead {
				t.Fatalf("got verdict %q ahead %q (ratio %.2f), want %q %q", b.Verdict, b.Ahead, b.Ratio, tt.verdict, tt.ahead)
			}
		})
	}
	t.Run("WindowIsHalfOpen", func(t *testing.T) {
		at := contrib(coach.Gave, coach.ContribDeal, 5, "EUR", 0)
		b := coach.ComputeBalance([]coach.Contribution{at}, from, at.Date, th)
		if b.GaveCount != 0 {
			t.Fatal("an entry dated at `to` was counted")
		}
		b = coach.ComputeBalance([]coach.Contribution{at}, at.Date, at.Date.Add(time.Second), th)
		if b.GaveCount != 1 || b.Currencies[0].Gave.Amount != 5 {
			t.Fatalf("an entry dated at `from` was not counted: %+v", b)
		}
	})
}

func TestComputeBalance_Streams(t *testing.T) {
	b := coach.ComputeBalance([]coach.Contribution{
		contrib(coach.Got, coach.ContribLead, 700, "EUR", 1), contrib(coach.Got, coach.ContribIntroduction, 0, "EUR", 1),
		contrib(coach.Gave, coach.ContribCoMarketing, 300, "USD", 1), contrib(coach.Got, coach.ContribRevenue, 100, "GBP", 1),
	}, now.AddDate(-1, 0, 0), now, coach.DefaultBalanceThresholds)
	if b.Entries != 4 || b.GotCount != 1 || len(b.Currencies) != 1 || b.Currencies[0].Currency != "GBP" {
		t.Errorf("closed business: %d entries, %d got, currencies %+v; want 4 entries, the GBP revenue alone", b.Entries, b.GotCount, b.Currencies)
	}
	if p := b.Pipeline; p.GotCount != 2 || len(p.Currencies) != 1 || p.Currencies[0].Got.Amount != 700 || p.Currencies[0].Gave.Amount != 0 {
		t.Errorf("pipeline = %+v; want 2 entries, 7.00 EUR from them and nothing from us", p)
	}
	if m := b.CoMarketing; m.GaveCount != 1 || len(m.Currencies) != 1 || m.Currencies[0].Currency != "USD" {
		t.Errorf("co-marketing = %+v", m)
	}
	if b.Verdict != coach.VerdictLopsided || b.Ahead != coach.SidePartner {
		t.Errorf("verdict %s/%s, want lopsided to the partner on closed business alone", b.Verdict, b.Ahead)
	}
}

func TestCountDeals(t *testing.T) {
	entries := []coach.Contribution{
		contrib(coach.Got, coach.ContribDeal, 1, "EUR", 5),
		contrib(coach.Gave, coach.ContribLead, 1, "EUR", 50),
		contrib(coach.Gave, coach.ContribDeal, 1, "EUR", 30),
	}
	marks, first := coach.CountDeals(entries)
	if len(marks) != 2 || marks[0].N != 1 || marks[1].N != 2 || !first.Equal(now.AddDate(0, 0, -30)) {
		t.Fatalf("got %+v first %v", marks, first)
	}
	if _, first := coach.CountDeals(nil); !first.IsZero() {
		t.Fatal("no deals but a first-deal date")
	}
}

func TestAnalyse(t *testing.T) {
	four := coach.Deal{Parts: []coach.Part{{Name: "a", Kind: coach.PartParty, Chance: 90}, {Name: "b", Kind: coach.PartParty, Chance: 90}, {Name: "c", Kind: coach.PartComponent, Chance: 90}, {Name: "d", Kind: coach.PartComponent, Chance: 90}}}
	a := coach.Analyse(four, 50)
	if math.Abs(a.Chance-0.6561) > 1e-9 || a.Percent != 66 || len(a.Warnings) != 0 {
		t.Fatalf("four parts at 90%%: got %+v, want 65.61%% and no warning", a)
	}
	risky := coach.Deal{Parts: []coach.Part{
		{Name: "Bank", Kind: coach.PartParty, Chance: 90}, {Name: "SI", Kind: coach.PartParty, Chance: 80},
		{Name: "Telco", Kind: coach.PartParty, Chance: 70}, {Name: "ISV", Kind: coach.PartParty, Chance: 40},
	}}
	a = coach.Analyse(risky, 50)
	if a.Weakest == nil || a.Weakest.Name != "ISV" || a.Percent != 20 {
		t.Fatalf("got %+v", a)
	}
	if math.Abs(a.IfSecured-0.504) > 1e-9 || a.IfRemoved != a.IfSecured {
		t.Fatalf("if secured %.3f removed %.3f, want 0.504", a.IfSecured, a.IfRemoved)
	}
	codes := map[string]bool{}
	for _, w := range a.Warnings {
		codes[w.Code] = true
		if w.Text.EN == "" || w.Text.FR == "" {
			t.Fatalf("warning without text: %+v", w)
		}
	}
	if !codes["below-threshold"] || !codes["too-many-parties"] {
		t.Fatalf("warnings %v, want below-threshold and too-many-parties", codes)
	}
}

func ev(id string, daysFromNow int, host coach.Host, st coach.EventStatus) coach.Event {
	return coach.Event{ID: id, Start: now.AddDate(0, 0, daysFromNow), Host: host, Status: st}
}

func TestSummarize(t *testing.T) {
	s := coach.Summarize(nil, now)
	if s.Last != nil || s.Next != nil || s.Turn != coach.HostUs || s.DaysSinceLast != -1 {
		t.Fatalf("empty: %+v", s)
	}
	s = coach.Summarize([]coach.Event{ev("a", -40, coach.HostUs, coach.EventDone), ev("b", 10, coach.HostBoth, coach.EventCancelled)}, now)
	if s.Last.ID != "a" || s.Next != nil || s.Turn != coach.HostPartner || s.DaysSinceLast != 40 {
		t.Fatalf("after our webinar, cancelled one ignored: %+v", s)
	}
	s = coach.Summarize([]coach.Event{ev("a", -40, coach.HostUs, coach.EventDone), ev("b", 10, coach.HostPartner, coach.EventPlanned)}, now)
	if s.Next.ID != "b" || s.Turn != coach.HostUs {
		t.Fatalf("partner hosts the booked one, so ours next: %+v", s)
	}
	if coach.WebinarDue(s, now, 90, 30) {
		t.Fatal("due although one is booked in 10 days")
	}
	old := coach.Summarize([]coach.Event{ev("a", -100, coach.HostUs, coach.EventDone), ev("b", 45, coach.HostUs, coach.EventPlanned)}, now)
	if !coach.WebinarDue(old, now, 90, 30) {
		t.Fatal("not due although nothing in 100 days and nothing in the next 30")
	}
}

func TestScoreHealth(t *testing.T) {
	best := coach.HealthInput{
		Partner:     coach.Partner{Stage: coach.StageActive},
		Selection:   coach.Progress{MustDone: 6, MustTotal: 6},
		Launch:      coach.Progress{MustDone: 5, MustTotal: 5},
		Balance:     coach.Balance{Verdict: coach.VerdictBalanced},
		Events:      coach.EventSummary{Next: &coach.Event{}, DaysSinceLast: 10},
		DealsLast90: 3,
		FirstDeal:   now.AddDate(0, -3, 0),
	}
	h := coach.ScoreHealth(best, now)
	if h.Score != 100 {
		t.Fatalf("best case scored %d: %+v", h.Score, h.Parts)
	}
	max := 0
	for _, p := range h.Parts {
		max += p.Max
		if p.Explain.EN == "" || p.Explain.FR == "" || p.Label.FR == "" {
			t.Fatalf("part %s lacks text", p.Name)
		}
	}
	if max != 100 {
		t.Fatalf("parts add up to %d, want 100", max)
	}
	stalled := coach.HealthInput{Partner: coach.Partner{Stage: coach.StageOnboarding, StageChangedAt: now.AddDate(0, 0, -61)}, Events: coach.EventSummary{DaysSinceLast: -1}}
	fresh := stalled
	fresh.Partner.StageChangedAt = now.AddDate(0, 0, -10)
	part := func(h coach.Health, name string) int {
		for _, p := range h.Parts {
			if p.Name == name {
				return p.Points
			}
		}
		t.Fatalf("no part %s", name)
		return 0
	}
	if got := part(coach.ScoreHealth(stalled, now), "first-deal"); got != 0 {
		t.Fatalf("61 days onboarding without a deal scored %d, want 0", got)
	}
	if got := part(coach.ScoreHealth(fresh, now), "first-deal"); got != 10 {
		t.Fatalf("10 days onboarding scored %d, want 10 (not penalised yet)", got)
	}
}

func TestChooseTips(t *testing.T) {
	rules := func(in coach.HealthInput) map[string]bool {
		out := map[string]bool{}
		for _, tip := range coach.ChooseTips(in, now, 10) {
			out[tip.Rule] = true
			if tip.Text.EN == "" || tip.Text.FR == "" {
				t.Fatalf("tip %s lacks text", tip.Rule)
			}
		}
		return out
	}
	active := coach.Partner{Stage: coach.StageActive, ReviewedAt: now.AddDate(0, 0, -5)}
	got := rules(coach.HealthInput{Partner: active, Balance: coach.Balance{Verdict: coach.VerdictLopsided, Ahead: coach.SideUs}, Events: coach.EventSummary{Next: &coach.Event{}}})
	if !got["pitfall-1"] {
		t.Errorf("lopsided in the partner's favour: got %v, want pitfall-1", got)
	}
	got = rules(coach.HealthInput{Partner: coach.Partner{Stage: coach.StageActive}, Events: coach.EventSummary{DaysSinceLast: 120}})
	if !got["pitfall-2"] || !got["selection-6"] {
		t.Errorf("never reviewed, no joint event in 120 days: got %v", got)
	}
	got = rules(coach.HealthInput{Partner: coach.Partner{Stage: coach.StageOnboarding, StageChangedAt: now.AddDate(0, 0, -70), ReviewedAt: now}, Events: coach.EventSummary{Next: &coach.Event{}}})
	if !got["pitfall-3"] {
		t.Errorf("onboarding 70 days without a deal: got %v", got)
	}
	got = rules(coach.HealthInput{Partner: coach.Partner{Stage: coach.StageProspect}, Selection: coach.Progress{MustTotal: 6, MustDone: 2},
		Decision: coach.Decision{Kind: coach.DecisionNotYet, Open: []coach.TemplateItem{{ID: "sel-trust", Text: coach.Text{EN: "Trust"}}}}})
	if !got["selection-3"] {
		t.Errorf("prospect with open must-haves: got %v", got)
	}
	if n := len(coach.ChooseTips(coach.HealthInput{Partner: coach.Partner{Stage: coach.StageAtRisk}, Events: coach.EventSummary{DaysSinceLast: -1}}, now, 3)); n != 3 {
		t.Errorf("max 3: got %d", n)
	}
}

// TestScoreHealth_CountsAgree: explanations say "1 deal", "1 day", "1 affaire".
func TestScoreHealth_CountsAgree(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	h := coach.ScoreHealth(coach.HealthInput{
		Partner:     coach.Partner{Stage: coach.StageActive},
		Events:      coach.EventSummary{DaysSinceLast: 1},
		DealsLast90: 1,
	}, now)
	var all []string
	for _, p := range h.Parts {
		all = append(all, p.Explain.EN, p.Explain.FR)
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"1 deal in the last 90 days.", "1 affaire ces 90 derniers jours.", "Last joint event 1 day ago.", "il y a 1 jour."} {
		if !strings.Contains(text, want) {
			t.Errorf("health explanations lack %q:\n%s", want, text)
		}
	}
	h = coach.ScoreHealth(coach.HealthInput{Partner: coach.Partner{Stage: coach.StageActive}, DealsLast90: 3}, now)
	if got := h.Parts[3].Explain.EN; got != "3 deals in the last 90 days." {
		t.Errorf("recent deals: %q", got)
	}
}
