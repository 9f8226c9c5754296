package bot_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
)

// Mentions and disguised links typed into every field a user fills must reach
// Slack inert, on every surface. Slack reads mrkdwn texts and a message's
// top-level text (its notification) for <!channel>, <!here>, <@U…> and
// <url|label>; plain_text shows them as typed.

// injected are what the checks look for; the evil user is in no test.
var injected = []string{"<!channel>", "<!here>", "<@U0EVIL>", "<https://evil.example", "<!subteam^S0EVIL>"}

// mrkdwnOf lists the texts Slack parses in a surface: the top-level text and
// every mrkdwn text object in the blocks (of a message or of a view).
func mrkdwnOf(t *testing.T, p slacksim.Post) []string {
	t.Helper()
	out := []string{p.Text}
	raw := p.Blocks
	if len(p.View) > 0 {
		var v struct {
			Blocks json.RawMessage `json:"blocks"`
		}
		if err := json.Unmarshal(p.View, &v); err != nil {
			t.Fatal(err)
		}
		raw = v.Blocks
	}
	if len(raw) == 0 {
		return out
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatal(err)
	}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if x["type"] == "mrkdwn" {
				if s, ok := x["text"].(string); ok {
					out = append(out, s)
				}
			}
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	walk(tree)
	return out
}

