package redis

import (
	"context"
	"encoding/json"
	"fmt"

	goredis "github.com/redis/go-redis/v9"
)

// Events, deals and reminders are each a hash of JSON records by ID: saving
// is one HSET, listing one HGETALL.

// hset stores v as JSON under field. With team set, the same round trip
// (a pipeline) also records the team in pc:teams.
func (s *Store) hset(ctx context.Context, op, key, field string, v any, team string) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if team == "" {
		err = s.rdb.HSet(ctx, key, field, data).Err()
	} else {
		_, err = s.rdb.Pipelined(ctx, func(pipe goredis.Pipeliner) error {
			pipe.HSet(ctx, key, field, data)
			pipe.SAdd(ctx, teamsKey, team)
			return nil
		})
	}
	if err != nil {
		return wrap(op, err)
	}
	return s.ack(ctx, op, key)
}

// hgetall decodes every record of a hash, in no particular order.
func hgetall[T any](ctx context.Context, s *Store, op, key string) ([]T, error) {
	all, err := s.rdb.HGetAll(ctx, key).Result()
	if err != nil {
		return nil, wrap(op, err)
	}
	out, err := decodeAll[T](all)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

func decodeAll[T any](m map[string]string) ([]T, error) {
	out := make([]T, 0, len(m))
	for id, v := range m {
		var x T
		if err := json.Unmarshal([]byte(v), &x); err != nil {
			return nil, fmt.Errorf("decode %s: %w", id, err)
		}
		out = append(out, x)
	}
	return out, nil
}
