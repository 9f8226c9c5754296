package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"sync"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// Standings (issue 15):
//
//	pc:{T}:gen   hash  partner ID → records generation (HINCRBY on every write)
//	pc:{T}:sum   hash  partner ID → summary JSON, with the generation it is of
//	pc:{T}:sumv  hash  partner ID → a hash of that JSON (its version)
//
// A reader keeps the summaries it decoded, by version: a ranking reads the
// two small hashes (gen, sumv) and fetches (HMGET) only the summaries whose
// version it has not seen, so a big team's ranking moves kilobytes, not the
// summaries' megabytes.
// A summary is written only while its generation is the current one (one
// script compares and sets), so a replica that computed it from records
// changed meanwhile cannot put it back.

func (k keys) generations() string { return k.prefix + "gen" }
func (k keys) summaries() string   { return k.prefix + "sum" }
func (k keys) sumVersions() string { return k.prefix + "sumv" }

// standingsVersion counts every change to what Standings returns (a touch,
// a saved summary, a partner created or renamed): a reader whose last
// answer is of the current count reuses it in one round trip.
func (k keys) standingsVersion() string { return k.prefix + "stv" }

// lastStandings is a store's last Standings answer per team, with the
// count it is of.
type lastStandings struct {
	mu sync.Mutex
	m  map[string]standingsAt
}

type standingsAt struct {
	count   int64
	entries []coach.StandingEntry
}

// version names one summary's JSON.
func version(data []byte) string {
	h := fnv.New64a()
	_, _ = h.Write(data)
	return strconv.FormatUint(h.Sum64(), 36)
}

// summaryCache keeps summaries already decoded, by team and partner, with
// the version they are of.
type summaryCache struct {
	mu sync.Mutex
	m  map[string]cachedSummary // team + "/" + partner ID
}

type cachedSummary struct {
	version string
	sum     *coach.Summary
}

var summaries summaryCache

func (c *summaryCache) get(team, id, version string) *coach.Summary {
	c.mu.Lock()
	defer c.mu.Unlock()
	if got, ok := c.m[team+"/"+id]; ok && got.version == version {
		return got.sum
	}
	return nil
}

func (c *summaryCache) put(team, id, version string, sum *coach.Summary) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) > 200_000 {
		c.m = map[string]cachedSummary{}
	}
	c.m[team+"/"+id] = cachedSummary{version: version, sum: sum}
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
	count, err := s.rdb.Get(ctx, k.standingsVersion()).Int64()
	if err != nil && !errors.Is(err, goredis.Nil) {
		return nil, wrap("standings", err)
	}
	s.last.mu.Lock()
	last, ok := s.last.m[teamID]
	s.last.mu.Unlock()
	if ok && last.count == count && count > 0 {
		return slices.Clone(last.entries), nil
	}
	// The count read before the data: a change in between makes the next
	// reader read again.
	var ids *goredis.StringSliceCmd
	var gens, versions *goredis.MapStringStringCmd
	if _, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		ids = p.ZRangeByLex(ctx, k.partnerIndex(), &goredis.ZRangeBy{Min: "[i:", Max: "(i;"})
		gens = p.HGetAll(ctx, k.generations())
		versions = p.HGetAll(ctx, k.sumVersions())
		return nil
	}); err != nil {
		return nil, wrap("standings", err)
	}
	out := make([]coach.StandingEntry, 0, len(ids.Val()))
	var missing []string // summaries not in the cache at their version
	var missingAt []int
	for _, m := range ids.Val() {
		id := m[2:]
		e := coach.StandingEntry{PartnerID: id}
		if g, ok := gens.Val()[id]; ok {
			if e.Gen, err = strconv.ParseInt(g, 10, 64); err != nil {
				return nil, fmt.Errorf("standings: generation of %s: %w", id, err)
			}
		}
		if v, ok := versions.Val()[id]; ok {
			if e.Summary = summaries.get(teamID, id, v); e.Summary == nil {
				missing, missingAt = append(missing, id), append(missingAt, len(out))
			}
		}
		out = append(out, e)
	}
	for start := 0; start < len(missing); start += 1000 {
		batch := missing[start:min(len(missing), start+1000)]
		vals, err := s.rdb.HMGet(ctx, k.summaries(), batch...).Result()
		if err != nil {
			return nil, wrap("standings", err)
		}
		for i, v := range vals {
			raw, ok := v.(string)
			if !ok {
				continue // saved meanwhile without it, or gone: computed again
			}
			sum := new(coach.Summary)
			if err := json.Unmarshal([]byte(raw), sum); err != nil {
				return nil, fmt.Errorf("standings: summary of %s: %w", batch[i], err)
			}
			summaries.put(teamID, batch[i], version([]byte(raw)), sum)
			out[missingAt[start+i]].Summary = sum
		}
	}
	s.last.mu.Lock()
	if s.last.m == nil {
		s.last.m = map[string]standingsAt{}
	}
	s.last.m[teamID] = standingsAt{count: count, entries: slices.Clone(out)}
	s.last.mu.Unlock()
	return out, nil
}

// saveStandingsScript writes each summary (ARGV: id, gen, json, version)
// whose generation is still the partner's.
var saveStandingsScript = goredis.NewScript(`
local n = 0
for i = 1, #ARGV, 4 do
  local g = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  if g == tonumber(ARGV[i + 1]) then
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2])
    redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 3])
    n = n + 1
  end
end
if n > 0 then redis.call('INCR', KEYS[4]) end
return n`)

// SaveStandings keeps the summaries still current, in one script. Not
// acknowledged by replicas: a summary lost in a failover is computed again.
func (s *Store) SaveStandings(ctx context.Context, teamID string, sums []coach.Summary) error {
	k, err := teamKeys(teamID)
	if err != nil {
		return err
	}
	for start := 0; start < len(sums); start += 1000 {
		args := make([]any, 0, 4*min(1000, len(sums)-start))
		for _, sum := range sums[start:min(len(sums), start+1000)] {
			if err := validKeyPart("partner", sum.Partner.ID); err != nil {
				return err
			}
			data, err := json.Marshal(sum)
			if err != nil {
				return fmt.Errorf("save standings: %w", err)
			}
			v := version(data)
			args = append(args, sum.Partner.ID, sum.Gen, data, v)
			// Kept decoded for the next ranking, by the version it would
			// be stored at: one not saved (its generation moved on) is
			// never asked for at that version, so it cannot be read back.
			kept := sum
			summaries.put(teamID, sum.Partner.ID, v, &kept)
		}
		if err := saveStandingsScript.Run(ctx, s.rdb, []string{k.generations(), k.summaries(), k.sumVersions(), k.standingsVersion()}, args...).Err(); err != nil {
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
	if _, err := s.rdb.TxPipelined(ctx, func(p goredis.Pipeliner) error {
		p.HIncrBy(ctx, k.generations(), partnerID, 1)
		p.Incr(ctx, k.standingsVersion())
		return nil
	}); err != nil {
		return wrap("touch partner", err)
	}
	return s.ack(ctx, "touch partner", k.generations())
}
