package redis

import (
	"context"
	"fmt"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// firstMonthFrom returns the first month of a partner's ledger hash
// (KEYS[1]) at or after ARGV[1] ("200601"), then its runs of lines (the
// month's head field and its chunks), or an empty reply when no month is
// left. Month fields sort as strings, so an export walks the ledger one
// month per round trip without ever holding all of it; "#…" and
// "200601:1" fields are bookkeeping and chunks, not months.
var firstMonthFrom = goredis.NewScript(`
if redis.call('EXISTS', KEYS[2]) == 1 then return -2 end
local best = nil
for _, m in ipairs(redis.call('HKEYS', KEYS[1])) do
  if #m == 6 and string.match(m, '^%d+$') and m >= ARGV[1] and (best == nil or m < best) then best = m end
end
if not best then return {} end
local out = {best}
local head = redis.call('HGET', KEYS[1], best)
if head then table.insert(out, head) end
local k = tonumber(redis.call('HGET', KEYS[1], '#' .. best) or '0')
for i = 1, k do
  local c = redis.call('HGET', KEYS[1], best .. ':' .. i)
  if c then table.insert(out, c) end
end
return out`)

// ContributionsAfter returns up to limit contributions after the cursor,
// by date then ID. It reads month by month from the cursor's month: lines
// within a month are not stored in order, so each month is decoded whole,
// sorted and cut at the cursor.
func (s *Store) ContributionsAfter(ctx context.Context, teamID, partnerID string, after coach.LedgerCursor, limit int) ([]coach.Contribution, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	if limit < 1 {
		limit = 1
	}
	month := ""
	if !after.IsZero() {
		month = monthOf(after.Date)
	}
	ks := []string{k.ledgerLines(partnerID), k.ledgerData(partnerID)}
	out := make([]coach.Contribution, 0, limit)
	for len(out) < limit {
		v, err := s.runLedger(ctx, "read ledger page", k, partnerID, firstMonthFrom, ks, month)
		if err != nil {
			return nil, err
		}
		reply, _ := v.([]any)
		if len(reply) == 0 {
			break // no month left
		}
		name, _ := reply[0].(string)
		var cs []coach.Contribution
		for _, r := range reply[1:] {
			run, _ := r.(string)
			part, err := decodeRun(run, teamID, partnerID)
			if err != nil {
				return nil, fmt.Errorf("read ledger page: %w", err)
			}
			cs = append(cs, part...)
		}
		sortByDate(cs)
		for _, c := range cs {
			if after.Before(c) {
				out = append(out, c)
			}
		}
		month = nextMonthField(name)
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// nextMonthField is the smallest string after m: the search goes on from
// the month after m, whatever months are missing in between.
func nextMonthField(m string) string { return m + "\x00" }
