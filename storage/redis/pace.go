package redis

import (
	"context"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// Replicas pace their posts to a channel through one key per channel, so
// that together they keep to Slack's pace instead of each keeping to it on
// its own (three replicas would post three times too fast and draw 429s).
// The key holds the channel's next free slot in Redis's own clock
// (milliseconds), which spares the replicas' clocks having to agree.

// reserveScript books the channel's next slot and returns how many
// milliseconds the caller must wait for it.
var reserveScript = goredis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if slot < now then slot = now end
local nxt = slot + tonumber(ARGV[1])
redis.call('SET', KEYS[1], nxt, 'PX', nxt - now + 1000)
return slot - now`)

// pushBackScript moves the channel's next slot to at least now + ARGV[1] ms.
var pushBackScript = goredis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untl = now + tonumber(ARGV[1])
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if untl > slot then redis.call('SET', KEYS[1], untl, 'PX', untl - now + 1000) end
return 1`)

func paceKey(channel string) (string, error) {
	if err := validKeyPart("channel", channel); err != nil {
		return "", err
	}
	return "pc:pace:{" + channel + "}", nil
}

// ReservePost books the next slot for a post to channel, interval after the
// previous one booked by any replica, and returns how long to wait for it.
func (s *Store) ReservePost(ctx context.Context, channel string, interval time.Duration) (time.Duration, error) {
	key, err := paceKey(channel)
	if err != nil {
		return 0, err
	}
	ms, err := reserveScript.Run(ctx, s.rdb, []string{key}, interval.Milliseconds()).Int64()
	if err != nil {
		return 0, wrap("reserve a post slot", err)
	}
	return time.Duration(ms) * time.Millisecond, nil
}

// PushBackPosts delays every replica's next post to channel by at least d
// (a 429's Retry-After).
func (s *Store) PushBackPosts(ctx context.Context, channel string, d time.Duration) error {
	key, err := paceKey(channel)
	if err != nil {
		return err
	}
	return wrap("push back posts", pushBackScript.Run(ctx, s.rdb, []string{key}, d.Milliseconds()).Err())
}
