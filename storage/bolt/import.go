package bolt

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/partnercoach/partnercoach/coach"
	bbolt "go.etcd.io/bbolt"
)

var _ coach.ImportStore = (*Store)(nil)

// ApplyImport writes a whole import in one bbolt transaction: any refusal
// (a partner to create that exists, one to update that changed) rolls
// everything back.
func (s *Store) ApplyImport(ctx context.Context, b coach.ImportBatch) error {
	for _, p := range b.Creates {
		if p.TeamID != b.TeamID {
			return fmt.Errorf("apply import: partner %s of another team", p.ID)
		}
		if err := checkID("partner", p.ID); err != nil {
			return err
		}
	}
	for _, u := range b.Updates {
		if u.After.TeamID != b.TeamID || u.After.ID != u.Before.ID {
			return fmt.Errorf("apply import: update of %s changes its identity", u.Before.ID)
		}
	}
	for _, r := range b.Reminders {
		if err := checkID("reminder", r.ID); err != nil {
			return err
		}
	}
	for _, c := range b.Contributions {
		if c.TeamID != b.TeamID {
			return fmt.Errorf("apply import: contribution %s of another team", c.ID)
		}
		if err := checkID("contribution", c.ID); err != nil {
			return err
		}
	}
	return s.update(ctx, "apply import", b.TeamID, func(tb *bbolt.Bucket) error {
		pb, err := mksub(tb, bPartners)
		if err != nil {
			return err
		}
		for _, p := range b.Creates {
			if pb.Get([]byte(p.ID)) != nil {
				return coach.NewError(coach.ECONFLICT, "import.changed")
			}
			if err := put(pb, p.ID, p); err != nil {
				return err
			}
			if err := indexPartner(tb, p, nil); err != nil { // the index, same transaction
				return err
			}
		}
		for _, u := range b.Updates {
			var cur coach.Partner
			data := pb.Get([]byte(u.Before.ID))
			if data == nil || json.Unmarshal(data, &cur) != nil || !cur.UpdatedAt.Equal(u.Before.UpdatedAt) {
				return coach.NewError(coach.ECONFLICT, "import.changed")
			}
			if err := put(pb, u.After.ID, u.After); err != nil {
				return err
			}
			if err := indexPartner(tb, u.After, nameKey(cur)); err != nil {
				return err
			}
		}
		if len(b.Reminders) > 0 {
			rb, err := mksub(tb, bReminders)
			if err != nil {
				return err
			}
			for _, r := range b.Reminders {
				if err := put(rb, r.ID, r); err != nil {
					return err
				}
			}
		}
		for _, c := range b.Contributions {
			ids, err := mksub(tb, bLedgerIDs, []byte(c.PartnerID))
			if err != nil {
				return err
			}
			if ids.Get([]byte(c.ID)) != nil {
				continue // there already, or deleted (a tombstone): as AddContribution
			}
			led, err := mksub(tb, bLedger, []byte(c.PartnerID))
			if err != nil {
				return err
			}
			key := ledgerKey(c.Date, c.ID)
			if err := ids.Put([]byte(c.ID), key); err != nil {
				return err
			}
			if err := led.Put(key, encodeLine(c)); err != nil {
				return err
			}
		}
		// Every partner the import wrote is re-ranked (issue 15 standings).
		touched := map[string]bool{}
		for _, p := range b.Creates {
			touched[p.ID] = true
		}
		for _, u := range b.Updates {
			touched[u.After.ID] = true
		}
		for _, c := range b.Contributions {
			touched[c.PartnerID] = true
		}
		for id := range touched {
			if err := touchIn(tb, id); err != nil {
				return err
			}
		}
		return nil
	})
}
