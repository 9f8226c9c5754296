package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

var _ coach.ImportStore = (*Store)(nil)

// errV1Lines: a partner of the import still has schema-1 ledger lines.
var errV1Lines = errors.New("schema-1 ledger lines to fold in first")

// ApplyImport writes a whole import in one MULTI/EXEC under WATCH of the
// team's partners hash: the partners to create must still be absent and the
// ones to update unchanged (their stored JSON read under the WATCH), else
// ECONFLICT with nothing written. Contributions go through the same script
// as AddContribution, queued in the same transaction, so an ID the ledger
// holds or held is left as it is. Every key carries the team's hash tag.
func (s *Store) ApplyImport(ctx context.Context, b coach.ImportBatch) error {
	k, err := teamKeys(b.TeamID)
	if err != nil {
		return err
	}
	type entry struct {
		id   string
		data []byte
	}
	var creates, updates, rems []entry
	for _, p := range b.Creates {
		if p.TeamID != b.TeamID {
			return fmt.Errorf("apply import: partner %s of another team", p.ID)
		}
		if err := validKeyPart("partner", p.ID); err != nil {
			return err
		}
		d, err := json.Marshal(p)
		if err != nil {
			return fmt.Errorf("apply import: %w", err)
		}
		creates = append(creates, entry{p.ID, d})
	}
	for _, u := range b.Updates {
		if u.After.TeamID != b.TeamID || u.After.ID != u.Before.ID {
			return fmt.Errorf("apply import: update of %s changes its identity", u.Before.ID)
		}
		d, err := json.Marshal(u.After)
		if err != nil {
			return fmt.Errorf("apply import: %w", err)
		}
		updates = append(updates, entry{u.After.ID, d})
	}
	for _, r := range b.Reminders {
		if err := validReminderID(r.ID); err != nil {
			return err
		}
		d, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("apply import: %w", err)
		}
		rems = append(rems, entry{r.ID, d})
	}
	type contrib struct {
		partner, id, month string
		framed             string
	}
	var cs []contrib
	for _, c := range b.Contributions {
		if c.TeamID != b.TeamID {
			return fmt.Errorf("apply import: contribution %s of another team", c.ID)
		}
		if err := validKeyPart("partner", c.PartnerID); err != nil {
			return err
		}
		if err := validField("contribution", c.ID); err != nil {
			return err
		}
		cs = append(cs, contrib{c.PartnerID, c.ID, monthOf(c.Date), framed(c)})
	}
	if len(creates) > 0 {
		if err := s.rdb.SAdd(ctx, teamsKey, b.TeamID).Err(); err != nil {
			return wrap("apply import", err)
		}
	}
	// Ledger lines still in schema 1 (an old replica during a rolling
	// update) are folded in first; their keys are watched, so a line an old
	// replica writes before EXEC makes the transaction start again rather
	// than an added line be skipped.
	watched := []string{k.partners()}
	var v1Keys []string
	seenPartner := map[string]bool{}
	for _, c := range cs {
		if !seenPartner[c.partner] {
			seenPartner[c.partner] = true
			v1Keys = append(v1Keys, k.ledgerData(c.partner))
		}
	}
	watched = append(watched, v1Keys...)
	touched := map[string]bool{}
	for _, p := range b.Creates {
		touched[p.ID] = true
	}
	for _, u := range b.Updates {
		touched[u.After.ID] = true
	}
	for _, c := range cs {
		touched[c.partner] = true
	}
	txf := func(tx *goredis.Tx) error {
		if len(v1Keys) > 0 {
			n, err := tx.Exists(ctx, v1Keys...).Result()
			if err != nil {
				return err
			}
			if n > 0 {
				return errV1Lines
			}
		}
		ids := make([]string, 0, len(creates)+len(updates))
		for _, e := range creates {
			ids = append(ids, e.id)
		}
		for _, u := range b.Updates {
			ids = append(ids, u.Before.ID)
		}
		if len(ids) > 0 {
			vals, err := tx.HMGet(ctx, k.partners(), ids...).Result()
			if err != nil {
				return err
			}
			for i, v := range vals {
				if i < len(creates) {
					if v != nil {
						return coach.NewError(coach.ECONFLICT, "import.changed")
					}
					continue
				}
				str, ok := v.(string)
				var cur coach.Partner
				if !ok || json.Unmarshal([]byte(str), &cur) != nil || !cur.UpdatedAt.Equal(b.Updates[i-len(creates)].Before.UpdatedAt) {
					return coach.NewError(coach.ECONFLICT, "import.changed")
				}
			}
		}
		_, err := tx.TxPipelined(ctx, func(pipe goredis.Pipeliner) error {
			for _, e := range append(creates, updates...) {
				pipe.HSet(ctx, k.partners(), e.id, e.data)
			}
			// The partner index and the standings' generations, in the same
			// transaction (issue 15): new partners are found and re-ranked
			// at once, renamed ones under their new name only.
			for _, p := range b.Creates {
				pipe.ZAdd(ctx, k.partnerIndex(), goredis.Z{Member: idMember(p.ID)}, goredis.Z{Member: nameMember(p)})
			}
			for _, u := range b.Updates {
				if old, now := nameMember(u.Before), nameMember(u.After); old != now {
					pipe.ZRem(ctx, k.partnerIndex(), old)
					pipe.ZAdd(ctx, k.partnerIndex(), goredis.Z{Member: now})
				}
			}
			for id := range touched {
				pipe.HIncrBy(ctx, k.generations(), id, 1)
			}
			if len(touched) > 0 {
				pipe.Incr(ctx, k.standingsVersion())
			}
			for _, e := range rems {
				pipe.HSet(ctx, k.reminders(), e.id, e.data)
			}
			for _, c := range cs {
				addLine.Eval(ctx, pipe, []string{k.ledgerLines(c.partner), k.ledgerGone(c.partner), k.ledgerData(c.partner)}, c.id, c.month, c.framed)
			}
			return nil
		})
		return err
	}
	for range updateRetries {
		err := s.rdb.Watch(ctx, txf, watched...)
		if errors.Is(err, goredis.TxFailedErr) {
			continue
		}
		if errors.Is(err, errV1Lines) {
			for p := range seenPartner {
				if err := s.foldV1(ctx, k, p); err != nil {
					return fmt.Errorf("apply import: %w", err)
				}
			}
			continue
		}
		var ce *coach.Error
		if errors.As(err, &ce) {
			return err
		}
		if err != nil {
			return wrap("apply import", err)
		}
		return s.ack(ctx, "apply import", k.partners())
	}
	return coach.NewError(coach.ECONFLICT, "import.changed")
}
