package blocks_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/slack-go/slack"
)

// hostile is an 80-character name with emoji and every injection we guard against.
var hostile = strings.Repeat("☁️", 5) + " <!channel> <!here> <@U123> <https://evil.example|Acme> & " + strings.Repeat("x", 20)

func partnersN(n int) []coach.Partner {
	out := make([]coach.Partner, n)
	for i := range out {
		out[i] = coach.Partner{ID: fmt.Sprintf("p%03d", i), Name: fmt.Sprintf("%03d %s", i, hostile)[:80], Kind: coach.KindCloudOperator, Stage: coach.StageAtRisk, Owner: "U0ALICE", Channel: "C1"}
	}
	return out
}

func check(t *testing.T, name string, surface slacksim.Surface, bl []slack.Block) {
	t.Helper()
	// Without HTML escaping, so '<' stays '<' and the injection check below
	// sees exactly what Slack would receive.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(bl); err != nil {
		t.Fatal(err)
	}
	raw := bytes.TrimSpace(buf.Bytes())
	if errs := slacksim.ValidateBlocks(surface, raw); len(errs) > 0 {
		t.Fatalf("%s breaks Block Kit limits: %v", name, errs)
	}
	// Only mrkdwn is parsed for mentions and links; plain_text shows as typed.
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatal(err)
	}
	for _, text := range mrkdwnTexts(tree) {
		for _, bad := range []string{"<!channel>", "<!here>", "<@U123>", "<https://evil.example"} {
			if strings.Contains(text, bad) {
				t.Fatalf("%s lets %q through unescaped in mrkdwn: %q", name, bad, text)
			}
		}
	}
}

func mrkdwnTexts(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		if x["type"] == "mrkdwn" {
			if t, ok := x["text"].(string); ok {
				out = append(out, t)
			}
		}
		for _, y := range x {
			out = append(out, mrkdwnTexts(y)...)
		}
	case []any:
		for _, y := range x {
			out = append(out, mrkdwnTexts(y)...)
		}
	}
	return out
}

