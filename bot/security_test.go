package bot_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/slacksim"
)

// Bad input and tampering, end to end: crafted block_actions payloads go
// through the simulator's Socket Mode to the real bot on real Redis; each
// gets a clear ephemeral answer, and the store is compared key by key
// before and after.

const otherTeam = "T0002"

// snapshot reads every key in Redis with its content, whatever its type.
func (e *env) snapshot() map[string]string {
	e.t.Helper()
	ctx := context.Background()
	rdb := e.store.Client()
	keys, err := rdb.Keys(ctx, "*").Result()
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]string{}
	for _, k := range keys {
		if derivedKey(k) {
			continue
		}
		typ, err := rdb.Type(ctx, k).Result()
		if err != nil {
			e.t.Fatal(err)
		}
		var v any
		switch typ {
		case "string":
			v, err = rdb.Get(ctx, k).Result()
		case "hash":
			var h map[string]string
			h, err = rdb.HGetAll(ctx, k).Result()
			v = fmt.Sprint(h) // fmt prints maps sorted by key
		case "set":
			var m []string
			m, err = rdb.SMembers(ctx, k).Result()
			slices.Sort(m)
			v = m
		case "zset":
			v, err = rdb.ZRangeWithScores(ctx, k, 0, -1).Result()
		case "list":
			v, err = rdb.LRange(ctx, k, 0, -1).Result()
		default:
			v = "type " + typ
		}
		if err != nil {
			e.t.Fatal(err)
		}
		out[k] = fmt.Sprint(v)
	}
	return out
}

// derivedKey tells the kept standings (summaries computed from the data,
// their versions and change count) from data: every replica's standings
// keeper computes them in the background at any time, and what they hold
// follows from the data compared.
func derivedKey(k string) bool {
	return strings.HasSuffix(k, ":sum") || strings.HasSuffix(k, ":sumv") || strings.HasSuffix(k, ":stv")
}

// sameStore fails when anything in Redis changed since before.
func (e *env) sameStore(t testing.TB, before map[string]string, what string) {
	t.Helper()
	after := e.snapshot()
	if maps.Equal(before, after) {
		return
	}
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
	t.FailNow()
}

// asTeam runs fn with the simulator speaking for another workspace.
func (e *env) asTeam(team string, fn func()) {
	old := e.sim.TeamID
	e.sim.TeamID = team
	defer func() { e.sim.TeamID = old }()
	fn()
}

