package redis

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/internal/ledgerline"
	goredis "github.com/redis/go-redis/v9"
)

// reviseLine replaces (ARGV[3], a framed line for month ARGV[4]) or removes
// (ARGV[3] empty) the line whose encoding is still ARGV[2], and appends the
// revision ARGV[5] to the audit list: all or nothing, in one script. KEYS
// share the team's hash tag. Returns 1, 0 when the line is gone, -1 when it
// changed, -2 when schema-1 lines must be folded in first.
var reviseLine = goredis.NewScript(ledgerLua + `
if redis.call('EXISTS', KEYS[4]) == 1 then return -2 end
local month, run, s, e, line = find(KEYS[1], ARGV[1])
if not month then return 0 end
if line ~= ARGV[2] then return -1 end
remove(KEYS[1], month, run, s, e)
if ARGV[3] == '' then
  redis.call('SADD', KEYS[3], ARGV[1])
  dropDigest(KEYS[1], ARGV[1])
else
  append(KEYS[1], ARGV[4], ARGV[3])
end
redis.call('RPUSH', KEYS[2], ARGV[5])
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
	before := rev.Before
	before.ID = rev.ContributionID
	var after, month string
	if rev.After != nil {
		after, month = framed(*rev.After), monthOf(rev.After.Date)
	}
	data, err := json.Marshal(rev)
	if err != nil {
		return fmt.Errorf("revise contribution: %w", err)
	}
	ks := []string{k.ledgerLines(partnerID), k.ledgerAudit(partnerID), k.ledgerGone(partnerID), k.ledgerData(partnerID)}
	v, err := s.runLedger(ctx, "revise contribution", k, partnerID, reviseLine, ks,
		rev.ContributionID, string(ledgerline.Encode(before)), after, month, data)
	if err != nil {
		return err
	}
	switch n, _ := v.(int64); n {
	case 0:
		return coach.NewError(coach.ENOTFOUND, "contribution.not_found")
	case -1:
		return coach.NewError(coach.ECONFLICT, "contribution.changed")
	}
	return s.ack(ctx, "revise contribution", ks[0])
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
