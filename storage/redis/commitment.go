package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// Commitments live in one hash per partner (key schema: keys.go):
//
//	pc:{T}:commitments:<partner>      hash    commitment ID → commitment JSON
func (k keys) commitments(p string) string { return k.prefix + "commitments:" + p }

func notFoundCommitment(id string) error {
	return &coach.Error{Code: coach.ENOTFOUND, Key: "commitment.not_found", Err: fmt.Errorf("commitment %s", id)}
}

// AddCommitment stores a commitment unless its ID is there (one HSETNX).
func (s *Store) AddCommitment(ctx context.Context, c coach.Commitment) error {
	k, err := teamAndPartner(c.TeamID, c.PartnerID)
	if err != nil {
		return err
	}
	if err := validField("commitment", c.ID); err != nil {
		return err
	}
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("add commitment: %w", err)
	}
	if err := s.rdb.HSetNX(ctx, k.commitments(c.PartnerID), c.ID, data).Err(); err != nil {
		return wrap("add commitment", err)
	}
	return s.ack(ctx, "add commitment", k.commitments(c.PartnerID))
}

// Commitment returns one commitment (one HGET).
func (s *Store) Commitment(ctx context.Context, teamID, partnerID, id string) (coach.Commitment, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return coach.Commitment{}, err
	}
	data, err := s.rdb.HGet(ctx, k.commitments(partnerID), id).Bytes()
	if errors.Is(err, goredis.Nil) {
		return coach.Commitment{}, notFoundCommitment(id)
	} else if err != nil {
		return coach.Commitment{}, wrap("get commitment", err)
	}
	var c coach.Commitment
	if err := json.Unmarshal(data, &c); err != nil {
		return coach.Commitment{}, fmt.Errorf("get commitment %s: %w", id, err)
	}
	return c, nil
}

// Commitments returns a partner's commitments by due day, then ID (one HGETALL).
func (s *Store) Commitments(ctx context.Context, teamID, partnerID string) ([]coach.Commitment, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	out, err := hgetall[coach.Commitment](ctx, s, "list commitments", k.commitments(partnerID))
	if err != nil {
		return nil, err
	}
	coach.SortCommitments(out)
	return out, nil
}

// UpdateCommitment is an optimistic transaction, as UpdatePartner: WATCH
// the hash, read, apply fn, write in MULTI/EXEC, retry on a lost race.
func (s *Store) UpdateCommitment(ctx context.Context, teamID, partnerID, id string, fn func(*coach.Commitment) error) (coach.Commitment, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return coach.Commitment{}, err
	}
	key := k.commitments(partnerID)
	var out coach.Commitment
	txf := func(tx *goredis.Tx) error {
		data, err := tx.HGet(ctx, key, id).Bytes()
		if errors.Is(err, goredis.Nil) {
			return notFoundCommitment(id)
		} else if err != nil {
			return err
		}
		var c coach.Commitment
		if err := json.Unmarshal(data, &c); err != nil {
			return err
		}
		if err := fn(&c); err != nil {
			return err
		}
		c.TeamID, c.PartnerID, c.ID = teamID, partnerID, id
		newData, err := json.Marshal(c)
		if err != nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(pipe goredis.Pipeliner) error {
			pipe.HSet(ctx, key, id, newData)
			return nil
		})
		if err == nil {
			out = c
		}
		return err
	}
	for range updateRetries {
		err := s.rdb.Watch(ctx, txf, key)
		if errors.Is(err, goredis.TxFailedErr) {
			continue
		}
		if err != nil {
			return coach.Commitment{}, wrap("update commitment", err)
		}
		if err := s.ack(ctx, "update commitment", key); err != nil {
			return coach.Commitment{}, err
		}
		return out, nil
	}
	return coach.Commitment{}, coach.NewError(coach.ECONFLICT, "commitment.changed")
}

// deleteCommitmentScript removes a field and returns what it held, in one
// atomic step (false when there was none).
var deleteCommitmentScript = goredis.NewScript(`
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return false end
redis.call('HDEL', KEYS[1], ARGV[1])
return v`)

// DeleteCommitment removes a commitment and returns it (one script).
func (s *Store) DeleteCommitment(ctx context.Context, teamID, partnerID, id string) (coach.Commitment, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return coach.Commitment{}, err
	}
	key := k.commitments(partnerID)
	data, err := deleteCommitmentScript.Run(ctx, s.rdb, []string{key}, id).Text()
	if errors.Is(err, goredis.Nil) {
		return coach.Commitment{}, notFoundCommitment(id)
	} else if err != nil {
		return coach.Commitment{}, wrap("delete commitment", err)
	}
	var c coach.Commitment
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		return coach.Commitment{}, fmt.Errorf("delete commitment %s: %w", id, err)
	}
	return c, s.ack(ctx, "delete commitment", key)
}
