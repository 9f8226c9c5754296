package storetest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnercoach/partnercoach/coach"
)

// testPlanPlace: the living plan's place (canvas ID, fallback message,
// refusal, creation lease) is kept on the partner, whole, through
// UpdatePartner, and left alone by other updates.
func testPlanPlace(t *testing.T, h Harness) {
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t, h)
		mustCreate(t, s, partner("T1", "acme"))
		want := coach.PlanPlace{Channel: "C1", CanvasID: "F1", MessageTS: "1.2", Refused: "missing_scope", Digest: "d1", Holder: "r1",
			HeldUntil: time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 12, 2, 0, 59, 0, 0, time.UTC)}
		if _, err := s.UpdatePartner(ctx(t), "T1", "acme", func(p *coach.Partner) error { p.Plan = want; return nil }); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdatePartner(ctx(t), "T1", "acme", func(p *coach.Partner) error { p.Stage = coach.StageActive; return nil }); err != nil {
			t.Fatal(err)
		}
		read, err := s.Partner(ctx(t), "T1", "acme")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, read.Plan); diff != "" {
			t.Fatalf("plan place (-want +got):\n%s", diff)
		}
		other, _ := s.Partner(ctx(t), "T2", "acme")
		if other.Plan != (coach.PlanPlace{}) {
			t.Fatalf("another team sees the plan place: %+v", other.Plan)
		}
	})
}
