package bot_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
)

// itemLine is the part of a checklist message about one item: its section
// text up to the next item's.
func itemLine(t *testing.T, m slacksim.Message, itemText string) string {
	t.Helper()
	text := m.Visible()
	i := strings.Index(text, itemText)
	if i < 0 {
		t.Fatalf("no item %q in:\n%s", itemText, text)
	}
	start := max(strings.LastIndex(text[:i], "⬜"), strings.LastIndex(text[:i], "✅"), strings.LastIndex(text[:i], "❌"), 0)
	rest := text[start:]
	for _, mark := range []string{"⬜", "✅", "❌"} {
		if j := strings.Index(rest[len(mark):], mark); j >= 0 {
			rest = rest[:j+len(mark)]
		}
	}
	return rest
}

// TestE2E_EvidenceTicks: each fact the records prove ticks its item by
// itself, marked with the evidence instead of a person; a person can still
// untick one, with a note, and the untick stands.
func TestE2E_EvidenceTicks(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme Cloud cloud-operator")
	const (
		review = "A regular review of the business balance"
		first  = "A first concrete deal is named"
		count  = "Deals are counted one by one"
		parts  = "the parties and components are listed"
		time_  = "They invest time with us"
	)

	// The same command twice within seconds is refused as a resubmission:
	// each posting of the checklist is typed another way.
	ways := []string{"checklist acme launch", "cl acme launch", "checklist acme cloud launch", "cl acme cloud launch", "checklist acme-cloud launch", "cl acme-cloud launch"}
	launch := func() slacksim.Message {
		t.Helper()
		w := ways[0]
		ways = ways[1:]
		return e.command(alice, partners, w)
	}
	// Nothing yet but the default balance review reminder.
	cl := launch()
	if l := itemLine(t, cl, review); !strings.Contains(l, "✅") || !strings.Contains(l, "Balance review reminder active (on the first Monday of each month at 9:00)") {
		t.Fatalf("balance review item: %q", l)
	}
	for _, it := range []string{first, count, parts} {
		if l := itemLine(t, cl, it); !strings.HasPrefix(l, "⬜") || strings.Contains(l, ":mag:") {
			t.Fatalf("item %q ticked with nothing to prove it: %q", it, l)
		}
	}
	// A paused reminder proves nothing.
	e.command(alice, partners, "reminders pause acme balance")
	if l := itemLine(t, launch(), review); strings.Contains(l, "Balance review reminder active") {
		t.Fatalf("paused reminder still ticks: %q", l)
	}
	e.command(alice, partners, "reminders resume acme balance")

	// The first deal, deals counted, a deal with its parts.
	e.command(alice, partners, "log acme got 12k EUR deal")
	e.command(alice, partners, "log acme got 8k EUR deal")
	e.command(alice, partners, "complexity acme Big Bank: Bank 90%, GPU cluster component 60%")
	cl = launch()
	for it, want := range map[string]string{first: "First deal logged on", count: "Deals counted one by one: 2 deals, the latest on", parts: "Deal “Big Bank” listed with 2 parts", review: "Balance review reminder active"} {
		if l := itemLine(t, cl, it); !strings.Contains(l, "✅") || !strings.Contains(l, want) {
			t.Errorf("item %q: %q, want ticked with %q", it, l, want)
		}
	}
	mustContain(t, cl, "Must-haves 3/6", "Nice-to-haves 1/3")

	// Time together: a joint webinar booked ticks the selection item.
	day := time.Now().AddDate(0, 0, 14).Format("2006-01-02")
	e.command(alice, partners, "webinar acme "+day+" 14:00 Cloud cost clinic")
	sel := e.command(alice, partners, "checklist acme selection")
	if l := itemLine(t, sel, time_); !strings.Contains(l, "✅") || !strings.Contains(l, "Joint event “Cloud cost clinic” booked for") {
		t.Fatalf("time together: %q", l)
	}

	// A person unticks the first deal with a note: the untick stands, with
	// who, the note and the evidence it overrules.
	mustContain(t, e.command(bob, partners, "checklist acme launch open lau-first-deal c'était un test"), "ouvert")
	cl = launch()
	if l := itemLine(t, cl, first); !strings.Contains(l, "⬜") || !strings.Contains(l, "Unticked by <@U0BOB>") || !strings.Contains(l, "c'était un test") || !strings.Contains(l, "First deal logged on") {
		t.Fatalf("unticked first deal: %q", l)
	}
	// …and the button on an evidence tick unticks it too.
	if _, err := e.sim.Click(context.Background(), alice, cl, "checklist.toggle", "acme-cloud|launch|lau-count-deals|0"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		ms := e.sim.Messages(partners)
		return strings.Contains(ms[len(ms)-1].Visible(), "Must-haves 2/6 · Nice-to-haves 0/3")
	}, "the untick to redraw")
	st, _ := e.store.ItemStates(context.Background(), "T0001", "acme-cloud", "launch")
	if s := st["lau-count-deals"]; s.Done || !s.Overruled || s.By != alice {
		t.Fatalf("stored state %+v, want open, overruled by alice", s)
	}
	if s := st["lau-first-deal"]; s.Done || !s.Overruled || s.Note != "c'était un test" {
		t.Fatalf("stored state %+v", s)
	}
}

