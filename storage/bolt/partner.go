package bolt

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/partnercoach/partnercoach/coach"
	bbolt "go.etcd.io/bbolt"
)

func notFoundPartner(id string) error {
	return &coach.Error{Code: coach.ENOTFOUND, Key: "partner.not_found", Args: []any{id}}
}

// CreatePartner stores a new partner; ECONFLICT if the ID is taken.
func (s *Store) CreatePartner(ctx context.Context, p coach.Partner, reminders []coach.Reminder) error {
	if err := checkID("partner", p.ID); err != nil {
		return err
	}
	for _, r := range reminders {
		if r.TeamID != p.TeamID || r.PartnerID != p.ID {
			return fmt.Errorf("create partner %s: reminder %s belongs to another partner", p.ID, r.ID)
		}
		if err := checkID("reminder", r.ID); err != nil {
			return err
		}
	}
	// One bbolt transaction: the partner and its reminders, or neither.
	return s.update(ctx, "create partner", p.TeamID, func(tb *bbolt.Bucket) error {
		b, err := mksub(tb, bPartners)
		if err != nil {
			return err
		}
		if b.Get([]byte(p.ID)) != nil {
			return coach.NewError(coach.ECONFLICT, "partner.id.exists", p.ID)
		}
		if err := put(b, p.ID, p); err != nil {
			return err
		}
		if err := indexPartner(tb, p, nil); err != nil { // issue 15: the index, same transaction
			return err
		}
		if len(reminders) == 0 {
			return nil
		}
		rb, err := mksub(tb, bReminders)
		if err != nil {
			return err
		}
		for _, r := range reminders {
			if err := put(rb, r.ID, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// Partner returns one partner.
func (s *Store) Partner(ctx context.Context, teamID, id string) (coach.Partner, error) {
	var p coach.Partner
	err := s.view(ctx, "get partner", teamID, func(tb *bbolt.Bucket) error {
		data := get(sub(tb, bPartners), id)
		if data == nil {
			return notFoundPartner(id)
		}
		var err error
		p, err = s.decoded.Decode(data)
		return err
	})
	return p, err
}

// Partners returns every partner of the team sorted by ID (bbolt keeps keys sorted).
func (s *Store) Partners(ctx context.Context, teamID string) ([]coach.Partner, error) {
	var out []coach.Partner
	err := s.view(ctx, "list partners", teamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bPartners)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			p, err := s.decoded.Decode(v)
			if err != nil {
				return err
			}
			out = append(out, p)
			return nil
		})
	})
	return out, err
}

// UpdatePartner applies fn inside one write transaction. bbolt serialises
// writers, so there is never a conflict to retry.
func (s *Store) UpdatePartner(ctx context.Context, teamID, id string, fn func(*coach.Partner) error) (coach.Partner, error) {
	var p coach.Partner
	err := s.update(ctx, "update partner", teamID, func(tb *bbolt.Bucket) error {
		b, err := mksub(tb, bPartners)
		if err != nil {
			return err
		}
		data := b.Get([]byte(id))
		if data == nil {
			return notFoundPartner(id)
		}
		if err := json.Unmarshal(data, &p); err != nil {
			return err
		}
		oldKey := nameKey(p)
		if err := fn(&p); err != nil {
			return err
		}
		p.TeamID, p.ID = teamID, id
		if err := put(b, id, p); err != nil {
			return err
		}
		return indexPartner(tb, p, oldKey) // issue 15: the index, same transaction
	})
	if err != nil {
		return coach.Partner{}, err
	}
	return p, nil
}
