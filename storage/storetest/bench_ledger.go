package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// BenchLedger measures the ledger on one realistic partner
// (SeedRealisticTeam: 200 lines over 200 days): reading the balance window,
// and adding a line then deleting it, so the ledger keeps its size whatever
// b.N is.
func BenchLedger(b *testing.B, s coach.Store) {
	ctx := context.Background()
	SeedRealisticTeam(b, s, "TLB", 1)
	ps, err := s.Partners(ctx, "TLB")
	if err != nil || len(ps) != 1 {
		b.Fatalf("partners: %v, %v", ps, err)
	}
	p := ps[0]
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	from := coach.DefaultWindow.Start(now)
	b.Run("ReadWindow200Lines", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			cs, err := s.Contributions(ctx, "TLB", p.ID, from, now.Add(time.Second))
			if err != nil {
				b.Fatal(err)
			}
			if len(cs) != 200 {
				b.Fatalf("read %d lines, want 200", len(cs))
			}
		}
	})
	b.Run("AddAndDeleteOn200Lines", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			c := coach.Contribution{TeamID: "TLB", PartnerID: p.ID, ID: fmt.Sprintf("bench-%d", i), Direction: coach.Got, Kind: coach.ContribLead,
				Amount: coach.Money{Amount: 500, Currency: "EUR"}, Date: now.AddDate(0, 0, -i%200), Note: "Lead from the joint webinar", Author: "U1", CreatedAt: now}
			if err := s.AddContribution(ctx, c); err != nil {
				b.Fatal(err)
			}
			if err := s.DeleteContribution(ctx, "TLB", p.ID, c.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}
