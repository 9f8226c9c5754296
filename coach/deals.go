package coach

import (
	"context"
	"fmt"
)

// AnalysedDeal is a deal with what its parts' chances give.
type AnalysedDeal struct {
	Deal     Deal
	Analysis DealAnalysis
}

// Deals returns a partner's multi-party deals, each analysed, sorted by ID.
func (s *Service) Deals(ctx context.Context, teamID, partnerID string) ([]AnalysedDeal, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	ds, err := s.store.Deals(ctx, teamID, partnerID)
	if err != nil {
		return nil, fmt.Errorf("deals: %w", err)
	}
	out := make([]AnalysedDeal, len(ds))
	for i, d := range ds {
		out[i] = AnalysedDeal{Deal: d, Analysis: Analyse(d, DefaultComplexityThreshold)}
	}
	return out, nil
}
