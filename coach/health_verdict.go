package coach

// HealthVerdict sums up a health score in a word a workflow can branch on.
type HealthVerdict string

const (
	HealthGood    HealthVerdict = "healthy" // 70 and above
	HealthFair    HealthVerdict = "fair"    // 40 to 69
	HealthAtRisk  HealthVerdict = "at-risk" // below 40
	healthGoodMin               = 70
	healthFairMin               = 40
)

// Verdict is the score's verdict: healthy from 70, fair from 40, at risk below.
func (h Health) Verdict() HealthVerdict {
	switch {
	case h.Score >= healthGoodMin:
		return HealthGood
	case h.Score >= healthFairMin:
		return HealthFair
	}
	return HealthAtRisk
}

// Weakest is the part that lost the most of its points, the first such in
// the score's order on a tie (must-haves first); ok is false without parts
// or when no part lost any.
func (h Health) Weakest() (part HealthPart, ok bool) {
	lost := 0
	for _, p := range h.Parts {
		if l := p.Max - p.Points; l > lost {
			part, lost, ok = p, l, true
		}
	}
	return part, ok
}
