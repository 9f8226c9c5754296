package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnercoach/partnercoach/coach"
)

func testChecklists(t *testing.T, h Harness) {
	t.Run("Untouched/Empty", func(t *testing.T) {
		s := open(t, h)
		got, err := s.ItemStates(ctx(t), "T1", "acme", "selection")
		if err != nil || len(got) != 0 {
			t.Fatalf("got %v, %v; want an empty map", got, err)
		}
	})
	t.Run("Set/ReturnsAll", func(t *testing.T) {
		s := open(t, h)
		a := coach.ItemState{ItemID: "a", Done: true, By: "U1", At: at(t, 1), Note: "signed <@U2>"}
		if _, err := s.SetItemState(ctx(t), "T1", "acme", "selection", a); err != nil {
			t.Fatal(err)
		}
		b := coach.ItemState{ItemID: "b", Done: true, By: "U2", At: at(t, 2)}
		got, err := s.SetItemState(ctx(t), "T1", "acme", "selection", b)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]coach.ItemState{"a": a, "b": b}
		if diff := cmp.Diff(want, got, cmp.Comparer(timeEqual)); diff != "" {
			t.Fatalf("SetItemState result (-want +got):\n%s", diff)
		}
		read, _ := s.ItemStates(ctx(t), "T1", "acme", "selection")
		if diff := cmp.Diff(want, read, cmp.Comparer(timeEqual)); diff != "" {
			t.Fatalf("ItemStates (-want +got):\n%s", diff)
		}
		// Undo overwrites; other templates and partners are untouched.
		if _, err := s.SetItemState(ctx(t), "T1", "acme", "selection", coach.ItemState{ItemID: "a"}); err != nil {
			t.Fatal(err)
		}
		read, _ = s.ItemStates(ctx(t), "T1", "acme", "selection")
		if read["a"].Done {
			t.Fatal("undo did not stick")
		}
		for _, other := range [][2]string{{"acme", "launch"}, {"other", "selection"}} {
			if got, _ := s.ItemStates(ctx(t), "T1", other[0], other[1]); len(got) != 0 {
				t.Fatalf("%v got states from another checklist: %v", other, got)
			}
		}
	})
}

func contribution(team, partner, id string, dir coach.Direction, amount int64, date time.Time) coach.Contribution {
	return coach.Contribution{TeamID: team, PartnerID: partner, ID: id, Direction: dir, Kind: coach.ContribDeal,
		Amount: coach.Money{Amount: amount, Currency: "EUR"}, Date: date, Author: "U1", CreatedAt: date}
}

func testLedger(t *testing.T, h Harness) {
	t.Run("Window/OldestFirst", func(t *testing.T) {
		s := open(t, h)
		for i, day := range []int{20, 1, 10, 15} {
			c := contribution("T1", "acme", fmt.Sprintf("c%d", i), coach.Gave, int64(100*(i+1)), at(t, day))
			if err := s.AddContribution(ctx(t), c); err != nil {
				t.Fatal(err)
			}
		}
		days := func(cs []coach.Contribution) []int {
			var out []int
			for _, c := range cs {
				out = append(out, c.Date.In(at(t, 1).Location()).Day())
			}
			return out
		}
		all, err := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]int{1, 10, 15, 20}, days(all)); diff != "" {
			t.Fatalf("all (-want +got):\n%s", diff)
		}
		win, _ := s.Contributions(ctx(t), "T1", "acme", at(t, 10), at(t, 20))
		if diff := cmp.Diff([]int{10, 15}, days(win)); diff != "" {
			t.Fatalf("[10, 20) (-want +got):\n%s", diff)
		}
		open1, _ := s.Contributions(ctx(t), "T1", "acme", at(t, 11), time.Time{})
		if diff := cmp.Diff([]int{15, 20}, days(open1)); diff != "" {
			t.Fatalf("[11, ∞) (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(contribution("T1", "acme", "c0", coach.Gave, 100, at(t, 20)), all[3], cmp.Comparer(timeEqual)); diff != "" {
			t.Fatalf("contribution round trip (-want +got):\n%s", diff)
		}
	})
	t.Run("Add/IdempotentByID", func(t *testing.T) {
		s := open(t, h)
		c := contribution("T1", "acme", "req-1", coach.Got, 500, at(t, 3))
		for range 3 {
			if err := s.AddContribution(ctx(t), c); err != nil {
				t.Fatal(err)
			}
		}
		c2 := c
		c2.Amount.Amount = 999 // a replay with other content still adds nothing
		if err := s.AddContribution(ctx(t), c2); err != nil {
			t.Fatal(err)
		}
		all, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{})
		if len(all) != 1 || all[0].Amount.Amount != 500 {
			t.Fatalf("got %+v, want one contribution of 500", all)
		}
	})
	t.Run("Delete/OK", func(t *testing.T) {
		s := open(t, h)
		c := contribution("T1", "acme", "x", coach.Gave, 1, at(t, 3))
		_ = s.AddContribution(ctx(t), c)
		if err := s.DeleteContribution(ctx(t), "T1", "acme", "x"); err != nil {
			t.Fatal(err)
		}
		if all, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{}); len(all) != 0 {
			t.Fatalf("still there: %+v", all)
		}
		wantCode(t, s.DeleteContribution(ctx(t), "T1", "acme", "x"), coach.ENOTFOUND)
		// The ID is free again once deleted.
		if err := s.AddContribution(ctx(t), c); err != nil {
			t.Fatal(err)
		}
		if all, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{}); len(all) != 1 {
			t.Fatalf("re-add after delete: got %d, want 1", len(all))
		}
	})
}

