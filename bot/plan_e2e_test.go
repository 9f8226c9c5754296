package bot_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/logcheck"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/partnercoach/partnercoach/storage/bolt"
)

// livingPlans turns living plans on, with a short gathering delay.
func livingPlans(c *bot.Config) { c.LivingPlans, c.PlanDelay = true, 20*time.Millisecond }

// startBolt is startWith on the embedded bbolt store instead of Redis.
func startBolt(t *testing.T, tweak func(*bot.Config)) *env {
	t.Helper()
	sim := slacksim.New()
	store, err := bolt.Open(filepath.Join(t.TempDir(), "pc.db"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	svc := coach.NewService(store, tpl, []string{"U0ADMIN"})
	logs := &logcheck.Capture{}
	cfg := bot.Config{BotToken: slacksim.BotToken, AppToken: slacksim.AppToken, APIURL: sim.URL(), Service: svc,
		Logger: logs.Logger(), DefaultTZ: "Europe/Paris"}
	tweak(&cfg)
	b, err := bot.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	e := &env{t: t, sim: sim, svc: svc, bot: b, logs: logs}
	e.stop = func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("Run returned %v", err)
		}
		logs.Check(t, slacksim.BotToken, slacksim.AppToken)
		_ = store.Close()
		sim.Close()
	}
	t.Cleanup(e.stop)
	e.wait(func() bool { return sim.Connections() == 1 && b.Connected() }, "the bot to connect")
	return e
}

// canvasHas waits until channel's canvas contains every want.
func (e *env) canvasHas(channel string, wants ...string) slacksim.Canvas {
	e.t.Helper()
	var c slacksim.Canvas
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := e.sim.WaitFor(ctx, func() bool {
		var ok bool
		if c, ok = e.sim.ChannelCanvas(channel); !ok {
			return false
		}
		for _, w := range wants {
			if !strings.Contains(c.Markdown, w) {
				return false
			}
		}
		return true
	})
	if err != nil {
		e.t.Fatalf("waiting for the canvas of %s to show %q: %v; it shows:\n%s\nlogs:\n%s", channel, wants, err, c.Markdown, e.logs.String())
	}
	return c
}

// TestE2E_LivingPlanCanvas: the first plan creates the channel's canvas, a
// record change edits it (never creates a second), /partner plan refreshes
// it, and a partner whose channel is shared with another organisation gets
// no canvas there. On Redis and on bbolt.
func TestE2E_LivingPlanCanvas(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start func(*testing.T) *env
	}{
		{"redis", func(t *testing.T) *env { return startWith(t, livingPlans) }},
		{"bolt", func(t *testing.T) *env { return startBolt(t, livingPlans) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.start(t)
			e.command(alice, partners, "add Acme Cloud cloud-operator")
			c := e.canvasHas(partners, "# Partner plan: Acme Cloud", "Nothing planned together yet", "![](@U0ALICE)")
			e.command(alice, partners, "webinar acme 2099-12-10 14:00 Cloud cost clinic")
			c2 := e.canvasHas(partners, "Cloud cost clinic", "hosted by us")
			if c2.ID != c.ID || c2.Edits == 0 {
				t.Fatalf("the change made canvas %s (edits %d), want an edit of %s", c2.ID, c2.Edits, c.ID)
			}
			due := time.Now().AddDate(0, 1, 0)
			mustContain(t, e.command(alice, partners, "commit acme partner "+due.Format("2006-01-02")+" train two sellers @Marie"), "train two sellers")
			e.canvasHas(partners, "train two sellers (partner's side, Marie), due "+due.Format("2 Jan 2006")+" · open")
			if n := e.sim.Succeeded("conversations.canvases.create"); n != 1 {
				t.Fatalf("%d canvases created, want 1", n)
			}
			p, err := e.svc.Partner(context.Background(), "T0001", "acme-cloud")
			if err != nil || p.Plan.CanvasID != c.ID || p.Plan.Channel != partners {
				t.Fatalf("plan place %+v, %v; want canvas %s in %s", p.Plan, err, c.ID, partners)
			}

			shown := e.command(alice, partners, "plan acme")
			mustContain(t, shown, "The plan for Acme Cloud is up to date in")
			if !shown.Ephemeral {
				t.Fatal("/partner plan answers privately")
			}

			// A partner at home in a shared channel: no plan there, ever.
			e.command(alice, partners, "add Globex integrator <#C0SHARED|acme-shared>")
			mustContain(t, e.command(alice, partners, "plan globex"), "shared with another organisation")
			if _, ok := e.sim.ChannelCanvas(shared); ok {
				t.Fatal("a plan canvas was created in the shared channel")
			}
			for _, m := range e.sim.Messages(shared) {
				if strings.Contains(m.Visible(), "Partner plan") {
					t.Fatalf("the plan reached the shared channel: %s", m.Visible())
				}
			}
			if n := e.sim.Succeeded("conversations.canvases.create"); n != 1 {
				t.Fatalf("%d canvases created, want only Acme's", n)
			}
		})
	}
}

