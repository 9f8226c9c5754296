package bot_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/logcheck"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/partnercoach/partnercoach/storage/redis"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { redistest.Main(m) }

const (
	alice    = "U0ALICE" // en-US
	bob      = "U0BOB"   // fr-FR
	partners = "C0PARTNERS"
	shared   = "C0SHARED" // shared with another organisation
)

type env struct {
	t     testing.TB
	sim   *slacksim.Server
	store *redis.Store
	svc   *coach.Service
	bot   *bot.Bot
	logs  *logcheck.Capture // every log line of the bot and the reminder runner
	stop  func()
}

// start runs the real bot against the simulator over Socket Mode and a real
// Redis, and waits until it is connected.
func start(t testing.TB) *env {
	t.Helper()
	return startWith(t, nil)
}

// startWith is start with the bot's config changed by tweak first.
func startWith(t testing.TB, tweak func(*bot.Config)) *env {
	t.Helper()
	url := redistest.SharedURL(t) // starts the shared server (and its watcher) first
	// Whatever runs now is not ours.
	before := goleak.IgnoreCurrent()
	sim := slacksim.New()
	store, tpl := freshStore(t, url)
	svc := coach.NewService(store, tpl, []string{"U0ADMIN"})
	// As the app wires it: schedules parsed by remind, at most hourly.
	svc.ValidateSpec = func(spec string) error {
		s, err := remind.Parse(spec, "Europe/Paris")
		if err != nil {
			return err
		}
		return remind.CheckInterval(s, time.Now(), time.Hour)
	}
	logs := &logcheck.Capture{}
	cfg := bot.Config{BotToken: slacksim.BotToken, AppToken: slacksim.AppToken, APIURL: sim.URL(), Service: svc,
		Logger: logs.Logger(), DefaultTZ: "Europe/Paris"}
	if tweak != nil {
		tweak(&cfg)
	}
	b, err := bot.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stopRun := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(runCtx) }()
	e := &env{t: t, sim: sim, store: store, svc: svc, bot: b, logs: logs}
	// stop may be called by a test and again by its cleanup: once.
	var stop func()
	var once sync.Once
	e.stop = func() { once.Do(stop) }
	stop = func() {
		stopRun()
		if err := <-done; err != nil {
			t.Errorf("Run returned %v", err)
		}
		// No token in any log line, nor in anything shown to a user.
		logs.Check(t, slacksim.BotToken, slacksim.AppToken)
		for _, p := range sim.Posts() {
			if leaks := logcheck.Leaks(p.Text+"\n"+string(p.Blocks)+"\n"+string(p.View), slacksim.BotToken, slacksim.AppToken); len(leaks) > 0 {
				t.Errorf("%s shows a token to a user", p.Method)
			}
		}
		_ = store.Close()
		sim.Close()
		// Nothing the bot started may outlive it.
		if err := goleak.Find(before); err != nil {
			t.Errorf("goroutines left behind: %v", err)
		}
	}
	t.Cleanup(e.stop)
	e.wait(func() bool { return sim.Connections() == 1 && b.Connected() }, "the bot to connect")
	return e
}

func (e *env) wait(cond func() bool, what string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.sim.WaitFor(ctx, cond); err != nil {
		e.t.Fatalf("waiting for %s: %v", what, err)
	}
}

// command types /partner text and returns the first new message that user
// sees afterwards (ephemeral or in the channel).
func (e *env) command(user, channel, text string) slacksim.Message {
	e.t.Helper()
	beforeE, beforeC := len(e.sim.Ephemerals(user)), len(e.sim.Messages(channel))
	res, err := e.sim.SlashCommand(context.Background(), user, channel, "/partner", text)
	if err != nil {
		e.t.Fatalf("/partner %s: %v", text, err)
	}
	if len(res.Ack) > 0 && string(res.Ack) != "null" && string(res.Ack) != "{}" {
		e.t.Fatalf("ack carried a payload %s: replies go through response_url", res.Ack)
	}
	var got slacksim.Message
	e.wait(func() bool {
		// On a loaded machine a reply may come after the "still working"
		// notice (late.go): the reply is what follows it.
		for _, m := range e.sim.Ephemerals(user)[beforeE:] {
			if !isStillWorking(m) {
				got = m
				return true
			}
		}
		if ms := e.sim.Messages(channel); len(ms) > beforeC {
			got = ms[beforeC]
			return true
		}
		return false
	}, "a reply to /partner "+text)
	return got
}

func isStillWorking(m slacksim.Message) bool {
	return strings.Contains(m.Visible(), "Still working on it") || strings.Contains(m.Visible(), "Je m'en occupe")
}

