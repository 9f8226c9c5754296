package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/coach"
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
	// Counts include the balance review, ticked by its reminder (evidence).
	mustContain(t, second, "Must-haves 1/6")

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
	e.wait(func() bool {
		return strings.Contains(copyOf(first.TS), "Must-haves 3/6") && strings.Contains(string(current(second.TS).Blocks), "lau-cross-business|0")
	}, "both copies to show the tick")
	seen := current(first.TS)
	if _, err := e.sim.Click(context.Background(), bob, current(second.TS), "checklist.toggle", "acme-cloud|launch|lau-cross-business|0"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return strings.Contains(copyOf(first.TS), "Must-haves 2/6") }, "the first copy to follow the undo")
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
		if v := copyOf(ts); !strings.Contains(v, "Done by <@U0BOB>") || strings.Contains(v, "Done by <@U0ALICE>") || !strings.Contains(v, "Must-haves 2/6") {
			t.Fatalf("copy %s shows:\n%s", ts, v)
		}
	}
}

// TestE2E_EventsCancelReschedule: a booking overlapping another asks for
// confirmation; events are cancelled and moved by command and by button;
// cancelled events no longer decide whose turn it is; the link shows.
func TestE2E_EventsCancelReschedule(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme Cloud cloud-operator")
	mustContain(t, e.command(alice, partners, "webinar acme 2099-12-10 14:00 Cloud clinic"), "Cloud clinic", "hosted by us")

	// Half an hour later: asked first, booked when sent again.
	overlap := e.command(alice, partners, "webinar acme 2099-12-10 14:30 FinOps hour")
	mustContain(t, overlap, "overlaps", "Cloud clinic", "Send the same booking again")
	if !overlap.Ephemeral {
		t.Fatal("the overlap question is private")
	}
	mustContain(t, e.command(alice, partners, "webinar acme 2099-12-10 14:30 FinOps hour"), "FinOps hour", "hosted by the partner")

	list := e.command(alice, partners, "events acme")
	mustContain(t, list, "1. ", "Cloud clinic", "2. ", "FinOps hour", "Reschedule", "Cancel", "/partner events acme-cloud cancel")

	// Cancel the second by command: the turn goes back to the partner
	// (the last one held or booked is ours).
	mustContain(t, e.command(alice, partners, "events acme cancel 2"), "Cancelled *FinOps hour*")
	mustContain(t, e.command(alice, partners, "events acme"), "Cloud clinic", "next one should be hosted by the partner")
	if strings.Contains(e.command(alice, partners, "events acme").Visible(), "FinOps hour") {
		t.Fatal("a cancelled event is still listed")
	}

	// Move the first by command.
	mustContain(t, e.command(alice, partners, "events acme move 1 2099-12-11 09:00"), "Cloud clinic", "now takes place")
	evs, _ := e.svc.Events(context.Background(), "T0001", "acme-cloud")
	var moved coach.Event
	for _, ev := range evs {
		if ev.Title == "Cloud clinic" {
			moved = ev
		}
	}
	if moved.Start.Day() != 11 || moved.Start.Hour() != 9 || moved.Status != coach.EventPlanned {
		t.Fatalf("moved event %+v", moved)
	}
	mustContain(t, e.command(alice, partners, "events acme move 7 2099-12-11 09:00"), "number of a booked event")
	mustContain(t, e.command(alice, partners, "events acme cancl 1"), "Did you mean", "cancel")

	// Cancel by button, from the list: the list is redrawn without it.
	list = e.command(alice, partners, "events acme")
	if _, err := e.sim.Click(context.Background(), alice, list, "event.cancel", "acme-cloud|"+moved.ID); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		for _, m := range e.sim.Ephemerals(alice) {
			if m.TS == list.TS && m.Edited > 0 && strings.Contains(m.Visible(), "Cancelled *Cloud clinic*") && !strings.Contains(m.Visible(), "Reschedule") {
				return true
			}
		}
		return false
	}, "the list redrawn after the cancel")
	evs, _ = e.svc.Events(context.Background(), "T0001", "acme-cloud")
	for _, ev := range evs {
		if ev.Status != coach.EventCancelled {
			t.Fatalf("event left: %+v", ev)
		}
	}
}

