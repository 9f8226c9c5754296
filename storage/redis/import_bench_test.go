package redis_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// BenchmarkApplyImport10k writes a 10,000-entry ledger import in one
// WATCH/MULTI transaction. Each round imports new IDs.
func BenchmarkApplyImport10k(b *testing.B) {
	s := flushed(b, redistestURL(b))
	defer s.Close()
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	p := coach.Partner{TeamID: "T1", ID: "acme", Name: "Acme", Kind: coach.KindReseller, Stage: coach.StageProspect, Owner: "U1", Channel: "C1", CreatedAt: now, UpdatedAt: now}
	if err := s.CreatePartner(ctx, p, nil); err != nil {
		b.Fatal(err)
	}
	round := 0
	for b.Loop() {
		batch := coach.ImportBatch{TeamID: "T1"}
		for i := range 10_000 {
			batch.Contributions = append(batch.Contributions, coach.Contribution{TeamID: "T1", PartnerID: "acme", ID: fmt.Sprintf("r%d-%d", round, i),
				Direction: coach.Got, Kind: coach.ContribDeal, Amount: coach.Money{Amount: int64(100 + i), Currency: "EUR"}, Date: now.Add(time.Duration(i) * time.Minute), Author: "U1", CreatedAt: now})
		}
		round++
		if err := s.ApplyImport(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
}
