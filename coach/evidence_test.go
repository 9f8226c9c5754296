package coach_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func TestFindEvidence(t *testing.T) {
	deal := func(day int) coach.Contribution {
		return coach.Contribution{Kind: coach.ContribDeal, Date: now.AddDate(0, 0, day)}
	}
	cases := []struct {
		name  string
		rule  string
		facts coach.EvidenceFacts
		want  coach.Evidence
		ok    bool
	}{
		{"booked event", coach.EvidenceJointEvent, coach.EvidenceFacts{Events: []coach.Event{{Title: "Clinic", Start: now.AddDate(0, 0, 10), Status: coach.EventPlanned}}},
			coach.Evidence{Rule: coach.EvidenceJointEvent, Fact: coach.FactBooked, At: now.AddDate(0, 0, 10), Name: "Clinic"}, true},
		{"held event", coach.EvidenceJointEvent, coach.EvidenceFacts{Events: []coach.Event{{Title: "Kickoff", Start: now.AddDate(0, 0, -3), Status: coach.EventDone}}},
			coach.Evidence{Rule: coach.EvidenceJointEvent, Fact: coach.FactHeld, At: now.AddDate(0, 0, -3), Name: "Kickoff"}, true},
		{"cancelled event proves nothing", coach.EvidenceJointEvent, coach.EvidenceFacts{Events: []coach.Event{{Start: now.AddDate(0, 0, 3), Status: coach.EventCancelled}}}, coach.Evidence{}, false},
		{"first deal", coach.EvidenceFirstDeal, coach.EvidenceFacts{Contributions: []coach.Contribution{deal(-2), deal(-9), {Kind: coach.ContribLead, Date: now.AddDate(0, 0, -30)}}},
			coach.Evidence{Rule: coach.EvidenceFirstDeal, Fact: coach.FactLogged, At: now.AddDate(0, 0, -9), Count: 2}, true},
		{"a lead is no deal", coach.EvidenceFirstDeal, coach.EvidenceFacts{Contributions: []coach.Contribution{{Kind: coach.ContribLead, Date: now}}}, coach.Evidence{}, false},
		{"deals counted", coach.EvidenceDealsCounted, coach.EvidenceFacts{Contributions: []coach.Contribution{deal(-2), deal(-9), deal(-5)}},
			coach.Evidence{Rule: coach.EvidenceDealsCounted, Fact: coach.FactCounted, At: now.AddDate(0, 0, -2), Count: 3}, true},
		{"review scheduled", coach.EvidenceBalanceReview, coach.EvidenceFacts{Reminders: []coach.Reminder{{Kind: coach.ReminderWebinar}, {Kind: coach.ReminderBalance, Spec: "monthly"}}},
			coach.Evidence{Rule: coach.EvidenceBalanceReview, Fact: coach.FactScheduled, Name: "monthly"}, true},
		{"paused review proves nothing", coach.EvidenceBalanceReview, coach.EvidenceFacts{Reminders: []coach.Reminder{{Kind: coach.ReminderBalance, Spec: "monthly", Paused: true}}}, coach.Evidence{}, false},
		{"deal with parts", coach.EvidenceDealParts, coach.EvidenceFacts{Deals: []coach.Deal{{Name: "Solo", Parts: []coach.Part{{Name: "A"}}}, {Name: "Big Bank", UpdatedAt: now, Parts: []coach.Part{{Name: "A"}, {Name: "B"}, {Name: "C"}}}}},
			coach.Evidence{Rule: coach.EvidenceDealParts, Fact: coach.FactListed, At: now, Name: "Big Bank", Count: 3}, true},
		{"one part is not a set-up", coach.EvidenceDealParts, coach.EvidenceFacts{Deals: []coach.Deal{{Name: "Solo", Parts: []coach.Part{{Name: "A"}}}}}, coach.Evidence{}, false},
		{"unknown rule", "nope", coach.EvidenceFacts{}, coach.Evidence{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.facts.Now = now
			got, ok := coach.FindEvidence(c.rule, c.facts)
			if ok != c.ok || got.Rule != c.want.Rule || got.Fact != c.want.Fact || !got.At.Equal(c.want.At) || got.Name != c.want.Name || got.Count != c.want.Count {
				t.Errorf("FindEvidence = %+v, %v; want %+v, %v", got, ok, c.want, c.ok)
			}
		})
	}
}

