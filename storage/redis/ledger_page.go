package redis

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// readPage returns the JSON of a page of ledger lines: every line scored
// at the cursor's millisecond (ARGV[1], "" for the start), the next
// ARGV[2] lines scored after it, and every other line sharing the last
// one's score. Scores are milliseconds and lines within one are ordered by
// ID, not by date: returning whole milliseconds lets the caller order them
// by date then ID and cut the page without skipping a line. HMGET goes in
// chunks to stay clear of Lua's unpack limit.
var readPage = goredis.NewScript(`
local ids = {}
local lo = '-inf'
if ARGV[1] ~= '' then
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1])) do ids[#ids+1] = id end
  lo = '(' .. ARGV[1]
end
local rest = redis.call('ZRANGEBYSCORE', KEYS[1], lo, '+inf', 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
local last = nil
for i = 1, #rest, 2 do ids[#ids+1] = rest[i]; last = rest[i+1] end
if last then
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], last, last)) do ids[#ids+1] = id end
end
local out = {}
for i = 1, #ids, 500 do
  local chunk = {}
  for j = i, math.min(i + 499, #ids) do chunk[#chunk+1] = ids[j] end
  for _, v in ipairs(redis.call('HMGET', KEYS[2], unpack(chunk))) do out[#out+1] = v end
end
return out`)

// ContributionsAfter returns up to limit contributions after the cursor,
// by date then ID, in one round trip.
func (s *Store) ContributionsAfter(ctx context.Context, teamID, partnerID string, after coach.LedgerCursor, limit int) ([]coach.Contribution, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	if limit < 1 {
		limit = 1
	}
	from := ""
	if !after.IsZero() {
		from = strconv.FormatInt(scoreOf(after.Date), 10)
	}
	vals, err := readPage.Run(ctx, s.rdb, []string{k.ledger(partnerID), k.ledgerData(partnerID)}, from, limit).Slice()
	if err != nil {
		return nil, wrap("read ledger page", err)
	}
	seen := make(map[string]bool, len(vals))
	out := make([]coach.Contribution, 0, len(vals))
	for _, v := range vals {
		str, ok := v.(string)
		if !ok {
			continue
		}
		var c coach.Contribution
		if err := json.Unmarshal([]byte(str), &c); err != nil {
			return nil, fmt.Errorf("read ledger page: %w", err)
		}
		if seen[c.ID] || !after.Before(c) {
			continue
		}
		seen[c.ID] = true
		out = append(out, c)
	}
	sortByDate(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
