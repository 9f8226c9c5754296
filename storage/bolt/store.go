// Package bolt is Partner Coach's embedded store: everything in one bbolt
// file, no server needed. It is the default when no Redis URL is configured.
//
// Layout: one top-level bucket per team ("team:<ID>"), holding a bucket per
// record kind, so teams are kept apart by construction. Only one process may
// open the file at a time (bbolt takes an exclusive file lock); a replicated
// deployment uses the Redis store instead.
package bolt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/internal/recordcache"
	bbolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// The whole contract coach declares, claims and posting slots included.
var _ coach.Store = (*Store)(nil)

// Store is a coach.Store on one bbolt file.
type Store struct {
	db   *bbolt.DB
	path string
	// decoded keeps partners already decoded, by their stored JSON: every
	// command that names a partner reads all of the team's partners.
	decoded *recordcache.Cache[coach.Partner]
	// lastPrune is when Claim last swept a team's claims (unix nanoseconds,
	// keyed by team ID): see pruneClaims.
	lastPrune sync.Map
	// slots is each channel's posting pace (pace.go).
	slots postSlots
	// migrated counts the ledger lines Open moved to schema 2 (schema.go).
	migrated int
	// lastStandings is the last standings read per team (issue 15).
	lastStandings lastStandings
}

// decodedPartners bounds the partner cache (a few MB).
const decodedPartners = 10_000

var (
	_ coach.Store      = (*Store)(nil)
	_ coach.ClaimStore = (*Store)(nil)
)

// LockTimeout is how long Open waits for another process to release the file.
const LockTimeout = time.Second

// Open opens (creating if needed) the data file at path.
func Open(path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("open data file %s: %w", path, err)
		}
	}
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: LockTimeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("the data file %s is in use by another Partner Coach process; stop that process, or set DATA_PATH to another file (several replicas need REDIS_URL)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("open data file %s: %w", path, err)
	}
	// Schema upgrade (schema.go): refuse a newer file, rewrite release-1
	// ledger lines compact, in one transaction.
	migrated, err := migrate(db)
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open data file %s: %w", path, err)
	}
	return &Store{db: db, path: path, decoded: recordcache.New[coach.Partner](decodedPartners), migrated: migrated}, nil
}

// Migrated is how many release-1 ledger lines Open rewrote in schema 2.
func (s *Store) Migrated() int { return s.migrated }

// Close closes the file; calling it again does nothing.
func (s *Store) Close() error { return s.db.Close() }

// Ping reports whether the file is open.
func (s *Store) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.db.Path() == "" {
		return coach.Unavailable("ping", errors.New("data file closed"))
	}
	return nil
}

// Bucket names inside a team's bucket.
var (
	bPartners   = []byte("partners")
	bChecklists = []byte("checklists")
	bLedger     = []byte("ledger")
	bLedgerIDs  = []byte("ledger-ids")
	bEvents     = []byte("events")
	bDeals      = []byte("deals")
	bReminders  = []byte("reminders")
	bClaims     = []byte("claims")
)

const teamPrefix = "team:"

func teamKey(teamID string) []byte { return []byte(teamPrefix + teamID) }

func checkID(what, id string) error {
	if id == "" || len(id) > 255 {
		return coach.NewError(coach.EINVALID, "id.empty", what)
	}
	return nil
}

// view runs a read transaction on one team's bucket; tb is nil when the team
// has stored nothing yet.
func (s *Store) view(ctx context.Context, op, teamID string, fn func(tb *bbolt.Bucket) error) error {
	if err := ctx.Err(); err != nil {
		return coach.Unavailable(op, err)
	}
	if err := checkID("team", teamID); err != nil {
		return err
	}
	err := s.db.View(func(tx *bbolt.Tx) error { return fn(tx.Bucket(teamKey(teamID))) })
	return wrap(op, err)
}

// update runs a write transaction on one team's bucket, creating it.
func (s *Store) update(ctx context.Context, op, teamID string, fn func(tb *bbolt.Bucket) error) error {
	if err := ctx.Err(); err != nil {
		return coach.Unavailable(op, err)
	}
	if err := checkID("team", teamID); err != nil {
		return err
	}
	err := s.db.Update(func(tx *bbolt.Tx) error {
		tb, err := tx.CreateBucketIfNotExists(teamKey(teamID))
		if err != nil {
			return err
		}
		return fn(tb)
	})
	return wrap(op, err)
}

// wrap keeps coach errors as they are and turns bbolt's into EUNAVAILABLE
// (a closed database) or adds the operation.
func wrap(op string, err error) error {
	var ce *coach.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce):
		return err
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return coach.Unavailable(op, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// sub returns the bucket at path under b, or nil if any level is missing.
func sub(b *bbolt.Bucket, path ...[]byte) *bbolt.Bucket {
	for _, p := range path {
		if b == nil {
			return nil
		}
		b = b.Bucket(p)
	}
	return b
}

// mksub creates the buckets along path under b.
func mksub(b *bbolt.Bucket, path ...[]byte) (*bbolt.Bucket, error) {
	for _, p := range path {
		var err error
		if b, err = b.CreateBucketIfNotExists(p); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func put(b *bbolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), data)
}

// Teams lists the teams that have stored anything.
func (s *Store) Teams(ctx context.Context) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, coach.Unavailable("teams", err)
	}
	var out []string
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.ForEach(func(name []byte, _ *bbolt.Bucket) error {
			if t, ok := strings.CutPrefix(string(name), teamPrefix); ok {
				out = append(out, t)
			}
			return nil
		})
	})
	sort.Strings(out)
	return out, wrap("teams", err)
}

// get reads key from b, treating a missing bucket as a missing key.
func get(b *bbolt.Bucket, key string) []byte {
	if b == nil {
		return nil
	}
	return b.Get([]byte(key))
}

// Path is the data file's path.
func (s *Store) Path() string { return s.path }
