package ops_test

import (
	"context"

	"github.com/partnercoach/partnercoach/coach"
)

// The commitment store's methods (issue 16) on the fake.

func (f *fakeStore) AddCommitment(context.Context, coach.Commitment) error {
	return f.hit("AddCommitment")
}
func (f *fakeStore) Commitment(context.Context, string, string, string) (coach.Commitment, error) {
	return coach.Commitment{}, f.hit("Commitment")
}
func (f *fakeStore) Commitments(context.Context, string, string) ([]coach.Commitment, error) {
	return nil, f.hit("Commitments")
}
func (f *fakeStore) UpdateCommitment(context.Context, string, string, string, func(*coach.Commitment) error) (coach.Commitment, error) {
	return coach.Commitment{}, f.hit("UpdateCommitment")
}
func (f *fakeStore) DeleteCommitment(context.Context, string, string, string) (coach.Commitment, error) {
	return coach.Commitment{}, f.hit("DeleteCommitment")
}