func TestDecide(t *testing.T) {
	tpl := coach.Template{ID: coach.TemplateSelection, Items: []coach.TemplateItem{
		{ID: "m1", Priority: coach.MustHave}, {ID: "m2", Priority: coach.MustHave}, {ID: "rule", Priority: coach.MustHave, Verdict: true},
		{ID: "n1", Priority: coach.NiceToHave},
	}}
	ids := func(items []coach.TemplateItem) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.ID)
		}
		return out
	}
	c := coach.Checklist{Template: tpl, States: map[string]coach.ItemState{}}
	if d := c.Decide(); d.Kind != coach.DecisionNotYet || !slices.Equal(ids(d.Open), []string{"m1", "m2"}) {
		t.Errorf("nothing marked: %+v, want Not yet naming m1 and m2 (not the rule item)", d)
	}
	c.States["m1"] = coach.ItemState{ItemID: "m1", Done: true}
	c.States["m2"] = coach.ItemState{ItemID: "m2", Done: true}
	if d := c.Decide(); d.Kind != coach.DecisionGo || len(d.Open)+len(d.Unmet) != 0 {
		t.Errorf("all met: %+v, want Go", d)
	}
	if p := c.Progress(); p.MustTotal != 2 || p.MustDone != 2 {
		t.Errorf("progress %+v: the item the verdict replaces counts for nothing", p)
	}
	c.States["m2"] = coach.ItemState{ItemID: "m2", NotMet: true}
	c.States["n1"] = coach.ItemState{ItemID: "n1", Done: true}
	if d := c.Decide(); d.Kind != coach.DecisionNoGo || !slices.Equal(ids(d.Unmet), []string{"m2"}) {
		t.Errorf("one not met: %+v, want No-go naming m2, whatever the nice-to-haves", d)
	}
}

func TestChecklistEvidenceAndOverrule(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Evident", coach.KindReseller)
	if _, err := s.LogContribution(ctx, "T1", "UOWNER", coach.NewContribution{PartnerID: p.ID, Direction: coach.Got, Kind: coach.ContribDeal, Amount: coach.Money{Amount: 100, Currency: "EUR"}, Date: now.AddDate(0, 0, -1)}); err != nil {
		t.Fatal(err)
	}
	c, err := s.Checklist(ctx, "T1", p, coach.TemplateLaunch)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"lau-first-deal", "lau-count-deals", "lau-balance-review"} {
		if m := c.MarkOf(id); m.Mark != coach.MarkMet || !m.ByEvidence {
			t.Errorf("%s: %+v, want met by evidence", id, m)
		}
	}
	if m := c.MarkOf("lau-parts-listed"); m.Mark != coach.MarkOpen {
		t.Errorf("no deal with parts: %+v, want open", m)
	}
	c, err = s.SetMark(ctx, "T1", "UOWNER", p, coach.TemplateLaunch, "lau-first-deal", coach.MarkOpen, "a test entry, not a real deal")
	if err != nil {
		t.Fatal(err)
	}
	if m := c.MarkOf("lau-first-deal"); m.Mark != coach.MarkOpen || !m.HasEvidence || m.State.Note != "a test entry, not a real deal" {
		t.Errorf("unticked by a person: %+v, want open with the note, evidence overruled", m)
	}
	c, _ = s.Checklist(ctx, "T1", p, coach.TemplateLaunch)
	if m := c.MarkOf("lau-first-deal"); m.Mark != coach.MarkOpen {
		t.Errorf("read again: %+v, the untick stands", m)
	}
	c, _ = s.SetMark(ctx, "T1", "UOWNER", p, coach.TemplateLaunch, "lau-first-deal", coach.MarkMet, "")
	if m := c.MarkOf("lau-first-deal"); m.Mark != coach.MarkMet || m.ByEvidence || m.State.By != "UOWNER" {
		t.Errorf("ticked again by a person: %+v", m)
	}
	if _, err := s.SetMark(ctx, "T1", "UOWNER", p, coach.TemplateLaunch, "lau-first-deal", coach.MarkNotMet, ""); coach.ErrorCode(err) != coach.EINVALID {
		t.Errorf("not met on a launch item: %v, want EINVALID", err)
	}
	if _, err := s.SetMark(ctx, "T1", "UOWNER", p, coach.TemplateSelection, "sel-adaptability", coach.MarkNotMet, ""); coach.ErrorCode(err) != coach.EINVALID {
		t.Errorf("not met on a nice-to-have: %v, want EINVALID", err)
	}
	c, err = s.SetMark(ctx, "T1", "UOWNER", p, coach.TemplateSelection, "sel-trust", coach.MarkNotMet, "")
	if err != nil {
		t.Fatal(err)
	}
	if d := c.Decide(); d.Kind != coach.DecisionNoGo || len(d.Unmet) != 1 || d.Unmet[0].ID != "sel-trust" {
		t.Errorf("decision %+v, want No-go on sel-trust", d)
	}
}

