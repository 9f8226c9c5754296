package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/slacksim"
)

// TestE2E_ChecklistCopies: a checklist posted twice; a click on the older
// copy acts on what the person saw, and every copy follows.
func TestE2E_ChecklistCopies(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme Cloud cloud-operator")
	first := e.command(alice, partners, "checklist acme launch")
	// The same command again is a second copy, not a refused repeat.
	second := e.command(alice, partners, "checklist acme launch")
	if first.TS == second.TS || second.Ephemeral {
		t.Fatalf("the checklist was not posted again: %+v", second)
	}
	mustContain(t, second, "Must-haves 0/6")

	// Bob ticks an item on the second copy: the first copy follows.
	if _, err := e.sim.Click(context.Background(), bob, second, "checklist.toggle", "acme-cloud|launch|lau-first-deal|1"); err != nil {
		t.Fatal(err)
	}
	current := func(ts string) slacksim.Message {
		for _, m := range e.sim.Messages(partners) {
			if m.TS == ts {
				return m
			}
		}
		return slacksim.Message{}
	}
	copyOf := func(ts string) string { return current(ts).Visible() }
	e.wait(func() bool {
		return strings.Contains(copyOf(first.TS), "Done by <@U0BOB>") && strings.Contains(copyOf(second.TS), "Done by <@U0BOB>")
	}, "both copies to show bob's tick")

	// Alice, on the first copy as it was posted (stale), marks the same
	// item done: it stays done by bob.
	if _, err := e.sim.Click(context.Background(), alice, first, "checklist.toggle", "acme-cloud|launch|lau-first-deal|1"); err != nil {
		t.Fatal(err)
	}
	// Undo on an item someone else already reopened: a copy seen while it
	// was done, clicked after bob undid it elsewhere, changes nothing.
	if _, err := e.sim.Click(context.Background(), bob, second, "checklist.toggle", "acme-cloud|launch|lau-cross-business|1"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return strings.Contains(copyOf(first.TS), "Must-haves 2/6") }, "the first copy to follow")
	seen := current(first.TS)
	if _, err := e.sim.Click(context.Background(), bob, current(second.TS), "checklist.toggle", "acme-cloud|launch|lau-cross-business|0"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return strings.Contains(copyOf(first.TS), "Must-haves 1/6") }, "the first copy to follow the undo")
	before, _ := e.store.ItemStates(context.Background(), "T0001", "acme-cloud", "launch")
	if _, err := e.sim.Click(context.Background(), alice, seen, "checklist.toggle", "acme-cloud|launch|lau-cross-business|0"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		for _, m := range e.sim.Messages(partners) {
			if m.TS == first.TS && m.Edited >= seen.Edited+2 {
				return true
			}
		}
		return false
	}, "the stale clicks to redraw")
	st, err := e.store.ItemStates(context.Background(), "T0001", "acme-cloud", "launch")
	if err != nil {
		t.Fatal(err)
	}
	if !st["lau-first-deal"].Done || st["lau-first-deal"].By != bob {
		t.Fatalf("the stale Mark done changed who ticked it: %+v", st["lau-first-deal"])
	}
	if got, want := st["lau-cross-business"], before["lau-cross-business"]; got.Done || got.By != bob || !got.At.Equal(want.At) {
		t.Fatalf("the Undo on an item already open wrote %+v (was %+v)", got, want)
	}
	for _, ts := range []string{first.TS, second.TS} {
		if v := copyOf(ts); !strings.Contains(v, "Done by <@U0BOB>") || strings.Contains(v, "Done by <@U0ALICE>") || !strings.Contains(v, "Must-haves 1/6") {
			t.Fatalf("copy %s shows:\n%s", ts, v)
		}
	}
}
