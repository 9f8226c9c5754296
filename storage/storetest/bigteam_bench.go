package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// BigTeamPartners is how many partners BenchBigTeam stores in one team.
const BigTeamPartners = 10_000

// bigTeamFull is how many of them (every 200th) get a full year of records:
// 200 contributions, 10 events, 5 deals, both checklists half ticked. The
// others get a lighter one (20 contributions, 2 events, 3 ticked items),
// so that seeding stays within a minute; every command measured names a
// full one, and the team-wide ones read all 10,000 kept standings.
const bigTeamFull = 50

// BenchBigTeam measures, with 10,000 partners in one team, what each
// command of issue 15 does through the coach service: list (a page and the
// whole list), show, health ranking, balance, tip, the App Home's and the
// digest's reads (the kept standings), and adding one more partner. Each
// sub-benchmark reports p50-ms and p99-ms.
// seeded, when not nil, runs once the data is in (the embedded store
// flushes each commit again).
func BenchBigTeam(b *testing.B, s coach.Store, seeded func()) {
	ctx := context.Background()
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	svc := coach.NewService(s, tpl, nil)
	svc.Now = func() time.Time { return now }
	const team = "TBIG"
	begin := time.Now()
	SeedBigTeam(b, s, tpl, team, now)
	took := time.Since(begin)
	if seeded != nil {
		seeded()
	}
	begin = time.Now()
	if _, err := svc.Standings(ctx, team); err != nil { // the first read computes them all
		b.Fatal(err)
	}
	b.Logf("seeded %d partners in %v; first standings in %v", BigTeamPartners, took.Round(time.Millisecond), time.Since(begin).Round(time.Millisecond))
	full := func(i int) string {
		return fmt.Sprintf("Partner %05d International", (i%bigTeamFull)*(BigTeamPartners/bigTeamFull))
	}

	measure := func(b *testing.B, op func(i int) error) {
		var lat []time.Duration
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			t0 := time.Now()
			if err := op(i); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
		}
		b.StopTimer()
		slices.Sort(lat)
		pct := func(p float64) float64 {
			return float64(lat[min(len(lat)-1, int(float64(len(lat))*p))].Microseconds()) / 1000
		}
		b.ReportMetric(pct(0.50), "p50-ms")
		b.ReportMetric(pct(0.99), "p99-ms")
	}
	b.Run("ListPage", func(b *testing.B) {
		measure(b, func(i int) error {
			ps, n, err := svc.PartnersPage(ctx, team, (i%250)*40, 40)
			if err == nil && (len(ps) != 40 || n < BigTeamPartners) {
				return fmt.Errorf("page of %d of %d", len(ps), n)
			}
			return err
		})
	})
	// `list active`: a filter a third of the team matches (a name, kind,
	// stage, owner or channel), read from the kept standings.
	b.Run("ListFilter", func(b *testing.B) {
		measure(b, func(int) error {
			ps, err := svc.ListPartners(ctx, team, "active")
			if err == nil && len(ps) != BigTeamPartners/3+1 {
				return fmt.Errorf("listed %d active", len(ps))
			}
			return err
		})
	})
	b.Run("Show", func(b *testing.B) {
		measure(b, func(i int) error {
			p, err := svc.FindPartner(ctx, team, full(i))
			if err != nil {
				return err
			}
			if _, err := svc.EventSummary(ctx, team, p.ID); err != nil {
				return err
			}
			_, err = svc.Health(ctx, team, p)
			return err
		})
	})
	b.Run("Balance", func(b *testing.B) {
		measure(b, func(i int) error {
			p, err := svc.FindPartner(ctx, team, full(i))
			if err != nil {
				return err
			}
			_, err = svc.Balance(ctx, team, p.ID, coach.DefaultWindow)
			return err
		})
	})
	b.Run("Tip", func(b *testing.B) {
		measure(b, func(i int) error {
			p, err := svc.FindPartner(ctx, team, full(i))
			if err != nil {
				return err
			}
			_, err = svc.Tips(ctx, team, p)
			return err
		})
	})
	// Health, the App Home and the weekly digest read the same kept
	// standings and rank them.
	b.Run("HealthRanking", func(b *testing.B) {
		measure(b, func(int) error {
			sums, err := svc.Standings(ctx, team)
			if err == nil && len(coach.RankSummaries(sums)) == 0 {
				return fmt.Errorf("nothing ranked")
			}
			return err
		})
	})
	// The same after one partner's records changed (a contribution
	// logged, measured too): its summary is computed again, once.
	b.Run("ChangeThenRanking", func(b *testing.B) {
		measure(b, func(i int) error {
			if err := touchOne(ctx, svc, team, full(i), i); err != nil {
				return err
			}
			sums, err := svc.Standings(ctx, team)
			if err == nil && len(coach.RankSummaries(sums)) == 0 {
				return fmt.Errorf("nothing ranked")
			}
			return err
		})
	})
	b.Run("HomeOwnPartners", func(b *testing.B) {
		measure(b, func(i int) error {
			sums, err := svc.Standings(ctx, team)
			if err != nil {
				return err
			}
			owner := fmt.Sprintf("U%03d", i%20)
			mine := slices.DeleteFunc(sums, func(s *coach.Summary) bool { return s.Partner.Owner != owner || s.Partner.Archived })
			if len(mine) == 0 {
				return fmt.Errorf("%s owns nothing", owner)
			}
			return nil
		})
	})
	b.Run("AddPartner", func(b *testing.B) {
		measure(b, func(i int) error {
			_, err := svc.AddPartner(ctx, team, "U001", coach.NewPartner{Name: fmt.Sprintf("Newcomer %d-%d", b.N, i), Channel: "C1"})
			return err
		})
	})
}

