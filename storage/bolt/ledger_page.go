package bolt

import (
	"bytes"
	"context"

	"github.com/partnercoach/partnercoach/coach"
	"go.etcd.io/bbolt"
)

// ContributionsAfter returns up to limit contributions after the cursor,
// in key order (date, then ID), from one read transaction.
func (s *Store) ContributionsAfter(ctx context.Context, teamID, partnerID string, after coach.LedgerCursor, limit int) ([]coach.Contribution, error) {
	if limit < 1 {
		limit = 1
	}
	var out []coach.Contribution
	err := s.view(ctx, "read ledger page", teamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bLedger, []byte(partnerID))
		if b == nil {
			return nil
		}
		cur := b.Cursor()
		k, v := cur.First()
		if !after.IsZero() {
			from := ledgerKey(after.Date, after.ID)
			k, v = cur.Seek(from)
			if k != nil && bytes.Equal(k, from) {
				k, v = cur.Next()
			}
		}
		for ; k != nil && len(out) < limit; k, v = cur.Next() {
			c, err := decodeLine(k, v, teamID, partnerID)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}
