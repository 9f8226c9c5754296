package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// updateRetries is how many lost optimistic races UpdatePartner absorbs
// before telling the caller to retry.
const updateRetries = 20

func notFoundPartner(id string) error {
	return &coach.Error{Code: coach.ENOTFOUND, Key: "partner.not_found", Args: []any{id}}
}

// createScript stores a partner (KEYS[1] field ARGV[1] = ARGV[2]) unless the
// field exists, and its reminders (KEYS[2], then field/value pairs), in one
// atomic step: a script runs whole or not at all, and is replicated and
// written to the AOF as one transaction. Both keys share the team's hash tag,
// so it runs on a Cluster too. Returns 0 when the partner existed (nothing
// written).
//
// Issue 15: the partner index (KEYS[3], members ARGV[3] and ARGV[4]) is
// written in the same step, and the standings count (KEYS[4]) moved on;
// reminders follow from ARGV[5].
var createScript = goredis.NewScript(`
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('ZADD', KEYS[3], 0, ARGV[3], 0, ARGV[4])
redis.call('INCR', KEYS[4])
for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
return 1`)

// CreatePartner stores a new partner with its reminders (one script; the
// team index in the same round trip, before it, so that a partner is never
// stored in a team the reminder runner does not walk).
func (s *Store) CreatePartner(ctx context.Context, p coach.Partner, reminders []coach.Reminder) error {
	k, err := teamAndPartner(p.TeamID, p.ID)
	if err != nil {
		return err
	}
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("create partner: %w", err)
	}
	args := make([]any, 0, 4+2*len(reminders))
	args = append(args, p.ID, data, idMember(p.ID), nameMember(p))
	for _, r := range reminders {
		if r.TeamID != p.TeamID || r.PartnerID != p.ID {
			return fmt.Errorf("create partner %s: reminder %s belongs to another partner", p.ID, r.ID)
		}
		if err := validReminderID(r.ID); err != nil {
			return err
		}
		rd, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("create partner: %w", err)
		}
		args = append(args, r.ID, rd)
	}
	var created *goredis.Cmd
	_, err = s.rdb.Pipelined(ctx, func(pipe goredis.Pipeliner) error {
		pipe.SAdd(ctx, teamsKey, p.TeamID)
		created = createScript.Eval(ctx, pipe, []string{k.partners(), k.reminders(), k.partnerIndex(), k.standingsVersion()}, args...)
		return nil
	})
	if err != nil {
		return wrap("create partner", err)
	}
	if n, _ := created.Int64(); n == 0 {
		return coach.NewError(coach.ECONFLICT, "partner.id.exists", p.ID)
	}
	return s.ack(ctx, "create partner", k.partners())
}

// Partner returns one partner (HGET).
func (s *Store) Partner(ctx context.Context, teamID, id string) (coach.Partner, error) {
	k, err := teamAndPartner(teamID, id)
	if err != nil {
		return coach.Partner{}, err
	}
	data, err := s.rdb.HGet(ctx, k.partners(), id).Bytes()
	if errors.Is(err, goredis.Nil) {
		return coach.Partner{}, notFoundPartner(id)
	} else if err != nil {
		return coach.Partner{}, wrap("get partner", err)
	}
	p, err := s.decoded.Decode(data)
	if err != nil {
		return coach.Partner{}, fmt.Errorf("get partner %s: %w", id, err)
	}
	return p, nil
}

// Partners returns every partner of the team sorted by ID (HGETALL).
func (s *Store) Partners(ctx context.Context, teamID string) ([]coach.Partner, error) {
	k, err := teamKeys(teamID)
	if err != nil {
		return nil, err
	}
	all, err := s.rdb.HGetAll(ctx, k.partners()).Result()
	if err != nil {
		return nil, wrap("list partners", err)
	}
	out := make([]coach.Partner, 0, len(all))
	for id, v := range all {
		p, err := s.decoded.DecodeString(v)
		if err != nil {
			return nil, fmt.Errorf("list partners: decode %s: %w", id, err)
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// UpdatePartner is an optimistic transaction: WATCH the partners hash, read,
// apply fn, write in MULTI/EXEC; a concurrent write aborts EXEC and we retry.
func (s *Store) UpdatePartner(ctx context.Context, teamID, id string, fn func(*coach.Partner) error) (coach.Partner, error) {
	k, err := teamAndPartner(teamID, id)
	if err != nil {
		return coach.Partner{}, err
	}
	var out coach.Partner
	txf := func(tx *goredis.Tx) error {
		data, err := tx.HGet(ctx, k.partners(), id).Bytes()
		if errors.Is(err, goredis.Nil) {
			return notFoundPartner(id)
		} else if err != nil {
			return err
		}
		var p coach.Partner
		if err := json.Unmarshal(data, &p); err != nil {
			return err
		}
		oldName := nameMember(p)
		if err := fn(&p); err != nil {
			return err
		}
		p.TeamID, p.ID = teamID, id
		newData, err := json.Marshal(p)
		if err != nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(pipe goredis.Pipeliner) error {
			pipe.HSet(ctx, k.partners(), id, newData)
			if n := nameMember(p); n != oldName { // the index follows a new name
				pipe.ZRem(ctx, k.partnerIndex(), oldName)
				pipe.ZAdd(ctx, k.partnerIndex(), goredis.Z{Member: n})
			}
			pipe.Incr(ctx, k.standingsVersion()) // the standings show the partner
			return nil
		})
		if err == nil {
			out = p
		}
		return err
	}
	for range updateRetries {
		err := s.rdb.Watch(ctx, txf, k.partners())
		if errors.Is(err, goredis.TxFailedErr) {
			continue
		}
		if err != nil {
			return coach.Partner{}, wrap("update partner", err)
		}
		if err := s.ack(ctx, "update partner", k.partners()); err != nil {
			return coach.Partner{}, err
		}
		return out, nil
	}
	return coach.Partner{}, coach.NewError(coach.ECONFLICT, "partner.changed")
}
