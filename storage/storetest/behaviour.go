package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func testIsolation(t *testing.T, h Harness) {
	s := open(t, h)
	for _, team := range []string{"T1", "T2"} {
		p := partner(team, "acme")
		p.Name = "Acme of " + team
		mustCreate(t, s, p)
		_, _ = s.SetItemState(ctx(t), team, "acme", "selection", coach.ItemState{ItemID: "item-" + team, Done: true})
		_ = s.AddContribution(ctx(t), contribution(team, "acme", "same-id", coach.Gave, 100, at(t, 1)))
		_ = s.SaveEvent(ctx(t), coach.Event{TeamID: team, PartnerID: "acme", ID: "ev-" + team, Title: team, Start: at(t, 2), Status: coach.EventPlanned})
		_ = s.SaveDeal(ctx(t), coach.Deal{TeamID: team, PartnerID: "acme", ID: "deal-" + team, Name: team})
		_ = s.SaveReminder(ctx(t), coach.Reminder{TeamID: team, ID: "rem-" + team, Kind: coach.ReminderBalance, Spec: "weekly"})
	}
	if _, err := s.UpdatePartner(ctx(t), "T1", "acme", func(p *coach.Partner) error { p.Stage = coach.StageEnded; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, team := range []string{"T1", "T2"} {
		p, err := s.Partner(ctx(t), team, "acme")
		if err != nil || p.Name != "Acme of "+team || p.TeamID != team {
			t.Fatalf("%s: got %+v, %v", team, p, err)
		}
		if (p.Stage == coach.StageEnded) != (team == "T1") {
			t.Fatalf("%s: an update crossed teams (stage %q)", team, p.Stage)
		}
		states, _ := s.ItemStates(ctx(t), team, "acme", "selection")
		if _, ok := states["item-"+team]; !ok || len(states) != 1 {
			t.Fatalf("%s: checklist states %v", team, states)
		}
		if cs, _ := s.Contributions(ctx(t), team, "acme", time.Time{}, time.Time{}); len(cs) != 1 || cs[0].TeamID != team {
			t.Fatalf("%s: ledger %+v (the same contribution ID in two teams must be two contributions)", team, cs)
		}
		if es, _ := s.Events(ctx(t), team, "acme"); len(es) != 1 || es[0].ID != "ev-"+team {
			t.Fatalf("%s: events %+v", team, es)
		}
		if ds, _ := s.Deals(ctx(t), team, "acme"); len(ds) != 1 || ds[0].ID != "deal-"+team {
			t.Fatalf("%s: deals %+v", team, ds)
		}
		if rs, _ := s.Reminders(ctx(t), team); len(rs) != 1 || rs[0].ID != "rem-"+team {
			t.Fatalf("%s: reminders %+v", team, rs)
		}
	}
	if _, err := s.Partner(ctx(t), "T3", "acme"); coach.ErrorCode(err) != coach.ENOTFOUND {
		t.Fatalf("T3 sees another team's partner: %v", err)
	}
	teams, _ := s.Teams(ctx(t))
	if fmt.Sprint(teams) != "[T1 T2]" {
		t.Fatalf("Teams: got %v, want [T1 T2]", teams)
	}
}

func testConcurrency(t *testing.T, h Harness) {
	t.Run("FiftyItemsAtOnce", func(t *testing.T) {
		s := open(t, h)
		var wg sync.WaitGroup
		errs := make(chan error, 50)
		for i := range 50 {
			wg.Go(func() {
				_, err := s.SetItemState(ctx(t), "T1", "acme", "launch", coach.ItemState{ItemID: fmt.Sprintf("item-%02d", i), Done: true, By: "U1"})
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		states, err := s.ItemStates(ctx(t), "T1", "acme", "launch")
		if err != nil || len(states) != 50 {
			t.Fatalf("got %d states (%v), want 50: a concurrent write was lost", len(states), err)
		}
	})
	t.Run("TwoWritersOnePartner", func(t *testing.T) {
		s := open(t, h)
		mustCreate(t, s, partner("T1", "acme"))
		const n = 100
		var wg sync.WaitGroup
		var mu sync.Mutex
		conflicts := 0
		write := func(fn func(p *coach.Partner, i int)) {
			for i := 1; i <= n; i++ {
				for {
					_, err := s.UpdatePartner(ctx(t), "T1", "acme", func(p *coach.Partner) error { fn(p, i); return nil })
					if coach.ErrorCode(err) == coach.ECONFLICT {
						mu.Lock()
						conflicts++
						mu.Unlock()
						continue // a clean conflict: the caller may retry
					}
					if err != nil {
						t.Error(err)
						return
					}
					break
				}
			}
		}
		wg.Go(func() { write(func(p *coach.Partner, i int) { p.Profile.Region = fmt.Sprintf("region-%d", i) }) })
		wg.Go(func() { write(func(p *coach.Partner, i int) { p.Profile.Notes = fmt.Sprintf("notes-%d", i) }) })
		wg.Wait()
		p, err := s.Partner(ctx(t), "T1", "acme")
		if err != nil {
			t.Fatal(err)
		}
		if p.Profile.Region != fmt.Sprintf("region-%d", n) || p.Profile.Notes != fmt.Sprintf("notes-%d", n) {
			t.Fatalf("lost update: region %q notes %q, want region-%d notes-%d", p.Profile.Region, p.Profile.Notes, n, n)
		}
		t.Logf("conflicts surfaced to the caller: %d", conflicts)
	})
	t.Run("SameContributionTwiceAtOnce", func(t *testing.T) {
		s := open(t, h)
		var wg sync.WaitGroup
		for range 10 {
			wg.Go(func() { _ = s.AddContribution(ctx(t), contribution("T1", "acme", "dup", coach.Got, 7, at(t, 4))) })
		}
		wg.Wait()
		if cs, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{}); len(cs) != 1 {
			t.Fatalf("got %d contributions, want exactly 1", len(cs))
		}
	})
}

func testClaims(t *testing.T, h Harness) {
	c := open(t, h)
	occ := coach.Occurrence{TeamID: "T1", ReminderID: "acme:balance", At: at(t, 2)}
	claim := func(holder string, lease time.Duration) coach.Claim {
		t.Helper()
		got, err := c.Claim(ctx(t), occ, holder, lease)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := claim("a", time.Minute); got.Status != coach.ClaimTaken {
		t.Fatalf("first claim: %+v, want taken", got)
	}
	if got := claim("b", time.Minute); got.Status != coach.ClaimHeld || got.Holder != "a" {
		t.Fatalf("second holder: %+v, want held by a", got)
	}
	if got := claim("a", time.Minute); got.Status != coach.ClaimTaken {
		t.Fatalf("renewal by the holder: %+v, want taken", got)
	}
	if err := c.Release(ctx(t), occ, "b"); err != nil { // not b's to release
		t.Fatal(err)
	}
	if got := claim("b", time.Minute); got.Status != coach.ClaimHeld {
		t.Fatalf("after a stranger's release: %+v, want still held", got)
	}
	if err := c.Release(ctx(t), occ, "a"); err != nil {
		t.Fatal(err)
	}
	if got := claim("b", 50*time.Millisecond); got.Status != coach.ClaimTaken {
		t.Fatalf("after release: %+v, want taken by b", got)
	}
	// b dies holding it: after the lease, a takes it over.
	deadline := time.Now().Add(5 * time.Second)
	for claim("a", time.Minute).Status != coach.ClaimTaken {
		if time.Now().After(deadline) {
			t.Fatal("an expired lease was never taken over")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := c.MarkSent(ctx(t), occ, "a", "1700000000.000100"); err != nil {
		t.Fatal(err)
	}
	if got := claim("b", time.Minute); got.Status != coach.ClaimSent || got.MessageTS != "1700000000.000100" {
		t.Fatalf("after MarkSent: %+v, want sent with its ts", got)
	}
	other := occ
	other.At = occ.At.Add(time.Hour)
	if got, _ := c.Claim(ctx(t), other, "b", time.Minute); got.Status != coach.ClaimTaken {
		t.Fatalf("another occurrence of the same reminder: %+v, want taken", got)
	}
}

func testDurability(t *testing.T, h Harness) {
	s := h.New(t)
	p := partner("T1", "acme")
	mustCreate(t, s, p)
	_, _ = s.UpdatePartner(ctx(t), "T1", "acme", func(p *coach.Partner) error { p.Stage = coach.StageActive; return nil })
	_, _ = s.SetItemState(ctx(t), "T1", "acme", "launch", coach.ItemState{ItemID: "x", Done: true})
	_ = s.AddContribution(ctx(t), contribution("T1", "acme", "c1", coach.Gave, 42, at(t, 3)))
	_ = s.SaveEvent(ctx(t), coach.Event{TeamID: "T1", PartnerID: "acme", ID: "e1", Title: "W", Start: at(t, 4), Status: coach.EventPlanned})
	_ = s.SaveDeal(ctx(t), coach.Deal{TeamID: "T1", PartnerID: "acme", ID: "d1", Name: "D"})
	_ = s.SaveReminder(ctx(t), coach.Reminder{TeamID: "T1", ID: "r1", Kind: coach.ReminderBalance, Spec: "weekly"})

	s = h.Reopen(t, s)
	t.Cleanup(func() { _ = s.Close() })
	if got, err := s.Partner(ctx(t), "T1", "acme"); err != nil || got.Stage != coach.StageActive {
		t.Fatalf("partner after reopen: %+v, %v", got, err)
	}
	if st, _ := s.ItemStates(ctx(t), "T1", "acme", "launch"); !st["x"].Done {
		t.Fatal("checklist state lost")
	}
	if cs, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{}); len(cs) != 1 {
		t.Fatal("contribution lost")
	}
	if es, _ := s.Events(ctx(t), "T1", "acme"); len(es) != 1 {
		t.Fatal("event lost")
	}
	if _, err := s.Deal(ctx(t), "T1", "acme", "d1"); err != nil {
		t.Fatalf("deal lost: %v", err)
	}
	if rs, _ := s.Reminders(ctx(t), "T1"); len(rs) != 1 {
		t.Fatal("reminder lost")
	}
}

func testUnreachable(t *testing.T, h Harness) {
	s := h.Unreachable(t)
	t.Cleanup(func() { _ = s.Close() })
	// A generous bound: this is a hang check, not a performance assertion.
	const bound = 10 * time.Second
	calls := map[string]func(context.Context) error{
		"Partner":       func(c context.Context) error { _, err := s.Partner(c, "T1", "acme"); return err },
		"Partners":      func(c context.Context) error { _, err := s.Partners(c, "T1"); return err },
		"CreatePartner": func(c context.Context) error { return s.CreatePartner(c, partner("T1", "acme"), nil) },
		"UpdatePartner": func(c context.Context) error {
			_, err := s.UpdatePartner(c, "T1", "acme", func(*coach.Partner) error { return nil })
			return err
		},
		"SetItemState": func(c context.Context) error {
			_, err := s.SetItemState(c, "T1", "acme", "launch", coach.ItemState{ItemID: "x"})
			return err
		},
		"AddContribution": func(c context.Context) error {
			return s.AddContribution(c, contribution("T1", "acme", "c", coach.Gave, 1, at(t, 1)))
		},
		"Contributions": func(c context.Context) error {
			_, err := s.Contributions(c, "T1", "acme", time.Time{}, time.Time{})
			return err
		},
		"Reminders": func(c context.Context) error { _, err := s.Reminders(c, "T1"); return err },
		"Ping":      func(c context.Context) error { return s.Ping(c) },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			c, cancel := context.WithTimeout(context.Background(), 2*bound)
			defer cancel()
			start := time.Now()
			err := call(c)
			if took := time.Since(start); took > bound {
				t.Fatalf("took %v, want an answer within %v", took, bound)
			}
			wantCode(t, err, coach.EUNAVAILABLE)
		})
	}
}

// testPostSlots checks the posting pace: slots on one channel are booked
// interval apart, a push-back moves the next one, and channels are apart.
func testPostSlots(t *testing.T, h Harness) {
	s := open(t, h)
	const interval = 200 * time.Millisecond
	reserve := func(channel string) time.Duration {
		t.Helper()
		d, err := s.ReservePost(ctx(t), channel, interval)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	first, second, third := reserve("C1"), reserve("C1"), reserve("C1")
	if first > interval/2 {
		t.Errorf("first slot of an idle channel waits %v; want about 0", first)
	}
	if second <= interval/2 || second > interval {
		t.Errorf("second slot waits %v; want about %v", second, interval)
	}
	if third <= second {
		t.Errorf("third slot waits %v, not after the second (%v)", third, second)
	}
	if other := reserve("C2"); other > interval/2 {
		t.Errorf("another channel waits %v; channels must be paced apart", other)
	}
	if err := s.PushBackPosts(ctx(t), "C2", 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if d := reserve("C2"); d < 4*time.Second {
		t.Errorf("after a 5 s push-back the next slot waits %v", d)
	}
}
