package coach_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func TestQuarterReview(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	s.Now = func() time.Time { return time.Date(2027, 1, 6, 9, 0, 0, 0, time.UTC) }
	p := mustAdd(t, s, "Acme Cloud", coach.KindCloudOperator)
	p, err := s.SetStage(ctx, "T1", "UOWNER", p.ID, coach.StageActive)
	if err != nil {
		t.Fatal(err)
	}
	log := func(dir coach.Direction, kind coach.ContributionKind, cents int64, day time.Time) {
		t.Helper()
		if _, err := s.LogContribution(ctx, "T1", "UOWNER", coach.NewContribution{PartnerID: p.ID, Direction: dir, Kind: kind,
			Amount: coach.Money{Amount: cents, Currency: "EUR"}, Date: day}); err != nil {
			t.Fatal(err)
		}
	}
	log(coach.Got, coach.ContribDeal, 1_000_000, time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC))
	log(coach.Gave, coach.ContribRevenue, 200_000, time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC))
	log(coach.Got, coach.ContribDeal, 500_000, time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC))
	log(coach.Got, coach.ContribDeal, 500_000, time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC)) // Q3
	// The weekly sweep ran twelve weeks ago, before any business.
	s.Now = func() time.Time { return time.Date(2026, 10, 14, 9, 0, 0, 0, time.UTC) }
	ago, err := s.Health(ctx, "T1", p)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.SnapshotHealth(ctx, "T1"); err != nil || n != 1 {
		t.Fatalf("snapshot = %d, %v; want 1 partner", n, err)
	}
	s.Now = func() time.Time { return time.Date(2027, 1, 6, 9, 0, 0, 0, time.UTC) }

	r, err := s.QuarterReview(ctx, "T1", p, coach.Quarter{Year: 2026, Q: 4})
	if err != nil {
		t.Fatal(err)
	}
	if r.Months[0].Got != 10_000 || r.Months[1].Gave != 2_000 || r.Months[2].Got != 5_000 || r.Months[0].Currency != "EUR" {
		t.Errorf("months = %+v; want got 10000 in Oct, gave 2000 in Nov, got 5000 in Dec", r.Months)
	}
	if len(r.Deals) != 2 || r.Deals[0].N != 2 || r.Deals[1].N != 3 || r.DealsTotal != 3 {
		t.Errorf("deals = %+v (total %d); want deals 2 and 3 of 3", r.Deals, r.DealsTotal)
	}
	if len(r.Weeks) != coach.HealthChartWeeks || !r.Ago.Known || r.Ago.Score != ago.Score || r.Weeks[12].Score != r.Health.Score {
		t.Errorf("weeks = %+v; want 13 weeks from the snapshot to the score now", r.Weeks)
	}
	if len(r.Next) != 3 {
		t.Fatalf("next = %+v; want three actions", r.Next)
	}
	if r.Next[0].Code != coach.NextGiveBack {
		t.Errorf("first action = %+v; want %s: the partner brings far more", r.Next[0], coach.NextGiveBack)
	}
	if r.Next[1].Code != coach.NextBookEvent || r.Next[1].Args[0] != string(coach.HostUs) {
		t.Errorf("second action = %+v; want book-event hosted by us", r.Next[1])
	}
	for _, code := range []string{"pitfall-1", "pitfall-5"} {
		found := false
		for _, c := range r.AtRisk {
			found = found || c == code
		}
		if !found {
			t.Errorf("at risk = %v; want %s", r.AtRisk, code)
		}
	}

	t.Run("Prospect", func(t *testing.T) {
		q := mustAdd(t, s, "Globex", coach.KindReseller)
		r, err := s.QuarterReview(ctx, "T1", q, coach.Quarter{Year: 2026, Q: 4})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.AtRisk) != 0 || len(r.Next) == 0 || r.Next[0].Code != coach.NextChecklist {
			t.Fatalf("prospect review: at risk %v, next %+v; want no pitfalls and the checklist first", r.AtRisk, r.Next)
		}
	})
}
