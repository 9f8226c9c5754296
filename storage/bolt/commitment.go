package bolt

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/partnercoach/partnercoach/coach"
	bbolt "go.etcd.io/bbolt"
)

// bCommitments holds, inside a team's bucket, one bucket per partner:
// commitment ID → commitment JSON.
var bCommitments = []byte("commitments")

func notFoundCommitment(id string) error {
	return &coach.Error{Code: coach.ENOTFOUND, Key: "commitment.not_found", Err: fmt.Errorf("commitment %s", id)}
}

// AddCommitment stores a commitment unless its ID is there (one transaction).
func (s *Store) AddCommitment(ctx context.Context, c coach.Commitment) error {
	if err := checkID("commitment", c.ID); err != nil {
		return err
	}
	if err := checkID("partner", c.PartnerID); err != nil {
		return err
	}
	return s.update(ctx, "add commitment", c.TeamID, func(tb *bbolt.Bucket) error {
		b, err := mksub(tb, bCommitments, []byte(c.PartnerID))
		if err != nil {
			return err
		}
		if b.Get([]byte(c.ID)) != nil {
			return nil
		}
		return put(b, c.ID, c)
	})
}

// Commitment returns one commitment.
func (s *Store) Commitment(ctx context.Context, teamID, partnerID, id string) (coach.Commitment, error) {
	var c coach.Commitment
	err := s.view(ctx, "get commitment", teamID, func(tb *bbolt.Bucket) error {
		data := get(sub(tb, bCommitments, []byte(partnerID)), id)
		if data == nil {
			return notFoundCommitment(id)
		}
		return json.Unmarshal(data, &c)
	})
	if err != nil {
		return coach.Commitment{}, err
	}
	return c, nil
}

// Commitments returns a partner's commitments by due day, then ID.
func (s *Store) Commitments(ctx context.Context, teamID, partnerID string) ([]coach.Commitment, error) {
	out, err := listIn[coach.Commitment](s, ctx, "list commitments", teamID, bCommitments, []byte(partnerID))
	coach.SortCommitments(out)
	return out, err
}

// UpdateCommitment reads, applies fn and writes in one transaction.
func (s *Store) UpdateCommitment(ctx context.Context, teamID, partnerID, id string, fn func(*coach.Commitment) error) (coach.Commitment, error) {
	var c coach.Commitment
	err := s.update(ctx, "update commitment", teamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bCommitments, []byte(partnerID))
		data := get(b, id)
		if data == nil {
			return notFoundCommitment(id)
		}
		if err := json.Unmarshal(data, &c); err != nil {
			return err
		}
		if err := fn(&c); err != nil {
			return err
		}
		c.TeamID, c.PartnerID, c.ID = teamID, partnerID, id
		return put(b, id, c)
	})
	if err != nil {
		return coach.Commitment{}, err
	}
	return c, nil
}

// DeleteCommitment removes a commitment and returns it (one transaction).
func (s *Store) DeleteCommitment(ctx context.Context, teamID, partnerID, id string) (coach.Commitment, error) {
	var c coach.Commitment
	err := s.update(ctx, "delete commitment", teamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bCommitments, []byte(partnerID))
		data := get(b, id)
		if data == nil {
			return notFoundCommitment(id)
		}
		if err := json.Unmarshal(data, &c); err != nil {
			return err
		}
		return b.Delete([]byte(id))
	})
	if err != nil {
		return coach.Commitment{}, err
	}
	return c, nil
}
