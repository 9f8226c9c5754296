package redis_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/redistest"
)

// Two replicas on one Redis (issue 15): a change made through one shows in
// the other's ranking at once, and time alone moves a summary on.
func TestStandings_FollowChangesOnEveryReplica(t *testing.T) {
	url := redistest.SharedURL(t)
	_ = flushed(t, url).Close()
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	replica := func() *coach.Service {
		st := mustOpen(t, url)
		t.Cleanup(func() { _ = st.Close() })
		svc := coach.NewService(st, tpl, nil)
		svc.Now = func() time.Time { return now }
		return svc
	}
	one, two := replica(), replica()
	ctx := context.Background()
	for _, n := range []string{"Acme", "Beta"} {
		if _, err := one.AddPartner(ctx, "T1", "U1", coach.NewPartner{Name: n, Channel: "C1", Stage: coach.StageActive}); err != nil {
			t.Fatal(err)
		}
	}
	// check: every replica's kept standing equals a score computed afresh.
	check := func(step string) []*coach.Summary {
		t.Helper()
		var last []*coach.Summary
		for i, svc := range []*coach.Service{one, two, one} {
			sums, err := svc.Standings(ctx, "T1")
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range sums {
				h, err := svc.Health(ctx, "T1", s.Partner)
				if err != nil {
					t.Fatal(err)
				}
				if s.Score != h.Score {
					t.Fatalf("%s: replica %d keeps %s at %d, its records say %d", step, i%2+1, s.Partner.ID, s.Score, h.Score)
				}
			}
			last = sums
		}
		return last
	}
	before := check("start")
	if _, err := two.LogContribution(ctx, "T1", "U1", coach.NewContribution{PartnerID: "beta", Direction: coach.Got, Kind: coach.ContribDeal,
		Amount: coach.Money{Amount: 1000, Currency: "EUR"}, Date: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	after := check("after a deal logged on the other replica")
	if before[1].Score == after[1].Score {
		t.Fatalf("a first deal left beta's kept score at %d", after[1].Score)
	}
	ranked := coach.RankSummaries(after)
	if ranked[0].Partner.ID != "acme" {
		t.Fatalf("ranking weakest first = %s first, want acme (no deal)", ranked[0].Partner.ID)
	}
	if _, err := one.BookEvent(ctx, "T1", "U1", coach.NewEvent{PartnerID: "acme", Title: "Webinar", Start: now.Add(48 * time.Hour), TimeZone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	sums := check("after an event booked")
	if sums[0].Next == nil {
		t.Fatal("acme's kept standing shows no next event after one was booked")
	}
	now = now.Add(72 * time.Hour) // the event is past: time alone changes it
	sums = check("after the event passed")
	if sums[0].Next != nil {
		t.Fatalf("acme's kept standing still shows %q as next after it passed", sums[0].Next.Title)
	}
}
