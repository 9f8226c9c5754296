package redis

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/internal/ledgerline"
	goredis "github.com/redis/go-redis/v9"
)

// Ledger lines (schema 2) live in one hash per partner, pc:{T}:lm:<partner>:
// a field per month of the line's date (UTC, "200601"), whose value is the
// month's lines one after the other, each framed by its length and encoded
// by ledgerline (ID first). A month past 8 KiB moves its lines to a chunk
// field ("200601:1", ":2"…, counted in "#200601") and starts again, so an
// add never rewrites more than that. Field "#ids" holds 8 hex digits of
// the SHA-1 of every line's ID: an add whose ID is not among them is new
// without reading a line. A year of lines is a dozen fields, not hundreds
// of JSON records with a sorted-set entry each: about a quarter of the
// memory. A window is read with one script over its months.
//
// The scripts below share these Lua helpers.
const ledgerLua = `
local CHUNK = 8192
local function uvarint(s, pos)
  local x, mul = 0, 1
  while true do
    local b = string.byte(s, pos)
    if not b then return nil, pos end
    pos = pos + 1
    x = x + (b % 128) * mul
    if b < 128 then return x, pos end
    mul = mul * 128
  end
end
local function lineID(run, p)
  local n, q = uvarint(run, p + 1)
  return string.sub(run, q, q + n - 1)
end
-- needle is how a line with ID id starts: its version byte and its ID,
-- length first. A plain search for it skips, at C speed, the months that
-- cannot hold the line; a month where it appears (maybe inside a note) is
-- then read line by line.
local function needle(id)
  local n = #id
  if n < 128 then return '\1' .. string.char(n) .. id end
  return '\1' .. string.char(n % 128 + 128, math.floor(n / 128)) .. id
end
local function find(key, id)
  local all = redis.call('HGETALL', key)
  local ndl = needle(id)
  for i = 1, #all, 2 do
    local run = all[i + 1]
    if string.sub(all[i], 1, 1) ~= '#' and string.find(run, ndl, 1, true) then
      local pos = 1
      while pos <= #run do
        local n, p = uvarint(run, pos)
        if lineID(run, p) == id then
          return all[i], run, pos, p + n - 1, string.sub(run, p, p + n - 1)
        end
        pos = p + n
      end
    end
  end
  return nil
end
local function ids(key)
  local set = {}
  local all = redis.call('HGETALL', key)
  for i = 1, #all, 2 do
    local run = all[i + 1]
    if string.sub(all[i], 1, 1) ~= '#' then
      local pos = 1
      while pos <= #run do
        local n, p = uvarint(run, pos)
        set[lineID(run, p)] = true
        pos = p + n
      end
    end
  end
  return set
end
local function digest(id) return string.sub(redis.sha1hex(id), 1, 8) end
-- digestAt returns where id's digest is in the "#ids" field, or nil.
local function digestAt(d, id)
  local h = digest(id)
  local init = 1
  while true do
    local p = string.find(d, h, init, true)
    if not p then return nil end
    if (p - 1) % 8 == 0 then return p end
    init = p + 1
  end
end
local function addDigests(key, ds)
  local d = redis.call('HGET', key, '#ids') or ''
  redis.call('HSET', key, '#ids', d .. ds)
end
local function dropDigest(key, id)
  local d = redis.call('HGET', key, '#ids') or ''
  local p = digestAt(d, id)
  if p then redis.call('HSET', key, '#ids', string.sub(d, 1, p - 1) .. string.sub(d, p + 8)) end
end
local function remove(key, month, run, s, e)
  local rest = string.sub(run, 1, s - 1) .. string.sub(run, e + 1)
  if rest == '' and not string.find(month, ':', 1, true) then
    redis.call('HDEL', key, month)
  else
    redis.call('HSET', key, month, rest)
  end
end
local function append(key, month, framed)
  local cur = redis.call('HGET', key, month) or ''
  if #cur > 0 and #cur + #framed > CHUNK then
    local k = redis.call('HINCRBY', key, '#' .. month, 1)
    redis.call('HSET', key, month .. ':' .. k, cur)
    cur = ''
  end
  redis.call('HSET', key, month, cur .. framed)
end
`

// v1Present is what a ledger script returns when the partner still has
// lines in the schema-1 keys (written before the migration, or by a replica
// of the old release during a rolling update): the caller folds them in
// (foldV1) and runs the script again.
const v1Present = -2

// addLine adds a line once per ID: a line with that ID already stored, or
// deleted (KEYS[2], see ReviseContribution), changes nothing.
var addLine = goredis.NewScript(ledgerLua + `
if redis.call('EXISTS', KEYS[3]) == 1 then return -2 end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 1 end
if digestAt(redis.call('HGET', KEYS[1], '#ids') or '', ARGV[1]) and find(KEYS[1], ARGV[1]) then return 1 end
append(KEYS[1], ARGV[2], ARGV[3])
addDigests(KEYS[1], digest(ARGV[1]))
return 1`)

var deleteLine = goredis.NewScript(ledgerLua + `
if redis.call('EXISTS', KEYS[2]) == 1 then return -2 end
local month, run, s, e = find(KEYS[1], ARGV[1])
if not month then return 0 end
remove(KEYS[1], month, run, s, e)
dropDigest(KEYS[1], ARGV[1])
return 1`)