// craft sends a crafted block_actions payload as user and returns the
// ephemeral answer; the envelope must be acknowledged (deliver fails otherwise).
func (e *env) craft(t testing.TB, user string, msg slacksim.Message, acts []slacksim.Action, edit func(map[string]any)) slacksim.Message {
	t.Helper()
	before := e.sim.EphemeralCount(user)
	if _, err := e.sim.BlockActions(context.Background(), user, msg, acts, edit); err != nil {
		t.Fatalf("crafted payload %.200v: %v", acts, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.sim.WaitFor(ctx, func() bool { return e.sim.EphemeralCount(user) > before }); err != nil {
		t.Fatalf("no answer to %.200v: %v", acts, err)
	}
	return e.sim.Ephemerals(user)[before]
}

func TestE2E_BadPayloads(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	checklist := e.command(alice, partners, "checklist acme launch")
	e.asTeam(otherTeam, func() { e.command(bob, partners, "add Globex") })
	// The copy is recorded right after it is posted.
	e.wait(func() bool {
		ps, _ := e.svc.ChecklistPosts(context.Background(), "T0001", "acme", "launch")
		return len(ps) == 1
	}, "the checklist copy to be recorded")
	before := e.snapshot()
	if _, ok := before["pc:{"+otherTeam+"}:partners"]; !ok {
		t.Fatalf("the other team's partner is not where the test expects it: %v", slices.Collect(maps.Keys(before)))
	}
	huge := strings.Repeat("é", 60_000)
	for _, tt := range []struct {
		name string
		acts []slacksim.Action
		edit func(map[string]any)
		want string
	}{
		{"UnknownActionID", []slacksim.Action{{ActionID: "checklist.delete_all", Value: "acme"}}, nil, "I don't know that button"},
		{"OversizedActionID", []slacksim.Action{{ActionID: strings.Repeat("x", 10_000), Value: "acme"}}, nil, "I don't know that button"},
		{"OtherTeamsPartner", []slacksim.Action{{ActionID: "checklist.toggle", Value: "globex|selection|sel-non-negotiables|1"}}, nil, `No partner called "globex"`},
		{"ItemThatDoesNotExist", []slacksim.Action{{ActionID: "checklist.toggle", Value: "acme|launch|lau-no-such-item|1"}}, nil, `has no item "lau-no-such-item"`},
		{"TemplateThatDoesNotExist", []slacksim.Action{{ActionID: "checklist.toggle", Value: "acme|payroll|x|1"}}, nil, `There is no checklist called "payroll"`},
		{"ValueNotOurs", []slacksim.Action{{ActionID: "checklist.toggle", Value: "acme|launch|lau-first-deal|yes"}}, nil, "That button is out of date"},
		{"ValueNotASlug", []slacksim.Action{{ActionID: "checklist.toggle", Value: "Acme Cloud|launch|lau-first-deal|1"}}, nil, "That button is out of date"},
		{"OversizedValue", []slacksim.Action{{ActionID: "checklist.toggle", Value: huge}}, nil, "That button is out of date"},
		{"OversizedText", []slacksim.Action{{ActionID: "balance.reviewed", Value: "acme-nope"}}, func(p map[string]any) {
			p["message"].(map[string]any)["text"] = huge
		}, `No partner called "acme-nope"`},
		{"ReviewOtherTeamsPartner", []slacksim.Action{{ActionID: "balance.reviewed", Value: "globex"}}, nil, `No partner called "globex"`},
		{"SnoozeOtherTeamsReminder", []slacksim.Action{{ActionID: "reminder.snooze", Value: "globex:balance"}}, nil, `There is no reminder "globex:balance"`},
		{"PauseReminderThatDoesNotExist", []slacksim.Action{{ActionID: "reminder.pause", Value: "acme:birthday"}}, nil, `There is no reminder "acme:birthday"`},
		{"PauseNotAReminderID", []slacksim.Action{{ActionID: "reminder.pause", Value: "<!channel>"}}, nil, "That button is out of date"},
		{"HintWithInjection", []slacksim.Action{{ActionID: "home.checklist", Value: "<!here>"}}, nil, "That button is out of date"},
		{"NegativePage", []slacksim.Action{{ActionID: "home.page", Value: "-1"}}, nil, "That button is out of date"},
		{"WrongTypeActions", nil, func(p map[string]any) { p["actions"] = "checklist.toggle" }, "couldn't read that request"},
		{"WrongTypeTeam", []slacksim.Action{{ActionID: "checklist.toggle", Value: "acme|launch|lau-first-deal|1"}}, func(p map[string]any) { p["team"] = 5 }, "couldn't read that request"},
		{"WrongTypeValue", []slacksim.Action{{ActionID: "checklist.toggle"}}, func(p map[string]any) {
			p["actions"].([]any)[0].(map[string]any)["value"] = 42
		}, "couldn't read that request"},
		{"NoTeam", []slacksim.Action{{ActionID: "checklist.toggle", Value: "acme|launch|lau-first-deal|1"}}, func(p map[string]any) { delete(p, "team") }, "I don't know that button"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := e.craft(t, alice, checklist, tt.acts, tt.edit)
			mustContain(t, got, tt.want)
			if got.Channel != partners || !got.Ephemeral || got.To != alice {
				t.Fatalf("the answer is not an ephemeral to alice in the channel: %+v", got)
			}
			e.sameStore(t, before, tt.name)
		})
	}
	posted := func() slacksim.Message {
		for _, m := range e.sim.Messages(partners) {
			if m.TS == checklist.TS {
				return m
			}
		}
		t.Fatal("the checklist message is gone")
		return slacksim.Message{}
	}
	if m := posted(); m.Edited != 0 || string(m.Blocks) != string(checklist.Blocks) {
		t.Fatalf("the checklist message was touched (%d edits)", m.Edited)
	}
	// The same click, untampered, does change the store: the checks above can fail.
	if _, err := e.sim.BlockActions(context.Background(), alice, checklist, []slacksim.Action{{ActionID: "checklist.toggle", Value: "acme|launch|lau-first-deal|1"}}, nil); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return posted().Edited == 1 }, "the genuine click to redraw")
	if st, _ := e.store.ItemStates(context.Background(), "T0001", "acme", "launch"); !st["lau-first-deal"].Done {
		t.Fatalf("genuine click not stored: %+v", st)
	}
}

