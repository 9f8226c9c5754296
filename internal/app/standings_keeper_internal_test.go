package app

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// TestStandingsKeeper_ComputesAndRenews: the keeper leaves every team's
// standings kept and current, so that no user's ranking computes them:
// at start, and again once their time has run out.
func TestStandingsKeeper_ComputesAndRenews(t *testing.T) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	store, svc := boltService(t, &now)
	ctx := context.Background()
	for _, team := range []string{"T1", "T2"} {
		for _, name := range []string{"Acme", "Globex"} {
			if _, err := svc.AddPartner(ctx, team, "U1", coach.NewPartner{Name: name, Channel: "C1"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	kept := func(team string) []coach.StandingEntry {
		t.Helper()
		es, err := store.Standings(ctx, team)
		if err != nil {
			t.Fatal(err)
		}
		return es
	}
	for _, e := range kept("T1") {
		if e.Summary != nil {
			t.Fatalf("%s has a kept standing before the keeper ran", e.PartnerID)
		}
	}
	k := newStandingsKeeper(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if n := k.once(ctx); n != 2 {
		t.Fatalf("the keeper read %d teams, want 2", n)
	}
	for _, team := range []string{"T1", "T2"} {
		for _, e := range kept(team) {
			if e.Summary == nil || e.Summary.Gen != e.Gen || !now.Before(e.Summary.ValidUntil) {
				t.Fatalf("%s/%s after the keeper: %+v, want a current standing kept", team, e.PartnerID, e.Summary)
			}
		}
	}
	now = now.Add(25 * time.Hour) // past every standing's time
	k.once(ctx)
	for _, e := range kept("T2") {
		if e.Summary == nil || !now.Before(e.Summary.ValidUntil) {
			t.Fatalf("T2/%s a day later: %+v, want it computed again", e.PartnerID, e.Summary)
		}
	}
}

// TestStandingsKeeper_StopsWithContext: run returns (and says so) once its
// context ends.
func TestStandingsKeeper_StopsWithContext(t *testing.T) {
	k := &standingsKeeper{
		teams:     func(context.Context) ([]string, error) { return []string{"T1"}, nil },
		standings: func(context.Context, string) ([]*coach.Summary, error) { return nil, nil },
		log:       slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go k.run(ctx, time.Millisecond, done)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the keeper did not stop with its context")
	}
}
