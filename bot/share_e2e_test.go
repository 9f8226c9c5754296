package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
)

// ticked is the share form's state with items ticked.
func ticked(items ...coach.ShareItem) slacksim.ViewState {
	var opts []any
	for _, it := range items {
		opts = append(opts, map[string]any{"value": string(it)})
	}
	return slacksim.ViewState{blocks.FieldShareItems: {blocks.ActionShareItems: {"type": "checkboxes", "selected_options": opts}}}
}

func TestE2E_ShareScorecard(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	e.command(alice, shared, "add Acme")                                   // its home channel is the shared one
	e.command(alice, shared, "log acme got 12k EUR deal first joint deal") // private there
	mustContain(t, e.command(alice, partners, "add Globex"), "Globex")     // an internal channel
	due := time.Now().AddDate(0, 1, 0)
	for side, title := range map[coach.CommitSide]string{coach.CommitUs: "Send the price list", coach.CommitPartner: "Name a presales engineer"} {
		if _, err := e.svc.AddCommitment(ctx, "T0001", alice, coach.NewCommitment{PartnerID: "acme", Side: side, Title: title, Due: due}); err != nil {
			t.Fatal(err)
		}
	}
	review := e.command(alice, partners, "review acme this")
	mustContain(t, review, "*Commitments:* 0 done this quarter, 2 open, 0 late.", "Send the price list", "Name a presales engineer")
	// share clicks the button and returns the share form it opens.
	share := func(user string, m slacksim.Message, partner string) slacksim.View {
		t.Helper()
		seen := map[string]bool{}
		for _, v := range e.sim.ModalStack(user) {
			seen[v.ID] = true
		}
		if _, err := e.sim.Click(ctx, user, m, blocks.ActionShareReview, partner+" "+coach.QuarterOf(time.Now()).String()); err != nil {
			t.Fatal(err)
		}
		var form slacksim.View
		e.wait(func() bool {
			for _, v := range e.sim.ModalStack(user) {
				if !seen[v.ID] && strings.Contains(string(v.JSON), `"callback_id":"`+blocks.ModalShare+`"`) {
					form = v
					return true
				}
			}
			return false
		}, "the share form")
		return form
	}

	t.Run("OnlyTickedItems", func(t *testing.T) {
		before := len(e.sim.Messages(shared))
		v := share(alice, review, "acme")
		if !strings.Contains(viewText(v.JSON), "Figures") {
			t.Fatalf("the form does not offer the figures:\n%s", viewText(v.JSON))
		}
		e.submit(alice, v, ticked(coach.ShareTheirCommitments, coach.ShareDealCount), "posted in")
		var card slacksim.Message
		e.wait(func() bool {
			ms := e.sim.Messages(shared)
			if len(ms) > before {
				card = ms[len(ms)-1]
				return true
			}
			return false
		}, "the scorecard in the shared channel")
		if len(e.sim.Messages(shared)) != before+1 {
			t.Fatalf("%d messages posted in the shared channel, want the one scorecard", len(e.sim.Messages(shared))-before)
		}
		mustContain(t, card, "joint scorecard", "Name a presales engineer", "1 this quarter, 1 in all")
		text := card.Visible() + string(card.Blocks)
		for _, internal := range []string{"Send the price list", "12,000", "Health", "health", "pitfall", "Verdict", "Three things", "data_visualization"} {
			if strings.Contains(text, internal) {
				t.Errorf("the scorecard shows %q, which was not ticked or is internal:\n%s", internal, card.Visible())
			}
		}
	})
	t.Run("ErrNothingTicked", func(t *testing.T) {
		v := share(alice, review, "acme")
		before := len(e.sim.Messages(shared))
		out, err := e.sim.SubmitView(ctx, alice, v.ID, ticked())
		if err != nil {
			t.Fatal(err)
		}
		if out.Action != "errors" || !strings.Contains(out.Errors[blocks.FieldShareItems], "Tick at least one") {
			t.Fatalf("outcome %+v: want the error under the checkboxes", out)
		}
		if len(e.sim.Messages(shared)) != before {
			t.Fatal("something was posted with nothing ticked")
		}
	})
	t.Run("ErrNotOwner", func(t *testing.T) {
		before := len(e.sim.Messages(shared))
		m := e.clickForReply(bob, review, blocks.ActionShareReview, "acme "+coach.QuarterOf(time.Now()).String())
		mustContain(t, m, "responsable")
		if len(e.sim.Messages(shared)) != before {
			t.Fatal("a non-owner's click posted something")
		}
	})
	t.Run("ErrNoSharedChannel", func(t *testing.T) {
		internal := e.command(alice, partners, "review globex this")
		m := e.clickForReply(alice, internal, blocks.ActionShareReview, "globex "+coach.QuarterOf(time.Now()).String())
		mustContain(t, m, "not shared with the partner's organisation")
	})
}