// teamKeys keeps the keys of one team (every key of a team starts with pc:{team}:).
func teamKeys(snap map[string]string, team string) map[string]string {
	out := map[string]string{}
	for k, v := range snap {
		if strings.HasPrefix(k, "pc:{"+team+"}:") {
			out[k] = v
		}
	}
	return out
}

// TestE2E_TeamIsolation: the team always comes from the payload. Both
// teams have a partner "acme"; only the other one has "globex". Whatever a
// user of T0001 types or clicks, T0002's data stays as it was.
func TestE2E_TeamIsolation(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	checklist := e.command(alice, partners, "checklist acme launch")
	e.asTeam(otherTeam, func() {
		e.command(bob, partners, "add Acme")
		e.command(bob, partners, "add Globex")
	})
	other := teamKeys(e.snapshot(), otherTeam)
	if len(other) == 0 {
		t.Fatal("the other team has no keys: the test would prove nothing")
	}
	for _, cmd := range []string{"show globex", "checklist globex", "archive globex", "stage globex active", "log globex got 5 EUR deal",
		"balance globex", "remind globex balance weekly", "reminders pause globex webinar", "tip globex"} {
		mustContain(t, e.command(alice, partners, cmd), "globex")
		if got := teamKeys(e.snapshot(), otherTeam); !maps.Equal(got, other) {
			t.Fatalf("/partner %s changed the other team's data", cmd)
		}
	}
	for _, a := range []slacksim.Action{{ActionID: "checklist.toggle", Value: "globex|launch|lau-first-deal|1"}, {ActionID: "balance.reviewed", Value: "globex"},
		{ActionID: "reminder.snooze", Value: "globex:balance"}, {ActionID: "reminder.pause", Value: "globex:webinar"}} {
		mustContain(t, e.craft(t, alice, checklist, []slacksim.Action{a}, nil), "globex")
		if got := teamKeys(e.snapshot(), otherTeam); !maps.Equal(got, other) {
			t.Fatalf("%+v changed the other team's data", a)
		}
	}
	// A click whose user belongs to the other team is a person of another
	// organisation: refused politely, and neither team changes.
	mine := teamKeys(e.snapshot(), "T0001")
	got := e.craft(t, alice, checklist, []slacksim.Action{{ActionID: "checklist.toggle", Value: "acme|launch|lau-first-deal|1"}},
		func(p map[string]any) { p["user"].(map[string]any)["team_id"] = otherTeam })
	mustContain(t, got, "works only for the team that installed it")
	if got := teamKeys(e.snapshot(), otherTeam); !maps.Equal(got, other) {
		t.Fatal("a click of another organisation changed T0002's data")
	}
	if got := teamKeys(e.snapshot(), "T0001"); !maps.Equal(got, mine) {
		t.Fatal("a click of another organisation changed T0001's data")
	}
	// Control: the same click from the other team changes the other team.
	e.asTeam(otherTeam, func() {
		if _, err := e.sim.BlockActions(context.Background(), bob, checklist, []slacksim.Action{{ActionID: "checklist.toggle", Value: "acme|launch|lau-first-deal|1"}}, nil); err != nil {
			t.Fatal(err)
		}
	})
	e.wait(func() bool {
		st, _ := e.store.ItemStates(context.Background(), otherTeam, "acme", "launch")
		return st["lau-first-deal"].Done && st["lau-first-deal"].By == bob
	}, "the other team's click to land there")
}

