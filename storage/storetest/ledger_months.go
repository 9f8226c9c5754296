package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// testLedgerMonths: stores may group ledger lines by month (the Redis store
// does since schema 2); windows, duplicates and edits across months, years
// and zones behave as if they did not.
func testLedgerMonths(t *testing.T, h Harness) {
	utc := func(y int, m time.Month, d, hh int) time.Time { return time.Date(y, m, d, hh, 0, 0, 0, time.UTC) }
	ids := func(cs []coach.Contribution) string {
		var b strings.Builder
		for _, c := range cs {
			b.WriteString(c.ID + " ")
		}
		return strings.TrimSpace(b.String())
	}
	t.Run("WindowBounds", func(t *testing.T) {
		s := open(t, h)
		paris, err := time.LoadLocation("Europe/Paris")
		if err != nil {
			t.Fatal(err)
		}
		lines := map[string]time.Time{
			"a-dec-end":   utc(2025, 12, 31, 23),
			"b-jan-first": utc(2026, 1, 1, 0),
			"c-jan-paris": time.Date(2026, 2, 1, 0, 30, 0, 0, paris), // still January in UTC
			"d-feb":       utc(2026, 2, 14, 12),
			"e-1990":      utc(1990, 6, 1, 0),
			"f-2031":      utc(2031, 6, 1, 0),
		}
		for id, d := range lines {
			if err := s.AddContribution(ctx(t), contribution("T1", "acme", id, coach.Gave, 1, d)); err != nil {
				t.Fatal(err)
			}
		}
		for _, w := range []struct {
			from, to time.Time
			want     string
		}{
			{utc(2026, 1, 1, 0), utc(2026, 2, 1, 0), "b-jan-first c-jan-paris"},
			{utc(2025, 12, 31, 23), utc(2026, 1, 1, 0), "a-dec-end"},
			{utc(2025, 12, 1, 0), utc(2026, 3, 1, 0), "a-dec-end b-jan-first c-jan-paris d-feb"},
			{utc(1980, 1, 1, 0), utc(2040, 1, 1, 0), "e-1990 a-dec-end b-jan-first c-jan-paris d-feb f-2031"},
			{time.Time{}, utc(2026, 1, 1, 0), "e-1990 a-dec-end"},
			{utc(2026, 2, 1, 0), time.Time{}, "d-feb f-2031"},
			{utc(2026, 2, 1, 0), utc(2026, 2, 1, 0), ""},
			{utc(2026, 3, 1, 0), utc(2026, 2, 1, 0), ""},
		} {
			got, err := s.Contributions(ctx(t), "T1", "acme", w.from, w.to)
			if err != nil {
				t.Fatal(err)
			}
			if ids(got) != w.want {
				t.Errorf("[%v, %v): got %q, want %q", w.from, w.to, ids(got), w.want)
			}
		}
	})
	t.Run("DuplicateInAnotherMonth", func(t *testing.T) {
		s := open(t, h)
		c := contribution("T1", "acme", "req-1", coach.Got, 500, utc(2026, 1, 31, 23))
		if err := s.AddContribution(ctx(t), c); err != nil {
			t.Fatal(err)
		}
		// A retry of the same request, a day later: another month, another year.
		for _, d := range []time.Time{utc(2026, 2, 1, 1), utc(2027, 1, 1, 0)} {
			again := c
			again.Date = d
			if err := s.AddContribution(ctx(t), again); err != nil {
				t.Fatal(err)
			}
		}
		all, err := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 1 || !all[0].Date.Equal(c.Date) {
			t.Fatalf("got %+v, want the first one only", all)
		}
	})
	t.Run("EditMovesMonth", func(t *testing.T) {
		s := open(t, h)
		before := contribution("T1", "acme", "mv", coach.Got, 5, utc(2026, 1, 10, 9))
		if err := s.AddContribution(ctx(t), before); err != nil {
			t.Fatal(err)
		}
		after := before
		after.Date = utc(2026, 3, 10, 9)
		if err := s.ReviseContribution(ctx(t), "T1", "acme", coach.Revision{ContributionID: "mv", Action: coach.RevisionEdit, By: "U1",
			At: utc(2026, 3, 11, 0), Before: before, After: &after}); err != nil {
			t.Fatal(err)
		}
		jan, _ := s.Contributions(ctx(t), "T1", "acme", utc(2026, 1, 1, 0), utc(2026, 2, 1, 0))
		mar, _ := s.Contributions(ctx(t), "T1", "acme", utc(2026, 3, 1, 0), utc(2026, 4, 1, 0))
		if len(jan) != 0 || len(mar) != 1 || !mar[0].Date.Equal(after.Date) {
			t.Fatalf("January %+v, March %+v: want the line moved to March", jan, mar)
		}
	})
	t.Run("BusyMonth", func(t *testing.T) {
		// 300 lines with long notes in one month: more than a store may
		// keep in one piece (the Redis store splits a month past 8 KiB).
		s := open(t, h)
		note := strings.Repeat("a long note about the joint webinar ", 3)
		for i := range 300 {
			c := contribution("T1", "acme", fmt.Sprintf("busy-%03d", i), coach.Gave, int64(i), utc(2026, 5, 1+i%28, i%24))
			c.Note = note
			if err := s.AddContribution(ctx(t), c); err != nil {
				t.Fatal(err)
			}
		}
		again := contribution("T1", "acme", "busy-007", coach.Gave, 999, utc(2026, 5, 2, 0)) // a retry
		if err := s.AddContribution(ctx(t), again); err != nil {
			t.Fatal(err)
		}
		// Every line retried once the month is split: each is there already,
		// whichever piece holds it.
		for i := range 300 {
			c := contribution("T1", "acme", fmt.Sprintf("busy-%03d", i), coach.Gave, int64(i), utc(2026, 5, 1+i%28, i%24))
			c.Note = note
			if err := s.AddContribution(ctx(t), c); err != nil {
				t.Fatal(err)
			}
		}
		for _, id := range []string{"busy-000", "busy-150", "busy-299"} {
			if err := s.DeleteContribution(ctx(t), "T1", "acme", id); err != nil {
				t.Fatalf("delete %s: %v", id, err)
			}
		}
		may, err := s.Contributions(ctx(t), "T1", "acme", utc(2026, 5, 1, 0), utc(2026, 6, 1, 0))
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, c := range may {
			seen[c.ID]++
			if c.ID == "busy-007" && c.Amount.Amount != 7 {
				t.Fatalf("the retry replaced the line: %+v", c)
			}
		}
		if len(may) != 297 || len(all) != 297 || len(seen) != 297 || seen["busy-150"] != 0 {
			t.Fatalf("May has %d lines (%d distinct), all %d: want 297 once each", len(may), len(seen), len(all))
		}
	})
	t.Run("AwkwardIDs", func(t *testing.T) {
		s := open(t, h)
		long := strings.Repeat("x", 200) // its length takes two bytes to write
		odd := "\x01\x05abcde\x00{\"id\":1}"
		d := utc(2026, 1, 10, 9)
		note := contribution("T1", "acme", "plain", coach.Gave, 1, d)
		note.Note = odd + long // a note that holds what other lines' IDs look like
		for _, c := range []coach.Contribution{note, contribution("T1", "acme", long, coach.Gave, 2, d), contribution("T1", "acme", odd, coach.Gave, 3, d),
			contribution("T1", "acme", "abcde", coach.Gave, 4, d)} {
			if err := s.AddContribution(ctx(t), c); err != nil {
				t.Fatal(err)
			}
		}
		all, _ := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{})
		if len(all) != 4 {
			t.Fatalf("%d lines, want 4: a note or an ID was taken for another line's ID", len(all))
		}
		if err := s.DeleteContribution(ctx(t), "T1", "acme", "abcde"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteContribution(ctx(t), "T1", "acme", long); err != nil {
			t.Fatal(err)
		}
		all, _ = s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{})
		if ids(all) != odd+" plain" && ids(all) != "plain "+odd {
			t.Fatalf("left %q, want the odd ID and plain", ids(all))
		}
		if all[0].Note != note.Note && all[1].Note != note.Note {
			t.Fatal("the note changed")
		}
	})
}
