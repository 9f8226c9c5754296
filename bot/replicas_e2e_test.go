package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/slack-go/slack"
)

// TestE2E_ChecklistRedrawOvertakenByAnotherReplica: two replicas redraw one
// checklist. This one wrote alice's tick and read the states; before its
// chat.update lands, another replica writes bob's tick and lands its own
// redraw (with both ticks). This replica's older picture then lands last.
// It must notice, when it reads the states again after its update, and
// redraw: the message ends showing both ticks, as the store does.
func TestE2E_ChecklistRedrawOvertakenByAnotherReplica(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	e.command(alice, partners, "add Acme Cloud cloud-operator")
	msg := e.command(alice, partners, "checklist acme launch")

	otherReplica := slack.New(slacksim.BotToken, slack.OptionAPIURL(e.sim.URL()))
	landed := make(chan error, 1)
	e.sim.BeforeNext("chat.update", func() {
		p, err := e.store.Partner(ctx, "T0001", "acme-cloud")
		if err != nil {
			landed <- err
			return
		}
		cl, err := e.svc.SetItem(ctx, "T0001", bob, p, "launch", "lau-first-deal", true, "")
		if err != nil {
			landed <- err
			return
		}
		_, _, _, err = otherReplica.UpdateMessage(partners, msg.TS, slack.MsgOptionBlocks(blocks.Checklist(i18n.EN, cl)...))
		landed <- err
	})
	if _, err := e.sim.Click(ctx, alice, msg, "checklist.toggle", "acme-cloud|launch|lau-cross-business|1"); err != nil {
		t.Fatal(err)
	}
	if err := <-landed; err != nil {
		t.Fatalf("the other replica's redraw: %v", err)
	}
	e.wait(func() bool {
		// Both ticks, and the balance review the records tick (its reminder).
		return strings.Contains(e.sim.Messages(partners)[1].Visible(), "Must-haves 3/6")
	}, "the message to show both ticks after this replica's stale redraw landed")
	m := e.sim.Messages(partners)[1]
	mustContain(t, m, "Done by <@U0ALICE>", "Done by <@U0BOB>")
	// This replica's stale update, then its correction: the other replica's
	// update and two of this one's.
	if m.Edited != 3 {
		t.Errorf("message edited %d times, want 3 (the other replica's redraw, the stale one, the correction)", m.Edited)
	}
}
