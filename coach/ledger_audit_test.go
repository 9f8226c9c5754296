package coach_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func TestEditAndDeleteContribution(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", coach.KindReseller)
	log := func(actor, note string, amount int64) coach.Contribution {
		t.Helper()
		c, err := s.LogContribution(ctx, "T1", actor, coach.NewContribution{PartnerID: p.ID, Direction: coach.Got, Kind: coach.ContribDeal,
			Amount: coach.Money{Amount: amount, Currency: "EUR"}, Date: now.AddDate(0, 0, -3), Note: note})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	edit := func(c coach.Contribution, amount int64) coach.NewContribution {
		return coach.NewContribution{Direction: c.Direction, Kind: c.Kind, Amount: coach.Money{Amount: amount, Currency: "EUR"}, Note: c.Note}
	}

	t.Run("OK", func(t *testing.T) {
		c := log("UAUTHOR", "typo", 100_000_000)
		rev, err := s.EditContribution(ctx, "T1", "UAUTHOR", p.ID, c.ID, edit(c, 100_000))
		if err != nil {
			t.Fatal(err)
		}
		if rev.Before.Amount.Amount != 100_000_000 || rev.After.Amount.Amount != 100_000 || !rev.After.Date.Equal(c.Date) || rev.After.Author != "UAUTHOR" {
			t.Fatalf("revision %+v", rev)
		}
		got, _ := s.Contribution(ctx, "T1", p.ID, c.ID)
		if got.Amount.Amount != 100_000 {
			t.Fatalf("stored %+v", got)
		}
		if _, err := s.DeleteContribution(ctx, "T1", "UAUTHOR", p.ID, c.ID); err != nil {
			t.Fatal(err)
		}
		revs, _ := s.LedgerRevisions(ctx, "T1", p.ID)
		if len(revs) != 2 || revs[0].Action != coach.RevisionEdit || revs[1].Action != coach.RevisionDelete || revs[1].Before.Amount.Amount != 100_000 {
			t.Fatalf("trail %+v", revs)
		}
	})
	t.Run("NoChangeRecordsNothing", func(t *testing.T) {
		c := log("UAUTHOR", "same", 5)
		before, _ := s.LedgerRevisions(ctx, "T1", p.ID)
		if _, err := s.EditContribution(ctx, "T1", "UAUTHOR", p.ID, c.ID, edit(c, 5)); err != nil {
			t.Fatal(err)
		}
		if after, _ := s.LedgerRevisions(ctx, "T1", p.ID); len(after) != len(before) {
			t.Fatal("an edit that changed nothing was recorded")
		}
	})
	t.Run("OwnerAndAdminMay", func(t *testing.T) {
		for _, actor := range []string{"UOWNER", "UADMIN"} {
			c := log("UAUTHOR", "by "+actor, 7)
			if _, err := s.EditContribution(ctx, "T1", actor, p.ID, c.ID, edit(c, 8)); err != nil {
				t.Errorf("%s editing: %v", actor, err)
			}
			if _, err := s.DeleteContribution(ctx, "T1", actor, p.ID, c.ID); err != nil {
				t.Errorf("%s deleting: %v", actor, err)
			}
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		c := log("UAUTHOR", "not yours", 9)
		if _, err := s.EditContribution(ctx, "T1", "USTRANGER", p.ID, c.ID, edit(c, 1)); coach.ErrorCode(err) != coach.EFORBIDDEN {
			t.Errorf("a stranger editing: %v", err)
		}
		if _, err := s.DeleteContribution(ctx, "T1", "USTRANGER", p.ID, c.ID); coach.ErrorCode(err) != coach.EFORBIDDEN {
			t.Errorf("a stranger deleting: %v", err)
		}
		if got, err := s.Contribution(ctx, "T1", p.ID, c.ID); err != nil || got.Amount.Amount != 9 {
			t.Errorf("after refusals: %+v, %v", got, err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		c := log("UAUTHOR", "bad edit", 9)
		in := edit(c, 1)
		in.Date = now.AddDate(0, 0, 5)
		if _, err := s.EditContribution(ctx, "T1", "UAUTHOR", p.ID, c.ID, in); coach.ErrorCode(err) != coach.EINVALID {
			t.Errorf("a date in the future: %v", err)
		}
		in = edit(c, 1)
		in.Kind = "gift"
		if _, err := s.EditContribution(ctx, "T1", "UAUTHOR", p.ID, c.ID, in); coach.ErrorCode(err) != coach.EINVALID {
			t.Errorf("an unknown kind: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := s.DeleteContribution(ctx, "T1", "UOWNER", p.ID, "nope"); coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Errorf("got %v", err)
		}
	})
}

func TestReviewFor(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", coach.KindReseller)
	logAt := func(at time.Time, kind coach.ContributionKind, amount int64) coach.Contribution {
		t.Helper()
		s.Now = func() time.Time { return at }
		c, err := s.LogContribution(ctx, "T1", "UOWNER", coach.NewContribution{PartnerID: p.ID, Direction: coach.Gave, Kind: kind,
			Amount: coach.Money{Amount: amount, Currency: "EUR"}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	old := logAt(now.AddDate(0, 0, -20), coach.ContribDeal, 100)
	s.Now = func() time.Time { return now.AddDate(0, 0, -10) }
	p, err := s.MarkReviewed(ctx, "T1", "UOWNER", p.ID)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.ReviewFor(ctx, "T1", p)
	if err != nil || r.Changed() || r.LedgerSize != 1 || r.Totals.GaveCount != 1 || r.By != "UOWNER" {
		t.Fatalf("right after the review: %+v, %v", r, err)
	}
	logAt(now.AddDate(0, 0, -5), coach.ContribLead, 50)
	s.Now = func() time.Time { return now }
	if _, err := s.DeleteContribution(ctx, "T1", "UOWNER", p.ID, old.ID); err != nil {
		t.Fatal(err)
	}
	r, err = s.ReviewFor(ctx, "T1", p)
	if err != nil || !r.Changed() || r.Added.Entries != 1 || r.Added.Pipeline.GaveCount != 1 || r.Deleted != 1 || r.Edited != 0 || r.LedgerSize != 1 {
		t.Fatalf("after changes: %+v, %v", r, err)
	}
}
