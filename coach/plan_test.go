package coach_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// TestPlanWatch: every write that changes what a plan shows is reported
// once with its team and partner; writing the plan's place is not.
func TestPlanWatch(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	var heard []string
	s.WatchPlans(func(team, partner string) { heard = append(heard, team+"/"+partner) })
	p := mustAdd(t, s, "Acme", coach.KindReseller)
	step := func(what string, fn func() error) {
		t.Helper()
		heard = nil
		if err := fn(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if len(heard) == 0 || slices.ContainsFunc(heard, func(h string) bool { return h != "T1/acme" }) {
			t.Fatalf("%s: heard %v, want T1/acme", what, heard)
		}
	}
	step("stage", func() error { _, err := s.SetStage(ctx, "T1", "UOWNER", p.ID, coach.StageActive); return err })
	step("event", func() error {
		_, err := s.BookEvent(ctx, "T1", "UOWNER", coach.NewEvent{PartnerID: p.ID, Title: "Clinic", Start: now.Add(72 * time.Hour), TimeZone: "UTC", Host: coach.HostUs})
		return err
	})
	step("commitment", func() error {
		_, err := s.AddCommitment(ctx, "T1", "UOWNER", coach.NewCommitment{PartnerID: p.ID, Side: coach.CommitPartner, PersonName: "Marie", Title: "Train two sellers", Due: now.AddDate(0, 0, 10)})
		return err
	})

	heard = nil
	before, _ := s.Partner(ctx, "T1", p.ID)
	place, err := s.UpdatePlanPlace(ctx, "T1", p.ID, func(pp *coach.PlanPlace) error { pp.CanvasID = "F1"; return nil })
	if err != nil || place.CanvasID != "F1" {
		t.Fatalf("plan place %+v, %v", place, err)
	}
	if len(heard) != 0 {
		t.Fatalf("writing the plan's place was heard as a plan change: %v", heard)
	}
	after, _ := s.Partner(ctx, "T1", p.ID)
	if !after.UpdatedAt.Equal(before.UpdatedAt) || after.Stage != before.Stage {
		t.Fatalf("partner changed by the plan place: %+v", after)
	}

	pl, err := s.PlanFor(ctx, "T1", p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Partner.Plan.CanvasID != "F1" || len(pl.NextEvents) != 1 || pl.NextEvents[0].Title != "Clinic" {
		t.Fatalf("plan %+v", pl)
	}
	if len(pl.Commitments) != 1 || pl.Commitments[0].What != "Train two sellers" || pl.Commitments[0].PersonName != "Marie" || pl.Commitments[0].Status != "open" {
		t.Fatalf("plan commitments %+v", pl.Commitments)
	}
	if pl.LastReview != nil {
		t.Fatalf("a last review without a review source: %+v", pl.LastReview)
	}
	s.SetPlanSources(coach.PlanSources{LastReview: func(context.Context, string, string) (*coach.PlanReview, error) {
		return &coach.PlanReview{Quarter: "2026Q4", Score: 64}, nil
	}})
	if pl, err = s.PlanFor(ctx, "T1", p.ID); err != nil || pl.LastReview == nil || pl.LastReview.Quarter != "2026Q4" {
		t.Fatalf("last review from its source: %+v, %v", pl.LastReview, err)
	}
}
