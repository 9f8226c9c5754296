package redis

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// ItemStates returns one checklist's states (HGETALL).
func (s *Store) ItemStates(ctx context.Context, teamID, partnerID, templateID string) (map[string]coach.ItemState, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	if err := validKeyPart("template", templateID); err != nil {
		return nil, err
	}
	all, err := s.rdb.HGetAll(ctx, k.checklist(partnerID, templateID)).Result()
	if err != nil {
		return nil, wrap("checklist states", err)
	}
	return decodeStates(all)
}

// SetItemState writes one item, unless it is already in that state, and
// reads back every state in one script, one round trip. Each item is its own hash field, so concurrent clicks on
// different items never overwrite each other.
func (s *Store) SetItemState(ctx context.Context, teamID, partnerID, templateID string, st coach.ItemState) (map[string]coach.ItemState, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	if err := validKeyPart("template", templateID); err != nil {
		return nil, err
	}
	if st.ItemID == "" || len(st.ItemID) > 255 {
		return nil, coach.NewError(coach.EINVALID, "checklist.item.invalid")
	}
	data, err := json.Marshal(st)
	if err != nil {
		return nil, fmt.Errorf("set checklist item: %w", err)
	}
	res, err := setItemScript.Run(ctx, s.rdb, []string{k.checklist(partnerID, templateID)}, st.ItemID, data, coach.MarkKey(st)).StringSlice()
	if err != nil {
		return nil, wrap("set checklist item", err)
	}
	all := make(map[string]string, len(res)/2)
	for i := 0; i+1 < len(res); i += 2 {
		all[res[i]] = res[i+1]
	}
	if err := s.ack(ctx, "set checklist item", k.partners()); err != nil {
		return nil, err
	}
	return decodeStates(all)
}

// setItemScript writes an item unless it is already in the state asked for
// (coach.MarkKey: done, not met, overruled and note; an item never set is
// open with no note), then returns every state: one round trip.
var setItemScript = goredis.NewScript(`
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local key = '0|0|0|'
if cur then
  local ok, st = pcall(cjson.decode, cur)
  if ok and type(st) == 'table' then
    local function b(v) if v == true then return '1' end return '0' end
    local note = st['note']
    if type(note) ~= 'string' then note = '' end
    key = b(st['done']) .. '|' .. b(st['not_met']) .. '|' .. b(st['overruled']) .. '|' .. note
  end
end
if key ~= ARGV[3] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return redis.call('HGETALL', KEYS[1])
`)

func decodeStates(all map[string]string) (map[string]coach.ItemState, error) {
	out := make(map[string]coach.ItemState, len(all))
	for id, v := range all {
		var st coach.ItemState
		if err := json.Unmarshal([]byte(v), &st); err != nil {
			return nil, fmt.Errorf("checklist state %s: %w", id, err)
		}
		out[id] = st
	}
	return out, nil
}
