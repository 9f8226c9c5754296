package coach_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func TestChecklistProgress(t *testing.T) {
	c := coach.Checklist{
		Template: coach.Template{Items: []coach.TemplateItem{
			{ID: "m1", Priority: coach.MustHave}, {ID: "m2", Priority: coach.MustHave}, {ID: "m3", Priority: coach.MustHave},
			{ID: "n1", Priority: coach.NiceToHave}, {ID: "n2", Priority: coach.NiceToHave},
		}},
		States: map[string]coach.ItemState{
			"m1":    {ItemID: "m1", Done: true},
			"m2":    {ItemID: "m2", Done: false, Note: "reopened"},
			"n2":    {ItemID: "n2", Done: true},
			"stale": {ItemID: "stale", Done: true}, // an item no longer in the template counts for nothing
		},
	}
	if got, want := c.Progress(), (coach.Progress{MustDone: 1, MustTotal: 3, NiceDone: 1, NiceTotal: 2}); got != want {
		t.Errorf("Progress() = %+v, want %+v", got, want)
	}
	var missing []string
	for _, it := range c.MissingMustHaves() {
		missing = append(missing, it.ID)
	}
	if want := []string{"m2", "m3"}; !slices.Equal(missing, want) {
		t.Errorf("MissingMustHaves() = %v, want %v", missing, want)
	}
	if got := (coach.Checklist{}).Progress(); got != (coach.Progress{}) {
		t.Errorf("empty checklist: Progress() = %+v, want zero", got)
	}
}

func TestSetItem(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	reseller := mustAdd(t, s, "Resello", coach.KindReseller)
	isv := mustAdd(t, s, "Softy", coach.KindSoftwareVendor)
	t.Run("OK", func(t *testing.T) {
		if _, err := s.SetItem(ctx, "T1", "UANN", reseller, "selection", "sel-trust", true, ""); err != nil {
			t.Fatal(err)
		}
		c, err := s.SetItem(ctx, "T1", "UBEN", reseller, "selection", "sel-background", true, "checked their site")
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]coach.ItemState{
			"sel-trust":      {ItemID: "sel-trust", Done: true, By: "UANN", At: now},
			"sel-background": {ItemID: "sel-background", Done: true, By: "UBEN", At: now, Note: "checked their site"},
		}
		if len(c.States) != len(want) {
			t.Fatalf("states %+v, want both items", c.States)
		}
		for id, w := range want {
			if got := c.States[id]; got.ItemID != w.ItemID || got.Done != w.Done || got.By != w.By || !got.At.Equal(w.At) || got.Note != w.Note {
				t.Errorf("state %s = %+v, want %+v", id, got, w)
			}
		}
		if p := c.Progress(); p.MustDone != 1 || p.NiceDone != 1 {
			t.Errorf("progress %+v, want one must-have and one nice-to-have done", p)
		}
	})
	t.Run("OKUndo", func(t *testing.T) {
		later := now.Add(time.Hour)
		s.Now = func() time.Time { return later }
		defer func() { s.Now = func() time.Time { return now } }()
		c, err := s.SetItem(ctx, "T1", "UCAL", reseller, "selection", "sel-trust", false, "")
		if err != nil {
			t.Fatal(err)
		}
		if st := c.States["sel-trust"]; st.Done || st.By != "UCAL" || !st.At.Equal(later) {
			t.Fatalf("state %+v, want not done, reopened by UCAL at %v", st, later)
		}
		again, _ := s.Checklist(ctx, "T1", reseller, "selection")
		if again.States["sel-trust"].Done || !again.States["sel-background"].Done {
			t.Fatalf("stored states %+v", again.States)
		}
	})
	t.Run("OKKindItem", func(t *testing.T) {
		if _, err := s.SetItem(ctx, "T1", "UANN", reseller, "launch", "lau-enablement", true, ""); err != nil {
			t.Fatalf("reseller-only item on a reseller: %v", err)
		}
	})
	t.Run("OKLongestNote", func(t *testing.T) {
		if _, err := s.SetItem(ctx, "T1", "UANN", reseller, "launch", "lau-trial", true, strings.Repeat("é", 500)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrKindItem", func(t *testing.T) {
		_, err := s.SetItem(ctx, "T1", "UANN", isv, "launch", "lau-enablement", true, "")
		wantCode(t, err, coach.ENOTFOUND, "checklist.item.unknown")
	})
	t.Run("ErrUnknownItem", func(t *testing.T) {
		_, err := s.SetItem(ctx, "T1", "UANN", isv, "selection", "sel-nope", true, "")
		if e := wantCode(t, err, coach.ENOTFOUND, "checklist.item.unknown"); len(e.Args) == 0 || e.Args[0] != "sel-nope" {
			t.Fatalf("args %v do not name the item", e.Args)
		}
	})
	t.Run("ErrUnknownTemplate", func(t *testing.T) {
		_, err := s.SetItem(ctx, "T1", "UANN", isv, "onboarding", "x", true, "")
		wantCode(t, err, coach.ENOTFOUND, "checklist.template.unknown")
	})
	t.Run("ErrNoteTooLong", func(t *testing.T) {
		_, err := s.SetItem(ctx, "T1", "UANN", isv, "selection", "sel-trust", true, strings.Repeat("x", 501))
		wantCode(t, err, coach.EINVALID, "checklist.note.too_long")
		if c, _ := s.Checklist(ctx, "T1", isv, "selection"); len(c.States) != 0 {
			t.Fatalf("a refused item was stored: %+v", c.States)
		}
	})
	t.Run("ErrNoTeam", func(t *testing.T) {
		if _, err := s.SetItem(ctx, "", "UANN", isv, "selection", "sel-trust", true, ""); coach.ErrorCode(err) != coach.EINVALID {
			t.Fatalf("SetItem: got %v, want EINVALID", err)
		}
		if _, err := s.Checklist(ctx, "", isv, "selection"); coach.ErrorCode(err) != coach.EINVALID {
			t.Fatalf("Checklist: got %v, want EINVALID", err)
		}
	})
}