func TestE2E_MrkdwnInjectionEverywhere(t *testing.T) {
	e := start(t)
	e.sim.AddChannel(slacksim.Channel{ID: "C0EVENTS", Name: "events", IsMember: true})
	// The digest has a channel of its own: where it posts, it replaces the nudges.
	e.sim.AddChannel(slacksim.Channel{ID: "C0DIGEST", Name: "digest", IsMember: true})
	ctx := context.Background()

	// Slack sends special mentions raw (should_escape) and whatever else the
	// user typed with &, < and > as entities: both forms go in.
	const rawName = "<!channel> <!here> <@U0EVIL> <script>x</script> Co"
	const escName = "&lt;https://evil.example|Acme&gt; &lt;!subteam^S0EVIL&gt;"
	e.command(alice, partners, "add "+rawName+" isv")
	e.command(alice, partners, "add "+escName)
	ps, _ := e.store.Partners(ctx, "T0001")
	if len(ps) != 2 {
		t.Fatalf("partners %+v", ps)
	}
	var a, b coach.Partner // a has the raw mentions, b the escaped ones
	for _, p := range ps {
		if strings.Contains(p.Name, "<!channel>") {
			a = p
		} else {
			b = p
		}
	}
	if a.Name != rawName || b.Name != "<https://evil.example|Acme> <!subteam^S0EVIL>" {
		t.Fatalf("stored names %q and %q: the store keeps what was typed", a.Name, b.Name)
	}

	hostile := "<!channel> <!here> <@U0EVIL> &lt;https://evil.example|x&gt; &lt;!subteam^S0EVIL&gt; &lt;img src=x onerror=alert(1)&gt;"
	tomorrow := time.Now().In(mustLoc(t, "Europe/Paris")).AddDate(0, 0, 1).Format("2006-01-02")
	for _, cmd := range []string{
		"show " + a.ID, "show " + b.ID, "list", "list <!here>", "health", "health " + a.ID,
		"log " + a.ID + " got 12k EUR deal " + hostile, "log " + b.ID + " gave 1k EUR lead " + hostile, "balance " + a.ID, "balance " + b.ID,
		"webinar " + a.ID + " " + tomorrow + " 10:00 " + hostile, "events " + a.ID,
		"complexity " + a.ID + " " + hostile + ": <!here> Bank 90%, <@U0EVIL> component 80%, &lt;https://evil.example|y&gt; 70%",
		"tip " + a.ID, "tip " + b.ID, "checklist " + b.ID + " launch",
		"remind " + a.ID + " balance monthly", "reminders", "reminders " + b.ID, "reminders pause " + a.ID + " webinar",
		"remind digest weekly", "stage " + b.ID + " active",
		// Errors that echo what was typed.
		"<!channel>", "show <!here>", "stage " + a.ID + " <!channel>", "balance " + a.ID + " <!here>", "log " + a.ID + " got 5 <!here> deal",
		"log " + a.ID + " got <!here> EUR deal", "log " + a.ID + " <!here> 5 EUR deal", "log " + a.ID + " got 5 EUR <!here>", "webinar " + a.ID + " <!here> 10:00 x",
		"complexity " + a.ID + " <!here>: <@U0EVIL>", "checklist " + a.ID + " <!channel>", "remind " + a.ID + " <!here> weekly",
		"remind " + a.ID + " balance <!channel>", "add <!channel>", "add " + strings.Repeat("<!here>", 20),
	} {
		e.command(alice, partners, cmd)
	}

	// Clicks: a checklist redraw, and the hints that echo a button's value.
	cl := e.command(alice, partners, "checklist "+a.ID+" selection")
	if _, err := e.sim.Click(ctx, alice, cl, "checklist.toggle", a.ID+"|selection|sel-non-negotiables|1"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		for _, p := range e.sim.Posts() {
			if p.Method == "chat.update" {
				return true
			}
		}
		return false
	}, "the checklist redraw")

	// Reminders: the balance review, the webinar nudge (b has no event),
	// the day-before event reminder (a's webinar is tomorrow), the digest.
	e.everySecond(a.ID, coach.ReminderBalance, partners)
	e.everySecond(a.ID, coach.ReminderEvent, "C0EVENTS")
	e.everySecond(b.ID, coach.ReminderWebinar, "C0EVENTS")
	digest := coach.Reminder{TeamID: "T0001", ID: coach.ReminderID("", coach.ReminderDigest), Kind: coach.ReminderDigest, Spec: "@every 1s", Channel: "C0DIGEST", UpdatedAt: time.Now()}
	if err := e.store.SaveReminder(ctx, digest); err != nil {
		t.Fatal(err)
	}
	e.runReminders()
	review := e.waitMessage(partners, "Time to review the balance")
	e.waitMessage("C0EVENTS", "No joint event with")
	e.waitMessage("C0EVENTS", "Tomorrow with")
	e.waitMessage("C0DIGEST", "Weekly partner digest")
	n := e.sim.EphemeralCount(alice)
	if _, err := e.sim.Click(ctx, alice, review, "balance.reviewed", ""); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return e.sim.EphemeralCount(alice) > n }, "the answer to Mark reviewed")

	// Modals: the forms for a partner (its name shown), the deal form filled
	// in from the stored deal, a form from a button, and the view a
	// submission leaves behind.
	for _, cmd := range []string{"log " + a.ID, "webinar " + b.ID, "complexity " + a.ID + " " + hostile} {
		e.form(alice, partners, cmd)
	}
	if _, err := e.sim.Click(ctx, alice, review, "balance.log", ""); err != nil {
		t.Fatal(err)
	}
	add := e.form(bob, partners, "add")
	e.submit(bob, add, state(in(typed, "name", "<!here> <@U0EVIL> Sub"), in(picked, "kind", "reseller"), in(picked, "stage", "prospect"),
		in(userPicked, "owner", bob), in(channelPicked, "channel", partners)), "Sub")

	// The App Home, both pages' worth of partners.
	if _, err := e.sim.OpenHome(ctx, alice); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return e.sim.Home(alice) != nil }, "the home view")

	surfaces := map[string]int{}
	for _, p := range e.sim.Posts() {
		surfaces[p.Method]++
		for _, text := range mrkdwnOf(t, p) {
			for _, bad := range injected {
				if strings.Contains(text, bad) {
					t.Errorf("%s to %s%s lets %q through in mrkdwn:\n%s", p.Method, p.Channel, p.User, bad, text)
				}
			}
		}
	}
	t.Logf("surfaces scanned: %v", surfaces)
	// The simulator's HTML rendering (the sandbox page, the README pictures)
	// keeps the same text inert as HTML.
	var pages strings.Builder
	for _, p := range e.sim.Posts() {
		bl := p.Blocks
		if len(p.View) > 0 {
			var v struct {
				Blocks json.RawMessage `json:"blocks"`
			}
			_ = json.Unmarshal(p.View, &v)
			bl = v.Blocks
		}
		page := e.sim.RenderHTML(bl)
		if strings.Contains(page, "<script") || strings.Contains(page, "<img") {
			t.Errorf("%s renders user text as HTML:\n%s", p.Method, page)
		}
		pages.WriteString(page)
	}
	if !strings.Contains(pages.String(), "&lt;script&gt;") || !strings.Contains(pages.String(), "&lt;img src=x") {
		t.Error("the rendered pages do not show the typed tags as text")
	}
	// Every kind of surface was seen, so the scan covered them all.
	for _, m := range []string{"chat.postMessage", "chat.update", "response_url", "views.publish", "views.open", "response_action update"} {
		if surfaces[m] == 0 {
			t.Errorf("no %s was scanned (saw %v)", m, surfaces)
		}
	}
	// And the text is still there for people to read, escaped.
	var all strings.Builder
	for _, p := range e.sim.Posts() {
		all.WriteString(strings.Join(mrkdwnOf(t, p), "\n"))
	}
	for _, want := range []string{"&lt;!channel&gt;", "&lt;@U0EVIL&gt;", "&lt;https://evil.example|Acme&gt;", "&lt;!subteam^S0EVIL&gt;"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("nothing shows %q: user text was dropped rather than escaped", want)
		}
	}
}

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
