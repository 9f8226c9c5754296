package app

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/bolt"
)

// TestHealthSweep_OncePerWeekAcrossReplicas: three replicas sweeping at the
// same time take each team's week once; the next week is taken again.
func TestHealthSweep_OncePerWeekAcrossReplicas(t *testing.T) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	store, svc := boltService(t, &now)
	ctx := context.Background()
	for _, team := range []string{"T1", "T2"} {
		if _, err := svc.AddPartner(ctx, team, "U1", coach.NewPartner{Name: "Acme", Channel: "C1"}); err != nil {
			t.Fatal(err)
		}
	}
	var calls atomic.Int32
	sweep := func(holder string) *healthSweep {
		h := newHealthSweep(svc, holder, slog.New(slog.NewTextHandler(io.Discard, nil)))
		h.snapshot = func(ctx context.Context, team string) (int, error) {
			calls.Add(1)
			return svc.SnapshotHealth(ctx, team)
		}
		return h
	}
	var wg sync.WaitGroup
	for _, holder := range []string{"r1", "r2", "r3"} {
		wg.Go(func() { sweep(holder).once(ctx) })
	}
	wg.Wait()
	if n := calls.Load(); n != 2 {
		t.Fatalf("%d snapshots taken by three replicas for two teams, want 2", n)
	}
	if n := sweep("r1").once(ctx); n != 0 || calls.Load() != 2 {
		t.Fatalf("a second sweep in the same week took %d teams, want none", n)
	}
	for _, team := range []string{"T1", "T2"} {
		hs, err := store.HealthHistory(ctx, team, "acme", time.Time{})
		if err != nil || len(hs) != 1 || !hs[0].Week.Equal(coach.WeekOf(now)) {
			t.Fatalf("%s history = %+v, %v; want this week's snapshot", team, hs, err)
		}
	}
	now = now.AddDate(0, 0, 7)
	if n := sweep("r2").once(ctx); n != 2 {
		t.Fatalf("next week's sweep took %d teams, want 2", n)
	}
}

// boltService is a coach service on a fresh embedded store whose clock
// reads *now.
func boltService(t *testing.T, now *time.Time) (*bolt.Store, *coach.Service) {
	t.Helper()
	store, err := bolt.Open(filepath.Join(t.TempDir(), "pc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	svc := coach.NewService(store, tpl, nil)
	svc.Now = func() time.Time { return *now }
	return store, svc
}
