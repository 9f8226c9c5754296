package redis

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// reviseContribution replaces (ARGV[3] not empty, scored ARGV[4]) or removes
// an entry whose JSON is still ARGV[2], and appends the revision ARGV[5] to
// the audit list: all or nothing, in one script. KEYS share the team's hash
// tag. Returns 1, 0 when the entry is gone, -1 when it changed.
var reviseContribution = goredis.NewScript(`
local cur = redis.call('HGET', KEYS[2], ARGV[1])
if not cur then return 0 end
if cur ~= ARGV[2] then return -1 end
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('SADD', KEYS[4], ARGV[1])
else
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
end
redis.call('RPUSH', KEYS[3], ARGV[5])
return 1`)

func (k keys) ledgerAudit(p string) string { return k.prefix + "ledgeraudit:" + p }
func (k keys) ledgerGone(p string) string  { return k.prefix + "ledgergone:" + p }

// ReviseContribution replaces or removes an entry and records the revision,
// in one script.
func (s *Store) ReviseContribution(ctx context.Context, teamID, partnerID string, rev coach.Revision) error {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return err
	}
	if err := validField("contribution", rev.ContributionID); err != nil {
		return err
	}
	before, err := json.Marshal(rev.Before)
	if err != nil {
		return fmt.Errorf("revise contribution: %w", err)
	}
	var after []byte
	var score int64
	if rev.After != nil {
		if after, err = json.Marshal(*rev.After); err != nil {
			return fmt.Errorf("revise contribution: %w", err)
		}
		score = scoreOf(rev.After.Date)
	}
	data, err := json.Marshal(rev)
	if err != nil {
		return fmt.Errorf("revise contribution: %w", err)
	}
	n, err := reviseContribution.Run(ctx, s.rdb, []string{k.ledger(partnerID), k.ledgerData(partnerID), k.ledgerAudit(partnerID), k.ledgerGone(partnerID)},
		rev.ContributionID, before, after, score, data).Int()
	if err != nil {
		return wrap("revise contribution", err)
	}
	switch n {
	case 0:
		return coach.NewError(coach.ENOTFOUND, "contribution.not_found")
	case -1:
		return coach.NewError(coach.ECONFLICT, "contribution.changed")
	}
	return s.ack(ctx, "revise contribution", k.ledger(partnerID))
}

// Revisions returns a partner's audit trail, oldest first.
func (s *Store) Revisions(ctx context.Context, teamID, partnerID string) ([]coach.Revision, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	vals, err := s.rdb.LRange(ctx, k.ledgerAudit(partnerID), 0, -1).Result()
	if err != nil {
		return nil, wrap("read ledger audit", err)
	}
	out := make([]coach.Revision, 0, len(vals))
	for _, v := range vals {
		var r coach.Revision
		if err := json.Unmarshal([]byte(v), &r); err != nil {
			return nil, fmt.Errorf("read ledger audit: %w", err)
		}
		out = append(out, r)
	}
	return out, nil
}
