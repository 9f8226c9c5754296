package redis_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/storage/internal/v1fixture"
	"github.com/partnercoach/partnercoach/storage/redis"
	goredis "github.com/redis/go-redis/v9"
)

// loadV1 opens a store on a fresh database holding what release 1 wrote
// (storage/testdata/v1/redis.json).
func loadV1(t *testing.T) (*redis.Store, string) {
	t.Helper()
	url := redistest.New(t)
	s := mustOpen(t, url)
	t.Cleanup(func() { s.Close() })
	dump, err := v1fixture.ReadDump("../testdata/v1/redis.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := v1fixture.LoadRedis(context.Background(), s.Client(), dump); err != nil {
		t.Fatal(err)
	}
	return s, url
}

// checkV1Snapshot reads everything the fixture holds and compares it with
// what release 1 read back from the same data.
func checkV1Snapshot(t *testing.T, s coach.Store, expected string) {
	t.Helper()
	got, err := v1fixture.Read(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(expected)
	if err != nil {
		t.Fatal(err)
	}
	var want v1fixture.Snapshot
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	// Through JSON both ways, so zones and monotonic readings compare alike.
	var a, b any
	gotJSON, _ := json.Marshal(got)
	wantJSON, _ := json.Marshal(want)
	_ = json.Unmarshal(gotJSON, &a)
	_ = json.Unmarshal(wantJSON, &b)
	if d := cmp.Diff(b, a); d != "" {
		t.Fatalf("data written by release 1 reads differently (-release 1 +now):\n%s", d)
	}
	if n := len(got.Ledger["T0FIXA"]["fixture-partner-00"]); n != 24 {
		t.Fatalf("partner 00 has %d lines, want 24 (25 logged, one deleted)", n)
	}
}

func v1Keys(t *testing.T, rdb goredis.UniversalClient) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"pc:{*}:ledgerdata:*", "pc:{*}:ledger:*"} {
		ks, err := rdb.Keys(context.Background(), pat).Result()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ks...)
	}
	return out
}

// TestUpgrade_RedisReadsV1WithoutMigration: a replica that has not migrated
// (another holds the lease) still reads release-1 data whole, folding each
// partner's lines in as it meets them.
func TestUpgrade_RedisReadsV1WithoutMigration(t *testing.T) {
	s, _ := loadV1(t)
	if len(v1Keys(t, s.Client())) != 12 {
		t.Fatal("the fixture does not hold the 12 schema-1 ledger keys it was written with")
	}
	checkV1Snapshot(t, s, "../testdata/v1/expected-redis.json")
	if left := v1Keys(t, s.Client()); len(left) != 0 {
		t.Fatalf("schema-1 keys left after every partner was read: %v", left)
	}
}

// TestUpgrade_RedisMigrate: Migrate moves every partner, marks schema 2,
// reads equal, and a second run finds nothing to do.
func TestUpgrade_RedisMigrate(t *testing.T) {
	s, _ := loadV1(t)
	ctx := context.Background()
	rep, err := s.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.From != 0 || rep.To != redis.SchemaVersion || rep.Partners != 6 || rep.Skipped {
		t.Fatalf("migration report %+v, want 6 partners from 0 to %d", rep, redis.SchemaVersion)
	}
	if v, _ := s.Schema(ctx); v != redis.SchemaVersion {
		t.Fatalf("schema marker %d after migration", v)
	}
	if left := v1Keys(t, s.Client()); len(left) != 0 {
		t.Fatalf("schema-1 keys left: %v", left)
	}
	checkV1Snapshot(t, s, "../testdata/v1/expected-redis.json")
	rep, err = s.Migrate(ctx)
	if err != nil || rep.Partners != 0 || rep.From != redis.SchemaVersion {
		t.Fatalf("second migration: %+v, %v; want nothing to do", rep, err)
	}
	checkV1Snapshot(t, s, "../testdata/v1/expected-redis.json")
}

// TestUpgrade_RedisConcurrentMigrators: two replicas start together, both
// migrate while serving reads and writes; nothing is lost or doubled.
func TestUpgrade_RedisConcurrentMigrators(t *testing.T) {
	a, url := loadV1(t)
	b := mustOpen(t, url)
	defer b.Close()
	ctx := context.Background()
	var wg sync.WaitGroup
	reps := make([]redis.MigrateReport, 2)
	errs := make([]error, 4)
	for i, s := range []*redis.Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reps[i], errs[i] = s.Migrate(ctx)
		}()
	}
	// Meanwhile the second replica serves: it reads every ledger (folding
	// what the migration has not reached) and logs a line per partner.
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, team := range v1fixture.Teams {
			ps, err := b.Partners(ctx, team)
			if err != nil {
				errs[2] = err
				return
			}
			for _, p := range ps {
				if _, err := b.Contributions(ctx, team, p.ID, time.Time{}, time.Time{}); err != nil {
					errs[2] = err
					return
				}
				c := coach.Contribution{TeamID: team, PartnerID: p.ID, ID: "during-migration", Direction: coach.Got, Kind: coach.ContribLead,
					Amount: coach.Money{Currency: "EUR", Amount: 1}, Date: v1fixture.Now, Author: "U0NEW", CreatedAt: v1fixture.Now}
				if err := b.AddContribution(ctx, c); err != nil {
					errs[3] = err
					return
				}
			}
		}
	}()
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	// Under the lease, either one migrated while the other skipped, or the
	// second came after the first had finished and found nothing to move.
	if reps[0].Skipped == reps[1].Skipped && reps[0].Partners != 0 && reps[1].Partners != 0 {
		t.Fatalf("reports %+v, %+v: both migrated at once under the lease", reps[0], reps[1])
	}
	// Everything of release 1 is there once, plus the line logged during it.
	for _, s := range []*redis.Store{a, b} {
		cs, err := s.Contributions(ctx, "T0FIXB", "fixture-partner-12", time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, c := range cs {
			seen[c.ID]++
		}
		if len(cs) != 45+1-1 || seen["during-migration"] != 1 {
			t.Fatalf("partner 12 has %d lines (%d logged during the migration), want 45", len(cs), seen["during-migration"])
		}
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("line %s read %d times", id, n)
			}
		}
	}
	if left := v1Keys(t, a.Client()); len(left) != 0 {
		t.Fatalf("schema-1 keys left: %v", left)
	}
}