// TestLargestForms renders every surface at its largest realistic size —
// 200 partners with long hostile names, every checklist item done with a
// long note, 12-part deals, many currencies — in both languages, and checks
// Block Kit's limits and the escaping.
func TestLargestForms(t *testing.T) {
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	ps := partnersN(200)
	for _, l := range []i18n.Locale{i18n.EN, i18n.FR} {
		for _, id := range tpl.IDs() {
			tp, _ := tpl.Get(id)
			states := map[string]coach.ItemState{}
			for _, it := range tp.Items {
				states[it.ID] = coach.ItemState{ItemID: it.ID, Done: true, By: "U0BOB", At: now, Note: strings.Repeat(hostile, 7)}
			}
			check(t, "checklist "+id, slacksim.SurfaceMessage, blocks.Checklist(l, coach.Checklist{Partner: ps[0], Template: tp, States: states}))
		}
		check(t, "list", slacksim.SurfaceMessage, blocks.PartnerList(l, ps, 0, 40))
		check(t, "list last page", slacksim.SurfaceMessage, blocks.PartnerList(l, ps, 4, 40))
		var rows []blocks.HomeRow
		var health []blocks.HealthRow
		next := &coach.Event{Title: hostile, Start: now}
		for _, p := range ps {
			rows = append(rows, blocks.HomeRow{Partner: p, Health: 42, Verdict: coach.VerdictLopsided, Next: next, Due: &blocks.DueReminder{At: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}})
			health = append(health, blocks.HealthRow{Partner: p, Score: 42})
		}
		for page := range 14 {
			home := blocks.Home(l, rows, page, now)
			check(t, fmt.Sprintf("home page %d", page), slacksim.SurfaceHome, home.Blocks.BlockSet)
		}
		check(t, "health list", slacksim.SurfaceMessage, blocks.HealthList(l, health))
		check(t, "digest", slacksim.SurfaceMessage, blocks.Digest(l, rows, "team:digest"))
		var cur []coach.CurrencyBalance
		for _, c := range []string{"EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK"} {
			cur = append(cur, coach.CurrencyBalance{Currency: c, Gave: coach.Money{Amount: coach.MaxAmount, Currency: c}, Got: coach.Money{Amount: 1, Currency: c}, Verdict: coach.VerdictLopsided})
		}
		bal := coach.Balance{Currencies: cur, Verdict: coach.VerdictLopsided, Ahead: coach.SideUs, Ratio: 0.01, Deals: make([]coach.DealMark, 999), FirstDeal: now,
			Pipeline: coach.Flow{Currencies: cur, GaveCount: 999, GotCount: 999}, CoMarketing: coach.Flow{Currencies: cur, GaveCount: 999}, Entries: 9999}
		check(t, "balance", slacksim.SurfaceMessage, blocks.Balance(l, ps[0], bal, coach.DefaultWindow))
		review := coach.ReviewSince{Reviewed: now, By: "U1", Added: bal, Edited: 5, Deleted: 9, Totals: bal, LedgerSize: 99999}
		check(t, "balance review", slacksim.SurfaceMessage, blocks.BalanceReview(l, ps[0], review, "p000:balance", 50, false))
		var entries []coach.Contribution
		for i := range 95 {
			entries = append(entries, coach.Contribution{ID: fmt.Sprintf("cmd-%040d", i), Direction: coach.Gave, Kind: coach.ContribDeal, Author: "U1",
				Amount: coach.Money{Amount: coach.MaxAmount, Currency: "EUR"}, Date: now, Note: strings.Repeat(hostile, 10)[:500]})
		}
		revs := []coach.Revision{{ContributionID: entries[0].ID, Action: coach.RevisionEdit, By: "U2", At: now, Before: entries[1], After: &entries[0]}, {Action: coach.RevisionDelete}}
		for page := range 11 {
			check(t, fmt.Sprintf("ledger page %d", page), slacksim.SurfaceMessage, blocks.Ledger(l, blocks.LedgerView{Partner: ps[0], Window: coach.DefaultWindow, Entries: entries, Revisions: revs, Page: page}))
		}
		check(t, "health list last page", slacksim.SurfaceMessage, blocks.HealthListPage(l, health, 99))
		var parts []coach.Part
		for i := range coach.MaxParts {
			parts = append(parts, coach.Part{Name: fmt.Sprintf("%02d %s", i, hostile)[:80], Kind: coach.PartParty, Chance: 10 + i})
		}
		d := coach.Deal{Name: hostile[:80], Parts: parts}
		check(t, "complexity", slacksim.SurfaceMessage, blocks.Complexity(l, ps[0], d, coach.Analyse(d, 50)))
		var evs []coach.Event
		for range 40 {
			evs = append(evs, coach.Event{Title: hostile, Start: now.AddDate(0, 0, 1), Host: coach.HostBoth, Status: coach.EventPlanned, Link: "https://example.com/" + strings.Repeat("a", 200)})
		}
		check(t, "events", slacksim.SurfaceMessage, blocks.Events(l, ps[0], coach.Summarize(evs, now)))
		check(t, "event tomorrow", slacksim.SurfaceMessage, blocks.EventTomorrow(l, ps[0], evs, time.UTC))
		check(t, "card", slacksim.SurfaceMessage, blocks.PartnerCard(l, coach.Partner{Name: hostile, Profile: coach.Profile{CustomerBase: hostile, BusinessModel: hostile, ExecutionCapacity: hostile, Region: hostile, Notes: strings.Repeat(hostile, 20)}}, &coach.Health{Score: 1}, coach.EventSummary{Next: next}))
		check(t, "tips", slacksim.SurfaceMessage, blocks.Tips(l, ps[0], coach.ChooseTips(coach.HealthInput{Partner: coach.Partner{Stage: coach.StageAtRisk}, Events: coach.EventSummary{DaysSinceLast: -1}}, now, 0)))
		check(t, "nudges", slacksim.SurfaceMessage, append(blocks.WebinarNudge(l, ps[0], coach.EventSummary{Last: next, DaysSinceLast: 400}, "x"), blocks.QuickWinNudge(l, ps[0], 400, "y")...))
	}
}

// TestMrkdwnChecker proves the injection check can fail: raw user text in a
// section is caught, escaped text is not.
func TestMrkdwnChecker(t *testing.T) {
	raw, _ := json.Marshal([]slack.Block{blocks.Section(hostile), blocks.Section(blocks.Escape(hostile))})
	var tree any
	_ = json.Unmarshal(raw, &tree)
	texts := mrkdwnTexts(tree)
	if len(texts) != 2 || !strings.Contains(texts[0], "<!channel>") || strings.Contains(texts[1], "<!channel>") {
		t.Fatalf("checker sees %q", texts)
	}
}