func TestRankWeakest(t *testing.T) {
	at := func(days int) time.Time { return now.AddDate(0, 0, -days) }
	mk := func(name string, st coach.Stage, days int) coach.Partner {
		return coach.Partner{Name: name, Stage: st, CreatedAt: at(days), StageChangedAt: at(days), ReviewedAt: at(5)}
	}
	inputs := []coach.HealthInput{
		{Partner: mk("New prospect", coach.StageProspect, 0), Decision: coach.Decision{Kind: coach.DecisionNotYet}, Selection: coach.Progress{MustTotal: 5}, Events: coach.EventSummary{DaysSinceLast: -1}},
		{Partner: mk("Lopsided", coach.StageActive, 400), Balance: coach.Balance{Verdict: coach.VerdictLopsided}, FirstDeal: at(300), DealsLast90: 3, Events: coach.EventSummary{DaysSinceLast: 20}, Launch: coach.Progress{MustTotal: 5, MustDone: 5}},
		{Partner: mk("Stalled onboarding", coach.StageOnboarding, 80), Balance: coach.Balance{Verdict: coach.VerdictBalanced}, Events: coach.EventSummary{DaysSinceLast: 10}, Launch: coach.Progress{MustTotal: 5, MustDone: 4}},
		{Partner: mk("Quiet", coach.StageActive, 400), Balance: coach.Balance{Verdict: coach.VerdictBalanced}, FirstDeal: at(300), DealsLast90: 1, Events: coach.EventSummary{DaysSinceLast: 200}, Launch: coach.Progress{MustTotal: 5, MustDone: 5}},
		{Partner: mk("Healthy", coach.StageActive, 400), Balance: coach.Balance{Verdict: coach.VerdictBalanced}, FirstDeal: at(300), DealsLast90: 3, Events: coach.EventSummary{DaysSinceLast: 10}, Launch: coach.Progress{MustTotal: 5, MustDone: 5}},
		{Partner: mk("Gone", coach.StageEnded, 400)},
	}
	var st []coach.Standing
	for _, in := range inputs {
		st = append(st, coach.StandingOf(in, now))
	}
	var got []string
	for _, s := range coach.RankWeakest(st) {
		got = append(got, s.Partner.Name)
	}
	// The prospect scores lowest (no free points) but has no real risk: it
	// comes after every partner with one; the ended one leaves the ranking.
	if coach.StandingOf(inputs[0], now).Health.Score >= coach.StandingOf(inputs[4], now).Health.Score {
		t.Fatalf("the new prospect should score below the healthy partner")
	}
	top := slices.Clone(got[:3])
	slices.Sort(top)
	if !slices.Equal(top, []string{"Lopsided", "Quiet", "Stalled onboarding"}) || !slices.Contains(got, "New prospect") || slices.Contains(got, "Gone") || slices.Index(got, "New prospect") < 3 {
		t.Errorf("ranking %v, want the three with a real risk first, then the rest, without the ended one", got)
	}
}

func TestTipsFitStageAndHistory(t *testing.T) {
	rules := func(in coach.HealthInput) []string {
		var out []string
		for _, tip := range coach.ChooseTips(in, now, 10) {
			out = append(out, tip.Rule+":"+tip.Text.EN)
		}
		return out
	}
	fresh := coach.Partner{Stage: coach.StageActive, CreatedAt: now, StageChangedAt: now}
	for _, tip := range rules(coach.HealthInput{Partner: fresh, Events: coach.EventSummary{DaysSinceLast: -1}}) {
		if strings.Contains(tip, "review") {
			t.Errorf("a partner added today got %q", tip)
		}
	}
	old := coach.Partner{Stage: coach.StageActive, CreatedAt: now.AddDate(0, -6, 0), StageChangedAt: now.AddDate(0, -6, 0)}
	if tips := rules(coach.HealthInput{Partner: old, Events: coach.EventSummary{DaysSinceLast: 10}}); !slices.ContainsFunc(tips, func(s string) bool { return strings.Contains(s, "No balance review since") }) {
		t.Errorf("six months without a review: %v", tips)
	}
	for _, tip := range rules(coach.HealthInput{Partner: coach.Partner{Stage: coach.StageProspect}, Decision: coach.Decision{Kind: coach.DecisionNotYet}}) {
		if strings.Contains(tip, "deal") && !strings.Contains(tip, "selection") {
			t.Errorf("a prospect got business advice: %q", tip)
		}
	}
	ended := rules(coach.HealthInput{Partner: coach.Partner{Stage: coach.StageEnded}})
	if len(ended) != 1 || !strings.Contains(ended[0], "ended") {
		t.Errorf("ended partner: %v, want the single line saying it ended", ended)
	}
	nogo := coach.ChooseTips(coach.HealthInput{Partner: coach.Partner{Stage: coach.StageEvaluating}, Decision: coach.Decision{Kind: coach.DecisionNoGo, Unmet: []coach.TemplateItem{{Text: coach.Text{EN: "Trust is in place", FR: "La confiance est là"}}}}}, now, 3)
	if len(nogo) == 0 || nogo[0].Rule != "selection-3" || !strings.Contains(nogo[0].Text.EN, "Trust is in place") || !strings.Contains(nogo[0].Text.FR, "La confiance est là") {
		t.Errorf("no-go tip first and naming the unmet item: %+v", nogo)
	}
}
