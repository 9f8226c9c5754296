package bot_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
)

// People of another organisation, reaching the app through a Slack Connect
// channel.
const (
	eve     = "U0EVE"    // en-US, of T0ACME
	elodie  = "U0ELODIE" // fr-FR, of T0ACME
	acmeOrg = "T0ACME"
)

func (e *env) addExternalUsers() {
	e.sim.AddUser(slacksim.User{ID: eve, Name: "eve", Locale: "en-US", TZ: "UTC", TeamID: acmeOrg})
	e.sim.AddUser(slacksim.User{ID: elodie, Name: "elodie", Locale: "fr-FR", TZ: "Europe/Paris", TeamID: acmeOrg})
}

func mustBePrivateTo(t *testing.T, m slacksim.Message, user string, wants ...string) {
	t.Helper()
	if !m.Ephemeral || m.To != user {
		t.Fatalf("posted for the whole channel, want only %s to see it:\n%s", user, m.Visible())
	}
	mustContain(t, m, wants...)
}

// TestE2E_ChannelSharedMidRun: a channel that becomes shared with another
// organisation stops getting internal content at once (the channel_shared
// event, not a cache expiry), and gets it again once unshared.
func TestE2E_ChannelSharedMidRun(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "log acme got 10k EUR deal")
	if m := e.command(alice, partners, "balance acme"); m.Ephemeral {
		t.Fatalf("the balance is private in an internal channel:\n%s", m.Visible())
	}
	old := e.command(alice, partners, "checklist acme launch")
	if old.Ephemeral {
		t.Fatal("the checklist is private in an internal channel")
	}

	if _, err := e.sim.ShareChannel(ctx, partners, acmeOrg); err != nil {
		t.Fatal(err)
	}
	posted := len(e.sim.Messages(partners))
	for _, cmd := range []string{"balance acme", "health acme", "health", "stage acme active", "webinar acme 2099-03-10 10:00 Cost clinic", "add Globex"} {
		mustBePrivateTo(t, e.command(alice, partners, cmd), alice, "shared with another organisation", "only you see")
	}
	// The checklist goes to the asker's DM with the app, tickable there.
	mustBePrivateTo(t, e.command(alice, partners, "cl acme launch"), alice, "privately")
	dm := slacksim.DM(alice)
	e.wait(func() bool { return len(e.sim.Messages(dm)) == 1 }, "the checklist in alice's DM")
	if n := len(e.sim.Messages(partners)); n != posted {
		t.Fatalf("%d messages posted in the channel after it was shared", n-posted)
	}
	mine := e.sim.Messages(dm)[0]
	if _, err := e.sim.Click(ctx, alice, mine, "checklist.toggle", "acme|launch|lau-cross-business|1"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return e.sim.Messages(dm)[0].Edited == 1 }, "the private checklist to redraw")
	if st, _ := e.store.ItemStates(ctx, "T0001", "acme", "launch"); !st["lau-cross-business"].Done {
		t.Fatal("a tick in the private checklist was not stored")
	}

	// The checklist posted before the channel was shared is taken down on
	// the next click, and the click changes nothing.
	before := e.data()
	if _, err := e.sim.Click(ctx, alice, old, "checklist.toggle", "acme|launch|lau-cross-business|1"); err != nil {
		t.Fatal(err)
	}
	var taken slacksim.Message
	e.wait(func() bool {
		for _, m := range e.sim.Messages(partners) {
			if m.TS == old.TS && m.Edited > 0 {
				taken = m
				return true
			}
		}
		return false
	}, "the old checklist to be taken down")
	mustContain(t, taken, "taken down")
	if strings.Contains(taken.Visible(), "first deal") {
		t.Fatalf("the taken-down checklist still shows its items:\n%s", taken.Visible())
	}
	e.sameData(t, before, "a click on a checklist in a channel shared since")

	// Unshared, the channel gets answers for everyone again.
	if _, err := e.sim.UnshareChannel(ctx, partners, acmeOrg); err != nil {
		t.Fatal(err)
	}
	if m := e.command(alice, partners, "balance acme"); m.Ephemeral {
		t.Fatalf("the balance is still private after the channel was unshared:\n%s", m.Visible())
	}
}

