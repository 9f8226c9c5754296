package redis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// Schema versions. Schema 1 (release 1) kept each ledger line as JSON in
// pc:{T}:ledgerdata:<partner>, indexed by date in the sorted set
// pc:{T}:ledger:<partner>. Schema 2 keeps them compact, by month, in
// pc:{T}:lm:<partner> (ledger.go). Every other key is the same in both.
const (
	SchemaVersion = 2
	schemaKey     = "pc:schema"
	migrationKey  = "pc:migration"
)

// MigrationLease bounds how long a migrating replica that died keeps the
// others from migrating; a live one renews it after every partner.
var MigrationLease = 30 * time.Second

// ErrSchemaNewer: the database was written by a newer release than this
// one, which must not write to it.
var ErrSchemaNewer = errors.New("the Redis database was written by a newer Partner Coach release")

func (k keys) ledger(p string) string     { return k.prefix + "ledger:" + p }     // schema 1: zset
func (k keys) ledgerData(p string) string { return k.prefix + "ledgerdata:" + p } // schema 1: hash

// foldLines moves a partner's schema-1 lines into its schema-2 hash if the
// schema-1 hash still holds exactly what the caller read (ARGV[1] fields,
// then per line: ID, JSON, month, framed line); a line whose ID is already
// in schema 2 is dropped. Returns 1, or -1 when the schema-1 lines changed
// meanwhile (read again).
var foldLines = goredis.NewScript(ledgerLua + `
if redis.call('HLEN', KEYS[3]) ~= tonumber(ARGV[1]) then return -1 end
for i = 2, #ARGV, 4 do
  if redis.call('HGET', KEYS[3], ARGV[i]) ~= ARGV[i + 1] then return -1 end
end
local have = ids(KEYS[1])
local ds = {}
for i = 2, #ARGV, 4 do
  if not have[ARGV[i]] then
    have[ARGV[i]] = true
    append(KEYS[1], ARGV[i + 2], ARGV[i + 3])
    table.insert(ds, digest(ARGV[i]))
  end
end
addDigests(KEYS[1], table.concat(ds))
redis.call('DEL', KEYS[2], KEYS[3])
return 1`)

// foldV1 moves one partner's schema-1 lines, if any, into schema 2, in one
// atomic script; it reads again when they changed in between.
func (s *Store) foldV1(ctx context.Context, k keys, partnerID string) error {
	for range 10 {
		old, err := s.rdb.HGetAll(ctx, k.ledgerData(partnerID)).Result()
		if err != nil {
			return wrap("read schema-1 ledger", err)
		}
		args := make([]any, 0, 1+4*len(old))
		args = append(args, len(old))
		for id, js := range old {
			var c coach.Contribution
			if err := json.Unmarshal([]byte(js), &c); err != nil {
				return fmt.Errorf("schema-1 ledger line %s of %s: %w", id, partnerID, err)
			}
			c.ID = id
			args = append(args, id, js, monthOf(c.Date), framed(c))
		}
		n, err := foldLines.Run(ctx, s.rdb, []string{k.ledgerLines(partnerID), k.ledger(partnerID), k.ledgerData(partnerID)}, args...).Int()
		if err != nil {
			return wrap("fold schema-1 ledger", err)
		}
		if n == 1 {
			return s.ack(ctx, "fold schema-1 ledger", k.ledgerLines(partnerID))
		}
	}
	return coach.NewError(coach.ECONFLICT, "contribution.changed")
}

// renewLease extends the lease if the caller still holds it.
var renewLease = goredis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`)

// Schema returns the schema version the database says it holds: 0 for an
// empty or release-1 database (which has no marker).
func (s *Store) Schema(ctx context.Context) (int, error) {
	v, err := s.rdb.Get(ctx, schemaKey).Result()
	if errors.Is(err, goredis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, wrap("read schema version", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("schema version %q: %w", v, err)
	}
	return n, nil
}

// MigrateReport says what Migrate did.
type MigrateReport struct {
	From, To int
	Partners int  // partners whose schema-1 lines were moved
	Skipped  bool // another replica holds the migration lease
}

// Migrate brings the database to SchemaVersion; replicas run it at start.
// It refuses (ErrSchemaNewer) a database marked with a newer schema. One
// replica at a time migrates, under a lease (pc:migration, MigrationLease,
// renewed as it goes); another finds the lease taken and goes on at once:
// until the migration ends every ledger operation folds the partner's
// schema-1 lines in itself, so nothing waits for it and nothing is read
// twice. Running it again finds nothing to move.
func (s *Store) Migrate(ctx context.Context) (MigrateReport, error) {
	from, err := s.Schema(ctx)
	if err != nil {
		return MigrateReport{}, err
	}
	rep := MigrateReport{From: from, To: SchemaVersion}
	if from > SchemaVersion {
		return rep, fmt.Errorf("%w: it holds schema %d, this release knows up to %d; run the newer release, or restore a backup taken before it", ErrSchemaNewer, from, SchemaVersion)
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	holder := hex.EncodeToString(b[:])
	ok, err := s.rdb.SetNX(ctx, migrationKey, holder, MigrationLease).Result()
	if err != nil {
		return rep, wrap("take migration lease", err)
	}
	if !ok {
		rep.Skipped = true
		return rep, nil
	}
	defer s.rdb.Eval(context.WithoutCancel(ctx), `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, []string{migrationKey}, holder)
	var keysFound []string
	scan := func(ctx context.Context, c *goredis.Client) error {
		iter := c.Scan(ctx, 0, "pc:{*}:ledgerdata:*", 1000).Iterator()
		for iter.Next(ctx) {
			keysFound = append(keysFound, iter.Val())
		}
		return iter.Err()
	}
	switch c := s.rdb.(type) {
	case *goredis.ClusterClient:
		var mu sync.Mutex // ForEachMaster runs the masters in parallel
		err = c.ForEachMaster(ctx, func(ctx context.Context, n *goredis.Client) error {
			mu.Lock()
			defer mu.Unlock()
			return scan(ctx, n)
		})
	case *goredis.Client:
		err = scan(ctx, c)
	default:
		err = fmt.Errorf("migrate: unsupported client %T", s.rdb)
	}
	if err != nil {
		return rep, wrap("find schema-1 ledgers", err)
	}
	for _, key := range keysFound {
		team, partner, ok := parseV1Key(key)
		if !ok {
			continue
		}
		k, err := teamKeys(team)
		if err != nil {
			continue // not a key this store wrote
		}
		if err := s.foldV1(ctx, k, partner); err != nil {
			return rep, err
		}
		rep.Partners++
		held, err := renewLease.Run(ctx, s.rdb, []string{migrationKey}, holder, MigrationLease.Milliseconds()).Int()
		if err != nil {
			return rep, wrap("renew migration lease", err)
		}
		if held == 0 {
			// Expired: another replica may be migrating now; it is safe
			// (every fold is atomic), but leave the marker to it.
			return rep, nil
		}
	}
	// The marker is written only if no newer release wrote one meanwhile.
	if err := s.rdb.Eval(ctx, `local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if v < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`, []string{schemaKey}, SchemaVersion).Err(); err != nil {
		return rep, wrap("write schema version", err)
	}
	return rep, nil
}

// parseV1Key splits pc:{T}:ledgerdata:<partner>.
func parseV1Key(key string) (team, partner string, ok bool) {
	rest, ok := strings.CutPrefix(key, "pc:{")
	if !ok {
		return "", "", false
	}
	team, rest, ok = strings.Cut(rest, "}:ledgerdata:")
	return team, rest, ok && team != "" && rest != ""
}
