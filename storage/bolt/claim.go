package bolt

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	bbolt "go.etcd.io/bbolt"
)

type claimRecord struct {
	Holder    string    `json:"holder,omitempty"`
	Until     time.Time `json:"until,omitzero"`
	MessageTS string    `json:"ts,omitempty"`
	Sent      bool      `json:"sent,omitempty"`
}

func claimKey(o coach.Occurrence) []byte {
	return []byte(o.ReminderID + "@" + strconv.FormatInt(o.At.UTC().Unix(), 10))
}

// Claim takes an occurrence for holder unless it is sent or held by another
// holder whose lease has not run out.
func (s *Store) Claim(ctx context.Context, o coach.Occurrence, holder string, lease time.Duration) (coach.Claim, error) {
	// Most claims of a sweep are of occurrences sent already (each sweep
	// re-checks its lookback window): answer those from a read transaction,
	// without a write and its fsync. Sent is final, so this cannot go stale.
	var out coach.Claim
	err := s.view(ctx, "claim reminder", o.TeamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bClaims)
		if b == nil {
			return nil
		}
		data := b.Get(claimKey(o))
		if data == nil {
			return nil
		}
		var rec claimRecord
		if err := json.Unmarshal(data, &rec); err != nil {
			return err
		}
		if rec.Sent {
			out = coach.Claim{Status: coach.ClaimSent, MessageTS: rec.MessageTS}
		}
		return nil
	})
	if err != nil || out.Status == coach.ClaimSent {
		return out, err
	}
	err = s.update(ctx, "claim reminder", o.TeamID, func(tb *bbolt.Bucket) error {
		b, err := mksub(tb, bClaims)
		if err != nil {
			return err
		}
		var rec claimRecord
		if data := b.Get(claimKey(o)); data != nil {
			if err := json.Unmarshal(data, &rec); err != nil {
				return err
			}
		}
		now := time.Now()
		switch {
		case rec.Sent:
			out = coach.Claim{Status: coach.ClaimSent, MessageTS: rec.MessageTS}
			return nil
		case rec.Holder != "" && rec.Holder != holder && now.Before(rec.Until):
			out = coach.Claim{Status: coach.ClaimHeld, Holder: rec.Holder}
			return nil
		}
		out = coach.Claim{Status: coach.ClaimTaken}
		return put(b, string(claimKey(o)), claimRecord{Holder: holder, Until: now.Add(lease)})
	})
	return out, err
}

// MarkSent records the occurrence as delivered.
func (s *Store) MarkSent(ctx context.Context, o coach.Occurrence, holder, ts string) error {
	return s.update(ctx, "mark reminder sent", o.TeamID, func(tb *bbolt.Bucket) error {
		b, err := mksub(tb, bClaims)
		if err != nil {
			return err
		}
		return put(b, string(claimKey(o)), claimRecord{Sent: true, MessageTS: ts})
	})
}

// Release drops holder's claim so the occurrence can be taken again.
func (s *Store) Release(ctx context.Context, o coach.Occurrence, holder string) error {
	return s.update(ctx, "release reminder", o.TeamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bClaims)
		if b == nil {
			return nil
		}
		var rec claimRecord
		if data := b.Get(claimKey(o)); data != nil {
			if err := json.Unmarshal(data, &rec); err != nil {
				return err
			}
		}
		if rec.Sent || rec.Holder != holder {
			return nil
		}
		return b.Delete(claimKey(o))
	})
}
