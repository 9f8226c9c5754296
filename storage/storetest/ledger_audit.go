package storetest

import (
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// testLedgerAudit: an edit or a delete and its record are one step.
func testLedgerAudit(t *testing.T, h Harness) {
	seed := func(t *testing.T) (coach.Store, coach.Contribution) {
		s := open(t, h)
		mustCreate(t, s, partner("T1", "acme"))
		c := contribution("T1", "acme", "c1", coach.Got, 1_000_000_00, at(t, 5))
		if err := s.AddContribution(ctx(t), c); err != nil {
			t.Fatal(err)
		}
		all, err := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{})
		if err != nil || len(all) != 1 {
			t.Fatalf("Contributions = %v, %v", all, err)
		}
		return s, all[0]
	}

	t.Run("EditMovesTheEntryAndRecordsIt", func(t *testing.T) {
		s, before := seed(t)
		after := before
		after.Amount.Amount = 1_000_00
		after.Date = at(t, 20).UTC()
		rev := coach.Revision{ContributionID: "c1", Action: coach.RevisionEdit, By: "U2", At: at(t, 21).UTC(), Before: before, After: &after}
		if err := s.ReviseContribution(ctx(t), "T1", "acme", rev); err != nil {
			t.Fatal(err)
		}
		all, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{})
		if len(all) != 1 || all[0].Amount.Amount != 1_000_00 || !all[0].Date.Equal(after.Date) {
			t.Fatalf("after the edit the ledger holds %+v, want the one entry at 1000.00 on day 20", all)
		}
		// The date index moved with it: a window around the new date finds it, the old one does not.
		if win, _ := s.Contributions(ctx(t), "T1", "acme", at(t, 19), at(t, 22)); len(win) != 1 {
			t.Errorf("window around the new date: %d entries, want 1", len(win))
		}
		if win, _ := s.Contributions(ctx(t), "T1", "acme", at(t, 4), at(t, 6)); len(win) != 0 {
			t.Errorf("window around the old date: %d entries, want 0", len(win))
		}
		rs, err := s.Revisions(ctx(t), "T1", "acme")
		if err != nil || len(rs) != 1 {
			t.Fatalf("Revisions = %v, %v; want the edit", rs, err)
		}
		if r := rs[0]; r.Action != coach.RevisionEdit || r.By != "U2" || r.Before.Amount.Amount != 1_000_000_00 || r.After == nil || r.After.Amount.Amount != 1_000_00 {
			t.Errorf("revision = %+v", r)
		}
	})

	t.Run("DeleteRemovesTheEntryAndRecordsIt", func(t *testing.T) {
		s, before := seed(t)
		rev := coach.Revision{ContributionID: "c1", Action: coach.RevisionDelete, By: "U1", At: at(t, 6).UTC(), Before: before}
		if err := s.ReviseContribution(ctx(t), "T1", "acme", rev); err != nil {
			t.Fatal(err)
		}
		if all, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{}); len(all) != 0 {
			t.Fatalf("after the delete the ledger holds %v", all)
		}
		rs, _ := s.Revisions(ctx(t), "T1", "acme")
		if len(rs) != 1 || rs[0].Action != coach.RevisionDelete || rs[0].After != nil || rs[0].Before.ID != "c1" {
			t.Fatalf("Revisions = %+v, want the delete with what the entry was", rs)
		}
		if err := s.ReviseContribution(ctx(t), "T1", "acme", rev); coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Errorf("deleting it again: %v, want ENOTFOUND", err)
		}
		if rs, _ := s.Revisions(ctx(t), "T1", "acme"); len(rs) != 1 {
			t.Errorf("a refused delete was recorded: %d revisions", len(rs))
		}
	})

	t.Run("ErrConflictWhenChangedMeanwhile", func(t *testing.T) {
		s, before := seed(t)
		stale := before
		stale.Note = "what the editor saw"
		after := before
		after.Amount.Amount = 5
		err := s.ReviseContribution(ctx(t), "T1", "acme", coach.Revision{ContributionID: "c1", Action: coach.RevisionEdit, By: "U2", At: at(t, 7).UTC(), Before: stale, After: &after})
		if coach.ErrorCode(err) != coach.ECONFLICT {
			t.Fatalf("edit of a changed entry: %v, want ECONFLICT", err)
		}
		all, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{})
		if len(all) != 1 || all[0].Amount.Amount != before.Amount.Amount {
			t.Errorf("a refused edit wrote: %+v", all)
		}
		if rs, _ := s.Revisions(ctx(t), "T1", "acme"); len(rs) != 0 {
			t.Errorf("a refused edit was recorded: %+v", rs)
		}
	})

	t.Run("DeletedStaysDeleted", func(t *testing.T) { testDeletedStaysDeleted(t, h) })

	t.Run("OtherTeamSeesNoTrail", func(t *testing.T) {
		s, before := seed(t)
		if err := s.ReviseContribution(ctx(t), "T2", "acme", coach.Revision{ContributionID: "c1", Action: coach.RevisionDelete, By: "U9", At: at(t, 6).UTC(), Before: before}); coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Errorf("another team deleting: %v, want ENOTFOUND", err)
		}
		if rs, _ := s.Revisions(ctx(t), "T2", "acme"); len(rs) != 0 {
			t.Errorf("another team sees %d revisions", len(rs))
		}
	})
}

// testDeletedStaysDeleted: a late retry of the request that logged an entry
// deleted since adds nothing back.
func testDeletedStaysDeleted(t *testing.T, h Harness) {
	s := open(t, h)
	mustCreate(t, s, partner("T1", "acme"))
	c := contribution("T1", "acme", "c1", coach.Got, 5, at(t, 5))
	if err := s.AddContribution(ctx(t), c); err != nil {
		t.Fatal(err)
	}
	all, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{})
	if err := s.ReviseContribution(ctx(t), "T1", "acme", coach.Revision{ContributionID: "c1", Action: coach.RevisionDelete, By: "U1", At: at(t, 6).UTC(), Before: all[0]}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddContribution(ctx(t), c); err != nil {
		t.Fatalf("a retry after the delete: %v, want the same success", err)
	}
	if all, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{}); len(all) != 0 {
		t.Fatalf("a retry brought a deleted entry back: %+v", all)
	}
	if err := s.DeleteContribution(ctx(t), "T1", "acme", "c1"); coach.ErrorCode(err) != coach.ENOTFOUND {
		t.Errorf("deleting a deleted entry: %v, want ENOTFOUND", err)
	}
	// Another ID is added as usual.
	if err := s.AddContribution(ctx(t), contribution("T1", "acme", "c2", coach.Got, 6, at(t, 7))); err != nil {
		t.Fatal(err)
	}
	if all, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{}); len(all) != 1 || all[0].ID != "c2" {
		t.Fatalf("ledger %+v, want c2 alone", all)
	}
}
