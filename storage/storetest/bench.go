package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// Bench runs the hot-path benchmarks against a store. roundTrips, when not
// nil, returns a running count of backend round trips; each benchmark
// reports them per operation.
func Bench(b *testing.B, s coach.Store, roundTrips func() int64) {
	ctx := context.Background()
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		b.Fatal(err)
	}
	svc := coach.NewService(s, tpl, nil)
	base := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	svc.Now = func() time.Time { return base }
	for i := range 50 {
		if _, err := svc.AddPartner(ctx, "TB", "U1", coach.NewPartner{Name: fmt.Sprintf("Partner %02d with a realistic name", i), Channel: "C1"}); err != nil {
			b.Fatal(err)
		}
	}
	p, err := svc.FindPartner(ctx, "TB", "partner-07")
	if err != nil {
		b.Fatal(err)
	}
	launch, _ := tpl.Get("launch")
	launch = coach.ForKind(launch, p.Kind)
	for _, it := range launch.Items[:5] {
		if _, err := svc.SetItem(ctx, "TB", "U1", p, "launch", it.ID, true, "done in the kickoff"); err != nil {
			b.Fatal(err)
		}
	}
	// A realistic ledger: two years of weekly contributions.
	for i := range 104 {
		dir := coach.Gave
		if i%3 == 0 {
			dir = coach.Got
		}
		if _, err := svc.LogContribution(ctx, "TB", "U1", coach.NewContribution{ID: fmt.Sprintf("seed-%d", i), PartnerID: p.ID, Direction: dir,
			Kind: coach.ContribDeal, Amount: coach.Money{Amount: int64(1000 * (i + 1)), Currency: "EUR"}, Date: base.AddDate(0, 0, -7*i)}); err != nil {
			b.Fatal(err)
		}
	}
	measure := func(b *testing.B, op func(i int) error) {
		var start int64
		if roundTrips != nil {
			start = roundTrips()
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			if err := op(i); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		if roundTrips != nil {
			b.ReportMetric(float64(roundTrips()-start)/float64(b.N), "roundtrips/op")
		}
	}
	b.Run("GetPartnerWithChecklist", func(b *testing.B) {
		measure(b, func(int) error {
			got, err := s.Partner(ctx, "TB", p.ID)
			if err != nil {
				return err
			}
			_, err = svc.Checklist(ctx, "TB", got, "launch")
			return err
		})
	})
	b.Run("ToggleItem", func(b *testing.B) {
		measure(b, func(i int) error {
			_, err := svc.SetItem(ctx, "TB", "U1", p, "launch", launch.Items[i%len(launch.Items)].ID, i%2 == 0, "")
			return err
		})
	})
	b.Run("List50Partners", func(b *testing.B) {
		measure(b, func(int) error {
			ps, err := s.Partners(ctx, "TB")
			if err == nil && len(ps) != 50 {
				return fmt.Errorf("listed %d partners", len(ps))
			}
			return err
		})
	})
	// Logged contributions are dated three years back, outside the window, so
	// the measured read stays the realistic 52 weeks whatever b.N is.
	b.Run("LogContributionAndBalance", func(b *testing.B) {
		from := coach.DefaultWindow.Start(base)
		measure(b, func(i int) error {
			c := coach.Contribution{TeamID: "TB", PartnerID: p.ID, ID: fmt.Sprintf("bench-%d-%d", b.N, i), Direction: coach.Got, Kind: coach.ContribLead,
				Amount: coach.Money{Amount: 500, Currency: "EUR"}, Date: base.AddDate(-3, 0, 0).Add(-time.Duration(i) * time.Minute), Author: "U1", CreatedAt: base}
			if err := s.AddContribution(ctx, c); err != nil {
				return err
			}
			all, err := s.Contributions(ctx, "TB", p.ID, from, base.Add(time.Second))
			if err != nil {
				return err
			}
			_ = coach.ComputeBalance(all, coach.DefaultWindow.Start(base), base.Add(time.Second), coach.DefaultBalanceThresholds)
			return nil
		})
	})
}
