package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/partnercoach/partnercoach/slacksim"
)

// everySecond turns a partner's stored reminder into an @every 1s one (the
// minimum interval is a command-level rule; the store takes any spec).
func (e *env) everySecond(partner string, kind coach.ReminderKind, channel string) {
	e.t.Helper()
	r := coach.Reminder{TeamID: "T0001", ID: coach.ReminderID(partner, kind), PartnerID: partner, Kind: kind, Spec: "@every 1s", Channel: channel, UpdatedAt: time.Now()}
	if err := e.store.SaveReminder(context.Background(), r); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) runReminders() {
	e.t.Helper()
	r := &remind.Runner{Reminders: e.store, Claims: e.store, Holder: "test", Reload: 200 * time.Millisecond, Lease: 5 * time.Second,
		Logger: e.logs.Logger(),
		Deliver: func(ctx context.Context, d remind.Due) (string, error) {
			return e.bot.DeliverReminder(ctx, d)
		}}
	ctx, cancel := context.WithCancel(context.Background())
	if err := r.Start(ctx); err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { cancel(); <-r.Stop().Done() })
}

func (e *env) waitMessage(channel, text string) slacksim.Message {
	e.t.Helper()
	var got slacksim.Message
	e.wait(func() bool {
		for _, m := range e.sim.Messages(channel) {
			if strings.Contains(m.Visible(), text) {
				got = m
				return true
			}
		}
		return false
	}, "a message with "+text)
	return got
}

func TestE2E_Reminders(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	rs, err := e.store.Reminders(context.Background(), "T0001")
	if err != nil || len(rs) != 5 || reminder(rs, "acme:balance").Spec != "monthly" || reminder(rs, "acme:webinar").Spec != "weekly" || rs[0].Channel != partners {
		t.Fatalf("default reminders %+v, %v", rs, err)
	}
	e.command(alice, partners, "log acme got 10k EUR deal")
	e.everySecond("acme", coach.ReminderBalance, partners)
	// Its own channel: two @every 1s reminders in one channel paced at one
	// post a second would queue behind each other.
	e.sim.AddChannel(slacksim.Channel{ID: "C0EVENTS", Name: "events", IsMember: true})
	e.everySecond("acme", coach.ReminderWebinar, "C0EVENTS")

	// A burst of 429s on chat.postMessage: the post waits and goes out once it is lifted.
	e.sim.RateLimit("chat.postMessage", time.Second)
	e.runReminders()
	e.wait(func() bool {
		for _, c := range e.sim.Calls() {
			if c.Method == "chat.postMessage" && c.Error == "ratelimited" {
				return true
			}
		}
		return false
	}, "a rate-limited post")
	e.sim.RateLimit("chat.postMessage", 0)

	review := e.waitMessage(partners, "Time to review the balance with Acme")
	mustContain(t, review, "Lopsided", "The partner brings much more", "Mark reviewed", "Snooze 1 week")
	nudge := e.waitMessage("C0EVENTS", "No joint event with Acme lately")
	mustContain(t, nudge, "hosted by us", "/partner webinar acme", "Book webinar")
	if _, err := e.sim.Click(context.Background(), alice, nudge, "reminder.book_webinar", "acme"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		s := e.sim.ModalStack(alice)
		return len(s) == 1 && strings.Contains(string(s[0].JSON), "Book a webinar") && strings.Contains(string(s[0].JSON), "Partner: *Acme*")
	}, "the booking form for Acme")

	// Snoozing is a setting: bob does not own Acme and is refused.
	beforeBob := e.sim.EphemeralCount(bob)
	if _, err := e.sim.Click(context.Background(), bob, review, "reminder.snooze", "acme:balance"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return e.sim.EphemeralCount(bob) > beforeBob }, "bob's refusal")
	mustContain(t, e.sim.Ephemerals(bob)[beforeBob], "Seul le responsable de Acme")
	if rs, _ := e.store.Reminders(context.Background(), "T0001"); !reminder(rs, "acme:balance").SnoozedUntil.IsZero() {
		t.Fatal("a refused snooze was stored")
	}
	// The owner snoozes from the button: the reminder records it and she is told.
	if _, err := e.sim.Click(context.Background(), alice, review, "reminder.snooze", "acme:balance"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		rs, _ := e.store.Reminders(context.Background(), "T0001")
		return reminder(rs, "acme:balance").SnoozedUntil.After(time.Now().Add(6 * 24 * time.Hour))
	}, "the snooze to be stored")
	if _, err := e.sim.Click(context.Background(), alice, nudge, "reminder.pause", "acme:webinar"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		rs, _ := e.store.Reminders(context.Background(), "T0001")
		return reminder(rs, "acme:webinar").Paused
	}, "the pause to be stored")

	// Snoozed and paused reminders stay quiet.
	time.Sleep(1500 * time.Millisecond)
	count := func(text string) int {
		n := 0
		for _, ch := range []string{partners, "C0EVENTS"} {
			for _, m := range e.sim.Messages(ch) {
				if strings.Contains(m.Visible(), text) {
					n++
				}
			}
		}
		return n
	}
	before := count("Time to review") + count("No joint event")
	time.Sleep(2 * time.Second)
	if after := count("Time to review") + count("No joint event"); after != before {
		t.Fatalf("%d reminder messages after snooze and pause, want still %d", after, before)
	}
}