// readLines returns the runs of the months ARGV names, chunks included,
// or of every month when ARGV is empty.
var readLines = goredis.NewScript(`
if redis.call('EXISTS', KEYS[2]) == 1 then return -2 end
local out = {}
if #ARGV == 0 then
  local all = redis.call('HGETALL', KEYS[1])
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, 1) ~= '#' then table.insert(out, all[i + 1]) end
  end
  return out
end
for _, m in ipairs(ARGV) do
  local head = redis.call('HGET', KEYS[1], m)
  if head then table.insert(out, head) end
  local k = tonumber(redis.call('HGET', KEYS[1], '#' .. m) or '0')
  for i = 1, k do
    local c = redis.call('HGET', KEYS[1], m .. ':' .. i)
    if c then table.insert(out, c) end
  end
end
return out`)

func (k keys) ledgerLines(p string) string { return k.prefix + "lm:" + p }

// monthOf names the field a line dated t is kept in.
func monthOf(t time.Time) string { return t.UTC().Format("200601") }

// maxWindowMonths: a window longer than this reads every month.
const maxWindowMonths = 36

// windowMonths lists the fields that may hold lines dated in [from, to);
// nil means all of them.
func windowMonths(from, to time.Time) []any {
	if from.IsZero() || to.IsZero() || !from.Before(to) {
		if !from.IsZero() && !to.IsZero() {
			return []any{} // empty window
		}
		return nil
	}
	var out []any
	m := time.Date(from.UTC().Year(), from.UTC().Month(), 1, 0, 0, 0, 0, time.UTC)
	for m.Before(to) {
		if len(out) == maxWindowMonths {
			return nil
		}
		out = append(out, monthOf(m))
		m = m.AddDate(0, 1, 0)
	}
	return out
}

func framed(c coach.Contribution) string { return string(ledgerline.AppendFramed(nil, c)) }

// runLedger runs a ledger script, folding schema-1 lines in first when it
// finds some (a few times at most: an old replica may keep writing).
func (s *Store) runLedger(ctx context.Context, op string, k keys, partnerID string, script *goredis.Script, ks []string, args ...any) (any, error) {
	for range 5 {
		v, err := script.Run(ctx, s.rdb, ks, args...).Result()
		if err != nil {
			return nil, wrap(op, err)
		}
		if n, ok := v.(int64); ok && n == v1Present {
			if err := s.foldV1(ctx, k, partnerID); err != nil {
				return nil, fmt.Errorf("%s: %w", op, err)
			}
			continue
		}
		return v, nil
	}
	return nil, coach.NewError(coach.ECONFLICT, "contribution.changed")
}

// AddContribution stores a contribution once per ID (one round trip).
func (s *Store) AddContribution(ctx context.Context, c coach.Contribution) error {
	k, err := teamAndPartner(c.TeamID, c.PartnerID)
	if err != nil {
		return err
	}
	if c.ID == "" || len(c.ID) > 255 {
		return coach.NewError(coach.EINVALID, "contribution.id.invalid")
	}
	ks := []string{k.ledgerLines(c.PartnerID), k.ledgerGone(c.PartnerID), k.ledgerData(c.PartnerID)}
	if _, err := s.runLedger(ctx, "add contribution", k, c.PartnerID, addLine, ks, c.ID, monthOf(c.Date), framed(c)); err != nil {
		return err
	}
	return s.ack(ctx, "add contribution", ks[0])
}

// DeleteContribution removes one contribution.
func (s *Store) DeleteContribution(ctx context.Context, teamID, partnerID, id string) error {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return err
	}
	ks := []string{k.ledgerLines(partnerID), k.ledgerData(partnerID)}
	v, err := s.runLedger(ctx, "delete contribution", k, partnerID, deleteLine, ks, id)
	if err != nil {
		return err
	}
	if n, _ := v.(int64); n == 0 {
		return coach.NewError(coach.ENOTFOUND, "contribution.not_found")
	}
	return s.ack(ctx, "delete contribution", ks[0])
}

// Contributions returns contributions dated in [from, to), oldest first, in
// one round trip: the window's months, then the exact bounds applied here.
func (s *Store) Contributions(ctx context.Context, teamID, partnerID string, from, to time.Time) ([]coach.Contribution, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	months := windowMonths(from, to)
	if months != nil && len(months) == 0 {
		return []coach.Contribution{}, nil
	}
	v, err := s.runLedger(ctx, "read ledger", k, partnerID, readLines, []string{k.ledgerLines(partnerID), k.ledgerData(partnerID)}, months...)
	if err != nil {
		return nil, err
	}
	runs, _ := v.([]any)
	out := make([]coach.Contribution, 0, 16*len(runs))
	for _, r := range runs {
		run, ok := r.(string)
		if !ok {
			continue // a month with no lines
		}
		cs, err := decodeRun(run, teamID, partnerID)
		if err != nil {
			return nil, fmt.Errorf("read ledger: %w", err)
		}
		for _, c := range cs {
			if (!from.IsZero() && c.Date.Before(from)) || (!to.IsZero() && !c.Date.Before(to)) {
				continue
			}
			out = append(out, c)
		}
	}
	sortByDate(out)
	return out, nil
}

func decodeRun(run, teamID, partnerID string) ([]coach.Contribution, error) {
	lines, err := ledgerline.Split([]byte(run))
	if err != nil {
		return nil, err
	}
	out := make([]coach.Contribution, 0, len(lines))
	for _, l := range lines {
		c, err := ledgerline.Decode(l, teamID, partnerID)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
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
