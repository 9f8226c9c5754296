package bolt

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"time"

	"go.etcd.io/bbolt"

	"github.com/partnercoach/partnercoach/coach"
)

// bHealth holds, per partner, week ("2026-11-30") → score ("72") (issue 16).
var bHealth = []byte("health")

// AppendHealthSnapshot records a week's score and drops the weeks older
// than coach.HealthKeep, in one transaction.
func (s *Store) AppendHealthSnapshot(ctx context.Context, teamID, partnerID string, snap coach.HealthSnapshot) error {
	if err := checkID("partner", partnerID); err != nil {
		return err
	}
	cutoff := []byte(coach.WeekKey(snap.Week.Add(-coach.HealthKeep)))
	return s.update(ctx, "append health snapshot", teamID, func(tb *bbolt.Bucket) error {
		b, err := mksub(tb, bHealth, []byte(partnerID))
		if err != nil {
			return err
		}
		if err := b.Put([]byte(coach.WeekKey(snap.Week)), []byte(strconv.Itoa(snap.Score))); err != nil {
			return err
		}
		var old [][]byte
		c := b.Cursor()
		for k, _ := c.First(); k != nil && bytes.Compare(k, cutoff) < 0; k, _ = c.Next() {
			old = append(old, bytes.Clone(k))
		}
		for _, k := range old {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}

// HealthHistory returns the snapshots from the week of from on, oldest first.
func (s *Store) HealthHistory(ctx context.Context, teamID, partnerID string, from time.Time) ([]coach.HealthSnapshot, error) {
	var out []coach.HealthSnapshot
	first := []byte(coach.WeekKey(from))
	err := s.view(ctx, "health history", teamID, func(tb *bbolt.Bucket) error {
		b := sub(tb, bHealth, []byte(partnerID))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek(first); k != nil; k, v = c.Next() {
			week, err := coach.ParseWeekKey(string(k))
			if err != nil {
				return err
			}
			n, err := strconv.Atoi(string(v))
			if err != nil {
				return fmt.Errorf("score %q: %w", v, err)
			}
			out = append(out, coach.HealthSnapshot{Week: week, Score: n})
		}
		return nil
	})
	return out, err
}