// touchOne logs a contribution for one partner (dated long ago, so that
// the ledger read stays the same size in the window).
func touchOne(ctx context.Context, svc *coach.Service, team, name string, i int) error {
	p, err := svc.FindPartner(ctx, team, name)
	if err != nil {
		return err
	}
	_, err = svc.LogContribution(ctx, team, p.Owner, coach.NewContribution{ID: fmt.Sprintf("touch-%d-%d", time.Now().UnixNano(), i), PartnerID: p.ID,
		Direction: coach.Got, Kind: coach.ContribLead, Amount: coach.Money{Amount: 100, Currency: "EUR"}, Date: svc.Now().AddDate(-3, 0, 0)})
	return err
}

// SeedBigTeam writes BigTeamPartners partners of team straight through the
// store, eight at a time (no Slack, no use case), as a year of use leaves
// them, up to now. Partner i is "Partner %05d International", owned by
// U%03d (i mod 20).
func SeedBigTeam(b testing.TB, s coach.Store, tpl *coach.Templates, team string, now time.Time) {
	ctx := context.Background()
	stages := []coach.Stage{coach.StageActive, coach.StageOnboarding, coach.StageActive, coach.StageAtRisk, coach.StageEvaluating, coach.StageProspect}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	next := make(chan int)
	for range 8 {
		wg.Go(func() {
			for i := range next {
				if err := seedPartner(ctx, s, tpl, team, i, stages[i%len(stages)], now); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for i := range BigTeamPartners {
		next <- i
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
}

func seedPartner(ctx context.Context, s coach.Store, tpl *coach.Templates, team string, i int, stage coach.Stage, now time.Time) error {
	full := i%(BigTeamPartners/bigTeamFull) == 0
	name := fmt.Sprintf("Partner %05d International", i)
	created := now.AddDate(-1, 0, 0)
	p := coach.Partner{TeamID: team, ID: coach.Slug(name), Name: name, Kind: coach.Kinds[i%len(coach.Kinds)], Stage: stage,
		Owner: fmt.Sprintf("U%03d", i%20), Channel: "C0PARTNERS", CreatedAt: created, UpdatedAt: created, StageChangedAt: created.AddDate(0, 0, i%300),
		Profile: coach.Profile{CustomerBase: "Mid-market banks and insurers in France and Benelux", BusinessModel: "Services and resale",
			ExecutionCapacity: "12 consultants certified", Region: "EMEA", Notes: "Met at the autumn summit; strong in regulated industries."}}
	if err := s.CreatePartner(ctx, p, coach.DefaultReminders(p, created)); err != nil {
		return err
	}
	contributions, events, items, deals := 20, 2, 3, 0
	if full {
		contributions, events, items, deals = 200, 10, 100, 5
	}
	for j := range contributions {
		dir := coach.Gave
		if (j+i)%3 == 0 {
			dir = coach.Got
		}
		kind := coach.ContribLead
		if j%5 == 0 {
			kind = coach.ContribDeal
		}
		c := coach.Contribution{TeamID: team, PartnerID: p.ID, ID: fmt.Sprintf("seed.%05d.%03d", i, j), Direction: dir, Kind: kind,
			Amount: coach.Money{Currency: "EUR", Amount: int64(100_000 + 137*j)}, Date: now.AddDate(0, 0, -j*(1+i%3)),
			Note: fmt.Sprintf("Lead %d from the joint webinar, follow-up by the account team", j), Author: p.Owner, CreatedAt: now}
		if err := s.AddContribution(ctx, c); err != nil {
			return err
		}
	}
	for j := range events {
		e := coach.Event{TeamID: team, PartnerID: p.ID, ID: fmt.Sprintf("seed.%05d.e%02d", i, j), Title: fmt.Sprintf("Joint webinar %d: cloud cost clinic", j),
			Start: now.AddDate(0, 0, 14*j-20+i%40), TimeZone: "Europe/Paris", Host: coach.HostUs, Status: coach.EventPlanned, CreatedBy: p.Owner, CreatedAt: now}
		if err := s.SaveEvent(ctx, e); err != nil {
			return err
		}
	}
	for j := range deals {
		d := coach.Deal{TeamID: team, PartnerID: p.ID, ID: fmt.Sprintf("big-bank-%d", j), Name: fmt.Sprintf("Big Bank modernisation %d", j),
			Parts: []coach.Part{{Name: "Bank", Kind: coach.PartParty, Chance: 90}, {Name: p.Name, Kind: coach.PartParty, Chance: 80},
				{Name: "GPU cluster", Kind: coach.PartComponent, Chance: 60}}}
		if err := s.SaveDeal(ctx, d); err != nil {
			return err
		}
	}
	n := 0
	for _, id := range []string{coach.TemplateSelection, coach.TemplateLaunch} {
		t, err := tpl.Get(id)
		if err != nil {
			return err
		}
		for k, it := range coach.ForKind(t, p.Kind).Items {
			if k%2 == 1 || n >= items {
				continue
			}
			n++
			if _, err := s.SetItemState(ctx, team, p.ID, t.ID, coach.ItemState{ItemID: it.ID, Done: true, By: p.Owner, At: now, Note: "Checked with their sales director"}); err != nil {
				return err
			}
		}
	}
	return nil
}