// TestE2E_OwnerOrAdminOnly: archive, stage and reminder settings are the
// partner owner's and the admins'; anyone else gets a clear refusal and the
// store does not change.
func TestE2E_OwnerOrAdminOnly(t *testing.T) {
	e := start(t)
	e.sim.AddUser(slacksim.User{ID: "U0ADMIN", Name: "admin", Locale: "en-GB", TZ: "Europe/London"})
	e.command(alice, partners, "add Acme")
	msg := e.command(alice, partners, "checklist acme launch")
	// The copy is recorded right after it is posted.
	e.wait(func() bool {
		ps, _ := e.svc.ChecklistPosts(context.Background(), "T0001", "acme", "launch")
		return len(ps) == 1
	}, "the checklist copy to be recorded")
	before := e.snapshot()
	for _, cmd := range []string{"stage acme active", "archive acme", "remind acme balance weekly", "remind acme webinar CRON_TZ=Europe/Paris 0 9 * * 2",
		"reminders pause acme webinar", "reminders resume acme balance"} {
		t.Run(cmd, func(t *testing.T) {
			got := e.command(bob, partners, cmd)
			mustContain(t, got, "Seul le responsable de Acme ou un administrateur")
			if !got.Ephemeral {
				t.Fatal("a refusal is for the asker only")
			}
			e.sameStore(t, before, "bob's /partner "+cmd)
		})
	}
	for _, a := range []slacksim.Action{{ActionID: "reminder.snooze", Value: "acme:balance"}, {ActionID: "reminder.pause", Value: "acme:webinar"}} {
		t.Run(a.ActionID, func(t *testing.T) {
			mustContain(t, e.craft(t, bob, msg, []slacksim.Action{a}, nil), "Seul le responsable de Acme")
			e.sameStore(t, before, "bob's "+a.ActionID)
		})
	}
	// Anyone may tick the checklist and mark the balance reviewed.
	mustContain(t, e.craft(t, bob, msg, []slacksim.Action{{ActionID: "balance.reviewed", Value: "acme"}}, nil), "Acme")

	// The admin and the owner may.
	mustContain(t, e.command("U0ADMIN", partners, "stage acme active"), "is now an active partner")
	mustContain(t, e.command("U0ADMIN", partners, "reminders pause acme webinar"), "paused")
	mustContain(t, e.command(alice, partners, "remind acme balance weekly"), "every Monday")
	mustContain(t, e.craft(t, alice, msg, []slacksim.Action{{ActionID: "reminder.snooze", Value: "acme:balance"}}, nil), "Snoozed")
	mustContain(t, e.command(alice, partners, "archive acme"), "Acme")
	p, err := e.store.Partner(context.Background(), "T0001", "acme")
	if err != nil || p.Stage != "active" || !p.Archived {
		t.Fatalf("stored partner %+v, %v", p, err)
	}
	rs, _ := e.store.Reminders(context.Background(), "T0001")
	if r := reminder(rs, "acme:balance"); r.Spec != "weekly" || r.SnoozedUntil.IsZero() || r.UpdatedBy != alice {
		t.Fatalf("balance reminder %+v", r)
	}
	if r := reminder(rs, "acme:webinar"); !r.Paused || r.UpdatedBy != "U0ADMIN" {
		t.Fatalf("webinar reminder %+v", r)
	}
}

// TestE2E_OversizedCommands: /partner text far beyond what anyone types still
// gets a readable answer within Block Kit's limits (slacksim refuses the
// reply otherwise, and the user would see nothing), and changes nothing.
func TestE2E_OversizedCommands(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	before := e.snapshot()
	huge := strings.Repeat("<!here>é", 3000)
	for _, cmd := range []string{huge, "show " + huge, "add " + huge, "log acme got " + huge + " EUR deal", "log acme got 5 EUR deal " + huge,
		"balance acme " + huge, "remind acme balance " + huge, "complexity acme " + huge + ": a 5%", "webinar acme 2099-01-01 10:00 " + huge,
		"stage acme " + huge, "list " + huge, "checklist acme " + huge} {
		got := e.command(alice, partners, cmd)
		if !got.Ephemeral || !strings.Contains(got.Visible(), ":warning:") && !strings.Contains(got.Visible(), ":thinking_face:") && !strings.Contains(got.Visible(), "No active partner matches") {
			t.Fatalf("/partner %.40s…: %.300s", cmd, got.Visible())
		}
		if strings.Contains(got.Visible(), "<!here>") {
			t.Fatalf("/partner %.40s… echoes a raw mention", cmd)
		}
	}
	e.sameStore(t, before, "oversized commands")
	for _, c := range e.sim.Calls() {
		if c.Error != "" {
			t.Errorf("%s failed with %s", c.Method, c.Error)
		}
	}
}
