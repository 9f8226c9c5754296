package redis

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// addContribution adds the JSON once per ID: HSETNX decides, then ZADD indexes
// by date. One script, so a replay can never index a contribution twice. An
// ID deleted with its record (KEYS[3], see ReviseContribution) stays
// deleted: a late retry of the request that logged it changes nothing.
var addContribution = goredis.NewScript(`
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then return 1 end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[3]) == 1 then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
end
return 1`)

var deleteContribution = goredis.NewScript(`
if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
return 1`)

// readWindow returns the JSON of the contributions scored in [min, max].
var readWindow = goredis.NewScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[2])
if #ids == 0 then return {} end
return redis.call('HMGET', KEYS[2], unpack(ids))`)

func scoreOf(t time.Time) int64 { return t.UnixMilli() }

// AddContribution stores a contribution once per ID (one round trip).
func (s *Store) AddContribution(ctx context.Context, c coach.Contribution) error {
	k, err := teamAndPartner(c.TeamID, c.PartnerID)
	if err != nil {
		return err
	}
	if c.ID == "" || len(c.ID) > 255 {
		return coach.NewError(coach.EINVALID, "contribution.id.invalid")
	}
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("add contribution: %w", err)
	}
	err = addContribution.Run(ctx, s.rdb, []string{k.ledger(c.PartnerID), k.ledgerData(c.PartnerID), k.ledgerGone(c.PartnerID)}, c.ID, scoreOf(c.Date), data).Err()
	if err != nil {
		return wrap("add contribution", err)
	}
	return s.ack(ctx, "add contribution", k.ledger(c.PartnerID))
}

// DeleteContribution removes one contribution.
func (s *Store) DeleteContribution(ctx context.Context, teamID, partnerID, id string) error {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return err
	}
	n, err := deleteContribution.Run(ctx, s.rdb, []string{k.ledger(partnerID), k.ledgerData(partnerID)}, id).Int()
	if err != nil {
		return wrap("delete contribution", err)
	}
	if n == 0 {
		return coach.NewError(coach.ENOTFOUND, "contribution.not_found")
	}
	return s.ack(ctx, "delete contribution", k.ledger(partnerID))
}

// Contributions returns contributions dated in [from, to), oldest first, in
// one round trip. Scores are milliseconds; the exact bounds are applied here.
func (s *Store) Contributions(ctx context.Context, teamID, partnerID string, from, to time.Time) ([]coach.Contribution, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	lo, hi := "-inf", "+inf"
	if !from.IsZero() {
		lo = strconv.FormatInt(scoreOf(from), 10)
	}
	if !to.IsZero() {
		hi = strconv.FormatInt(scoreOf(to), 10)
	}
	vals, err := readWindow.Run(ctx, s.rdb, []string{k.ledger(partnerID), k.ledgerData(partnerID)}, lo, hi).Slice()
	if err != nil {
		return nil, wrap("read ledger", err)
	}
	out := make([]coach.Contribution, 0, len(vals))
	for _, v := range vals {
		str, ok := v.(string)
		if !ok {
			continue // deleted between the two reads of the script: cannot happen, scripts are atomic
		}
		var c coach.Contribution
		if err := json.Unmarshal([]byte(str), &c); err != nil {
			return nil, fmt.Errorf("read ledger: %w", err)
		}
		if (!from.IsZero() && c.Date.Before(from)) || (!to.IsZero() && !c.Date.Before(to)) {
			continue
		}
		out = append(out, c)
	}
	// ZRANGEBYSCORE orders by score then member; order within a millisecond by date.
	sortByDate(out)
	return out, nil
}

// sortByDate orders contributions by date, then ID, so equal dates list the
// same way on every store.
func sortByDate(cs []coach.Contribution) {
	slices.SortStableFunc(cs, func(a, b coach.Contribution) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}
