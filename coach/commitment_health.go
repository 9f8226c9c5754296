package coach

import "fmt"

// LatePenalty is what each late commitment takes off the health score, up
// to MaxLatePenalty: a plan whose promises slip is a partnership at risk,
// whatever the other parts say (rule: keep commitments on both sides).
const (
	LatePenalty    = 5
	MaxLatePenalty = 15
)

// withCommitments adds the "commitments" part: no points to win (Max 0),
// only points lost for late ones, so a partner without a plan is not
// marked down. The score never goes below 0.
func withCommitments(h Health, in HealthInput) Health {
	n := in.Commitments
	if n.Open+n.Done+n.Dropped == 0 {
		return h
	}
	p := HealthPart{Name: "commitments", Label: Text{EN: "Commitments", FR: "Engagements"}}
	switch {
	case n.Late > 0:
		p.Points = -min(MaxLatePenalty, LatePenalty*n.Late)
		p.Explain = Text{
			EN: fmt.Sprintf("%d %s late (%d point(s) off); %d kept, %d open.", n.Late, pluralEN(n.Late, "commitment", "commitments"), -p.Points, n.Done, n.Open),
			FR: fmt.Sprintf("%d %s en retard (%d point(s) en moins) ; %d tenu(s), %d en cours.", n.Late, pluralFR(n.Late, "engagement", "engagements"), -p.Points, n.Done, n.Open),
		}
	default:
		p.Explain = Text{
			EN: fmt.Sprintf("None late: %d kept, %d open.", n.Done, n.Open),
			FR: fmt.Sprintf("Aucun en retard : %d tenu(s), %d en cours.", n.Done, n.Open),
		}
	}
	h.Parts = append(h.Parts, p)
	h.Score = max(0, h.Score+p.Points)
	return h
}

// commitmentTips warns when commitments of the joint plan are late.
func commitmentTips(in HealthInput, add addTip) {
	if n := in.Commitments.Late; n > 0 {
		add(2, "", fmt.Sprintf("%d %s of the joint plan %s late. Keep your side's promises first, then ask the partner about theirs: set a new date together, or drop what no longer matters.",
			n, pluralEN(n, "commitment", "commitments"), pluralEN(n, "is", "are")),
			fmt.Sprintf("%d %s du plan commun %s en retard. Tenez d'abord les promesses de votre côté, puis parlez des siennes au partenaire : fixez ensemble une nouvelle date, ou abandonnez ce qui ne compte plus.",
				n, pluralFR(n, "engagement", "engagements"), pluralFR(n, "est", "sont")))
	}
}
