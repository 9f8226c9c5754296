package bot_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/slacksim"
)

// outcomes is a bot.Observer that counts envelopes by type and outcome.
type outcomes struct {
	mu sync.Mutex
	n  map[string]int // "type outcome" → envelopes
}

func (o *outcomes) Envelope(typ, outcome string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.n[typ+" "+outcome]++
}
func (o *outcomes) AckLatency(string, time.Duration) {}
func (o *outcomes) HandlerError(string)              {}

func (o *outcomes) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return fmt.Sprint(o.n)
}

// is reports whether the counts of typ are exactly handled and failed.
func (o *outcomes) is(typ string, handled, failed int) func() bool {
	return func() bool {
		o.mu.Lock()
		defer o.mu.Unlock()
		return o.n[typ+" "+bot.OutcomeHandled] == handled && o.n[typ+" "+bot.OutcomeFailed] == failed
	}
}

// TestE2E_FailuresCounted: an envelope whose user was told it failed counts
// as failed in the metrics however the failure was answered — a command's
// response_url, a click's, a modal opened over the App Home, a
// submission's ack — and one that worked counts as handled.
func TestE2E_FailuresCounted(t *testing.T) {
	obs := &outcomes{n: map[string]int{}}
	e := startWith(t, func(c *bot.Config) { c.Observer = obs })
	wait := func(cond func() bool, what string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := e.sim.WaitFor(ctx, cond); err != nil {
			t.Fatalf("waiting for %s: counted %s", what, obs)
		}
	}

	added := e.command(alice, partners, "add Acme")
	wait(obs.is("slash_commands", 1, 0), "the add to count as handled")
	mustContain(t, e.command(alice, partners, "show nobody"), "No partner called")
	wait(obs.is("slash_commands", 1, 1), "the failed command to count as failed")

	// Clicks answered through their response_url.
	mustContain(t, e.craft(t, alice, added, []slacksim.Action{{ActionID: blocks.ActionToggleItem, Value: "not a toggle"}}, nil), "button")
	wait(obs.is("interactive", 0, 1), "a stale button to count as failed")
	e.craft(t, alice, added, []slacksim.Action{{ActionID: blocks.ActionSnooze, Value: "acme:balance"}}, nil)
	wait(obs.is("interactive", 1, 1), "a snooze to count as handled")
	e.craft(t, alice, added, []slacksim.Action{{ActionID: blocks.ActionSnooze, Value: "nobody:balance"}}, nil)
	wait(obs.is("interactive", 1, 2), "a snooze of no reminder to count as failed")

	// A click in the App Home has no response_url: the failure is told in a modal.
	if _, err := e.sim.OpenHome(context.Background(), alice); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return e.sim.Home(alice) != nil }, "the home view")
	e.sim.FailNext("chat.postMessage", 500, 1, false)
	if _, err := e.sim.ClickInHome(context.Background(), alice, blocks.ActionOpenChecklist, "acme"); err != nil {
		t.Fatal(err)
	}
	notice := e.topView(alice, "the failure notice")
	if !strings.Contains(viewText(notice.JSON), "Ref") {
		t.Fatalf("the home click's failure is not told:\n%s", viewText(notice.JSON))
	}
	if err := e.sim.CloseView(context.Background(), alice, notice.ID); err != nil {
		t.Fatal(err)
	}
	wait(obs.is("interactive", 1, 3), "the home click whose post failed to count as failed")

	// A submission is answered in its ack: a name already taken fails.
	v := e.form(alice, partners, "add")
	wait(obs.is("slash_commands", 2, 1), "the command that opened a form to count as handled")
	out, err := e.sim.SubmitView(context.Background(), alice, v.ID, state(in(typed, "name", "Acme"), in(picked, "kind", "reseller"),
		in(picked, "stage", "prospect"), in(userPicked, "owner", alice)))
	if err != nil || out.Action != "errors" {
		t.Fatalf("a taken name: %+v, %v", out, err)
	}
	wait(obs.is("interactive", 1, 4), "the refused submission to count as failed")
}
