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

// SetItemState writes one item and reads back every state in one MULTI/EXEC,
// one round trip. Each item is its own hash field, so concurrent clicks on
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
	var all *goredis.MapStringStringCmd
	_, err = s.rdb.TxPipelined(ctx, func(pipe goredis.Pipeliner) error {
		pipe.HSet(ctx, k.checklist(partnerID, templateID), st.ItemID, data)
		all = pipe.HGetAll(ctx, k.checklist(partnerID, templateID))
		return nil
	})
	if err != nil {
		return nil, wrap("set checklist item", err)
	}
	if err := s.ack(ctx, "set checklist item", k.partners()); err != nil {
		return nil, err
	}
	return decodeStates(all.Val())
}

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
