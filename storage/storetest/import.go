package storetest

import (
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// testImport: a whole import is written in one step, or nothing of it.
func testImport(t *testing.T, h Harness) {
	batch := func(t *testing.T, s coach.Store) coach.ImportBatch {
		old := partner("T1", "acme")
		mustCreate(t, s, old)
		after := old
		after.Stage, after.UpdatedAt = coach.StageActive, old.UpdatedAt.Add(time.Hour)
		beta := partner("T1", "beta")
		rem := coach.Reminder{TeamID: "T1", ID: "beta-review", PartnerID: "beta", Kind: coach.ReminderKind("review"), Spec: "0 9 * * 1", Channel: "C1"}
		return coach.ImportBatch{TeamID: "T1", Creates: []coach.Partner{beta}, Reminders: []coach.Reminder{rem},
			Updates: []coach.PartnerUpdate{{Before: old, After: after}},
			Contributions: []coach.Contribution{
				contribution("T1", "acme", "ext-1", coach.Got, 500_00, at(t, 3)),
				contribution("T1", "beta", "ext-2", coach.Gave, 700_00, at(t, 4)),
			}}
	}
	t.Run("OK", func(t *testing.T) {
		s := open(t, h)
		b := batch(t, s)
		if err := s.ApplyImport(ctx(t), b); err != nil {
			t.Fatal(err)
		}
		ps, _ := s.Partners(ctx(t), "T1")
		if len(ps) != 2 || ps[0].Stage != coach.StageActive || ps[1].ID != "beta" {
			t.Fatalf("partners after import: %+v", ps)
		}
		for _, id := range []string{"acme", "beta"} {
			if cs, _ := s.Contributions(ctx(t), "T1", id, time.Time{}, time.Time{}); len(cs) != 1 {
				t.Fatalf("%s ledger: %+v, want one entry", id, cs)
			}
		}
		if rs, _ := s.Reminders(ctx(t), "T1"); len(rs) != 1 || rs[0].ID != "beta-review" {
			t.Fatalf("reminders: %+v", rs)
		}
		if teams, _ := s.Teams(ctx(t)); len(teams) != 1 || teams[0] != "T1" {
			t.Fatalf("teams: %v", teams)
		}
	})
	t.Run("ContributionsOncePerID", func(t *testing.T) {
		s := open(t, h)
		b := batch(t, s)
		b.Creates, b.Reminders, b.Updates = nil, nil, nil
		b.Contributions = b.Contributions[:1]
		for range 2 {
			if err := s.ApplyImport(ctx(t), b); err != nil {
				t.Fatal(err)
			}
		}
		if cs, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{}); len(cs) != 1 {
			t.Fatalf("ledger after the same import twice: %+v, want one entry", cs)
		}
	})
	t.Run("ErrConflictCreateWritesNothing", func(t *testing.T) {
		s := open(t, h)
		b := batch(t, s)
		mustCreate(t, s, partner("T1", "beta"))
		if err := s.ApplyImport(ctx(t), b); coach.ErrorCode(err) != coach.ECONFLICT {
			t.Fatalf("got %v, want conflict", err)
		}
		assertUntouched(t, s)
	})
	t.Run("ErrConflictUpdateWritesNothing", func(t *testing.T) {
		s := open(t, h)
		b := batch(t, s)
		if _, err := s.UpdatePartner(ctx(t), "T1", "acme", func(p *coach.Partner) error {
			p.UpdatedAt = p.UpdatedAt.Add(time.Minute)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.ApplyImport(ctx(t), b); coach.ErrorCode(err) != coach.ECONFLICT {
			t.Fatalf("got %v, want conflict", err)
		}
		assertUntouched(t, s)
	})
}

func assertUntouched(t *testing.T, s coach.Store) {
	t.Helper()
	ps, _ := s.Partners(ctx(t), "T1")
	for _, p := range ps {
		if p.Stage != coach.StageProspect {
			t.Fatalf("partner %s was changed by a refused import: %+v", p.ID, p)
		}
	}
	if cs, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{}); len(cs) != 0 {
		t.Fatalf("a refused import logged %+v", cs)
	}
	if rs, _ := s.Reminders(ctx(t), "T1"); len(rs) != 0 {
		t.Fatalf("a refused import saved reminders %+v", rs)
	}
}
