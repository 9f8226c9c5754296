// Package storetest is the conformance suite every coach.Store passes: one
// set of behaviours, run against the embedded store and against Redis (single
// server and cluster), so the stores cannot drift apart.
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// Harness tells the suite how to make stores of one kind.
type Harness struct {
	// New returns an empty store. The suite closes it.
	New func(t testing.TB) coach.Store
	// Reopen closes s and opens a store over the same data, as after a
	// process restart. Nil: the durability tests are not run.
	Reopen func(t testing.TB, s coach.Store) coach.Store
	// Unreachable returns a store whose backend cannot be reached. Nil for
	// embedded stores, which have no backend to lose.
	Unreachable func(t testing.TB) coach.Store
}

// Run runs every behaviour against the harness's stores.
func Run(t *testing.T, h Harness) {
	t.Run("Partner", func(t *testing.T) { testPartners(t, h) })
	t.Run("Checklist", func(t *testing.T) { testChecklists(t, h) })
	t.Run("ChecklistCopies", func(t *testing.T) { testChecklistCopies(t, h) })
	t.Run("Ledger", func(t *testing.T) { testLedger(t, h) })
	t.Run("LedgerAudit", func(t *testing.T) { testLedgerAudit(t, h) })
	t.Run("LedgerPages", func(t *testing.T) { testLedgerPages(t, h) })   // exports (issue 17)
	t.Run("LedgerMonths", func(t *testing.T) { testLedgerMonths(t, h) }) // issue 15: lines grouped by month
	t.Run("Event", func(t *testing.T) { testEvents(t, h) })
	t.Run("Deal", func(t *testing.T) { testDeals(t, h) })
	t.Run("Reminder", func(t *testing.T) { testReminders(t, h) })
	t.Run("Isolation", func(t *testing.T) { testIsolation(t, h) })
	t.Run("Concurrency", func(t *testing.T) { testConcurrency(t, h) })
	t.Run("Claim", func(t *testing.T) { testClaims(t, h) })
	t.Run("PostSlots", func(t *testing.T) { testPostSlots(t, h) })
	t.Run("Threads", func(t *testing.T) { testThreads(t, h) })
	// Issue 17: spreadsheet import.
	t.Run("Import", func(t *testing.T) { testImport(t, h) })
	t.Run("HealthHistory", func(t *testing.T) { testHealthHistory(t, h) }) // issue 16
	t.Run("Commitments", func(t *testing.T) { testCommitments(t, h) })     // issue 16
	t.Run("PlanPlace", func(t *testing.T) { testPlanPlace(t, h) })         // living plan (issue 16)
	// Big teams (issue 15).
	t.Run("PartnerIndex", func(t *testing.T) { testPartnerIndex(t, h) })
	t.Run("Standings", func(t *testing.T) { testStandings(t, h) })
	t.Run("PartnerReminders", func(t *testing.T) { testPartnerReminders(t, h) })
	if h.Reopen != nil {
		t.Run("Durability", func(t *testing.T) { testDurability(t, h) })
	} else {
		t.Log("Durability: not run, the harness has no Reopen")
	}
	if h.Unreachable != nil {
		t.Run("Unreachable", func(t *testing.T) { testUnreachable(t, h) })
	}
}

func open(t *testing.T, h Harness) coach.Store {
	t.Helper()
	s := h.New(t)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

// at is a fixed instant in a non-UTC zone, so zone handling is exercised.
func at(t *testing.T, day int) time.Time {
	t.Helper()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2026, 3, day, 10, 30, 15, 123456789, paris)
}

func partner(team, id string) coach.Partner {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return coach.Partner{TeamID: team, ID: id, Name: "Partner " + id, Kind: coach.KindReseller, Stage: coach.StageProspect,
		Owner: "U1", Channel: "C1", CreatedAt: now, UpdatedAt: now, StageChangedAt: now}
}

func mustCreate(t *testing.T, s coach.Store, p coach.Partner) {
	t.Helper()
	if err := s.CreatePartner(ctx(t), p, nil); err != nil {
		t.Fatalf("CreatePartner(%s/%s): %v", p.TeamID, p.ID, err)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := coach.ErrorCode(err); got != code {
		t.Fatalf("got error %v (code %q), want code %q", err, got, code)
	}
}