// TestE2E_LivingPlanRefused: where Slack refuses canvases, the channel is
// told once why, and the plan lives in a message updated in place.
func TestE2E_LivingPlanRefused(t *testing.T) {
	e := startWith(t, livingPlans)
	e.sim.RefuseCanvases("team_tier_cannot_create_channel_canvases")
	e.command(alice, partners, "add Acme Cloud cloud-operator")
	planMsg := func() (slacksim.Message, bool) {
		for _, m := range e.sim.Messages(partners) {
			if strings.Contains(m.Visible(), "Partner plan: Acme Cloud") {
				return m, true
			}
		}
		return slacksim.Message{}, false
	}
	e.wait(func() bool { _, ok := planMsg(); return ok }, "the plan as a message")
	e.command(alice, partners, "webinar acme 2099-12-10 14:00 Cloud cost clinic")
	e.wait(func() bool {
		m, _ := planMsg()
		return m.Edited > 0 && strings.Contains(m.Visible(), "Cloud cost clinic")
	}, "the plan message to be updated with the webinar")
	mustContain(t, e.command(alice, partners, "plan acme"), "up to date in")

	notices, plans := 0, 0
	for _, m := range e.sim.Messages(partners) {
		if strings.Contains(m.Visible(), "does not let me create a canvas") {
			notices++
			mustContain(t, m, "team_tier_cannot_create_channel_canvases")
		}
		if strings.Contains(m.Visible(), "Partner plan: Acme Cloud") {
			plans++
		}
	}
	if notices != 1 || plans != 1 {
		t.Fatalf("%d refusal notices and %d plan messages, want 1 and 1", notices, plans)
	}
	if len(e.sim.Canvases()) != 0 {
		t.Fatal("a canvas exists although Slack refused it")
	}
}

// TestE2E_LivingPlanTwoReplicas: two replicas over one Redis, each hearing
// the changes it makes, both asked to refresh the plan at once: the
// channel gets one canvas (the creation lease), showing every change.
func TestE2E_LivingPlanTwoReplicas(t *testing.T) {
	e := startWith(t, livingPlans)
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	svc2 := coach.NewService(e.store, tpl, []string{"U0ADMIN"})
	cfg := bot.Config{BotToken: slacksim.BotToken, AppToken: slacksim.AppToken, APIURL: e.sim.URL(), Service: svc2,
		Logger: e.logs.Logger(), DefaultTZ: "Europe/Paris"}
	livingPlans(&cfg)
	b2, err := bot.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b2.Run(ctx) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("second replica: %v", err)
		}
	})
	e.wait(func() bool { return e.sim.Connections() == 2 && b2.Connected() }, "the second replica to connect")

	e.command(alice, partners, "add Acme Cloud cloud-operator")
	results := make(chan error, 4)
	for _, text := range []string{"plan acme", "plan acme", "webinar acme 2099-12-10 14:00 Cloud cost clinic", "plan acme"} {
		go func() {
			_, err := e.sim.SlashCommand(context.Background(), alice, partners, "/partner", text)
			results <- err
		}()
	}
	for range 4 {
		if err := <-results; err != nil {
			t.Fatal(err)
		}
	}
	e.canvasHas(partners, "Cloud cost clinic")
	e.command(alice, partners, "stage acme active")
	e.canvasHas(partners, "stage active,")
	if n := e.sim.Succeeded("conversations.canvases.create"); n != 1 {
		t.Fatalf("%d canvases created by two replicas, want 1", n)
	}
	for _, m := range e.sim.Messages(partners) {
		if strings.Contains(m.Visible(), "does not let me create a canvas") {
			t.Fatalf("a replica fell back to a message: %s", m.Visible())
		}
	}
}