// TestE2E_SelectionVerdict: the selection checklist's verdict in its three
// states, on the checklist, the partner card and the App Home.
func TestE2E_SelectionVerdict(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme Cloud cloud-operator")
	cl := e.command(alice, partners, "checklist acme")
	mustContain(t, cl, "Choosing this partner", "*Not yet*: still open:", "“Trust, open communication and respect are in place on both sides”", "Met", "Not met")
	if strings.Contains(cl.Visible(), "Every must-have criterion is met") {
		t.Fatal("the item restating the rule should give way to the verdict")
	}
	mustContain(t, e.command(alice, partners, "show acme"), "Selection", "Not yet")

	// Every must-have met, by the buttons.
	musts := []string{"sel-non-negotiables", "sel-ideal-profile", "sel-trust", "sel-goals-conflicts", "sel-understanding"}
	for i, id := range musts {
		if _, err := e.sim.Click(context.Background(), alice, cl, "checklist.toggle", "acme-cloud|selection|"+id+"|1"); err != nil {
			t.Fatal(err)
		}
		e.wait(func() bool { return e.sim.Messages(partners)[1].Edited > i }, "the click to redraw")
	}
	e.wait(func() bool {
		return strings.Contains(e.sim.Messages(partners)[1].Visible(), "*Go*: every must-have is met")
	}, "Go")
	mustContain(t, e.sim.Messages(partners)[1], "Must-haves 5/5")
	mustContain(t, e.command(alice, partners, "show acme"), "*Go*")

	// One must-have not met: No-go, naming it, whatever else is met.
	if _, err := e.sim.Click(context.Background(), bob, e.sim.Messages(partners)[1], "checklist.toggle", "acme-cloud|selection|sel-trust|x"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return strings.Contains(e.sim.Messages(partners)[1].Visible(), "*No-go*") }, "No-go")
	m := e.sim.Messages(partners)[1]
	mustContain(t, m, "*No-go*: not met: “Trust, open communication and respect are in place on both sides”", "❌", "Marked not met by <@U0BOB>", "Reopen")
	mustContain(t, e.command(alice, partners, "show acme"), "No-go", "Trust")
	if _, err := e.sim.OpenHome(context.Background(), alice); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return e.sim.Home(alice) != nil && strings.Contains(string(e.sim.Home(alice)), "No-go") }, "the verdict on the App Home")
	if tips := e.command(alice, partners, "tip acme"); !strings.Contains(tips.Visible(), "Not met: “Trust") || !strings.Contains(tips.Visible(), "a missing must-have rules a candidate out") {
		t.Fatalf("tips for a no-go candidate:\n%s", tips.Visible())
	}
	// The mark is stored per item, and a stale "not met" on a nice-to-have is refused.
	st, _ := e.store.ItemStates(context.Background(), "T0001", "acme-cloud", "selection")
	if s := st["sel-trust"]; !s.NotMet || s.Done || s.By != bob {
		t.Fatalf("stored %+v", s)
	}
	// No "not met" button on a nice-to-have; typed, it is refused.
	if _, err := e.sim.Click(context.Background(), alice, m, "checklist.toggle", "acme-cloud|selection|sel-adaptability|x"); err == nil {
		t.Fatal("a nice-to-have offers a not-met button")
	}
	mustContain(t, e.command(alice, partners, "checklist acme selection not-met sel-adaptability"), "Only a must-have of the selection checklist can be marked not met")
}

