package redis

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/partnercoach/partnercoach/coach"
)

// Health snapshots (issue 16): pc:{T}:health:<partner> is a hash of week
// ("2026-11-30") → score ("72"): a few bytes a week, kept two years.
func (k keys) health(p string) string { return k.prefix + "health:" + p }

// appendHealth sets one week and drops the weeks before the cutoff in one
// script: the hash never holds a half-applied append. Week keys are ISO
// dates, so comparing them as strings compares the dates.
var appendHealth = goredis.NewScript(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local old = {}
for _, w in ipairs(redis.call('HKEYS', KEYS[1])) do
  if w < ARGV[3] then table.insert(old, w) end
end
if #old > 0 then redis.call('HDEL', KEYS[1], unpack(old)) end
return #old
`)

// AppendHealthSnapshot records a week's score and trims old weeks (one script).
func (s *Store) AppendHealthSnapshot(ctx context.Context, teamID, partnerID string, snap coach.HealthSnapshot) error {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return err
	}
	cutoff := coach.WeekKey(snap.Week.Add(-coach.HealthKeep))
	err = appendHealth.Run(ctx, s.rdb, []string{k.health(partnerID)}, coach.WeekKey(snap.Week), strconv.Itoa(snap.Score), cutoff).Err()
	return wrap("append health snapshot", err)
}

// HealthHistory returns the snapshots from the week of from on, oldest
// first (one HGETALL).
func (s *Store) HealthHistory(ctx context.Context, teamID, partnerID string, from time.Time) ([]coach.HealthSnapshot, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	all, err := s.rdb.HGetAll(ctx, k.health(partnerID)).Result()
	if err != nil {
		return nil, wrap("health history", err)
	}
	return decodeHealth(all, from)
}

func decodeHealth(all map[string]string, from time.Time) ([]coach.HealthSnapshot, error) {
	first := coach.WeekKey(from)
	out := make([]coach.HealthSnapshot, 0, len(all))
	for w, v := range all {
		if w < first {
			continue
		}
		week, err := coach.ParseWeekKey(w)
		if err != nil {
			return nil, fmt.Errorf("health history: %w", err)
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, fmt.Errorf("health history: score %q: %w", v, err)
		}
		out = append(out, coach.HealthSnapshot{Week: week, Score: n})
	}
	slices.SortFunc(out, func(a, b coach.HealthSnapshot) int { return a.Week.Compare(b.Week) })
	return out, nil
}
