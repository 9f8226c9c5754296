package coach

import (
	"context"
	"time"
)

// Commitments in the living plan: the plan lists them (dropped ones left
// out, open ones first) and changes to them are plan changes.

// PlanCommitmentsMax bounds the commitments a plan lists.
const PlanCommitmentsMax = 20

// planCommitments is the partner's commitments as the plan shows them.
func (s *Service) planCommitments(ctx context.Context, teamID, partnerID string, now time.Time) ([]PlanCommitment, error) {
	cs, err := s.store.Commitments(ctx, teamID, partnerID)
	if err != nil {
		return nil, err
	}
	var open, done []PlanCommitment
	for _, c := range cs {
		pc := PlanCommitment{Side: string(c.Side), Person: c.Person, PersonName: c.PersonName, What: c.Title, Due: c.Due, Status: string(c.Status)}
		switch {
		case c.Status == CommitmentDropped:
			continue
		case c.Late(now):
			pc.Status = "late"
			open = append(open, pc)
		case c.Status == CommitmentOpen:
			open = append(open, pc)
		default:
			done = append(done, pc)
		}
	}
	out := append(open, done...)
	if len(out) > PlanCommitmentsMax {
		out = out[:PlanCommitmentsMax]
	}
	return out, nil
}

func (w *planWatch) AddCommitment(ctx context.Context, c Commitment) error {
	err := w.Store.AddCommitment(ctx, c)
	if err == nil {
		w.changed(c.TeamID, c.PartnerID)
	}
	return err
}

func (w *planWatch) UpdateCommitment(ctx context.Context, teamID, partnerID, id string, fn func(*Commitment) error) (Commitment, error) {
	c, err := w.Store.UpdateCommitment(ctx, teamID, partnerID, id, fn)
	if err == nil {
		w.changed(teamID, partnerID)
	}
	return c, err
}

func (w *planWatch) DeleteCommitment(ctx context.Context, teamID, partnerID, id string) (Commitment, error) {
	c, err := w.Store.DeleteCommitment(ctx, teamID, partnerID, id)
	if err == nil {
		w.changed(teamID, partnerID)
	}
	return c, err
}
