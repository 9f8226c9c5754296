package redis_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/partnercoach/partnercoach/storage/redis"
)

// memoryPartners is how many realistic partners the measurement stores; the
// figure is their total divided by this.
const memoryPartners = 20

// seedRealisticTeam stores n partners of one team as a year of use leaves
// them: 200 contributions with notes, both checklists half ticked (with a
// note on some items), 10 joint events, 5 deals of 3–4 parts, the 4 default
// reminders, and 40 days of reminder delivery records (kept that long so a
// late catch-up never re-sends).
func seedRealisticTeam(tb testing.TB, s *redis.Store, team string, n int) {
	tb.Helper()
	ctx := context.Background()
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		tb.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	svc := coach.NewService(s, tpl, nil)
	svc.Now = func() time.Time { return now }
	for i := range n {
		p, err := svc.AddPartner(ctx, team, "U0ALICE", coach.NewPartner{
			Name: fmt.Sprintf("Partner Number %03d International", i), Kind: coach.KindIntegrator, Channel: "C0PARTNERS",
			Profile: coach.Profile{CustomerBase: "Mid-market banks and insurers in France and Benelux", BusinessModel: "Services and resale",
				ExecutionCapacity: "12 consultants certified", Region: "EMEA", Notes: "Met at the autumn summit; strong in regulated industries."}})
		if err != nil {
			tb.Fatal(err)
		}
		for j := range 200 {
			dir := coach.Gave
			if j%2 == 1 {
				dir = coach.Got
			}
			_, err := svc.LogContribution(ctx, team, "U0ALICE", coach.NewContribution{
				ID: fmt.Sprintf("cmd-trig.%06d.%03d", i, j), PartnerID: p.ID, Direction: dir, Kind: coach.ContribLead,
				Amount: coach.Money{Currency: "EUR", Amount: int64(100_000 + 137*j)}, Date: now.AddDate(0, 0, -j),
				Note: fmt.Sprintf("Lead %d from the joint webinar, follow-up by the account team", j)})
			if err != nil {
				tb.Fatal(err)
			}
		}
		for _, id := range []string{coach.TemplateSelection, coach.TemplateLaunch} {
			cl, err := svc.Checklist(ctx, team, p, id)
			if err != nil {
				tb.Fatal(err)
			}
			for k, item := range cl.Template.Items {
				if k%2 == 1 {
					continue
				}
				note := ""
				if k%4 == 0 {
					note = "Checked with their sales director"
				}
				if _, err := svc.SetItem(ctx, team, "U0ALICE", p, id, item.ID, true, note); err != nil {
					tb.Fatal(err)
				}
			}
		}
		for j := range 10 {
			_, err := svc.BookEvent(ctx, team, "U0ALICE", coach.NewEvent{ID: fmt.Sprintf("cmd-trig.%06d.e%02d", i, j), PartnerID: p.ID,
				Title: fmt.Sprintf("Joint webinar %d: cloud cost clinic", j), Start: now.AddDate(0, 0, 14*j+1), TimeZone: "Europe/Paris",
				Link: "https://events.example.com/webinar/12345"})
			if err != nil {
				tb.Fatal(err)
			}
		}
		for j := range 5 {
			parts := []coach.Part{{Name: "Bank", Kind: coach.PartParty, Chance: 90}, {Name: p.Name, Kind: coach.PartParty, Chance: 80},
				{Name: "GPU cluster", Kind: coach.PartComponent, Chance: 60}}
			if j%2 == 0 {
				parts = append(parts, coach.Part{Name: "Integrator", Kind: coach.PartParty, Chance: 85})
			}
			if _, _, err := svc.SaveDeal(ctx, team, "U0ALICE", p.ID, fmt.Sprintf("Big Bank modernisation %d", j), parts); err != nil {
				tb.Fatal(err)
			}
		}
		for _, r := range coach.DefaultReminders(p, now.AddDate(0, 0, -60)) {
			if _, err := svc.SetReminder(ctx, team, "U0ALICE", r); err != nil {
				tb.Fatal(err)
			}
			sched, err := remind.Parse(r.Spec, "UTC")
			if err != nil {
				tb.Fatal(err)
			}
			for _, at := range remind.Occurrences(sched, now.AddDate(0, 0, -40), now, 1000) {
				o := coach.Occurrence{TeamID: team, ReminderID: r.ID, At: at}
				if _, err := s.Claim(ctx, o, "replica-1/ab12cd34", time.Minute); err != nil {
					tb.Fatal(err)
				}
				if err := s.MarkSent(ctx, o, "replica-1/ab12cd34", fmt.Sprintf("%d.000%03d", at.Unix(), i)); err != nil {
					tb.Fatal(err)
				}
			}
		}
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