// TestE2E_Unarchive: an archived partner is read-only, its name stays
// taken, and its owner restores it.
func TestE2E_Unarchive(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme Cloud cloud-operator")
	mustContain(t, e.command(alice, partners, "archive acme"), "archived", "/partner unarchive")
	for _, cmd := range []string{"log acme-cloud got 5 EUR deal", "webinar acme-cloud 2099-12-10 14:00", "stage acme-cloud active", "complexity acme-cloud Big: Bank 90%"} {
		mustContain(t, e.command(alice, partners, cmd), "is archived", "/partner unarchive acme-cloud")
	}
	mustContain(t, e.command(alice, partners, "add Acme Cloud"), "archived partner", "/partner unarchive acme-cloud")
	mustContain(t, e.command(bob, partners, "unarchive acme"), "Seul le responsable")
	mustContain(t, e.command(alice, partners, "unarchive acme"), "Acme Cloud", "restored")
	mustContain(t, e.command(alice, partners, "unarchive acme"), "is not archived")
	mustContain(t, e.command(alice, partners, "log acme got 5 EUR deal"), "Logged")
}

// TestE2E_Deals: /partner deals lists each deal with its parts and overall
// chance; Edit opens the form filled in, and saving it changes the deal.
func TestE2E_Deals(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	mustContain(t, e.command(alice, partners, "deals acme"), "No multi-party deal yet")
	e.command(alice, partners, "complexity acme Big Bank: Bank 90%, Acme 80%")
	e.command(alice, partners, "complexity acme Small Shop: Shop 50%")
	list := e.command(alice, partners, "deals acme")
	mustContain(t, list, "Big Bank", "Overall chance: *72%*", "Bank", "Small Shop", "*50%*", "Edit")
	if _, err := e.sim.Click(context.Background(), alice, list, "deal.edit", "acme|big-bank"); err != nil {
		t.Fatal(err)
	}
	v := e.topView(alice, "the deal's form")
	if text := viewText(v.JSON); !strings.Contains(text, "Bank") || !strings.Contains(text, "80") {
		t.Fatalf("the form is not filled in:\n%s", text)
	}
	e.submit(alice, v, state(in(typed, "deal", "Big Bank"), in(typed, "part.1.name", "Bank"), in(typed, "part.1.chance", "90"),
		in(typed, "part.2.name", "Acme"), in(typed, "part.2.chance", "90")), "81%")
	mustContain(t, e.command(alice, partners, "deals acme"), "Overall chance: *81%*")
}

// TestE2E_RescheduleButton: the Reschedule button opens the webinar form
// filled in with the event; saving it moves that event, not a new one.
func TestE2E_RescheduleButton(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "webinar acme 2099-12-10 14:00 Cloud clinic")
	evs, _ := e.svc.Events(context.Background(), "T0001", "acme")
	list := e.command(alice, partners, "events acme")
	if _, err := e.sim.Click(context.Background(), alice, list, "event.reschedule", "acme|"+evs[0].ID); err != nil {
		t.Fatal(err)
	}
	v := e.topView(alice, "the reschedule form")
	if text := viewText(v.JSON); !strings.Contains(text, "Cloud clinic") || !strings.Contains(text, "Reschedule the event") {
		t.Fatalf("the form is not filled in:\n%s", text)
	}
	e.submit(alice, v, state(in(typed, "title", "Cloud clinic"), in(dated, "date", "2099-12-12"), in(timed, "time", "10:00"),
		in(picked, "host", "turn"), in(typed, "link", "https://meet.example.com/clinic")), "now takes place")
	evs, _ = e.svc.Events(context.Background(), "T0001", "acme")
	if len(evs) != 1 || evs[0].Start.Day() != 12 || evs[0].Link != "https://meet.example.com/clinic" {
		t.Fatalf("events %+v", evs)
	}
	mustContain(t, e.command(alice, partners, "events acme"), "https://meet.example.com/clinic")
}

// TestE2E_OverlapInForm: the booking form asks about an overlapping time
// once; submitting it again unchanged books it.
func TestE2E_OverlapInForm(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "webinar acme 2099-03-10 10:00 First")
	v := e.form(alice, partners, "webinar acme")
	st := state(in(typed, "title", "Second"), in(dated, "date", "2099-03-10"), in(timed, "time", "10:30"), in(picked, "host", "turn"))
	out, err := e.sim.SubmitView(context.Background(), alice, v.ID, st)
	var msg string
	for _, m := range out.Errors {
		msg += m
	}
	if err != nil || !strings.Contains(msg, "overlaps \"First\"") {
		t.Fatalf("an overlapping booking: %+v, %v", out, err)
	}
	if evs, _ := e.svc.Events(context.Background(), "T0001", "acme"); len(evs) != 1 {
		t.Fatalf("the overlapping booking was stored before it was confirmed: %+v", evs)
	}
	// The same form sent again unchanged is the confirmation.
	e.submit(alice, v, st, "Second")
	if evs, _ := e.svc.Events(context.Background(), "T0001", "acme"); len(evs) != 2 {
		t.Fatalf("the confirmed booking: %+v", evs)
	}
}