// TestE2E_RankingsOnARealisticMix: "weakest first" puts real risks first,
// a brand-new prospect after them, and leaves ended partners out.
func TestE2E_RankingsOnARealisticMix(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	for _, cmd := range []string{
		"add Fresh Prospect reseller",
		"add Lopsided Corp integrator", "stage lopsided active", "log lopsided gave 90k EUR resale", "log lopsided got 1k EUR deal",
		"add Stalled Onboarding msp", "stage stalled-onboarding onboarding",
		"add Healthy Partner reseller", "stage healthy active", "log healthy got 20k EUR deal", "log healthy gave 20k EUR deal",
		"add Gone Partner reseller", "stage gone ended",
	} {
		e.command(alice, partners, cmd)
	}
	// History: the onboarding began 80 days ago; the healthy partner has a
	// joint event booked and a recent review.
	longAgo := time.Now().AddDate(0, 0, -80)
	if _, err := e.store.UpdatePartner(ctx, "T0001", "stalled-onboarding", func(p *coach.Partner) error {
		p.StageChangedAt, p.CreatedAt = longAgo, longAgo
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	e.command(alice, partners, "webinar healthy "+time.Now().AddDate(0, 0, 10).Format("2006-01-02")+" 10:00 Joint clinic")
	e.command(alice, partners, "webinar lopsided "+time.Now().AddDate(0, 0, 10).Format("2006-01-02")+" 11:00 Joint demo")

	list := e.command(alice, partners, "health").Visible()
	pos := func(name string) int { return strings.Index(list, name) }
	if pos("Gone Partner") >= 0 {
		t.Fatalf("an ended partner is ranked:\n%s", list)
	}
	for _, risky := range []string{"Lopsided Corp", "Stalled Onboarding"} {
		if pos(risky) < 0 || pos(risky) > pos("Fresh Prospect") || pos(risky) > pos("Healthy Partner") {
			t.Fatalf("%s should come before the prospect and the healthy partner:\n%s", risky, list)
		}
	}
	if !strings.Contains(list, "lopsided balance") || !strings.Contains(list, "no first deal") {
		t.Fatalf("the risks are not named:\n%s", list)
	}
	// The prospect gets no free points for business nobody expects yet.
	h := e.command(alice, partners, "health fresh").Visible()
	if strings.Contains(h, "Recent deals") || strings.Contains(h, "First deal") || !strings.Contains(h, "*Must-haves* 0/50") {
		t.Fatalf("a prospect's health:\n%s", h)
	}
	// Tips fit the stage and history: nothing about reviews for a partner added today.
	tips := e.command(alice, partners, "tip lopsided").Visible()
	if strings.Contains(tips, "balance review") || !strings.Contains(tips, "We bring far more business than we get back") || strings.Contains(tips, "pitfall-") {
		t.Fatalf("tips for a lopsided partner added today:\n%s", tips)
	}
	if !strings.Contains(tips, "the pitfall of a one-way partnership") {
		t.Fatalf("the tip should name its rule in words:\n%s", tips)
	}
	mustContain(t, e.command(alice, partners, "tip gone"), "has ended")
}

// TestE2E_Threads: one partner's scheduled messages of a month go in one
// thread whose parent lists them; another partner gets its own thread.
func TestE2E_Threads(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "add Globex")
	e.command(alice, partners, "log acme got 10k EUR deal")
	e.command(alice, partners, "log globex got 5k EUR deal")
	before := len(e.sim.TopLevel(partners))
	e.everySecond("acme", coach.ReminderBalance, partners)
	e.everySecond("globex", coach.ReminderBalance, partners)
	e.runReminders()
	parent := func(name string) (slacksim.Message, bool) {
		for _, m := range e.sim.TopLevel(partners)[before:] {
			if strings.Contains(m.Visible(), "reminders for *"+name+"*") {
				return m, true
			}
		}
		return slacksim.Message{}, false
	}
	e.wait(func() bool {
		a, ok := parent("Acme")
		g, ok2 := parent("Globex")
		return ok && ok2 && len(e.sim.Replies(partners, a.TS)) >= 2 && len(e.sim.Replies(partners, g.TS)) >= 1
	}, "two reviews of Acme in its thread and one of Globex in its own")
	if n := len(e.sim.TopLevel(partners)) - before; n != 2 {
		t.Fatalf("%d new top-level messages, want the two thread parents only", n)
	}
	a, _ := parent("Acme")
	month := blocks.MonthName(i18n.EN, coach.ThreadMonth(time.Now(), mustZone(t, "Europe/Paris")))
	mustContain(t, a, "Acme · "+month)
	for _, r := range e.sim.Replies(partners, a.TS) {
		mustContain(t, r, "Time to review the balance with Acme")
	}
	// The parent is kept current: it lists the replies posted so far.
	e.wait(func() bool {
		a, _ := parent("Acme")
		return strings.Count(a.Visible(), "• balance review") >= 2 && a.Edited >= 2
	}, "the parent to list the reviews")
	th, err := e.store.Thread(context.Background(), "T0001", partners, "acme", coach.ThreadMonth(time.Now(), mustZone(t, "Europe/Paris")))
	if err != nil || th.ParentTS != a.TS || len(th.Lines) < 2 {
		t.Fatalf("stored thread %+v, %v", th, err)
	}
	replies := e.sim.Replies(partners, a.TS)
	var tss []string
	for _, r := range replies {
		tss = append(tss, r.TS)
	}
	for _, ln := range th.Lines {
		if !slices.Contains(tss, ln.TS) && len(th.Lines) <= len(tss) {
			t.Errorf("line %+v names no reply of the thread", ln)
		}
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestE2E_LessNoise: a balance review with nothing to review is skipped;
// the weekly digest, once on (and it says so), replaces the per-partner
// nudges in its channel while the other channels keep theirs.
func TestE2E_LessNoise(t *testing.T) {
	e := start(t)
	e.sim.AddChannel(slacksim.Channel{ID: "C0QUIET", Name: "quiet", IsMember: true})
	e.sim.AddChannel(slacksim.Channel{ID: "C0LOUD", Name: "loud", IsMember: true})
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "add Globex")
	mustContain(t, e.command(alice, "C0QUIET", "remind digest weekly"), "replaces the per-partner nudges in this channel")
	e.everySecond("acme", coach.ReminderBalance, partners) // nothing logged: nothing to review
	e.everySecond("acme", coach.ReminderWebinar, "C0QUIET")
	e.everySecond("globex", coach.ReminderWebinar, "C0LOUD")
	e.runReminders()
	e.waitMessage("C0LOUD", "No joint event with Globex")
	time.Sleep(1500 * time.Millisecond) // a few more occurrences of each
	for _, m := range e.sim.Messages("C0QUIET") {
		if strings.Contains(m.Visible(), "No joint event") {
			t.Fatalf("a nudge was posted in the digest's channel:\n%s", m.Visible())
		}
	}
	for _, m := range e.sim.Messages(partners) {
		if strings.Contains(m.Visible(), "Time to review") {
			t.Fatalf("a review with nothing to review was posted:\n%s", m.Visible())
		}
	}
	// Something logged: the next review speaks.
	e.command(alice, partners, "log acme got 3k EUR deal")
	e.waitMessage(partners, "Time to review the balance with Acme")
}
