package ops

import (
	"context"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// The commitment store's methods (issue 16), observed like the others.

func (i *instrumentedStore) AddCommitment(ctx context.Context, c coach.Commitment) (err error) {
	defer observe(i.m, "AddCommitment", time.Now(), &err)
	return i.s.AddCommitment(ctx, c)
}

func (i *instrumentedStore) Commitment(ctx context.Context, teamID, partnerID, id string) (_ coach.Commitment, err error) {
	defer observe(i.m, "Commitment", time.Now(), &err)
	return i.s.Commitment(ctx, teamID, partnerID, id)
}

func (i *instrumentedStore) Commitments(ctx context.Context, teamID, partnerID string) (_ []coach.Commitment, err error) {
	defer observe(i.m, "Commitments", time.Now(), &err)
	return i.s.Commitments(ctx, teamID, partnerID)
}

func (i *instrumentedStore) UpdateCommitment(ctx context.Context, teamID, partnerID, id string, fn func(*coach.Commitment) error) (_ coach.Commitment, err error) {
	defer observe(i.m, "UpdateCommitment", time.Now(), &err)
	return i.s.UpdateCommitment(ctx, teamID, partnerID, id, fn)
}

func (i *instrumentedStore) DeleteCommitment(ctx context.Context, teamID, partnerID, id string) (_ coach.Commitment, err error) {
	defer observe(i.m, "DeleteCommitment", time.Now(), &err)
	return i.s.DeleteCommitment(ctx, teamID, partnerID, id)
}