func testEvents(t *testing.T, h Harness) {
	s := open(t, h)
	mk := func(id string, day int, st coach.EventStatus) coach.Event {
		return coach.Event{TeamID: "T1", PartnerID: "acme", ID: id, Title: "Webinar " + id, Start: at(t, day), TimeZone: "Europe/Paris",
			Link: "https://example.com/w?id=" + id, Host: coach.HostBoth, Status: st, CreatedBy: "U1", CreatedAt: at(t, 1), UpdatedAt: at(t, 1)}
	}
	for _, e := range []coach.Event{mk("b", 20, coach.EventPlanned), mk("a", 5, coach.EventDone)} {
		if err := s.SaveEvent(ctx(t), e); err != nil {
			t.Fatal(err)
		}
	}
	replaced := mk("b", 21, coach.EventCancelled)
	if err := s.SaveEvent(ctx(t), replaced); err != nil {
		t.Fatal(err)
	}
	got, err := s.Events(ctx(t), "T1", "acme")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]coach.Event{mk("a", 5, coach.EventDone), replaced}, got, cmp.Comparer(timeEqual)); diff != "" {
		t.Fatalf("Events (-want +got):\n%s", diff)
	}
}

func testDeals(t *testing.T, h Harness) {
	s := open(t, h)
	d := coach.Deal{TeamID: "T1", PartnerID: "acme", ID: "big-bank", Name: "Big Bank", UpdatedBy: "U1", UpdatedAt: at(t, 2),
		Parts: []coach.Part{{Name: "Bank", Kind: coach.PartParty, Chance: 90}, {Name: "GPU cluster", Kind: coach.PartComponent, Chance: 60}}}
	if err := s.SaveDeal(ctx(t), d); err != nil {
		t.Fatal(err)
	}
	got, err := s.Deal(ctx(t), "T1", "acme", "big-bank")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, got, cmp.Comparer(timeEqual)); diff != "" {
		t.Fatalf("Deal (-want +got):\n%s", diff)
	}
	d2 := d
	d2.ID, d2.Name = "another", "Another"
	_ = s.SaveDeal(ctx(t), d2)
	all, _ := s.Deals(ctx(t), "T1", "acme")
	if len(all) != 2 || all[0].ID != "another" || all[1].ID != "big-bank" {
		t.Fatalf("Deals: got %+v, want another, big-bank", all)
	}
	_, err = s.Deal(ctx(t), "T1", "acme", "nope")
	wantCode(t, err, coach.ENOTFOUND)
}

func testReminders(t *testing.T, h Harness) {
	s := open(t, h)
	r := coach.Reminder{TeamID: "T1", ID: "acme:balance", PartnerID: "acme", Kind: coach.ReminderBalance,
		Spec: "CRON_TZ=Europe/Paris 0 9 * * 1", Channel: "C1", SnoozedUntil: at(t, 9), LastOccurrence: at(t, 2), UpdatedAt: at(t, 1)}
	if err := s.SaveReminder(ctx(t), r); err != nil {
		t.Fatal(err)
	}
	r2 := coach.Reminder{TeamID: "T1", ID: "acme:a-first", Kind: coach.ReminderWebinar, Spec: "weekly", Channel: "C1", Paused: true, UpdatedAt: at(t, 1)}
	_ = s.SaveReminder(ctx(t), r2)
	got, err := s.Reminders(ctx(t), "T1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]coach.Reminder{r2, r}, got, cmp.Comparer(timeEqual)); diff != "" {
		t.Fatalf("Reminders (-want +got):\n%s", diff)
	}
	if err := s.DeleteReminder(ctx(t), "T1", r2.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.DeleteReminder(ctx(t), "T1", r2.ID), coach.ENOTFOUND)
	if got, _ := s.Reminders(ctx(t), "T1"); len(got) != 1 {
		t.Fatalf("after delete: %d reminders, want 1", len(got))
	}
	teams, err := s.Teams(ctx(t))
	if err != nil || !cmp.Equal(teams, []string{"T1"}) {
		t.Fatalf("Teams: got %v, %v; want [T1]", teams, err)
	}
}