func TestReminderService(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", "")
	t.Run("OK", func(t *testing.T) {
		for _, r := range []coach.Reminder{
			{PartnerID: p.ID, Kind: coach.ReminderWebinar, Spec: "weekly", Channel: "C1"},
			{Kind: coach.ReminderDigest, Spec: coach.DefaultDigestSchedule, Channel: "C2", ID: "ignored"},
		} {
			if _, err := s.SetReminder(ctx, "T1", "UOWNER", r); err != nil {
				t.Fatal(err)
			}
		}
		rs, err := s.Reminders(ctx, "T1")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range rs {
			ids = append(ids, r.ID)
			if r.TeamID != "T1" || r.UpdatedBy != "UOWNER" || !r.UpdatedAt.Equal(now) {
				t.Errorf("reminder %+v, want team T1 updated by UOWNER at %v", r, now)
			}
		}
		// A new partner comes with its default reminders, stored with it.
		if want := []string{"acme:balance", "acme:event", "acme:qbr", "acme:quickwin", "acme:webinar", "team:digest"}; !slices.Equal(ids, want) {
			t.Fatalf("Reminders() IDs %v, want %v", ids, want)
		}
		if rs, _ := s.Reminders(ctx, "T2"); len(rs) != 0 {
			t.Fatalf("another team sees %d reminders", len(rs))
		}
	})
	for name, tt := range map[string]struct {
		r         coach.Reminder
		code, key string
	}{
		"ErrKind":     {coach.Reminder{PartnerID: p.ID, Kind: "birthday", Spec: "weekly", Channel: "C1"}, coach.EINVALID, "reminder.kind.unknown"},
		"ErrChannel":  {coach.Reminder{PartnerID: p.ID, Kind: coach.ReminderBalance, Spec: "weekly"}, coach.EINVALID, "reminder.channel.required"},
		"ErrSchedule": {coach.Reminder{PartnerID: p.ID, Kind: coach.ReminderBalance, Channel: "C1"}, coach.EINVALID, "reminder.schedule.required"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.SetReminder(ctx, "T1", "UOWNER", tt.r)
			wantCode(t, err, tt.code, tt.key)
		})
	}
	t.Run("ErrForbidden", func(t *testing.T) {
		// A partner's reminders are its settings: owner or admins only.
		before, _ := s.Reminders(ctx, "T1")
		webinar := coach.Reminder{PartnerID: p.ID, Kind: coach.ReminderWebinar, Spec: "monthly", Channel: "C9"}
		for name, err := range map[string]error{
			"SetReminder":    second(s.SetReminder(ctx, "T1", "UANN", webinar)),
			"PauseReminder":  second(s.PauseReminder(ctx, "T1", "UANN", "acme:webinar")),
			"ResumeReminder": second(s.ResumeReminder(ctx, "T1", "UANN", "acme:webinar")),
			"SnoozeReminder": second(s.SnoozeReminder(ctx, "T1", "UANN", "acme:webinar", now.AddDate(0, 0, 7))),
		} {
			t.Run(name, func(t *testing.T) { wantCode(t, err, coach.EFORBIDDEN, "partner.forbidden") })
		}
		if after, _ := s.Reminders(ctx, "T1"); !slices.EqualFunc(before, after, func(a, b coach.Reminder) bool {
			return a.ID == b.ID && a.Spec == b.Spec && a.Paused == b.Paused && a.SnoozedUntil.Equal(b.SnoozedUntil) && a.UpdatedBy == b.UpdatedBy
		}) {
			t.Fatalf("a refused change was stored: %+v, was %+v", after, before)
		}
		if r, err := s.PauseReminder(ctx, "T1", "UADMIN", "acme:webinar"); err != nil || !r.Paused {
			t.Fatalf("admin pause: %+v, %v", r, err)
		}
		// The team digest belongs to no partner: any member may change it.
		if r, err := s.PauseReminder(ctx, "T1", "UANN", "team:digest"); err != nil || !r.Paused {
			t.Fatalf("member pausing the digest: %+v, %v", r, err)
		}
	})
	t.Run("DefaultsByWhoeverAdded", func(t *testing.T) {
		// Adding a partner for someone else gives it its reminders all the same.
		g, err := s.AddPartner(ctx, "T1", "UANN", coach.NewPartner{Name: "Globex", Owner: "UOWNER", Channel: "C1"})
		if err != nil {
			t.Fatal(err)
		}
		rs, _ := s.Reminders(ctx, "T1")
		if n := len(slices.DeleteFunc(rs, func(r coach.Reminder) bool { return r.PartnerID != g.ID })); n != len(coach.DefaultReminders(g, now)) {
			t.Fatalf("%d default reminders for Globex", n)
		}
		_, err = s.SetReminder(ctx, "T1", "UANN", coach.Reminder{PartnerID: g.ID, Kind: coach.ReminderBalance, Spec: "weekly", Channel: "C1"})
		wantCode(t, err, coach.EFORBIDDEN, "partner.forbidden")
	})
	t.Run("ErrUnknownPartner", func(t *testing.T) {
		_, err := s.SetReminder(ctx, "T1", "UOWNER", coach.Reminder{PartnerID: "ghost", Kind: coach.ReminderBalance, Spec: "weekly", Channel: "C1"})
		if coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Fatalf("got %v, want ENOTFOUND", err)
		}
	})
	t.Run("ErrNoTeam", func(t *testing.T) {
		for name, err := range map[string]error{
			"SetReminder":    second(s.SetReminder(ctx, "", "UOWNER", coach.Reminder{Kind: coach.ReminderDigest, Spec: "weekly", Channel: "C1"})),
			"Reminders":      second(s.Reminders(ctx, "")),
			"PauseReminder":  second(s.PauseReminder(ctx, "", "UOWNER", "team:digest")),
			"ResumeReminder": second(s.ResumeReminder(ctx, "", "UOWNER", "team:digest")),
			"SnoozeReminder": second(s.SnoozeReminder(ctx, "", "UOWNER", "team:digest", now.AddDate(0, 0, 1))),
		} {
			if coach.ErrorCode(err) != coach.EINVALID {
				t.Errorf("%s: got %v, want EINVALID", name, err)
			}
		}
	})
}