// TestE2E_ExternalUsers: a person of another organisation gets a polite
// refusal in their language for every command, click and form, and
// nothing changes.
func TestE2E_ExternalUsers(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	e.addExternalUsers()
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "log acme got 10k EUR deal")
	checklist := e.command(alice, partners, "checklist acme launch")
	// The copy is recorded right after it is posted.
	e.wait(func() bool {
		ps, _ := e.svc.ChecklistPosts(context.Background(), "T0001", "acme", "launch")
		return len(ps) == 1
	}, "the checklist copy to be recorded")
	before := e.data()
	for _, cmd := range []string{"balance acme", "show acme", "health", "tip acme", "list", "log acme got 5 EUR deal", "add Globex",
		"stage acme active", "checklist acme", "archive acme", "remind acme balance weekly", "log"} {
		m := e.command(eve, shared, cmd)
		mustBePrivateTo(t, m, eve, "works only for the team that installed it")
		if strings.Contains(m.Visible(), "EUR") || strings.Contains(m.Visible(), "Acme") {
			t.Fatalf("/partner %s shows internal data to another organisation:\n%s", cmd, m.Visible())
		}
		e.sameData(t, before, "/partner "+cmd+" by another organisation")
	}
	if n := len(e.sim.ModalStack(eve)); n != 0 {
		t.Fatalf("%d forms opened for another organisation", n)
	}
	mustBePrivateTo(t, e.command(elodie, shared, "balance acme"), elodie, "ne sert que l'équipe qui l'a installé")

	// Clicks: the checklist's button, pressed by eve.
	got := e.craft(t, eve, checklist, []slacksim.Action{{ActionID: "checklist.toggle", Value: "acme|launch|lau-first-deal|1"}}, nil)
	mustContain(t, got, "works only for the team that installed it")
	e.sameData(t, before, "a click by another organisation")
	for _, m := range e.sim.Messages(partners) {
		if m.TS == checklist.TS && m.Edited != 0 {
			t.Fatal("a click by another organisation redrew the checklist")
		}
	}

	// A form submitted by a user of another organisation saves nothing.
	v := e.form(alice, partners, "webinar acme")
	out, err := e.sim.SubmitViewEdited(ctx, alice, v.ID, state(in(typed, "title", "Cost clinic"), in(dated, "date", "2099-03-10"), in(timed, "time", "10:00"), in(picked, "host", "partner")),
		func(p map[string]any) { p["user"].(map[string]any)["team_id"] = acmeOrg })
	if err != nil {
		t.Fatal(err)
	}
	if out.Action != "update" || len(out.Open) != 1 || !strings.Contains(viewText(out.Open[0].JSON), "works only for the team that installed it") {
		t.Fatalf("outcome %+v", out)
	}
	e.sameData(t, before, "a form submitted by another organisation")
}

