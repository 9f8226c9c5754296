package coach_test

import (
	"testing"

	"github.com/partnercoach/partnercoach/coach"
)

func TestHealthVerdict(t *testing.T) {
	for score, want := range map[int]coach.HealthVerdict{100: coach.HealthGood, 70: coach.HealthGood, 69: coach.HealthFair, 40: coach.HealthFair, 39: coach.HealthAtRisk, 0: coach.HealthAtRisk} {
		if got := (coach.Health{Score: score}).Verdict(); got != want {
			t.Errorf("score %d: got %q, want %q", score, got, want)
		}
	}
}

func TestHealthWeakest(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		h := coach.Health{Parts: []coach.HealthPart{
			{Name: "must-haves", Points: 20, Max: 30}, {Name: "balance", Points: 5, Max: 25}, {Name: "joint-activity", Points: 0, Max: 20},
		}}
		p, ok := h.Weakest()
		if !ok || p.Name != "balance" {
			t.Errorf("got %q (%v), want balance (it lost 20 points, joint activity lost 20 too but comes later)", p.Name, ok)
		}
	})
	t.Run("NoneLost", func(t *testing.T) {
		if p, ok := (coach.Health{Parts: []coach.HealthPart{{Name: "balance", Points: 25, Max: 25}}}).Weakest(); ok {
			t.Errorf("got %q, want none: nothing lost", p.Name)
		}
	})
}
