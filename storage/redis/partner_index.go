package redis

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// The partner index (issue 15): pc:{T}:pidx, a sorted set whose members all
// have score 0, so that it sorts them as bytes and ZRANGEBYLEX reads a
// range of them. Two members per partner, no partner data copied:
//
//	i:<id>                          finds an ID or a prefix of one
//	n:<lower name>\x00<id>\x00<name> finds a name, a prefix, a page in name order
//	a:<lower name>\x00<id>\x00<name> the same for an archived partner (kept out of pages)
//
// It is written in the same script or MULTI as the partner, and rebuilt
// from the partners hash when its size is not twice the partners' count (a
// store written before it existed).

func (k keys) partnerIndex() string { return k.prefix + "pidx" }

func idMember(id string) string { return "i:" + id }

func nameMember(p coach.Partner) string {
	prefix := "n:"
	if p.Archived {
		prefix = "a:"
	}
	return prefix + coach.IndexKey(p.Name) + "\x00" + p.ID + "\x00" + p.Name
}

// nameSpaces are the two prefixes of name members: active, archived.
var nameSpaces = []string{"n:", "a:"}

// splitNameMember returns the ID and name of an n: member.
func splitNameMember(m string) (id, name string, ok bool) {
	var parts [3]string
	n, start := 0, 2
	for i := 2; i < len(m) && n < 2; i++ {
		if m[i] == 0 {
			parts[n] = m[start:i]
			n, start = n+1, i+1
		}
	}
	if n < 2 {
		return "", "", false
	}
	parts[2] = m[start:]
	return parts[1], parts[2], true
}

// ensureIndex rebuilds the team's index when its size says it is not
// complete. Cheap when it is (ZCARD and HLEN in one round trip).
func (s *Store) ensureIndex(ctx context.Context, k keys) error {
	var card, n *goredis.IntCmd
	if _, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		card = p.ZCard(ctx, k.partnerIndex())
		n = p.ZLexCount(ctx, k.partnerIndex(), "[n:", "(n;")
		return nil
	}); err != nil {
		return wrap("partner index", err)
	}
	if card.Val() == 2*n.Val() {
		return nil
	}
	return s.rebuildIndex(ctx, k)
}

// rebuildIndexScript replaces the index with the members given, in one step.
var rebuildIndexScript = goredis.NewScript(`
redis.call('DEL', KEYS[1])
redis.call('INCR', KEYS[2])
for i = 1, #ARGV, 500 do
  local args = {}
  for j = i, math.min(i + 499, #ARGV) do args[#args + 1] = 0; args[#args + 1] = ARGV[j] end
  redis.call('ZADD', KEYS[1], unpack(args))
end
return 1`)

func (s *Store) rebuildIndex(ctx context.Context, k keys) error {
	all, err := s.rdb.HGetAll(ctx, k.partners()).Result()
	if err != nil {
		return wrap("rebuild partner index", err)
	}
	members := make([]any, 0, 2*len(all))
	for id, v := range all {
		p, err := s.decoded.DecodeString(v)
		if err != nil {
			return fmt.Errorf("rebuild partner index: decode %s: %w", id, err)
		}
		members = append(members, idMember(p.ID), nameMember(p))
	}
	if err := rebuildIndexScript.Run(ctx, s.rdb, []string{k.partnerIndex(), k.standingsVersion()}, members...).Err(); err != nil {
		return wrap("rebuild partner index", err)
	}
	return nil
}

// partnersByID reads the partners named (HMGET), in the order given,
// skipping any that is gone.
func (s *Store) partnersByID(ctx context.Context, k keys, ids []string) ([]coach.Partner, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	vals, err := s.rdb.HMGet(ctx, k.partners(), ids...).Result()
	if err != nil {
		return nil, wrap("get partners", err)
	}
	out := make([]coach.Partner, 0, len(ids))
	for i, v := range vals {
		str, ok := v.(string)
		if !ok {
			continue
		}
		p, err := s.decoded.DecodeString(str)
		if err != nil {
			return nil, fmt.Errorf("get partner %s: %w", ids[i], err)
		}
		out = append(out, p)
	}
	return out, nil
}