func TestE2E_ReminderInSharedChannelHasNoFigures(t *testing.T) {
	e := start(t)
	e.command(alice, shared, "add Acme")
	e.command(alice, partners, "log acme got 10k EUR deal")
	e.everySecond("acme", coach.ReminderBalance, shared)
	e.runReminders()
	// The review goes to the owner privately, figures and all, saying why;
	// the shared channel gets nothing.
	m := e.waitMessage(slacksim.DM(alice), "Time to review the balance with Acme")
	mustContain(t, m, "EUR", "rather than in <#"+shared+">")
	for _, m := range e.sim.Messages(shared) {
		if strings.Contains(m.Visible(), "review") || strings.Contains(m.Visible(), "EUR") {
			t.Fatalf("a review in a shared channel:\n%s", m.Visible())
		}
	}
}

func TestE2E_RemindCommands(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	mustContain(t, e.command(alice, partners, "remind acme balance weekly"), "now comes every Monday at 9:00", "Next: <!date^", "{time}|Mon ", "CET>")
	mustContain(t, e.command(alice, partners, "remind acme webinar CRON_TZ=America/New_York 0 9 * * 1"), "now comes on the schedule `CRON_TZ=America/New_York 0 9 * * 1`")
	mustContain(t, e.command(alice, partners, "remind acme balance * * * * *"), "more often than the allowed minimum of 1h0m0s")
	mustContain(t, e.command(alice, partners, "remind acme balance every tuesday"), "not a schedule I can read")
	mustContain(t, e.command(alice, partners, "remind acme digest weekly"), "is not a reminder")
	mustContain(t, e.command(alice, partners, "reminders"), "*Acme* · balance review · every Monday at 9:00", "joint-webinar check", "next ")
	// An archived partner's reminders never fire, so they are not listed.
	e.command(alice, partners, "add Globex")
	mustContain(t, e.command(alice, partners, "reminders"), "*Globex* · balance review")
	e.command(alice, partners, "archive globex")
	if m := e.command(alice, partners, "reminders"); strings.Contains(m.Visible(), "Globex") {
		t.Fatalf("an archived partner's reminders are listed:\n%s", m.Visible())
	}
	mustContain(t, e.command(alice, partners, "reminders pause acme webinar"), "is paused")
	mustContain(t, e.command(alice, partners, "reminders acme"), "paused")
	mustContain(t, e.command(alice, partners, "reminders resume acme webinar"), "is back on")
	rs, _ := e.store.Reminders(context.Background(), "T0001")
	if len(rs) != 10 || reminder(rs, "acme:balance").Spec != "weekly" || reminder(rs, "acme:webinar").Paused {
		t.Fatalf("stored reminders %+v", rs)
	}
}

