package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
)

// SeedRealisticTeam stores n partners of one team as a year of use leaves
// them: 200 contributions with notes, both checklists half ticked (with a
// note on some items), 10 joint events, 5 deals of 3–4 parts, the 4 default
// reminders, and 40 days of reminder delivery records (kept that long so a
// late catch-up never re-sends). The Redis memory test and the embedded
// store's file-size test measure what it leaves.
func SeedRealisticTeam(tb testing.TB, s coach.Store, team string, n int) {
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
