package coach_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/bolt"
)

// newService runs the service over the real embedded store in a temp file.
func newService(t testing.TB) *coach.Service {
	t.Helper()
	store, err := bolt.Open(filepath.Join(t.TempDir(), "pc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	s := coach.NewService(store, tpl, []string{"UADMIN"})
	s.Now = func() time.Time { return now }
	return s
}

func mustAdd(t *testing.T, s *coach.Service, name string, kind coach.Kind) coach.Partner {
	t.Helper()
	p, err := s.AddPartner(context.Background(), "T1", "UOWNER", coach.NewPartner{Name: name, Kind: kind, Channel: "C1"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAddPartner(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	t.Run("OK", func(t *testing.T) {
		p := mustAdd(t, s, "  Acme   Cloud ", "")
		if p.ID != "acme-cloud" || p.Name != "Acme Cloud" || p.Owner != "UOWNER" || p.Kind != coach.KindReseller || p.Stage != coach.StageProspect {
			t.Fatalf("got %+v", p)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		_, err := s.AddPartner(ctx, "T1", "U2", coach.NewPartner{Name: "ACME cloud", Channel: "C1"})
		if coach.ErrorCode(err) != coach.ECONFLICT || !strings.Contains(err.Error(), "acme-cloud") {
			t.Fatalf("got %v", err)
		}
	})
	for name, in := range map[string]coach.NewPartner{
		"ErrNameRequired": {Name: "   "},
		"ErrNameTooLong":  {Name: strings.Repeat("x", 81)},
		"ErrNoLetters":    {Name: "!!!"},
		"ErrBadKind":      {Name: "Zed", Kind: "alien"},
		"ErrBadStage":     {Name: "Zed", Stage: "dreaming"},
		"ErrControlChars": {Name: "Zed\x07"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.AddPartner(ctx, "T1", "U1", in)
			var ce *coach.Error
			if coach.ErrorCode(err) != coach.EINVALID || !asError(err, &ce) || ce.Field == "" || ce.Key == "" {
				t.Fatalf("got %v, want EINVALID with a field and a key", err)
			}
		})
	}
}

func asError(err error, target **coach.Error) bool {
	e, ok := err.(*coach.Error)
	if ok {
		*target = e
	}
	return ok
}

func TestFindPartner(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	mustAdd(t, s, "Acme Cloud", coach.KindCloudOperator)
	mustAdd(t, s, "Acme Consulting", coach.KindIntegrator)
	mustAdd(t, s, "Globex", coach.KindReseller)
	old := mustAdd(t, s, "Oldco", coach.KindReseller)
	if _, err := s.Archive(ctx, "T1", "UOWNER", old.ID); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{"acme-cloud": "acme-cloud", "ACME CONSULTING": "acme-consulting", "glo": "globex", "acme cl": "acme-cloud", "oldco": "oldco"} {
		p, err := s.FindPartner(ctx, "T1", q)
		if err != nil || p.ID != want {
			t.Errorf("FindPartner(%q) = %q, %v; want %q", q, p.ID, err, want)
		}
	}
	_, err := s.FindPartner(ctx, "T1", "acme")
	if coach.ErrorCode(err) != coach.EAMBIGUOUS || !strings.Contains(err.Error(), "Acme Cloud") || !strings.Contains(err.Error(), "Acme Consulting") {
		t.Errorf("ambiguous: got %v", err)
	}
	_, err = s.FindPartner(ctx, "T1", "globx")
	if coach.ErrorCode(err) != coach.ENOTFOUND || !strings.Contains(err.Error(), "Globex") {
		t.Errorf("did-you-mean: got %v", err)
	}
	// An archived partner is found by the start of its name only when no
	// active one matches: the command is then refused with how to restore
	// it, not with "no partner called …".
	if p, err := s.FindPartner(ctx, "T1", "old"); err != nil || !p.Archived {
		t.Errorf("archived partner by prefix, no active match: %+v, %v; want it found", p, err)
	}
	if _, err = s.FindPartner(ctx, "T2", "globex"); coach.ErrorCode(err) != coach.ENOTFOUND {
		t.Errorf("another team found it: %v", err)
	}
	list, _ := s.ListPartners(ctx, "T1", "")
	if len(list) != 3 {
		t.Errorf("list: %d partners, want 3 active", len(list))
	}
	list, _ = s.ListPartners(ctx, "T1", "integrator")
	if len(list) != 1 || list[0].ID != "acme-consulting" {
		t.Errorf("filter by kind: %+v", list)
	}
}

func TestAuthorization(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", "")
	if _, err := s.SetStage(ctx, "T1", "USTRANGER", p.ID, coach.StageActive); coach.ErrorCode(err) != coach.EFORBIDDEN {
		t.Fatalf("stranger: got %v, want EFORBIDDEN", err)
	}
	if _, err := s.Archive(ctx, "T1", "USTRANGER", p.ID); coach.ErrorCode(err) != coach.EFORBIDDEN {
		t.Fatalf("stranger archive: got %v", err)
	}
	if got, _ := s.FindPartner(ctx, "T1", "acme"); got.Stage != coach.StageProspect || got.Archived {
		t.Fatal("a refused change was written")
	}
	if got, err := s.SetStage(ctx, "T1", "UOWNER", p.ID, coach.StageActive); err != nil || got.Stage != coach.StageActive {
		t.Fatalf("owner: %+v, %v", got, err)
	}
	if got, err := s.Archive(ctx, "T1", "UADMIN", p.ID); err != nil || !got.Archived {
		t.Fatalf("admin: %+v, %v", got, err)
	}
}

func TestChecklist(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	cloud := mustAdd(t, s, "Nimbus", coach.KindCloudOperator)
	isv := mustAdd(t, s, "Softy", coach.KindSoftwareVendor)
	c, err := s.Checklist(ctx, "T1", cloud, "launch")
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := s.Checklist(ctx, "T1", isv, "launch")
	if len(c.Template.Items) != len(c2.Template.Items)+1 {
		t.Fatalf("cloud operator should get the marketplace item: %d vs %d items", len(c.Template.Items), len(c2.Template.Items))
	}
	c, err = s.SetItem(ctx, "T1", "U9", cloud, "launch", "lau-marketplace", true, "live on the marketplace")
	if err != nil {
		t.Fatal(err)
	}
	st := c.States["lau-marketplace"]
	if !st.Done || st.By != "U9" || !st.At.Equal(now) {
		t.Fatalf("state %+v", st)
	}
	// The partner's default balance review reminder is evidence for
	// lau-balance-review: one ticked by a person, one by the records.
	if p := c.Progress(); p.MustDone != 2 || p.MustTotal != 6 {
		t.Fatalf("progress %+v, want 2/6 must-haves", p)
	}
	if _, err := s.SetItem(ctx, "T1", "U9", isv, "launch", "lau-marketplace", true, ""); coach.ErrorCode(err) != coach.ENOTFOUND {
		t.Fatalf("kind-specific item on another kind: %v", err)
	}
	if _, err := s.Checklist(ctx, "T1", isv, "nope"); coach.ErrorCode(err) != coach.ENOTFOUND || !strings.Contains(err.Error(), "selection") {
		t.Fatalf("unknown template: %v", err)
	}
}

func TestTemplates_Override(t *testing.T) {
	path := filepath.Join(t.TempDir(), "extra.json")
	_ = os.WriteFile(path, []byte(`{"templates":[
	  {"id":"launch","items":[{"id":"lau-trial","priority":"must","rule":"pitfall-5","text":{"en":"Trial signed"}}]},
	  {"id":"renewal","title":{"en":"Renewal"},"items":[{"id":"ren-1","priority":"nice","rule":"pitfall-2","text":{"en":"Renewal terms reviewed"}}]}]}`), 0o600)
	tpl, err := coach.LoadTemplates(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tpl.IDs(), ","); got != "selection,launch,renewal" {
		t.Fatalf("IDs %s", got)
	}
	launch, _ := tpl.Get("launch")
	for _, it := range launch.Items {
		if it.ID == "lau-trial" && (it.Text.EN != "Trial signed" || it.Priority != coach.MustHave) {
			t.Fatalf("override not applied: %+v", it)
		}
	}
	_ = os.WriteFile(path, []byte(`{"templates":[{"id":"launch","items":[{"id":"x","priority":"maybe","text":{"en":"?"}}]}]}`), 0o600)
	if _, err := coach.LoadTemplates(path); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "priority") {
		t.Fatalf("bad override: %v", err)
	}
	embedded, _ := coach.LoadTemplates("")
	sel, _ := embedded.Get("selection")
	if len(sel.Items) != 12 {
		t.Fatalf("selection has %d items, want the twelve rules", len(sel.Items))
	}
	for _, id := range embedded.IDs() {
		tp, _ := embedded.Get(id)
		for _, it := range tp.Items {
			if it.Text.FR == "" || it.Why.EN == "" || it.Why.FR == "" || it.Rule == "" {
				t.Errorf("%s/%s lacks French text, a why or a rule", id, it.ID)
			}
		}
	}
}

func TestLedgerAndBalance(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", "")
	log := func(id string, dir coach.Direction, kind coach.ContributionKind, amount int64, daysAgo int) error {
		_, err := s.LogContribution(ctx, "T1", "U1", coach.NewContribution{ID: id, PartnerID: p.ID, Direction: dir, Kind: kind,
			Amount: coach.Money{Amount: amount, Currency: "EUR"}, Date: now.AddDate(0, 0, -daysAgo)})
		return err
	}
	for _, e := range []error{
		log("a", coach.Gave, coach.ContribDeal, 100000, 200),
		log("b", coach.Got, coach.ContribDeal, 20000, 10),
		log("b", coach.Got, coach.ContribDeal, 20000, 10), // a resubmitted command
		log("c", coach.Gave, coach.ContribLead, 0, 500),
	} {
		if e != nil {
			t.Fatal(e)
		}
	}
	b, err := s.Balance(ctx, "T1", p.ID, coach.DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	if b.Verdict != coach.VerdictLopsided || b.Ahead != coach.SideUs || b.GaveCount != 1 || b.GotCount != 1 {
		t.Fatalf("balance %+v", b)
	}
	if len(b.Deals) != 2 || !b.FirstDeal.Equal(now.AddDate(0, 0, -200)) {
		t.Fatalf("deals %+v first %v", b.Deals, b.FirstDeal)
	}
	b, _ = s.Balance(ctx, "T1", p.ID, coach.Window{Days: 30})
	if b.Verdict != coach.VerdictLopsided || b.Ahead != coach.SidePartner {
		t.Fatalf("30-day window %+v", b)
	}
	for name, in := range map[string]coach.NewContribution{
		"ErrDirection": {PartnerID: p.ID, Direction: "sideways", Kind: coach.ContribLead, Amount: coach.Money{Currency: "EUR"}},
		"ErrCurrency":  {PartnerID: p.ID, Direction: coach.Gave, Kind: coach.ContribLead, Amount: coach.Money{Currency: "EURO"}},
		"ErrNegative":  {PartnerID: p.ID, Direction: coach.Gave, Kind: coach.ContribLead, Amount: coach.Money{Amount: -1, Currency: "EUR"}},
		"ErrFuture":    {PartnerID: p.ID, Direction: coach.Gave, Kind: coach.ContribLead, Amount: coach.Money{Currency: "EUR"}, Date: now.AddDate(0, 0, 3)},
	} {
		if _, err := s.LogContribution(ctx, "T1", "U1", in); coach.ErrorCode(err) != coach.EINVALID {
			t.Errorf("%s: got %v", name, err)
		}
	}
	if _, err := s.LogContribution(ctx, "T1", "U1", coach.NewContribution{PartnerID: "ghost", Direction: coach.Gave, Kind: coach.ContribLead, Amount: coach.Money{Currency: "EUR"}}); coach.ErrorCode(err) != coach.ENOTFOUND {
		t.Errorf("unknown partner: %v", err)
	}
}

func TestEventsAndDeals(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", "")
	e, err := s.BookEvent(ctx, "T1", "U1", coach.NewEvent{PartnerID: p.ID, Title: "Joint webinar", Start: now.AddDate(0, 0, 7), TimeZone: "Europe/Paris", Link: "https://example.com/w"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Host != coach.HostUs || e.Status != coach.EventPlanned {
		t.Fatalf("first event: %+v, want hosted by us (no history)", e)
	}
	e2, _ := s.BookEvent(ctx, "T1", "U1", coach.NewEvent{PartnerID: p.ID, Title: "Second", Start: now.AddDate(0, 1, 0), TimeZone: "UTC"})
	if e2.Host != coach.HostPartner {
		t.Fatalf("second event host %q, want the partner's turn", e2.Host)
	}
	for name, in := range map[string]coach.NewEvent{
		"ErrPast":  {PartnerID: p.ID, Title: "x", Start: now.AddDate(0, 0, -1), TimeZone: "UTC"},
		"ErrTZ":    {PartnerID: p.ID, Title: "x", Start: now.AddDate(0, 0, 1), TimeZone: "Mars/Base"},
		"ErrLink":  {PartnerID: p.ID, Title: "x", Start: now.AddDate(0, 0, 1), TimeZone: "UTC", Link: "javascript:alert(1)"},
		"ErrTitle": {PartnerID: p.ID, Title: "", Start: now.AddDate(0, 0, 1), TimeZone: "UTC"},
	} {
		if _, err := s.BookEvent(ctx, "T1", "U1", in); coach.ErrorCode(err) != coach.EINVALID {
			t.Errorf("%s: got %v", name, err)
		}
	}
	sum, _ := s.EventSummary(ctx, "T1", p.ID)
	if sum.Next == nil || sum.Next.ID != e.ID || len(sum.Upcoming) != 2 {
		t.Fatalf("summary %+v", sum)
	}
	d, a, err := s.SaveDeal(ctx, "T1", "U1", p.ID, "Big Bank", []coach.Part{{Name: "Bank", Kind: coach.PartParty, Chance: 80}, {Name: "GPU", Kind: coach.PartComponent, Chance: 50}})
	if err != nil || d.ID != "big-bank" || a.Percent != 40 {
		t.Fatalf("deal %+v %+v %v", d, a, err)
	}
	if _, _, err := s.SaveDeal(ctx, "T1", "U1", p.ID, "Dup", []coach.Part{{Name: "A", Kind: coach.PartParty, Chance: 50}, {Name: "a", Kind: coach.PartParty, Chance: 50}}); coach.ErrorCode(err) != coach.EINVALID {
		t.Errorf("duplicate part: %v", err)
	}
	if _, _, err := s.SaveDeal(ctx, "T1", "U1", p.ID, "Zero", []coach.Part{{Name: "A", Kind: coach.PartParty, Chance: 0}}); coach.ErrorCode(err) != coach.EINVALID {
		t.Errorf("0%% chance: %v", err)
	}
}

func TestHealthAndTips(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", "")
	p, _ = s.SetStage(ctx, "T1", "UOWNER", p.ID, coach.StageOnboarding)
	s.Now = func() time.Time { return now.AddDate(0, 0, 70) }
	h, err := s.Health(ctx, "T1", p)
	if err != nil {
		t.Fatal(err)
	}
	// Only its default balance review reminder counts (evidence for one
	// launch must-have of ten): 30*1/10.
	if h.Score != 3 {
		t.Fatalf("an empty partner 70 days into onboarding scored %d: %+v", h.Score, h.Parts)
	}
	tips, _ := s.Tips(ctx, "T1", p)
	rules := map[string]bool{}
	for _, tip := range tips {
		rules[tip.Rule] = true
	}
	if !rules["pitfall-3"] {
		t.Fatalf("tips %v, want the quick-win one", rules)
	}
}

func TestReminders(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	p := mustAdd(t, s, "Acme", "")
	s.ValidateSpec = func(spec string) error {
		if spec == "bad" {
			return coach.FieldError("schedule", "x")
		}
		return nil
	}
	if _, err := s.SetReminder(ctx, "T1", "UOWNER", coach.Reminder{PartnerID: p.ID, Kind: coach.ReminderBalance, Spec: "bad", Channel: "C1"}); coach.ErrorCode(err) != coach.EINVALID {
		t.Fatalf("bad spec accepted: %v", err)
	}
	r, err := s.SetReminder(ctx, "T1", "UOWNER", coach.Reminder{PartnerID: p.ID, Kind: coach.ReminderBalance, Spec: "monthly", Channel: "C1"})
	if err != nil || r.ID != "acme:balance" {
		t.Fatalf("%+v %v", r, err)
	}
	if r, _ = s.PauseReminder(ctx, "T1", "UOWNER", r.ID); !r.Paused {
		t.Fatal("not paused")
	}
	if r, _ = s.ResumeReminder(ctx, "T1", "UOWNER", r.ID); r.Paused {
		t.Fatal("not resumed")
	}
	if _, err := s.SnoozeReminder(ctx, "T1", "UOWNER", r.ID, now.Add(-time.Hour)); coach.ErrorCode(err) != coach.EINVALID {
		t.Fatalf("snooze into the past: %v", err)
	}
	if r, _ = s.SnoozeReminder(ctx, "T1", "UOWNER", r.ID, now.AddDate(0, 0, 7)); !r.SnoozedUntil.Equal(now.AddDate(0, 0, 7)) {
		t.Fatalf("snoozed until %v", r.SnoozedUntil)
	}
	// A new schedule keeps the snooze and a pause.
	if _, err := s.PauseReminder(ctx, "T1", "UOWNER", r.ID); err != nil {
		t.Fatal(err)
	}
	if r, err = s.SetReminder(ctx, "T1", "UOWNER", coach.Reminder{PartnerID: p.ID, Kind: coach.ReminderBalance, Spec: "weekly", Channel: "C1"}); err != nil ||
		!r.Paused || !r.SnoozedUntil.Equal(now.AddDate(0, 0, 7)) || r.Spec != "weekly" {
		t.Fatalf("after a new schedule: %+v, %v", r, err)
	}
	if _, err := s.PauseReminder(ctx, "T1", "UOWNER", "nope"); coach.ErrorCode(err) != coach.ENOTFOUND {
		t.Fatalf("unknown reminder: %v", err)
	}
	if rs := coach.DefaultReminders(p, now); len(rs) != 5 || rs[0].Channel != "C1" || rs[0].Kind != coach.ReminderBalance {
		t.Fatalf("defaults %+v", rs)
	}
}

func TestQuickWinAndEventsOn(t *testing.T) {
	p := coach.Partner{Stage: coach.StageOnboarding, StageChangedAt: now.AddDate(0, 0, -60)}
	if !coach.QuickWinDue(p, time.Time{}, now) {
		t.Fatal("60 days onboarding without a deal: want due")
	}
	if coach.QuickWinDue(p, now.AddDate(0, 0, -1), now) {
		t.Fatal("a first deal exists: want not due")
	}
	p.StageChangedAt = now.AddDate(0, 0, -59)
	if coach.QuickWinDue(p, time.Time{}, now) {
		t.Fatal("59 days: want not due yet")
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	tomorrow := now.AddDate(0, 0, 1)
	evs := []coach.Event{
		{ID: "a", Start: time.Date(tomorrow.Year(), tomorrow.Month(), tomorrow.Day(), 0, 30, 0, 0, paris), Status: coach.EventPlanned},
		{ID: "b", Start: time.Date(tomorrow.Year(), tomorrow.Month(), tomorrow.Day(), 23, 30, 0, 0, paris), Status: coach.EventCancelled},
		{ID: "c", Start: time.Date(tomorrow.Year(), tomorrow.Month(), tomorrow.Day()+1, 0, 0, 0, 0, paris), Status: coach.EventPlanned},
	}
	if got := coach.EventsOn(evs, tomorrow, paris); len(got) != 1 || got[0].ID != "a" {
		t.Fatalf("EventsOn: %+v, want only a", got)
	}
}
