package redis

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// Standings (issue 15):
//
//	pc:{T}:gen   hash  partner ID → records generation (HINCRBY on every write)
//	pc:{T}:sum   hash  partner ID → summary JSON, with the generation it is of
//
// A summary is written only while its generation is the current one (one
// script compares and sets), so a replica that computed it from records
// changed meanwhile cannot put it back.

func (k keys) generations() string { return k.prefix + "gen" }
func (k keys) summaries() string   { return k.prefix + "sum" }

// summaryCache keeps summaries already decoded, by partner, with the JSON
// they were decoded from: the same JSON read again is not decoded again.
type summaryCache struct {
	mu sync.Mutex
	m  map[string]cachedSummary // team + "/" + partner ID
}

type cachedSummary struct {
	raw string
	sum coach.Summary
}

var summaries summaryCache

func (c *summaryCache) decode(team, id, raw string) (coach.Summary, error) {
	key := team + "/" + id
	c.mu.Lock()
	got, ok := c.m[key]
	c.mu.Unlock()
	if ok && got.raw == raw {
		return got.sum, nil
	}
	var sum coach.Summary
	if err := json.Unmarshal([]byte(raw), &sum); err != nil {
		return coach.Summary{}, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) > 200_000 {
		c.m = map[string]cachedSummary{}
	}
	c.m[key] = cachedSummary{raw: raw, sum: sum}
	c.mu.Unlock()
	return sum, nil
}

// Standings reads the index's IDs, the generations and the summaries in
// one round trip.
func (s *Store) Standings(ctx context.Context, teamID string) ([]coach.StandingEntry, error) {
	k, err := teamKeys(teamID)
	if err != nil {
		return nil, err
	}
	if err := s.ensureIndex(ctx, k); err != nil {
		return nil, err
	}
	var ids *goredis.StringSliceCmd
	var gens, sums *goredis.MapStringStringCmd
	if _, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		ids = p.ZRangeByLex(ctx, k.partnerIndex(), &goredis.ZRangeBy{Min: "[i:", Max: "(i;"})
		gens = p.HGetAll(ctx, k.generations())
		sums = p.HGetAll(ctx, k.summaries())
		return nil
	}); err != nil {
		return nil, wrap("standings", err)
	}
	out := make([]coach.StandingEntry, 0, len(ids.Val()))
	for _, m := range ids.Val() {
		id := m[2:]
		e := coach.StandingEntry{PartnerID: id}
		if g, ok := gens.Val()[id]; ok {
			if e.Gen, err = strconv.ParseInt(g, 10, 64); err != nil {
				return nil, fmt.Errorf("standings: generation of %s: %w", id, err)
			}
		}
		if raw, ok := sums.Val()[id]; ok {
			sum, err := summaries.decode(teamID, id, raw)
			if err != nil {
				return nil, fmt.Errorf("standings: summary of %s: %w", id, err)
			}
			e.Summary = &sum
		}
		out = append(out, e)
	}
	return out, nil
}

// saveStandingsScript writes each summary (ARGV: id, gen, json triples)
// whose generation is still the partner's.
var saveStandingsScript = goredis.NewScript(`
local n = 0
for i = 1, #ARGV, 3 do
  local g = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  if g == tonumber(ARGV[i + 1]) then
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2])
    n = n + 1
  end
end
return n`)

// SaveStandings keeps the summaries still current, in one script. Not
// acknowledged by replicas: a summary lost in a failover is computed again.
func (s *Store) SaveStandings(ctx context.Context, teamID string, sums []coach.Summary) error {
	k, err := teamKeys(teamID)
	if err != nil {
		return err
	}
	for start := 0; start < len(sums); start += 1000 {
		args := make([]any, 0, 3*min(1000, len(sums)-start))
		for _, sum := range sums[start:min(len(sums), start+1000)] {
			if err := validKeyPart("partner", sum.Partner.ID); err != nil {
				return err
			}
			data, err := json.Marshal(sum)
			if err != nil {
				return fmt.Errorf("save standings: %w", err)
			}
			args = append(args, sum.Partner.ID, sum.Gen, data)
		}
		if err := saveStandingsScript.Run(ctx, s.rdb, []string{k.generations(), k.summaries()}, args...).Err(); err != nil {
			return wrap("save standings", err)
		}
	}
	return nil
}

// TouchPartner moves the partner's generation on (HINCRBY), acknowledged
// like the write it follows.
func (s *Store) TouchPartner(ctx context.Context, teamID, partnerID string) error {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return err
	}
	if err := s.rdb.HIncrBy(ctx, k.generations(), partnerID, 1).Err(); err != nil {
		return wrap("touch partner", err)
	}
	return s.ack(ctx, "touch partner", k.generations())
}