func TestDefaultReminders(t *testing.T) {
	p := coach.Partner{TeamID: "T1", ID: "acme", Channel: "C1"}
	var got []string
	for _, r := range coach.DefaultReminders(p, now) {
		if r.TeamID != "T1" || r.PartnerID != "acme" || r.Channel != "C1" || r.Spec == "" || r.ID != coach.ReminderID(r.PartnerID, r.Kind) {
			t.Errorf("reminder %+v, want team, partner, channel, a spec and its derived ID", r)
		}
		got = append(got, r.ID)
	}
	if want := []string{"acme:balance", "acme:webinar", "acme:event", "acme:quickwin", "acme:qbr"}; !slices.Equal(got, want) {
		t.Fatalf("IDs %v, want %v", got, want)
	}
	if got := coach.ReminderID("", coach.ReminderDigest); got != "team:digest" {
		t.Fatalf("team-wide ID %q, want team:digest", got)
	}
}

// TestReminderDue: the rule of a reminder's kind decides, from data the
// Service gathers; a partner archived or ended has nothing more to say.
func TestReminderDue(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", "")
	balance := coach.Reminder{TeamID: "T1", ID: coach.ReminderID(p.ID, coach.ReminderBalance), PartnerID: p.ID, Kind: coach.ReminderBalance, Channel: "C1"}
	if _, ok, err := s.ReminderDue(ctx, balance, time.UTC); err != nil || ok {
		t.Fatalf("balance review with nothing logged: %v, %v; want it skipped", ok, err)
	}
	if _, err := s.LogContribution(ctx, "T1", "UOWNER", coach.NewContribution{PartnerID: p.ID, Direction: coach.Got, Kind: coach.ContribLead, Amount: coach.Money{Currency: "EUR"}}); err != nil {
		t.Fatal(err)
	}
	f, ok, err := s.ReminderDue(ctx, balance, time.UTC)
	if err != nil || !ok || f.Partner.ID != p.ID {
		t.Fatalf("balance review of an active partner: %+v, %v, %v; want it to speak", f.Partner, ok, err)
	}
	webinar := balance
	webinar.Kind, webinar.ID = coach.ReminderWebinar, coach.ReminderID(p.ID, coach.ReminderWebinar)
	if _, ok, err := s.ReminderDue(ctx, webinar, time.UTC); err != nil || !ok {
		t.Fatalf("webinar nudge with no joint event: %v, %v; want it to speak", ok, err)
	}
	if _, err := s.SetReminder(ctx, "T1", "UOWNER", coach.Reminder{TeamID: "T1", ID: coach.ReminderID("", coach.ReminderDigest), Kind: coach.ReminderDigest, Spec: "weekly", Channel: "C1"}); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.ReminderDue(ctx, webinar, time.UTC); err != nil || ok {
		t.Fatalf("webinar nudge in the digest's channel: %v, %v; want the digest to replace it", ok, err)
	}
	if _, ok, err := s.ReminderDue(ctx, balance, time.UTC); err != nil || !ok {
		t.Fatalf("balance review in the digest's channel: %v, %v; a review is no nudge", ok, err)
	}
	event := balance
	event.Kind, event.ID = coach.ReminderEvent, coach.ReminderID(p.ID, coach.ReminderEvent)
	if _, ok, err := s.ReminderDue(ctx, event, time.UTC); err != nil || ok {
		t.Fatalf("event reminder with no event tomorrow: %v, %v; want silence", ok, err)
	}
	teamWide := balance
	teamWide.PartnerID = ""
	if _, ok, _ := s.ReminderDue(ctx, teamWide, time.UTC); ok {
		t.Fatal("a partner's kind without a partner spoke")
	}
	if _, err := s.Archive(ctx, "T1", "UOWNER", p.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.ReminderDue(ctx, balance, time.UTC); err != nil || ok {
		t.Fatalf("balance review of an archived partner: %v, %v; want silence", ok, err)
	}
	gone := balance
	gone.PartnerID = "ghost"
	if _, ok, err := s.ReminderDue(ctx, gone, time.UTC); err != nil || ok {
		t.Fatalf("reminder of a partner that is gone: %v, %v; want silence", ok, err)
	}
}