// oldAdd is release 1's AddContribution, verbatim: what a replica of the
// old release still running during a rolling update does.
var oldAdd = goredis.NewScript(`
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then return 1 end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[3]) == 1 then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
end
return 1`)

func oldReplicaAdd(t *testing.T, rdb goredis.UniversalClient, c coach.Contribution) {
	t.Helper()
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	p := "pc:{" + c.TeamID + "}:"
	if err := oldAdd.Run(context.Background(), rdb, []string{p + "ledger:" + c.PartnerID, p + "ledgerdata:" + c.PartnerID, p + "ledgergone:" + c.PartnerID},
		c.ID, c.Date.UnixMilli(), data).Err(); err != nil {
		t.Fatal(err)
	}
}

// TestUpgrade_RedisOldReplicaWritesAfterMigration: during a rolling update
// a replica of release 1 keeps logging into the schema-1 keys after the
// migration; the new release folds those lines in at its next touch of the
// partner, once each, even a retry of a line already migrated.
func TestUpgrade_RedisOldReplicaWritesAfterMigration(t *testing.T) {
	s, _ := loadV1(t)
	ctx := context.Background()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	team, partner := "T0FIXA", "fixture-partner-01"
	before, err := s.Contributions(ctx, team, partner, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	fresh := coach.Contribution{TeamID: team, PartnerID: partner, ID: "old-replica-1", Direction: coach.Gave, Kind: coach.ContribDeal,
		Amount: coach.Money{Currency: "USD", Amount: 777}, Date: v1fixture.Now.Add(time.Hour), Note: "logged by the old release", Author: "U0OLD", CreatedAt: v1fixture.Now}
	oldReplicaAdd(t, s.Client(), fresh)
	retry := before[3] // the old replica retries a command whose line is already migrated
	oldReplicaAdd(t, s.Client(), retry)
	gone := coach.Contribution{TeamID: team, PartnerID: partner, ID: "cmd-0.1.004", Date: v1fixture.Now, Author: "U0OLD", CreatedAt: v1fixture.Now}
	oldReplicaAdd(t, s.Client(), gone) // deleted in release 1: its tombstone still holds
	// A new replica's write to that partner folds the old replica's lines first.
	next := fresh
	next.ID, next.Author = "new-replica-1", "U0NEW"
	if err := s.AddContribution(ctx, next); err != nil {
		t.Fatal(err)
	}
	after, err := s.Contributions(ctx, team, partner, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+2 {
		t.Fatalf("%d lines after, %d before: want the old replica's new line and ours, nothing doubled", len(after), len(before))
	}
	var got coach.Contribution
	for _, c := range after {
		if c.ID == fresh.ID {
			got = c
		}
	}
	if got.Note != fresh.Note || got.Amount != fresh.Amount || !got.Date.Equal(fresh.Date) || got.Author != "U0OLD" {
		t.Fatalf("the old replica's line reads %+v, want %+v", got, fresh)
	}
	if left := v1Keys(t, s.Client()); len(left) != 0 {
		t.Fatalf("schema-1 keys left after the fold: %v", left)
	}
}

// TestUpgrade_RedisRefusesNewerSchema: a database a newer release wrote is
// refused with ErrSchemaNewer, and nothing is written to it.
func TestUpgrade_RedisRefusesNewerSchema(t *testing.T) {
	s, _ := loadV1(t)
	ctx := context.Background()
	if err := s.Client().Set(ctx, "pc:schema", redis.SchemaVersion+1, 0).Err(); err != nil {
		t.Fatal(err)
	}
	_, err := s.Migrate(ctx)
	if !errors.Is(err, redis.ErrSchemaNewer) {
		t.Fatalf("Migrate on schema %d: %v, want ErrSchemaNewer", redis.SchemaVersion+1, err)
	}
	if n := len(v1Keys(t, s.Client())); n != 12 {
		t.Fatalf("%d schema-1 keys left of 12: the refused migration wrote", n)
	}
}

// TestUpgrade_RedisCluster: on a Cluster, Migrate finds the schema-1 keys on
// every master.
func TestUpgrade_RedisCluster(t *testing.T) {
	c := redistest.StartCluster(t)
	s := mustOpen(t, c.URL())
	defer s.Close()
	ctx := context.Background()
	dump, err := v1fixture.ReadDump("../testdata/v1/redis.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := v1fixture.LoadRedis(ctx, s.Client(), dump); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Partners != 6 {
		t.Fatalf("migrated %d partners on the cluster, want 6", rep.Partners)
	}
	checkV1Snapshot(t, s, "../testdata/v1/expected-redis.json")
}