// TestE2E_TamperedPayloads: an interaction must concern a message or view
// the bot made for the payload's team, and a form's metadata can be neither
// altered nor moved to another user; a tampered payload changes nothing and
// posts nowhere.
func TestE2E_TamperedPayloads(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	const elsewhere = "C0ELSEWHERE"
	e.sim.AddChannel(slacksim.Channel{ID: elsewhere, Name: "elsewhere", IsMember: true})
	e.command(alice, partners, "add Acme")
	checklist := e.command(alice, partners, "checklist acme launch")
	// The copy is recorded right after it is posted.
	e.wait(func() bool {
		ps, _ := e.svc.ChecklistPosts(context.Background(), "T0001", "acme", "launch")
		return len(ps) == 1
	}, "the checklist copy to be recorded")
	before := e.data()
	toggle := []slacksim.Action{{ActionID: "checklist.toggle", Value: "acme|launch|lau-first-deal|1"}}
	msg := func(p map[string]any) map[string]any { return p["message"].(map[string]any) }
	for _, tt := range []struct {
		name string
		edit func(map[string]any)
	}{
		{"NotTheBotsMessage", func(p map[string]any) { msg(p)["user"] = alice; delete(msg(p), "bot_id") }},
		{"AnotherTeamsMessage", func(p map[string]any) { msg(p)["team"] = "T0002" }},
		{"AnotherMessage", func(p map[string]any) { p["container"].(map[string]any)["message_ts"] = "1.000001" }},
		{"AnotherChannel", func(p map[string]any) { p["channel"].(map[string]any)["id"] = elsewhere }},
		{"NoMessage", func(p map[string]any) { delete(p, "message") }},
		{"NoContainer", func(p map[string]any) { delete(p, "container") }},
		{"PretendsEphemeral", func(p map[string]any) {
			p["container"].(map[string]any)["is_ephemeral"] = true
			msg(p)["user"] = alice
			delete(msg(p), "bot_id")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mustContain(t, e.craft(t, alice, checklist, toggle, tt.edit), "I don't know that button")
			e.sameData(t, before, tt.name)
		})
	}
	for _, m := range e.sim.Messages(partners) {
		if m.TS == checklist.TS && m.Edited != 0 {
			t.Fatal("a tampered click redrew the checklist")
		}
	}

	st := state(in(typed, "title", "Cost clinic"), in(dated, "date", "2099-03-10"), in(timed, "time", "10:00"), in(picked, "host", "partner"))
	view := func(p map[string]any) map[string]any { return p["view"].(map[string]any) }
	for _, tt := range []struct {
		name string
		edit func(map[string]any)
		want string // in the view the ack shows; "" when it closes the modal
	}{
		{"ChannelRedirected", func(p map[string]any) {
			view(p)["private_metadata"] = strings.Replace(view(p)["private_metadata"].(string), `"c":"`+partners+`"`, `"c":"`+elsewhere+`"`, 1)
		}, ""},
		{"PartnerChanged", func(p map[string]any) {
			view(p)["private_metadata"] = strings.Replace(view(p)["private_metadata"].(string), `"p":"acme"`, `"p":"globex"`, 1)
		}, ""},
		{"SealRemoved", func(p map[string]any) {
			pm := view(p)["private_metadata"].(string)
			view(p)["private_metadata"] = pm[strings.Index(pm, "{"):]
		}, ""},
		{"AnotherUsersForm", func(p map[string]any) { p["user"].(map[string]any)["id"] = bob }, ""},
		{"AnotherFormsMetadata", func(p map[string]any) { view(p)["callback_id"] = "log" }, ""},
		{"ViewOfAnotherApp", func(p map[string]any) { view(p)["bot_id"] = "B0OTHER" }, "couldn't read that request"},
		{"ViewOfAnotherTeam", func(p map[string]any) { view(p)["team_id"] = "T0002" }, "couldn't read that request"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := e.form(alice, partners, "webinar acme")
			if !strings.Contains(viewText(v.JSON), "Joint webinar") {
				t.Fatalf("form:\n%s", viewText(v.JSON))
			}
			out, err := e.sim.SubmitViewEdited(ctx, alice, v.ID, st, tt.edit)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == "" && len(out.Open) != 0:
				t.Fatalf("the modal stays open: %+v", out)
			case tt.want != "" && (len(out.Open) != 1 || !strings.Contains(viewText(out.Open[0].JSON), tt.want)):
				t.Fatalf("outcome %+v, want a view saying %q", out, tt.want)
			}
			e.sameData(t, before, tt.name)
			e.sim.CloseView(ctx, alice, v.ID) //nolint:errcheck // already closed in most cases
		})
	}
	if n := len(e.sim.Messages(elsewhere)); n != 0 {
		t.Fatalf("%d messages posted in a channel named by tampered metadata", n)
	}
	// Control: the same form, untampered, books the webinar and announces it
	// where it was opened, so the checks above could fail.
	v := e.form(alice, partners, "webinar acme")
	n := len(e.sim.Messages(partners))
	e.submit(alice, v, st, "Cost clinic")
	if evs, err := e.store.Events(ctx, "T0001", "acme"); err != nil || len(evs) != 1 {
		t.Fatalf("events %+v, %v", evs, err)
	}
	e.wait(func() bool { return len(e.sim.Messages(partners)) > n }, "the booking to be announced")
}

// data is the store without the command claims (dedupe.go), which come and
// go with every command and hold no partner data.
func (e *env) data() map[string]string {
	e.t.Helper()
	out := e.snapshot()
	for k := range out {
		if strings.Contains(k, ":occ:cmd.") {
			delete(out, k)
		}
	}
	return out
}

