package bot_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
)

// charts returns the data_visualization blocks of a message.
func charts(t *testing.T, m slacksim.Message) []map[string]any {
	t.Helper()
	var bs []map[string]any
	if err := json.Unmarshal(m.Blocks, &bs); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, b := range bs {
		if b["type"] == "data_visualization" {
			out = append(out, b)
		}
	}
	return out
}

func TestE2E_QuarterlyReview(t *testing.T) {
	e := start(t)
	mustContain(t, e.command(alice, partners, "add Acme"), "Acme")
	mustContain(t, e.command(alice, partners, "log acme got 12k EUR deal first joint deal"), "12,000.00")
	mustContain(t, e.command(alice, partners, "log acme gave 2k EUR revenue"), "2,000.00")

	t.Run("OK", func(t *testing.T) {
		m := e.command(alice, partners, "review acme this")
		if !m.Ephemeral || m.To != alice {
			t.Fatalf("the review was not private to the asker: %+v", m)
		}
		mustContain(t, m, "Quarterly review", "Acme", "Health:", "deal #1", "Three things to do next quarter", "Only you see this review")
		cs := charts(t, m)
		if len(cs) != 2 {
			t.Fatalf("%d charts in the review, want health and give-and-take:\n%s", len(cs), m.Blocks)
		}
		if !strings.Contains(string(m.Blocks), blocks.ActionShareReview) {
			t.Fatal("the owner's review lacks the Share with partner button")
		}
		// Each chart has a text line beside it.
		mustContain(t, m, "we gave", "Health over the weeks recorded")
	})
	t.Run("AliasFrenchAndNoShareForOthers", func(t *testing.T) {
		m := e.command(bob, partners, "revue acme T4 2026")
		mustContain(t, m, "Revue trimestrielle", "Trois choses à faire")
		if strings.Contains(string(m.Blocks), blocks.ActionShareReview) {
			t.Fatal("someone who is neither owner nor admin was offered to share")
		}
	})
	t.Run("ChartsInBalanceAndCard", func(t *testing.T) {
		bal := e.command(alice, partners, "balance acme 6m")
		if cs := charts(t, bal); len(cs) != 1 || cs[0]["chart"].(map[string]any)["type"] != "bar" {
			t.Fatalf("balance charts = %v; want the give-and-take bar chart", cs)
		}
		mustContain(t, bal, "By month (EUR)")
		card := e.command(alice, partners, "show acme")
		if cs := charts(t, card); len(cs) != 1 || cs[0]["chart"].(map[string]any)["type"] != "line" {
			t.Fatalf("card charts = %v; want the health line chart", cs)
		}
		mustContain(t, card, "Health over the weeks recorded")
	})
	t.Run("ErrBadQuarter", func(t *testing.T) {
		m := e.command(alice, partners, "qbr acme Q9")
		if !m.Ephemeral {
			t.Fatal("the error was not private")
		}
		mustContain(t, m, "as a quarter", "2026Q4")
	})
	t.Run("SharedChannelStaysPrivate", func(t *testing.T) {
		before := len(e.sim.Messages(shared))
		if m := e.command(alice, shared, "review acme"); !m.Ephemeral {
			t.Fatal("the review was posted to a shared channel")
		}
		if len(e.sim.Messages(shared)) != before {
			t.Fatal("something reached the shared channel")
		}
	})
}

// TestE2E_QuarterlyReviewReminder: the qbr reminder, in the table with the
// partner's defaults, sends the review to the owner alone, with Share.
func TestE2E_QuarterlyReviewReminder(t *testing.T) {
	e := start(t)
	e.command(alice, shared, "add Acme")
	e.command(alice, partners, "stage acme active")
	rs, err := e.store.Reminders(context.Background(), "T0001")
	if err != nil || reminder(rs, "acme:qbr").Spec != coach.DefaultQBRSchedule {
		t.Fatalf("a new partner's reminders %+v, %v: want the quarterly review among them", rs, err)
	}
	// The list says where it goes: to the owner, not the channel.
	list := e.command(alice, partners, "reminders acme").Visible()
	var qbrLine string
	for _, line := range strings.Split(list, "\n") {
		if strings.Contains(line, "quarterly review") || strings.Contains(line, "Quarterly review") {
			qbrLine = line
		}
	}
	if !strings.Contains(qbrLine, "to the owner, privately") || strings.Contains(qbrLine, "<#") {
		t.Fatalf("the quarterly review's line in the reminders list: %q (list:\n%s)", qbrLine, list)
	}
	before := len(e.sim.Messages(shared))
	e.everySecond("acme", coach.ReminderQBR, shared)
	e.runReminders()
	m := e.waitMessage(slacksim.DM(alice), "Quarterly review")
	mustContain(t, m, "A new quarter starts", "Acme", "Three things to do next quarter")
	if !strings.Contains(string(m.Blocks), blocks.ActionShareReview) {
		t.Fatal("the owner's quarterly review lacks the Share button")
	}
	if len(charts(t, m)) == 0 {
		t.Fatal("the quarterly review came without its charts")
	}
	if n := len(e.sim.Messages(shared)); n != before {
		t.Fatalf("%d messages reached the shared channel", n-before)
	}
}