func mustContain(t *testing.T, m slacksim.Message, wants ...string) {
	t.Helper()
	text := m.Visible()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Fatalf("message does not contain %q:\n%s", w, text)
		}
	}
}

func TestE2E_PartnerLifecycle(t *testing.T) {
	e := start(t)

	help := e.command(alice, partners, "")
	mustContain(t, help, "/partner checklist", "/partner balance", "Examples")
	if !help.Ephemeral {
		t.Fatal("help must be ephemeral")
	}

	added := e.command(alice, partners, "add Acme Cloud cloud-operator")
	mustContain(t, added, "Acme Cloud", "cloud operator", "acme-cloud")
	if added.Ephemeral {
		t.Fatal("a new partner is announced to the channel")
	}
	p, err := e.store.Partner(context.Background(), "T0001", "acme-cloud")
	if err != nil || p.Owner != alice || p.Channel != partners || p.Kind != coach.KindCloudOperator {
		t.Fatalf("stored partner %+v, %v", p, err)
	}
	mustContain(t, e.command(alice, partners, "add \"Globex Integration\" integrator <@U0BOB|bob>"), "Globex Integration")
	if g, _ := e.store.Partner(context.Background(), "T0001", "globex-integration"); g.Owner != bob {
		t.Fatalf("owner from the mention: got %q", g.Owner)
	}

	mustContain(t, e.command(alice, partners, "list"), "Acme Cloud", "Globex Integration", "Partners (2)")
	mustContain(t, e.command(alice, partners, "show acme"), "Acme Cloud", "cloud operator", "Health")

	dup := e.command(alice, partners, "add acme cloud")
	mustContain(t, dup, "already have a partner", "Usage")
	if !dup.Ephemeral {
		t.Fatal("errors are ephemeral")
	}

	mustContain(t, e.command(alice, partners, "log acme got 12.5k EUR deal first joint deal"), "Logged", "EUR 12,500.00")
	bal := e.command(alice, partners, "balance acme")
	mustContain(t, bal, "Balance with Acme Cloud", "Lopsided", "partner brings more", "1 deal so far")

	mustContain(t, e.command(alice, partners, "webinar acme 2099-12-10 14:00 Cloud cost clinic"), "Cloud cost clinic", "hosted by us")
	mustContain(t, e.command(alice, partners, "events acme"), "Cloud cost clinic", "hosted by the partner")
	mustContain(t, e.command(alice, partners, "complexity acme Big Bank: Bank 90%, Acme 90%, GPU cluster component 90%, Integrator 90%"), "Overall chance: *66%*")
	mustContain(t, e.command(alice, partners, "tip acme"), "Coaching for Acme Cloud")
	mustContain(t, e.command(alice, partners, "health"), "Partner health")

	// Only the owner or an admin may change the stage or archive.
	mustContain(t, e.command(bob, partners, "stage acme active"), "Seul le responsable", "Demandez au responsable (<@U0ALICE>)")
	mustContain(t, e.command(alice, partners, "stage acme active"), "is now an active partner")
	mustContain(t, e.command(alice, partners, "archive globex"), "Globex Integration")
	if g, _ := e.store.Partner(context.Background(), "T0001", "globex-integration"); g.Archived {
		t.Fatal("bob's partner archived by alice")
	}
}

