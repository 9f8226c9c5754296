package redis_test

import (
	"context"
	"github.com/partnercoach/partnercoach/coach"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/storage/redis"
	"github.com/partnercoach/partnercoach/storage/storetest"
)

// memoryPartners is how many realistic partners the measurement stores; the
// figure is their total divided by this.
const memoryPartners = 20

// seedRealisticTeam stores n realistic partners (storetest.SeedRealisticTeam).
// Their kept standings are computed too, as every replica's standings
// keeper does in production: they are part of what a partner costs.
func seedRealisticTeam(tb testing.TB, s *redis.Store, team string, n int) {
	storetest.SeedRealisticTeam(tb, s, team, n)
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		tb.Fatal(err)
	}
	if sums, err := coach.NewService(s, tpl, nil).Standings(context.Background(), team); err != nil || len(sums) != n {
		tb.Fatalf("standings of %d partners: %d, %v", n, len(sums), err)
	}
}

// teamMemory sums MEMORY USAGE over every key of the database, which must
// all belong to team (its hash tag) except the shared set of teams.
func teamMemory(tb testing.TB, s *redis.Store, team string) (bytes int64, keys int, byKind map[string]int64) {
	tb.Helper()
	ctx := context.Background()
	rdb := s.Client()
	prefix := "pc:{" + team + "}:"
	byKind = map[string]int64{}
	iter := rdb.Scan(ctx, 0, "*", 1000).Iterator()
	for iter.Next(ctx) {
		k := iter.Val()
		if k == "pc:teams" {
			continue
		}
		if !strings.HasPrefix(k, prefix) {
			tb.Errorf("key %q is outside the team's hash tag %s", k, prefix)
			continue
		}
		n, err := rdb.MemoryUsage(ctx, k, 0).Result() // SAMPLES 0: every element
		if err != nil {
			tb.Fatal(err)
		}
		bytes += n
		keys++
		kind, _, _ := strings.Cut(strings.TrimPrefix(k, prefix), ":")
		byKind[kind] += n
	}
	if err := iter.Err(); err != nil {
		tb.Fatal(err)
	}
	return bytes, keys, byKind
}

// TestMemoryPerPartner measures the Redis memory a realistic partner takes
// (MEMORY USAGE over all of a team's keys, divided by its partners) and checks
// it stays within the budget docs/reliability.md states: 48 KiB a partner,
// so a workspace with 10,000 partners fits in under 480 MiB. Release 1 took
// 131.5 KiB; the compact ledger lines (schema 2) brought it down.
func TestMemoryPerPartner(t *testing.T) {
	url := redistest.SharedURL(t)
	s := mustOpen(t, url)
	defer s.Close()
	if err := s.Client().FlushDB(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	seedRealisticTeam(t, s, "T0MEM", memoryPartners)
	bytes, keys, byKind := teamMemory(t, s, "T0MEM")
	per := bytes / memoryPartners
	t.Logf("%d partners: %d keys, %d bytes in all, %d bytes (%.1f KiB) a partner", memoryPartners, keys, bytes, per, float64(per)/1024)
	for _, kind := range slices.Sorted(maps.Keys(byKind)) {
		t.Logf("  %-10s %6.1f KiB a partner", kind, float64(byKind[kind])/memoryPartners/1024)
	}
	if wantKeys := memoryPartners * 5; keys < wantKeys { // ledger lines, 2 checklists, events, deals
		t.Errorf("found %d keys, want at least %d: some of the team's data is not under its hash tag", keys, wantKeys)
	}
	if per <= 0 || per > 48<<10 {
		t.Errorf("%d bytes a partner, outside the budget of 48 KiB", per)
	}
}

// BenchmarkMemoryPerPartner reports the same figure as a benchmark metric:
//
//	go test -run '^$' -bench MemoryPerPartner -benchtime 1x ./storage/redis/
func BenchmarkMemoryPerPartner(b *testing.B) {
	url := redistest.SharedURL(b)
	s := mustOpen(b, url)
	defer s.Close()
	for range b.N {
		if err := s.Client().FlushDB(context.Background()).Err(); err != nil {
			b.Fatal(err)
		}
		seedRealisticTeam(b, s, "T0MEM", memoryPartners)
	}
	bytes, keys, _ := teamMemory(b, s, "T0MEM")
	b.ReportMetric(float64(bytes)/memoryPartners, "bytes/partner")
	b.ReportMetric(float64(keys)/memoryPartners, "keys/partner")
}
