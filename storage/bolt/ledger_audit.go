package bolt

import (
	"context"
	"encoding/binary"
	"encoding/json"

	"github.com/partnercoach/partnercoach/coach"
	"go.etcd.io/bbolt"
)

// bLedgerAudit holds each partner's audit trail: sequence number → revision JSON.
var bLedgerAudit = []byte("ledger-audit")

// tombstone marks, in ledger-ids, an ID deleted with its record: shorter
// than any ledger key (8 bytes of date, then the ID).
var tombstone = []byte{0}

// ReviseContribution replaces or removes an entry and appends the revision
// to the partner's audit trail, in one transaction.
func (s *Store) ReviseContribution(ctx context.Context, teamID, partnerID string, rev coach.Revision) error {
	if err := checkID("contribution", rev.ContributionID); err != nil {
		return err
	}
	return s.update(ctx, "revise contribution", teamID, func(tb *bbolt.Bucket) error {
		ids := sub(tb, bLedgerIDs, []byte(partnerID))
		led := sub(tb, bLedger, []byte(partnerID))
		var key []byte
		if ids != nil && led != nil {
			key = ids.Get([]byte(rev.ContributionID))
		}
		if len(key) < len(tombstone)+1 {
			return coach.NewError(coach.ENOTFOUND, "contribution.not_found")
		}
		key = append([]byte(nil), key...)
		if !sameLine(key, led.Get(key), teamID, partnerID, rev.Before) {
			return coach.NewError(coach.ECONFLICT, "contribution.changed")
		}
		if err := led.Delete(key); err != nil {
			return err
		}
		if rev.After == nil {
			// The ID stays, as a tombstone: a late retry of the request
			// that logged it adds nothing back.
			if err := ids.Put([]byte(rev.ContributionID), tombstone); err != nil {
				return err
			}
		} else {
			data := encodeLine(*rev.After)
			nk := ledgerKey(rev.After.Date, rev.ContributionID)
			if err := ids.Put([]byte(rev.ContributionID), nk); err != nil {
				return err
			}
			if err := led.Put(nk, data); err != nil {
				return err
			}
		}
		audit, err := mksub(tb, bLedgerAudit, []byte(partnerID))
		if err != nil {
			return err
		}
		seq, err := audit.NextSequence()
		if err != nil {
			return err
		}
		data, err := json.Marshal(rev)
		if err != nil {
			return err
		}
		return audit.Put(binary.BigEndian.AppendUint64(nil, seq), data)
	})
}

// Revisions returns a partner's audit trail, oldest first.
func (s *Store) Revisions(ctx context.Context, teamID, partnerID string) ([]coach.Revision, error) {
	var out []coach.Revision
	err := s.view(ctx, "read ledger audit", teamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bLedgerAudit, []byte(partnerID))
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var r coach.Revision
			if err := json.Unmarshal(v, &r); err != nil {
				return err
			}
			out = append(out, r)
			return nil
		})
	})
	return out, err
}