func TestE2E_ChecklistClicks(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme Cloud cloud-operator")
	msg := e.command(alice, partners, "checklist acme launch")
	if msg.Ephemeral {
		t.Fatal("the checklist is posted for everyone")
	}
	mustContain(t, msg, "Launching and running the partnership", "Must-haves 1/6", "marketplace", "Balance review reminder active")
	// The balance review is ticked by the records (the partner's default
	// reminder), so every count below includes it.

	// Two people click two items at once on the same (soon stale) copy.
	var wg sync.WaitGroup
	for _, c := range []struct{ user, item string }{{alice, "lau-cross-business"}, {bob, "lau-first-deal"}} {
		wg.Go(func() {
			if _, err := e.sim.Click(context.Background(), c.user, msg, "checklist.toggle", "acme-cloud|launch|"+c.item+"|1"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	e.wait(func() bool {
		ms := e.sim.Messages(partners)
		return len(ms) == 2 && strings.Contains(ms[1].Visible(), "Must-haves 3/6")
	}, "both clicks to show in the message")
	updated := e.sim.Messages(partners)[1]
	if updated.TS != msg.TS || updated.Edited < 1 {
		t.Fatalf("the message was not updated in place: %+v", updated)
	}
	mustContain(t, updated, "Done by <@U0ALICE>", "Done by <@U0BOB>")

	// A click on the old copy asking for a state already reached changes nothing more.
	if _, err := e.sim.Click(context.Background(), bob, msg, "checklist.toggle", "acme-cloud|launch|lau-first-deal|1"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return e.sim.Messages(partners)[1].Edited >= 3 }, "the stale click to redraw")
	mustContain(t, e.sim.Messages(partners)[1], "Must-haves 3/6")

	// Undo from the fresh copy.
	if _, err := e.sim.Click(context.Background(), alice, e.sim.Messages(partners)[1], "checklist.toggle", "acme-cloud|launch|lau-cross-business|0"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return strings.Contains(e.sim.Messages(partners)[1].Visible(), "Must-haves 2/6") }, "the undo")
	st, _ := e.store.ItemStates(context.Background(), "T0001", "acme-cloud", "launch")
	if st["lau-cross-business"].Done || !st["lau-first-deal"].Done || st["lau-first-deal"].By != bob {
		t.Fatalf("stored states %+v", st)
	}
}

func TestE2E_BadInput(t *testing.T) {
	e := start(t)
	// Nothing to score yet: say how to start rather than show an empty list.
	mustContain(t, e.command(alice, partners, "health"), "No partners yet", "/partner add")
	mustContain(t, e.command(alice, partners, "balnce acme"), "is not a /partner command", "Did you mean `/partner balance")
	mustContain(t, e.command(alice, partners, "checklist nobody"), "No partner called", "Usage: `/partner checklist")
	e.command(alice, partners, "add Acme")
	mustContain(t, e.command(alice, partners, "log acme took 5 EUR deal"), "is not a direction", "gave")
	mustContain(t, e.command(alice, partners, "log acme got 5 EURO deal"), "not a currency")
	mustContain(t, e.command(alice, partners, "log acme got -5 EUR deal"), "not an amount")
	mustContain(t, e.command(alice, partners, "log acme got 5"), "Say who brought what")
	mustContain(t, e.command(alice, partners, "stage acme dreaming"), "is not a stage")
	mustContain(t, e.command(alice, partners, "webinar acme someday noon"), "not a date I can read", "YYYY-MM-DD")
	mustContain(t, e.command(alice, partners, "webinar acme tomorrow 25h"), "not a time I can read", "14:30")
	mustContain(t, e.command(alice, partners, "complexity acme Deal: Bank"), "can't read the part")
}

func TestE2E_EscapesUserText(t *testing.T) {
	e := start(t)
	// As Slack sends it: &, < and > arrive as entities in the command text.
	msg := e.command(alice, partners, "add &lt;!channel&gt; &lt;https://evil.example|Acme&gt; &amp; <@U0BOB>")
	raw := msg.Visible()
	for _, bad := range []string{"<!channel>", "<https://evil.example|Acme>", "<@U0BOB>"} {
		if strings.Contains(raw, bad) {
			t.Fatalf("user text reached mrkdwn raw (%s):\n%s", bad, raw)
		}
	}
	mustContain(t, msg, "&lt;!channel&gt;", "&amp;")
	ps, _ := e.store.Partners(context.Background(), "T0001")
	if len(ps) != 1 || ps[0].Name != "<!channel> <https://evil.example|Acme> &" {
		t.Fatalf("stored name %q: the store keeps what the user typed, unescaped", ps[0].Name)
	}
	list := e.command(alice, partners, "list")
	if strings.Contains(list.Visible(), "<!channel>") {
		t.Fatalf("list leaks a mention:\n%s", list.Visible())
	}
}

func TestE2E_FrenchAndSharedChannel(t *testing.T) {
	e := start(t)
	mustContain(t, e.command(bob, partners, "help"), "commandes /partner", "Exemples")
	mustContain(t, e.command(bob, partners, "add Acme"), "a ajouté")
	mustContain(t, e.command(bob, partners, "log acme gave 1000 EUR lead"), "Consigné", "1\u202f000,00 EUR")
	mustContain(t, e.command(bob, partners, "stage acme rêve"), "n'est pas une étape")

	before := len(e.sim.Messages(shared))
	m := e.command(alice, shared, "balance acme")
	if !m.Ephemeral {
		t.Fatal("figures were posted to a channel shared with another organisation")
	}
	mustContain(t, m, "shared with another organisation")
	if len(e.sim.Messages(shared)) != before {
		t.Fatal("something was posted to the shared channel")
	}
	if inChannel := e.command(alice, partners, "balance acme"); inChannel.Ephemeral {
		t.Fatal("in an internal channel the balance is for everyone")
	}
}

func TestE2E_StoreDownGivesRefAndRecovery(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	_ = e.store.Close() // the store goes away under the bot
	m := e.command(alice, partners, "balance acme")
	mustContain(t, m, "Couldn't", "try again", "Ref")
	if !m.Ephemeral {
		t.Fatal("failures are told to the user alone")
	}
}

func TestE2E_ReconnectAfterRefresh(t *testing.T) {
	e := start(t)
	e.sim.Disconnect("refresh_requested")
	e.wait(func() bool {
		return e.sim.Opened() == 2 && e.sim.Connections() == 1 && e.bot.Connected() && e.sim.Succeeded("apps.connections.open") >= 2
	}, "the bot to reconnect on a fresh URL")
	mustContain(t, e.command(alice, partners, "list"), "No partners yet")
}

func TestE2E_AppHome(t *testing.T) {
	e := start(t)
	for i := range 20 {
		e.command(alice, partners, fmt.Sprintf("add Partner %02d", i))
	}
	if _, err := e.sim.OpenHome(context.Background(), alice); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return e.sim.Home(alice) != nil }, "the home view")
	home := slacksim.Message{Blocks: homeBlocks(t, e.sim.Home(alice))}
	mustContain(t, home, "Your partnerships", "Partner 00", "Page 1 of 2")
	if strings.Contains(home.Visible(), "Partner 19") {
		t.Fatal("page 1 shows partners from page 2")
	}
	// Dates are Slack date tokens: each reader sees them in their own
	// language and zone; the fallback is in the user's.
	mustContain(t, home, "Next balance review: <!date^", "^{date_short_pretty} {time}|Mon ", "Log contribution", "Book webinar")
	if _, err := e.sim.ClickInHome(context.Background(), alice, "home.page", "1"); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		return strings.Contains(slacksim.Message{Blocks: homeBlocks(t, e.sim.Home(alice))}.Visible(), "Partner 19")
	}, "page 2 of the home view")
	// The Home's buttons open the forms for that partner.
	if _, err := e.sim.ClickInHome(context.Background(), alice, "balance.log", "partner-19"); err != nil {
		t.Fatal(err)
	}
	if v := e.topView(alice, "the log form from the Home"); !strings.Contains(viewText(v.JSON), "Partner: *Partner 19*") {
		t.Fatalf("form:\n%s", viewText(v.JSON))
	}
}

