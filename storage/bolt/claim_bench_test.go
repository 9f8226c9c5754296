package bolt_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// BenchmarkClaimSent is what a reminder sweep mostly does: claim occurrences
// that were sent already (each sweep re-checks its lookback window).
func BenchmarkClaimSent(b *testing.B) {
	s := mustOpen(b, filepath.Join(b.TempDir(), "pc.db"))
	defer s.Close()
	ctx := context.Background()
	o := coach.Occurrence{TeamID: "T1", ReminderID: "acme:event", At: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
	if c, err := s.Claim(ctx, o, "a", time.Minute); err != nil || c.Status != coach.ClaimTaken {
		b.Fatalf("claim: %v %v", c, err)
	}
	if err := s.MarkSent(ctx, o, "a", "1.000100"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		c, err := s.Claim(ctx, o, "b", time.Minute)
		if err != nil || c.Status != coach.ClaimSent {
			b.Fatalf("claim: %v %v", c, err)
		}
	}
}
