package redis

import (
	"context"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// sentRetention keeps delivery records well past the runner's catch-up grace
// window (24 h by default), so a late catch-up never re-sends.
const sentRetention = 40 * 24 * time.Hour

// claim: sent wins; else take (or renew) the lease unless another holder has
// a live one. The claim key expires with the lease, which is how a dead
// holder's claim is taken over.
var claimScript = goredis.NewScript(`
local ts = redis.call('GET', KEYS[2])
if ts then return {'sent', ts} end
local h = redis.call('GET', KEYS[1])
if (not h) or h == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return {'taken', ''}
end
return {'held', h}`)

var markSentScript = goredis.NewScript(`
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`)

var releaseScript = goredis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`)

func occKeys(o coach.Occurrence) ([]string, error) {
	k, err := teamKeys(o.TeamID)
	if err != nil {
		return nil, err
	}
	if err := validField("reminder", o.ReminderID); err != nil {
		return nil, err
	}
	return []string{k.occurrence(o), k.sent(o)}, nil
}

// Claim takes, renews, or reports the occurrence (one round trip).
func (s *Store) Claim(ctx context.Context, o coach.Occurrence, holder string, lease time.Duration) (coach.Claim, error) {
	ks, err := occKeys(o)
	if err != nil {
		return coach.Claim{}, err
	}
	res, err := claimScript.Run(ctx, s.rdb, ks, holder, lease.Milliseconds()).StringSlice()
	if err != nil {
		return coach.Claim{}, wrap("claim reminder", err)
	}
	switch res[0] {
	case "sent":
		return coach.Claim{Status: coach.ClaimSent, MessageTS: res[1]}, nil
	case "held":
		return coach.Claim{Status: coach.ClaimHeld, Holder: res[1]}, nil
	}
	// A claim lost in a failover would let another replica post the same
	// reminder: it is kept like any acknowledged write.
	if err := s.ack(ctx, "claim reminder", ks[0]); err != nil {
		return coach.Claim{}, err
	}
	return coach.Claim{Status: coach.ClaimTaken}, nil
}

// MarkSent records delivery and drops the claim.
func (s *Store) MarkSent(ctx context.Context, o coach.Occurrence, holder, ts string) error {
	ks, err := occKeys(o)
	if err != nil {
		return err
	}
	if err := markSentScript.Run(ctx, s.rdb, ks, holder, ts, sentRetention.Milliseconds()).Err(); err != nil {
		return wrap("mark reminder sent", err)
	}
	return s.ack(ctx, "mark reminder sent", ks[0])
}

// Release drops holder's claim.
func (s *Store) Release(ctx context.Context, o coach.Occurrence, holder string) error {
	ks, err := occKeys(o)
	if err != nil {
		return err
	}
	return wrap("release reminder", releaseScript.Run(ctx, s.rdb, ks[:1], holder).Err())
}