// sameData fails when any partner data changed since before.
func (e *env) sameData(t testing.TB, before map[string]string, what string) {
	t.Helper()
	after := e.data()
	for k, v := range after {
		if before[k] != v {
			t.Errorf("%s changed %s:\n was %s\n now %s", what, k, before[k], v)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			t.Errorf("%s deleted %s", what, k)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
}

// TestE2E_RemindersInSharedChannels: a scheduled message whose channel is
// shared goes to the partner's internal channel (its home channel, when not
// shared), else to its owner privately, saying why; a channel shared
// mid-run gets no more. The digest goes to whoever set it.
func TestE2E_RemindersInSharedChannels(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	e.command(alice, partners, "add Acme")
	e.command(alice, partners, "add Globex <#"+shared+"|acme-shared>")
	e.command(alice, partners, "log acme got 10k EUR deal")
	e.command(alice, partners, "log globex got 7k EUR deal")
	e.everySecond("acme", coach.ReminderBalance, shared)   // home channel internal
	e.everySecond("globex", coach.ReminderBalance, shared) // home channel shared too
	digest := coach.Reminder{TeamID: "T0001", ID: coach.ReminderID("", coach.ReminderDigest), Kind: coach.ReminderDigest, Spec: "@every 1s", Channel: shared, UpdatedBy: alice, UpdatedAt: time.Now()}
	if err := e.store.SaveReminder(ctx, digest); err != nil {
		t.Fatal(err)
	}
	e.runReminders()
	mustContain(t, e.waitMessage(partners, "Time to review the balance with Acme"), "rather than in <#"+shared+">")
	dm := slacksim.DM(alice)
	mustContain(t, e.waitMessage(dm, "Time to review the balance with Globex"), "EUR", "rather than in <#"+shared+">")
	mustContain(t, e.waitMessage(dm, "Weekly partner digest"), "rather than in <#"+shared+">")
	if n := len(e.sim.Messages(shared)); n != 0 {
		t.Fatalf("%d scheduled messages in the shared channel, first:\n%s", n, e.sim.Messages(shared)[0].Visible())
	}

	// #partners becomes shared: Acme's reviews (its reminder moved back
	// home) go to alice from the next one.
	reviews := func(ch string) int {
		n := 0
		for _, m := range e.sim.Messages(ch) {
			if strings.Contains(m.Visible(), "Time to review the balance with Acme") {
				n++
			}
		}
		return n
	}
	e.everySecond("acme", coach.ReminderBalance, partners)
	home := reviews(partners)
	e.wait(func() bool { return reviews(partners) > home }, "a review of Acme posted at home")
	if _, err := e.sim.ShareChannel(ctx, partners, acmeOrg); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return reviews(dm) > 0 }, "Acme's review in alice's DM")
	n := len(e.sim.Messages(partners))
	time.Sleep(1500 * time.Millisecond)
	for _, m := range e.sim.Messages(partners)[n:] {
		t.Fatalf("a scheduled message in #partners after it was shared:\n%s", m.Visible())
	}
}

// TestE2E_ExternalUserWithoutUserTeam: a command whose payload does not
// name the user's team is checked against the user's profile (users.info).
func TestE2E_ExternalUserWithoutUserTeam(t *testing.T) {
	e := start(t)
	e.addExternalUsers()
	e.command(alice, partners, "add Acme")
	before := e.data()
	noTeam := func(p map[string]any) { delete(p, "user_team") }
	n := len(e.sim.Ephemerals(eve))
	if _, err := e.sim.SlashCommandEdited(context.Background(), eve, shared, "/partner", "log acme got 5 EUR deal", noTeam); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return len(e.sim.Ephemerals(eve)) > n }, "an answer to eve")
	mustBePrivateTo(t, e.sim.Ephemerals(eve)[n], eve, "works only for the team that installed it")
	e.sameData(t, before, "a command of another organisation without user_team")
	// Control: alice's profile names her own team, so her command works.
	n = len(e.sim.Ephemerals(alice))
	if _, err := e.sim.SlashCommandEdited(context.Background(), alice, partners, "/partner", "log acme got 5 EUR deal", noTeam); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return len(e.sim.Ephemerals(alice)) > n }, "an answer to alice")
	mustContain(t, e.sim.Ephemerals(alice)[n], "Logged")
}