func TestE2E_EveryEnvelopeAckedFast(t *testing.T) {
	e := start(t)
	for i := range 10 {
		e.command(alice, partners, fmt.Sprintf("add P%d", i))
	}
	for _, env := range e.sim.Envelopes() {
		if env.Acked.IsZero() {
			t.Fatalf("envelope %s never acknowledged", env.ID)
		}
		// Generous: an ack must never come near Slack's 3 s (figures are in the benchmark).
		if d := env.Acked.Sub(env.Sent); d > time.Second {
			t.Fatalf("envelope %s acknowledged after %v", env.ID, d)
		}
	}
}

// TestE2E_HomeChecklistButton: the Home has no response_url, so the bot posts
// the checklist in the partner's channel and says so in a small modal; where
// it is not a member, the modal says to invite it.
func TestE2E_HomeChecklistButton(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	e.sim.AddChannel(slacksim.Channel{ID: "C0OUTSIDE", Name: "outside"})
	e.command(alice, partners, "add Globex <#C0OUTSIDE|outside>")
	if _, err := e.sim.OpenHome(context.Background(), alice); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return e.sim.Home(alice) != nil }, "the home view")
	before := len(e.sim.Messages(partners))
	if _, err := e.sim.ClickInHome(context.Background(), alice, "home.checklist", "acme"); err != nil {
		t.Fatal(err)
	}
	if v := e.topView(alice, "the notice"); !strings.Contains(viewText(v.JSON), "Posted the checklist") {
		t.Fatalf("notice:\n%s", viewText(v.JSON))
	}
	if ms := e.sim.Messages(partners); len(ms) != before+1 || !strings.Contains(ms[before].Visible(), "Choosing this partner") {
		t.Fatalf("no checklist posted in the partner's channel")
	}
	if err := e.sim.CloseView(context.Background(), alice, e.topView(alice, "").ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.sim.ClickInHome(context.Background(), alice, "home.checklist", "globex"); err != nil {
		t.Fatal(err)
	}
	if v := e.topView(alice, "the invite notice"); !strings.Contains(viewText(v.JSON), "Invite me there") {
		t.Fatalf("notice:\n%s", viewText(v.JSON))
	}
}
