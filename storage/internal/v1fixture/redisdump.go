package v1fixture

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// Key is one Redis key of a dump: its type, its value in the form of that
// type, and the time it had left to live (0: none).
type Key struct {
	Key  string            `json:"key"`
	Type string            `json:"type"`
	TTL  int64             `json:"ttl_ms,omitempty"`
	Str  string            `json:"string,omitempty"`
	Hash map[string]string `json:"hash,omitempty"`
	List []string          `json:"list,omitempty"`
	Set  []string          `json:"set,omitempty"`
	ZSet []goredis.Z       `json:"zset,omitempty"`
}

// DumpRedis returns every key of the database, sorted by name.
func DumpRedis(ctx context.Context, rdb goredis.UniversalClient) ([]Key, error) {
	var names []string
	iter := rdb.Scan(ctx, 0, "*", 1000).Iterator()
	for iter.Next(ctx) {
		names = append(names, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return nil, err
	}
	slices.Sort(names)
	names = slices.Compact(names)
	out := make([]Key, 0, len(names))
	for _, name := range names {
		typ, err := rdb.Type(ctx, name).Result()
		if err != nil {
			return nil, err
		}
		ttl, err := rdb.PTTL(ctx, name).Result()
		if err != nil {
			return nil, err
		}
		k := Key{Key: name, Type: typ}
		if ttl > 0 {
			k.TTL = ttl.Milliseconds()
		}
		switch typ {
		case "string":
			k.Str, err = rdb.Get(ctx, name).Result()
		case "hash":
			k.Hash, err = rdb.HGetAll(ctx, name).Result()
		case "list":
			k.List, err = rdb.LRange(ctx, name, 0, -1).Result()
		case "set":
			k.Set, err = rdb.SMembers(ctx, name).Result()
			slices.Sort(k.Set)
		case "zset":
			k.ZSet, err = rdb.ZRangeWithScores(ctx, name, 0, -1).Result()
		default:
			err = fmt.Errorf("key %s: type %s not dumped", name, typ)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, nil
}

// LoadRedis writes a dump into the database, each key with the time it had
// left to live.
func LoadRedis(ctx context.Context, rdb goredis.UniversalClient, dump []Key) error {
	for _, k := range dump {
		var err error
		switch k.Type {
		case "string":
			err = rdb.Set(ctx, k.Key, k.Str, 0).Err()
		case "hash":
			err = rdb.HSet(ctx, k.Key, k.Hash).Err()
		case "list":
			err = rdb.RPush(ctx, k.Key, anys(k.List)...).Err()
		case "set":
			err = rdb.SAdd(ctx, k.Key, anys(k.Set)...).Err()
		case "zset":
			err = rdb.ZAdd(ctx, k.Key, k.ZSet...).Err()
		default:
			err = fmt.Errorf("type %s", k.Type)
		}
		if err == nil && k.TTL > 0 {
			err = rdb.PExpire(ctx, k.Key, msDuration(k.TTL)).Err()
		}
		if err != nil {
			return fmt.Errorf("load key %s: %w", k.Key, err)
		}
	}
	return nil
}

// ReadDump reads a dump file written by WriteDump.
func ReadDump(path string) ([]Key, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var dump []Key
	if err := json.Unmarshal(data, &dump); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return dump, nil
}

// WriteJSON writes v indented, for a readable diff.
func WriteJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func msDuration(ms int64) time.Duration { return time.Duration(ms) * time.Millisecond }