// TestE2E_HomeChecklistForSharedHome: the App Home's checklist button for a
// partner whose home channel is shared sends the checklist to the user's
// DM with the app, and says so.
func TestE2E_HomeChecklistForSharedHome(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	e.command(alice, partners, "add Globex <#"+shared+"|acme-shared>")
	if _, err := e.sim.OpenHome(ctx, alice); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return strings.Contains(string(e.sim.Home(alice)), "Globex") }, "the Home tab")
	n := len(e.sim.Messages(shared))
	if _, err := e.sim.ClickInHome(ctx, alice, "home.checklist", "globex"); err != nil {
		t.Fatal(err)
	}
	dm := slacksim.DM(alice)
	e.wait(func() bool { return len(e.sim.Messages(dm)) == 1 }, "the checklist in alice's DM")
	v := e.topView(alice, "the notice of where the checklist went")
	if !strings.Contains(viewText(v.JSON), "privately") {
		t.Fatalf("notice:\n%s", viewText(v.JSON))
	}
	if got := len(e.sim.Messages(shared)); got != n {
		t.Fatalf("%d messages posted in the shared home channel", got-n)
	}
}

// refusals counts failed envelopes, to tell when a refused click is done.
type refusals struct {
	mu     sync.Mutex
	failed int
}

func (o *refusals) Envelope(_, outcome string) {
	if outcome == bot.OutcomeFailed {
		o.mu.Lock()
		o.failed++
		o.mu.Unlock()
	}
}
func (o *refusals) AckLatency(string, time.Duration) {}
func (o *refusals) HandlerError(string)              {}
func (o *refusals) failures() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.failed
}

// TestE2E_TamperedClickInForm: "Add a part" in a form whose metadata was
// altered, sealed for another user, or in a view of another app, is
// refused and does not redraw the form.
func TestE2E_TamperedClickInForm(t *testing.T) {
	obs := &refusals{}
	e := startWith(t, func(c *bot.Config) { c.Observer = obs })
	ctx := context.Background()
	e.command(alice, partners, "add Acme")
	view := func(p map[string]any) map[string]any { return p["view"].(map[string]any) }
	for _, tt := range []struct {
		name string
		edit func(map[string]any)
	}{
		{"MetadataAltered", func(p map[string]any) {
			view(p)["private_metadata"] = strings.Replace(view(p)["private_metadata"].(string), `"f":`, `"r":9,"f":`, 1)
		}},
		{"SealRemoved", func(p map[string]any) {
			pm := view(p)["private_metadata"].(string)
			view(p)["private_metadata"] = pm[strings.Index(pm, "{"):]
		}},
		{"AnotherApp", func(p map[string]any) { view(p)["bot_id"] = "B0OTHER" }},
		{"AnotherUser", func(p map[string]any) { p["user"].(map[string]any)["id"] = bob }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := e.form(alice, partners, "complexity acme Big Bank")
			updates := e.sim.Succeeded("views.update")
			failed := obs.failures()
			if _, err := e.sim.ClickInViewEdited(ctx, alice, v.ID, "complexity.add_part", "", state(in(typed, "deal", "Big Bank")), tt.edit); err != nil {
				t.Fatal(err)
			}
			e.wait(func() bool { return obs.failures() > failed }, "the click to be refused")
			if e.sim.Succeeded("views.update") != updates {
				t.Fatal("a tampered click redrew the form")
			}
			for st := e.sim.ModalStack(alice); len(st) > 0; st = e.sim.ModalStack(alice) {
				if err := e.sim.CloseView(ctx, alice, st[len(st)-1].ID); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
	// Control: the untampered click grows the form.
	v := e.form(alice, partners, "complexity acme Big Bank")
	failed := obs.failures()
	if _, err := e.sim.ClickInView(ctx, alice, v.ID, "complexity.add_part", "", state(in(typed, "deal", "Big Bank"))); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		s := e.sim.ModalStack(alice)
		return len(s) == 1 && strings.Contains(string(s[0].JSON), "part.4.chance")
	}, "a fourth row")
	if obs.failures() != failed {
		t.Fatal("the genuine click counted as failed")
	}
}

// TestE2E_ExternalUserHome: a person of another organisation opening the
// App Home gets nothing of the team's partners; a member does.
func TestE2E_ExternalUserHome(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	e.addExternalUsers()
	e.command(alice, partners, "add Acme")
	if _, err := e.sim.OpenHome(ctx, eve); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		return strings.Contains(e.logs.String(), "App Home of a person of another organisation left empty")
	}, "the refusal in the log")
	if h := e.sim.Home(eve); h != nil {
		t.Fatalf("eve's Home tab was published:\n%s", h)
	}
	if _, err := e.sim.OpenHome(ctx, alice); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return strings.Contains(string(e.sim.Home(alice)), "Acme") }, "alice's Home tab")
}
