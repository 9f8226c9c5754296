package storetest

import (
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// testHealthHistory checks the weekly health snapshots (issue 16): a week
// written twice keeps the later score, history comes back oldest first from
// the week asked, weeks older than two years are dropped on append, and
// partners and teams are apart.
func testHealthHistory(t *testing.T, h Harness) {
	s := open(t, h)
	week := func(n int) time.Time {
		return coach.WeekOf(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)).AddDate(0, 0, 7*n)
	}
	if got, err := s.HealthHistory(ctx(t), "T1", "acme", week(-10)); err != nil || len(got) != 0 {
		t.Fatalf("empty history = %v, %v; want none", got, err)
	}
	for i, score := range []int{40, 45, 50} {
		if err := s.AppendHealthSnapshot(ctx(t), "T1", "acme", coach.HealthSnapshot{Week: week(i - 2), Score: score}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AppendHealthSnapshot(ctx(t), "T1", "acme", coach.HealthSnapshot{Week: week(0), Score: 55}); err != nil {
		t.Fatal(err)
	}
	if err := s.AppendHealthSnapshot(ctx(t), "T1", "globex", coach.HealthSnapshot{Week: week(0), Score: 10}); err != nil {
		t.Fatal(err)
	}
	if err := s.AppendHealthSnapshot(ctx(t), "T2", "acme", coach.HealthSnapshot{Week: week(0), Score: 99}); err != nil {
		t.Fatal(err)
	}
	got, err := s.HealthHistory(ctx(t), "T1", "acme", week(-1))
	if err != nil {
		t.Fatal(err)
	}
	want := []coach.HealthSnapshot{{Week: week(-1), Score: 45}, {Week: week(0), Score: 55}}
	if len(got) != len(want) {
		t.Fatalf("history = %+v, want %+v", got, want)
	}
	for i := range want {
		if !got[i].Week.Equal(want[i].Week) || got[i].Score != want[i].Score {
			t.Fatalf("history = %+v, want %+v", got, want)
		}
	}
	// Two years and more later, the old weeks are gone; the kept one stays.
	later := week(0).Add(coach.HealthKeep).AddDate(0, 0, 7)
	if err := s.AppendHealthSnapshot(ctx(t), "T1", "acme", coach.HealthSnapshot{Week: later, Score: 70}); err != nil {
		t.Fatal(err)
	}
	all, err := s.HealthHistory(ctx(t), "T1", "acme", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Score != 70 {
		t.Fatalf("after two years, history = %+v, want only the new week", all)
	}
	other, err := s.HealthHistory(ctx(t), "T2", "acme", time.Time{})
	if err != nil || len(other) != 1 || other[0].Score != 99 {
		t.Fatalf("team T2 history = %+v, %v; want its own one week", other, err)
	}
	if _, err := s.HealthHistory(ctx(t), "", "acme", time.Time{}); err == nil {
		t.Fatal("no team: want an error")
	}
}