// LookupPartners reads the index ranges a query may name (ZRANGEBYLEX),
// then those partners (HMGET).
func (s *Store) LookupPartners(ctx context.Context, teamID, query string, limit int) ([]coach.Partner, error) {
	k, err := teamKeys(teamID)
	if err != nil {
		return nil, err
	}
	if err := s.ensureIndex(ctx, k); err != nil {
		return nil, err
	}
	slug, lower := coach.Slug(query), coach.IndexKey(query)
	lim := int64(max(limit, 1))
	var exact, byName []*goredis.StringSliceCmd
	var byID *goredis.StringSliceCmd
	if _, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		for _, ns := range nameSpaces {
			exact = append(exact, p.ZRangeByLex(ctx, k.partnerIndex(), &goredis.ZRangeBy{Min: "[" + ns + lower + "\x00", Max: "(" + ns + lower + "\x01"}))
			if lower != "" {
				byName = append(byName, p.ZRangeByLex(ctx, k.partnerIndex(), &goredis.ZRangeBy{Min: "[" + ns + lower, Max: "(" + ns + lower + "\xff", Count: lim}))
			}
		}
		if slug != "" {
			byID = p.ZRangeByLex(ctx, k.partnerIndex(), &goredis.ZRangeBy{Min: "[i:" + slug, Max: "(i:" + slug + "\xff", Count: lim})
		}
		return nil
	}); err != nil {
		return nil, wrap("find partner", err)
	}
	seen := map[string]bool{}
	var ids []string
	addID := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if slug != "" {
		addID(slug) // the exact ID, if it exists (HMGET skips it if not)
	}
	names := func(cs []*goredis.StringSliceCmd) {
		for _, c := range cs {
			for _, m := range c.Val() {
				if id, _, ok := splitNameMember(m); ok {
					addID(id)
				}
			}
		}
	}
	names(exact)
	if byID != nil {
		for _, m := range byID.Val() {
			addID(m[2:])
		}
	}
	names(byName)
	return s.partnersByID(ctx, k, ids)
}

// PartnerNames reads the names from the index, never the partners.
func (s *Store) PartnerNames(ctx context.Context, teamID string) ([]string, error) {
	k, err := teamKeys(teamID)
	if err != nil {
		return nil, err
	}
	if err := s.ensureIndex(ctx, k); err != nil {
		return nil, err
	}
	var out []string
	for _, ns := range nameSpaces {
		ms, err := s.rdb.ZRangeByLex(ctx, k.partnerIndex(), &goredis.ZRangeBy{Min: "[" + ns, Max: "(" + ns[:1] + ";"}).Result()
		if err != nil {
			return nil, wrap("partner names", err)
		}
		for _, m := range ms {
			if _, name, ok := splitNameMember(m); ok {
				out = append(out, name)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return strings.Compare(coach.IndexKey(a), coach.IndexKey(b)) })
	return out, nil
}

// PartnersPage reads one range of the active names in order, then those
// partners; the count is ZLEXCOUNT's.
func (s *Store) PartnersPage(ctx context.Context, teamID string, offset, limit int) ([]coach.Partner, int, error) {
	k, err := teamKeys(teamID)
	if err != nil {
		return nil, 0, err
	}
	if err := s.ensureIndex(ctx, k); err != nil {
		return nil, 0, err
	}
	var ms *goredis.StringSliceCmd
	var n *goredis.IntCmd
	if _, err := s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
		ms = p.ZRangeByLex(ctx, k.partnerIndex(), &goredis.ZRangeBy{Min: "[n:", Max: "(n;", Offset: int64(max(offset, 0)), Count: int64(max(limit, 1))})
		n = p.ZLexCount(ctx, k.partnerIndex(), "[n:", "(n;")
		return nil
	}); err != nil {
		return nil, 0, wrap("list partners", err)
	}
	ids := make([]string, 0, len(ms.Val()))
	for _, m := range ms.Val() {
		if id, _, ok := splitNameMember(m); ok {
			ids = append(ids, id)
		}
	}
	ps, err := s.partnersByID(ctx, k, ids)
	return ps, int(n.Val()), err
}

// PartnerReminders reads the partner's reminders by their IDs, one per
// kind (HMGET), never the team's whole hash.
func (s *Store) PartnerReminders(ctx context.Context, teamID, partnerID string) ([]coach.Reminder, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(coach.ReminderKinds))
	for _, d := range coach.ReminderKinds {
		ids = append(ids, coach.ReminderID(partnerID, d.Kind))
	}
	slices.Sort(ids)
	vals, err := s.rdb.HMGet(ctx, k.reminders(), ids...).Result()
	if err != nil {
		return nil, wrap("partner reminders", err)
	}
	var out []coach.Reminder
	for i, v := range vals {
		str, ok := v.(string)
		if !ok {
			continue
		}
		var r coach.Reminder
		if err := json.Unmarshal([]byte(str), &r); err != nil {
			return nil, fmt.Errorf("reminder %s: %w", ids[i], err)
		}
		out = append(out, r)
	}
	return out, nil
}
