package bolt_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/bolt"
)

// TestPruneClaims: run-out leases and delivery records past SentRetention
// are deleted; live leases and recent deliveries are kept and still answer
// as before.
func TestPruneClaims(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, filepath.Join(t.TempDir(), "pc.db"))
	defer s.Close()
	const team = "T0PRUNE"
	now := time.Now()
	occ := func(id string, at time.Time) coach.Occurrence {
		return coach.Occurrence{TeamID: team, ReminderID: id, At: at}
	}
	expired := occ("expired", now.Add(-time.Hour))
	live := occ("live", now.Add(-time.Hour))
	oldSent := occ("old-sent", now.Add(-bolt.SentRetention-24*time.Hour))
	recentSent := occ("recent-sent", now.Add(-24*time.Hour))
	command := occ("cmd.0123", time.Unix(0, 0)) // as the bot's dedupe claims

	claim := func(o coach.Occurrence, holder string, lease time.Duration) coach.Claim {
		t.Helper()
		c, err := s.Claim(ctx, o, holder, lease)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	claim(expired, "a", time.Millisecond)
	claim(live, "a", time.Hour)
	claim(command, "cmd/1", 2*time.Minute)
	for _, o := range []coach.Occurrence{oldSent, recentSent} {
		claim(o, "a", time.Minute)
		if err := s.MarkSent(ctx, o, "a", "1700000000.000100"); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(5 * time.Millisecond)

	n, err := s.PruneClaims(ctx, team, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("pruned %d records, want 2 (the run-out lease and the delivery past retention)", n)
	}
	if c := claim(live, "b", time.Minute); c.Status != coach.ClaimHeld || c.Holder != "a" {
		t.Fatalf("live lease after pruning: %+v, want held by a", c)
	}
	if c := claim(recentSent, "b", time.Minute); c.Status != coach.ClaimSent {
		t.Fatalf("recent delivery after pruning: %+v, want sent", c)
	}
	if c := claim(command, "cmd/2", time.Minute); c.Status != coach.ClaimHeld {
		t.Fatalf("command claim inside its window: %+v, want held", c)
	}

	// Three minutes on, the command's window has run out too.
	if n, err := s.PruneClaims(ctx, team, time.Now().Add(3*time.Minute)); err != nil || n != 1 {
		t.Fatalf("pruned %d records (%v) three minutes on, want 1 (the command)", n, err)
	}
	// Nothing else to prune; another team's claims are untouched.
	if _, err := s.Claim(ctx, coach.Occurrence{TeamID: "T0OTHER", ReminderID: "x", At: now}, "a", time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if n, err := s.PruneClaims(ctx, team, time.Now().Add(3*time.Minute)); err != nil || n != 0 {
		t.Fatalf("second prune: %d (%v), want 0", n, err)
	}
}

// TestPruneClaims_ByClaim: Claim prunes the team's dead records by itself,
// the first time it writes for that team in a process and every PruneEvery
// after.
func TestPruneClaims_ByClaim(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "pc.db")
	s := mustOpen(t, path)
	const team = "T0PRUNE"
	for i := range 50 {
		o := coach.Occurrence{TeamID: team, ReminderID: "cmd.x", At: time.Unix(int64(i), 0)}
		if _, err := s.Claim(ctx, o, "h", time.Millisecond); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	s = mustOpen(t, path)
	defer s.Close()
	if _, err := s.Claim(ctx, coach.Occurrence{TeamID: team, ReminderID: "new", At: time.Now()}, "h", time.Hour); err != nil {
		t.Fatal(err)
	}
	if n, err := s.PruneClaims(ctx, team, time.Now()); err != nil || n != 0 {
		t.Fatalf("after a Claim, %d dead records were left (%v), want 0: Claim did not prune", n, err)
	}
}
