package bolt

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
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

// SentRetention is how long a delivery record is kept after its occurrence:
// well past the runner's catch-up window (24 h by default), so a late
// catch-up never re-sends. The Redis store keeps them as long.
const SentRetention = 40 * 24 * time.Hour

// PruneEvery is how often Claim sweeps a team's claims for dead records.
const PruneEvery = 10 * time.Minute

// PruneClaims deletes the team's claim records that can no longer matter at
// now: leases that have run out (a command's dedupe window, a replica that
// died holding a reminder) and delivery records older than SentRetention.
// Redis expires these by itself; bbolt keeps whatever is not deleted, so
// without this every state-changing command would leave a record forever.
// Claim calls it at most every PruneEvery per team; it returns how many
// records it deleted.
func (s *Store) PruneClaims(ctx context.Context, teamID string, now time.Time) (int, error) {
	n := 0
	err := s.update(ctx, "prune claims", teamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bClaims)
		if b == nil {
			return nil
		}
		var dead [][]byte
		err := b.ForEach(func(k, v []byte) error {
			var rec claimRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				return nil // not ours to judge: leave it
			}
			if claimDead(k, rec, now) {
				dead = append(dead, slices.Clone(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		// Deleting while iterating can skip keys in bbolt: delete after.
		for _, k := range dead {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		n = len(dead)
		return nil
	})
	return n, err
}

func claimDead(key []byte, rec claimRecord, now time.Time) bool {
	if !rec.Sent {
		return !now.Before(rec.Until)
	}
	at := bytes.LastIndexByte(key, '@')
	if at < 0 {
		return false
	}
	unix, err := strconv.ParseInt(string(key[at+1:]), 10, 64)
	if err != nil {
		return false
	}
	return now.Sub(time.Unix(unix, 0)) > SentRetention
}

// maybePrune runs PruneClaims for the team when PruneEvery has passed since
// the last time. A failure is not the caller's: it is retried next time.
func (s *Store) maybePrune(ctx context.Context, teamID string, now time.Time) {
	if last, ok := s.lastPrune.Load(teamID); ok && now.Sub(time.Unix(0, last.(int64))) < PruneEvery {
		return
	}
	s.lastPrune.Store(teamID, now.UnixNano())
	_, _ = s.PruneClaims(ctx, teamID, now)
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
	s.maybePrune(ctx, o.TeamID, time.Now())
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