// TestE2E_RemindKindWords: the French words for each kind work, and an
// unknown word is answered with every kind.
func TestE2E_RemindKindWords(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	mustContain(t, e.command(alice, partners, "remind acme bilan weekly"), "balance review", "now comes every Monday at 9:00")
	mustContain(t, e.command(alice, partners, "reminders pause acme webinaire"), "is paused")
	mustContain(t, e.command(alice, partners, "reminders resume acme Évènement"), "is back on")
	mustContain(t, e.command(alice, partners, "remind acme victoire-rapide monthly"), "now comes on the first Monday of each month at 9:00")
	mustContain(t, e.command(alice, partners, "remind acme birthday weekly"), "is not a reminder", "Use one of: balance, webinar, event, quickwin", "digest")
	mustContain(t, e.command(alice, partners, "remind acme résumé weekly"), "is not a reminder for one partner", "/partner remind digest")
	mustContain(t, e.command(alice, partners, "remind Résumé weekly"), "weekly digest now posts here")
}

func reminder(rs []coach.Reminder, id string) coach.Reminder {
	for _, r := range rs {
		if r.ID == id {
			return r
		}
	}
	return coach.Reminder{}
}

func TestE2E_EventQuickWinAndDigest(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "stage acme onboarding")
	if _, err := e.store.UpdatePartner(context.Background(), "T0001", "acme", func(p *coach.Partner) error {
		p.StageChangedAt = time.Now().AddDate(0, 0, -61)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	tomorrow := time.Now().In(paris).AddDate(0, 0, 1).Format("2006-01-02")
	mustContain(t, e.command(alice, partners, "webinar acme "+tomorrow+" 14:00 Joint demo"), "Joint demo")
	mustContain(t, e.command(alice, shared, "remind digest weekly"), "can't go to a channel shared")
	mustContain(t, e.command(alice, partners, "remind digest weekly"), "weekly digest now posts here")

	e.sim.AddChannel(slacksim.Channel{ID: "C0EVENTS", Name: "events", IsMember: true})
	e.everySecond("acme", coach.ReminderQuickWin, partners)
	e.everySecond("acme", coach.ReminderEvent, "C0EVENTS")
	digest := coach.Reminder{TeamID: "T0001", ID: coach.ReminderID("", coach.ReminderDigest), Kind: coach.ReminderDigest, Spec: "@every 1s", Channel: "C0EVENTS", UpdatedAt: time.Now()}
	if err := e.store.SaveReminder(context.Background(), digest); err != nil {
		t.Fatal(err)
	}
	e.runReminders()
	mustContain(t, e.waitMessage(partners, "Still no first deal with Acme"), "days ago", "count deals one by one")
	mustContain(t, e.waitMessage("C0EVENTS", "Tomorrow with Acme"), "Joint demo", "14:00")
	mustContain(t, e.waitMessage("C0EVENTS", "Weekly partner digest (1)"), "Acme", "onboarding")
}

// TestE2E_DatesForEachReader: dates go out as Slack date tokens, which each
// reader's client shows in their own language and time zone; the fallback
// (notifications, old clients) is in the language of whoever asked.
func TestE2E_DatesForEachReader(t *testing.T) {
	e := start(t)
	e.command(bob, partners, "add Globex")
	mustContain(t, e.command(bob, partners, "remind globex balance weekly"), "<!date^", "^{date_short_pretty} {time}|lun. ", "CET>")
	e.command(bob, partners, "log globex got 5k EUR deal")
	mustContain(t, e.command(bob, partners, "balance globex"), "1 affaire à ce jour", "^{date_short}|", "1 apport de la leur")
}

// TestE2E_EventDatesKeepTheirZone: a booked event's date falls back to the
// zone it was booked in ("CET"), not the bare offset a stored time keeps.
func TestE2E_EventDatesKeepTheirZone(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "webinar acme 2026-12-10 14:00 Cloud cost clinic")
	m := e.command(alice, partners, "events acme")
	mustContain(t, m, "{time}|Thu 10 Dec 2026 14:00 CET>")
	if strings.Contains(m.Visible(), "+0100") {
		t.Fatalf("the event's time lost its zone name:\n%s", m.Visible())
	}
	mustContain(t, e.command(alice, partners, "show acme"), "14:00 CET>")
}
