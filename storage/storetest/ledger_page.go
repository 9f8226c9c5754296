package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnercoach/partnercoach/coach"
)

// testLedgerPages: ContributionsAfter reads a ledger page by page, in
// Contributions' order, each line once, whatever the page size.
func testLedgerPages(t *testing.T, h Harness) {
	s := open(t, h)
	mustCreate(t, s, partner("T1", "acme"))
	mustCreate(t, s, partner("T1", "other"))
	base := at(t, 1)
	var n int
	add := func(date time.Time) {
		n++
		c := contribution("T1", "acme", fmt.Sprintf("c%03d", 200-n), coach.Got, int64(n), date)
		if err := s.AddContribution(ctx(t), c); err != nil {
			t.Fatal(err)
		}
	}
	// Lines spread over days, several in one millisecond (IDs in reverse of
	// their dates within it), several at the very same instant, one before 1970.
	for i := range 7 {
		add(base.AddDate(0, 0, i))
	}
	for i := range 5 {
		add(base.Add(time.Hour + time.Duration(100+i*100)*time.Microsecond)) // later date, smaller ID
	}
	for range 4 {
		add(base.Add(2 * time.Hour))
	}
	add(time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC))
	// A busy month, bigger than a store may keep in one piece (Redis splits
	// a month past 8 KiB into chunks).
	busy := base.AddDate(0, 2, 0)
	for i := range 120 {
		add(busy.Add(time.Duration(i) * time.Minute))
	}
	if err := s.AddContribution(ctx(t), contribution("T1", "other", "x1", coach.Gave, 1, base)); err != nil {
		t.Fatal(err)
	}
	all, err := s.Contributions(ctx(t), "T1", "acme", time.Time{}, time.Time{})
	if err != nil || len(all) != n {
		t.Fatalf("Contributions = %d lines, %v; want %d", len(all), err, n)
	}
	ids := func(cs []coach.Contribution) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	for _, size := range []int{1, 2, 3, 5, n, n + 10} {
		t.Run(fmt.Sprintf("PageOf%d", size), func(t *testing.T) {
			var got []coach.Contribution
			var after coach.LedgerCursor
			for pages := 0; ; pages++ {
				if pages > n+1 {
					t.Fatalf("no end after %d pages", pages)
				}
				page, err := s.ContributionsAfter(ctx(t), "T1", "acme", after, size)
				if err != nil {
					t.Fatal(err)
				}
				if len(page) > size {
					t.Fatalf("page of %d lines, limit %d", len(page), size)
				}
				if len(page) == 0 {
					break
				}
				got = append(got, page...)
				after = coach.CursorOf(page[len(page)-1])
			}
			if diff := cmp.Diff(ids(all), ids(got)); diff != "" {
				t.Fatalf("pages differ from Contributions (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("EmptyLedger", func(t *testing.T) {
		page, err := s.ContributionsAfter(ctx(t), "T1", "nobody", coach.LedgerCursor{}, 10)
		if err != nil || len(page) != 0 {
			t.Fatalf("got %v, %v; want nothing", page, err)
		}
	})
	t.Run("OtherTeamSeesNothing", func(t *testing.T) {
		page, err := s.ContributionsAfter(ctx(t), "T2", "acme", coach.LedgerCursor{}, 10)
		if err != nil || len(page) != 0 {
			t.Fatalf("got %v, %v; want nothing", page, err)
		}
	})
}
