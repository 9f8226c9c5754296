package bolt

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	bbolt "go.etcd.io/bbolt"
)

// ItemStates returns one checklist's states by item ID.
func (s *Store) ItemStates(ctx context.Context, teamID, partnerID, templateID string) (map[string]coach.ItemState, error) {
	out := map[string]coach.ItemState{}
	err := s.view(ctx, "checklist states", teamID, func(tb *bbolt.Bucket) error {
		return readStates(sub(tb, bChecklists, []byte(partnerID), []byte(templateID)), out)
	})
	return out, err
}

func readStates(b *bbolt.Bucket, out map[string]coach.ItemState) error {
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		var st coach.ItemState
		if err := json.Unmarshal(v, &st); err != nil {
			return err
		}
		out[string(k)] = st
		return nil
	})
}

// SetItemState writes one item, unless it is already in that state, and
// reads back all states in one transaction.
func (s *Store) SetItemState(ctx context.Context, teamID, partnerID, templateID string, st coach.ItemState) (map[string]coach.ItemState, error) {
	if err := checkID("item", st.ItemID); err != nil {
		return nil, err
	}
	out := map[string]coach.ItemState{}
	err := s.update(ctx, "set checklist item", teamID, func(tb *bbolt.Bucket) error {
		b, err := mksub(tb, bChecklists, []byte(partnerID), []byte(templateID))
		if err != nil {
			return err
		}
		if err := readStates(b, out); err != nil {
			return err
		}
		if coach.MarkKey(out[st.ItemID]) == coach.MarkKey(st) {
			return nil // already so: who ticked it and when stay
		}
		out[st.ItemID] = st
		return put(b, st.ItemID, st)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ledgerKey orders contributions by date, then ID.
func ledgerKey(date time.Time, id string) []byte {
	k := make([]byte, 8, 8+len(id))
	binary.BigEndian.PutUint64(k, uint64(date.UnixNano())^(1<<63)) // sign-flipped so pre-1970 dates sort first
	return append(k, id...)
}

// AddContribution stores a contribution once per ID.
func (s *Store) AddContribution(ctx context.Context, c coach.Contribution) error {
	if err := checkID("contribution", c.ID); err != nil {
		return err
	}
	return s.update(ctx, "add contribution", c.TeamID, func(tb *bbolt.Bucket) error {
		ids, err := mksub(tb, bLedgerIDs, []byte(c.PartnerID))
		if err != nil {
			return err
		}
		if ids.Get([]byte(c.ID)) != nil {
			return nil // there already, or deleted with its record (a tombstone)
		}
		led, err := mksub(tb, bLedger, []byte(c.PartnerID))
		if err != nil {
			return err
		}
		key := ledgerKey(c.Date, c.ID)
		if err := ids.Put([]byte(c.ID), key); err != nil {
			return err
		}
		return led.Put(key, encodeLine(c))
	})
}

// DeleteContribution removes one contribution.
func (s *Store) DeleteContribution(ctx context.Context, teamID, partnerID, id string) error {
	return s.update(ctx, "delete contribution", teamID, func(tb *bbolt.Bucket) error {
		ids := sub(tb, bLedgerIDs, []byte(partnerID))
		var key []byte
		if ids != nil {
			key = ids.Get([]byte(id))
		}
		if len(key) <= len(tombstone) {
			return coach.NewError(coach.ENOTFOUND, "contribution.not_found")
		}
		key = append([]byte(nil), key...)
		if err := ids.Delete([]byte(id)); err != nil {
			return err
		}
		return sub(tb, bLedger, []byte(partnerID)).Delete(key)
	})
}

// Contributions returns contributions dated in [from, to), oldest first.
func (s *Store) Contributions(ctx context.Context, teamID, partnerID string, from, to time.Time) ([]coach.Contribution, error) {
	var out []coach.Contribution
	err := s.view(ctx, "read ledger", teamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bLedger, []byte(partnerID))
		if b == nil {
			return nil
		}
		cur := b.Cursor()
		k, v := cur.First()
		if !from.IsZero() {
			k, v = cur.Seek(ledgerKey(from, ""))
		}
		for ; k != nil; k, v = cur.Next() {
			c, err := decodeLine(k, v, teamID, partnerID)
			if err != nil {
				return err
			}
			if !to.IsZero() && !c.Date.Before(to) {
				break
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

func saveIn(s *Store, ctx context.Context, op, teamID string, path [][]byte, id string, v any) error {
	if err := checkID(op, id); err != nil {
		return err
	}
	return s.update(ctx, op, teamID, func(tb *bbolt.Bucket) error {
		b, err := mksub(tb, path...)
		if err != nil {
			return err
		}
		return put(b, id, v)
	})
}

func listIn[T any](s *Store, ctx context.Context, op, teamID string, path ...[]byte) ([]T, error) {
	var out []T
	err := s.view(ctx, op, teamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, path...)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var x T
			if err := json.Unmarshal(v, &x); err != nil {
				return err
			}
			out = append(out, x)
			return nil
		})
	})
	return out, err
}

// SaveEvent creates or replaces an event.
func (s *Store) SaveEvent(ctx context.Context, e coach.Event) error {
	return saveIn(s, ctx, "save event", e.TeamID, [][]byte{bEvents, []byte(e.PartnerID)}, e.ID, e)
}

// Events returns a partner's events sorted by start.
func (s *Store) Events(ctx context.Context, teamID, partnerID string) ([]coach.Event, error) {
	out, err := listIn[coach.Event](s, ctx, "list events", teamID, bEvents, []byte(partnerID))
	sortEvents(out)
	return out, err
}

// SaveDeal creates or replaces a deal.
func (s *Store) SaveDeal(ctx context.Context, d coach.Deal) error {
	return saveIn(s, ctx, "save deal", d.TeamID, [][]byte{bDeals, []byte(d.PartnerID)}, d.ID, d)
}

// Deal returns one deal.
func (s *Store) Deal(ctx context.Context, teamID, partnerID, id string) (coach.Deal, error) {
	var d coach.Deal
	err := s.view(ctx, "get deal", teamID, func(tb *bbolt.Bucket) error {
		data := get(sub(tb, bDeals, []byte(partnerID)), id)
		if data == nil {
			return coach.NewError(coach.ENOTFOUND, "deal.not_found", id)
		}
		return json.Unmarshal(data, &d)
	})
	return d, err
}

// Deals returns a partner's deals sorted by ID.
func (s *Store) Deals(ctx context.Context, teamID, partnerID string) ([]coach.Deal, error) {
	return listIn[coach.Deal](s, ctx, "list deals", teamID, bDeals, []byte(partnerID))
}

// SaveReminder creates or replaces a reminder.
func (s *Store) SaveReminder(ctx context.Context, r coach.Reminder) error {
	return saveIn(s, ctx, "save reminder", r.TeamID, [][]byte{bReminders}, r.ID, r)
}

// Reminders returns a team's reminders sorted by ID.
func (s *Store) Reminders(ctx context.Context, teamID string) ([]coach.Reminder, error) {
	return listIn[coach.Reminder](s, ctx, "list reminders", teamID, bReminders)
}

// DeleteReminder removes a reminder.
func (s *Store) DeleteReminder(ctx context.Context, teamID, id string) error {
	return s.update(ctx, "delete reminder", teamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bReminders)
		if b == nil || b.Get([]byte(id)) == nil {
			return coach.NewError(coach.ENOTFOUND, "reminder.not_found", id)
		}
		return b.Delete([]byte(id))
	})
}
