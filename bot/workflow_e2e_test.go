package bot_test

import (
	"context"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/partnercoach/partnercoach/storage/redis"
	"go.yaml.in/yaml/v3"
)

// Workflow Builder steps, end to end: the simulator runs a step as a
// workflow does (function_executed over Socket Mode) and records how the bot
// completed it (functions.completeSuccess / completeError).

// runAs is the input "user" (Slack's user_context) for user.
func runAs(user string) map[string]any {
	return map[string]any{"id": user, "secret": "sim-user-context"}
}

// step runs callback with inputs and waits for the bot to complete it.
func (e *env) step(callback string, inputs map[string]any) slacksim.FunctionRun {
	e.t.Helper()
	id, res, err := e.sim.RunFunction(context.Background(), callback, inputs)
	if err != nil {
		e.t.Fatalf("step %s: %v", callback, err)
	}
	if len(res.Ack) > 0 && string(res.Ack) != "null" && string(res.Ack) != "{}" {
		e.t.Fatalf("the ack of an event carried a payload %s", res.Ack)
	}
	return e.completed(id)
}

func (e *env) completed(id string) slacksim.FunctionRun {
	e.t.Helper()
	e.wait(func() bool { r, _ := e.sim.Function(id); return r.Done() }, "step "+id+" to complete")
	r, _ := e.sim.Function(id)
	return r
}

// mustSucceed checks the run completed with the outputs the manifest
// declares for its step, every one of them and no other.
func mustSucceed(t *testing.T, r slacksim.FunctionRun) map[string]any {
	t.Helper()
	if r.Status != "completed" {
		t.Fatalf("step %s: %s with %q, want completed", r.CallbackID, r.Status, r.Error)
	}
	raw, err := os.ReadFile("../deploy/slack-app-manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Functions map[string]struct {
			Outputs map[string]any `yaml:"output_parameters"`
		} `yaml:"functions"`
	}
	if err := yaml.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if got, want := slices.Sorted(maps.Keys(r.Outputs)), slices.Sorted(maps.Keys(m.Functions[r.CallbackID].Outputs)); !slices.Equal(got, want) {
		t.Errorf("step %s: outputs %v, the manifest declares %v", r.CallbackID, got, want)
	}
	return r.Outputs
}

func mustFail(t *testing.T, r slacksim.FunctionRun, wants ...string) {
	t.Helper()
	if r.Status != "failed" {
		t.Fatalf("step %s: %s with outputs %v, want failed", r.CallbackID, r.Status, r.Outputs)
	}
	for _, w := range wants {
		if !strings.Contains(r.Error, w) {
			t.Errorf("step %s failed with %q, want it to say %q", r.CallbackID, r.Error, w)
		}
	}
}

func TestE2E_WorkflowLogContribution(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme Cloud reseller")
	t.Run("OK", func(t *testing.T) {
		out := mustSucceed(t, e.step("log_contribution", map[string]any{"user": runAs(alice), "partner": "acme",
			"direction": "gave", "amount": "12 500", "currency": "EUR", "kind": "deals", "note": "from the field form"}))
		for k, want := range map[string]string{"partner_id": "acme-cloud", "partner_name": "Acme Cloud", "verdict": "lopsided", "gave_count": "1", "got_count": "0"} {
			if out[k] != want {
				t.Errorf("%s: got %q, want %q", k, out[k], want)
			}
		}
		if g, _ := out["gave_total"].(string); !strings.Contains(g, "12,500") {
			t.Errorf("gave_total %q, want €12,500", g)
		}
		// Stored by the command's use case, as alice.
		ledger, err := e.svc.Ledger(context.Background(), "T0001", "acme-cloud")
		if err != nil {
			t.Fatal(err)
		}
		if len(ledger) != 1 || ledger[0].Author != alice || ledger[0].Note != "from the field form" || ledger[0].ID != out["contribution_id"] {
			t.Fatalf("ledger %+v, want alice's one contribution %v", ledger, out["contribution_id"])
		}
		// The command sees the same balance.
		mustContain(t, e.command(alice, partners, "balance acme"), "12,500")
	})
	t.Run("ErrInputs", func(t *testing.T) {
		r := e.step("log_contribution", map[string]any{"user": runAs(alice), "partner": "acme", "direction": "sideways", "amount": "12,x", "currency": "EUR", "kind": "lead"})
		mustFail(t, r, "direction: ", "amount: ")
	})
	t.Run("ErrUnknownPartner", func(t *testing.T) {
		mustFail(t, e.step("log_contribution", map[string]any{"user": runAs(alice), "partner": "acmz", "direction": "got", "amount": "5", "currency": "USD", "kind": "lead"}),
			"partner: ", "acmz")
	})
	t.Run("ErrNoUser", func(t *testing.T) {
		mustFail(t, e.step("log_contribution", map[string]any{"partner": "acme", "direction": "got", "amount": "5", "currency": "USD", "kind": "lead"}),
			"Person who used this workflow")
	})
	t.Run("ErrInFrench", func(t *testing.T) {
		mustFail(t, e.step("log_contribution", map[string]any{"user": runAs(bob), "partner": "acme", "direction": "got", "amount": "", "currency": "USD", "kind": "lead"}),
			"amount : ", "Merci de remplir ce champ.")
	})
	ledger, _ := e.svc.Ledger(context.Background(), "T0001", "acme-cloud")
	if len(ledger) != 1 {
		t.Errorf("%d contributions after refused steps, want 1", len(ledger))
	}
}

func TestE2E_WorkflowHealth(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme Cloud reseller")
	e.command(alice, partners, "log acme got 3000 EUR deal")
	out := mustSucceed(t, e.step("get_partner_health", map[string]any{"partner": "Acme Cloud"}))
	ctx := context.Background()
	p, err := e.svc.Partner(ctx, "T0001", "acme-cloud")
	if err != nil {
		t.Fatal(err)
	}
	h, err := e.svc.Health(ctx, "T0001", p)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := h.Weakest()
	want := map[string]string{"partner_id": "acme-cloud", "score": strconv.Itoa(h.Score), "verdict": string(h.Verdict()), "weakest_part": w.Name}
	for k, v := range want {
		if out[k] != v {
			t.Errorf("%s: got %q, want %q", k, out[k], v)
		}
	}
	if s, _ := out["summary"].(string); !strings.Contains(s, "health "+strconv.Itoa(h.Score)+"/100") {
		t.Errorf("summary %q does not give the score", s)
	}
	// The same score as the command's.
	mustContain(t, e.command(alice, partners, "health acme"), "health "+strconv.Itoa(h.Score)+"/100")
	t.Run("French", func(t *testing.T) {
		out := mustSucceed(t, e.step("get_partner_health", map[string]any{"partner": "acme-cloud", "user": runAs(bob)}))
		if s, _ := out["summary"].(string); !strings.Contains(s, "santé") {
			t.Errorf("summary %q is not in bob's French", s)
		}
	})
	t.Run("ErrAmbiguous", func(t *testing.T) {
		e.command(alice, partners, "add Acme Data reseller")
		mustFail(t, e.step("get_partner_health", map[string]any{"partner": "acme"}), "partner: ", "Acme Cloud", "Acme Data")
	})
	t.Run("ErrNoPartner", func(t *testing.T) {
		mustFail(t, e.step("get_partner_health", map[string]any{}), "partner: ")
	})
}

func TestE2E_WorkflowWebinar(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme Cloud reseller")
	paris, _ := time.LoadLocation("Europe/Paris")
	day := time.Now().In(paris).AddDate(0, 0, 7).Format(time.DateOnly)
	out := mustSucceed(t, e.step("book_webinar", map[string]any{"user": runAs(alice), "partner": "acme", "date": day, "time": "14:30"}))
	for k, want := range map[string]string{"partner_id": "acme-cloud", "host": "us", "next_turn": "partner", "title": "Joint webinar with Acme Cloud", "start": day + "T14:30:00+01:00"} {
		if out[k] != want {
			t.Errorf("%s: got %q, want %q", k, out[k], want)
		}
	}
	evs, err := e.svc.Events(context.Background(), "T0001", "acme-cloud")
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].ID != out["event_id"] || evs[0].CreatedBy != alice {
		t.Fatalf("events %+v, want alice's one webinar %v", evs, out["event_id"])
	}
	t.Run("ErrPast", func(t *testing.T) {
		past := time.Now().In(paris).AddDate(0, 0, -2).Format(time.DateOnly)
		mustFail(t, e.step("book_webinar", map[string]any{"user": runAs(alice), "partner": "acme", "date": past, "time": "9:00"}), "date: ")
	})
	t.Run("ErrTime", func(t *testing.T) {
		mustFail(t, e.step("book_webinar", map[string]any{"user": runAs(alice), "partner": "acme", "date": day, "time": "25h"}), "time")
	})
}

func TestE2E_WorkflowAddPartner(t *testing.T) {
	e := start(t)
	out := mustSucceed(t, e.step("add_partner", map[string]any{"user": runAs(alice), "name": "Globex Systems", "kind": "integrator", "owner": bob, "channel": partners}))
	if out["partner_id"] != "globex-systems" || out["owner"] != bob {
		t.Fatalf("outputs %v, want globex-systems owned by bob", out)
	}
	p, err := e.svc.Partner(context.Background(), "T0001", "globex-systems")
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != coach.KindIntegrator || p.Owner != bob || p.Channel != partners || p.Stage != coach.StageProspect {
		t.Errorf("stored %+v", p)
	}
	// The partner's owner rules are the command's: bob owns it, alice may
	// not archive it; and its default reminders came with it.
	mustContain(t, e.command(alice, partners, "archive globex"), "Globex Systems")
	if p, _ := e.svc.Partner(context.Background(), "T0001", "globex-systems"); p.Archived {
		t.Error("alice archived bob's partner")
	}
	t.Run("DefaultsToTheUser", func(t *testing.T) {
		out := mustSucceed(t, e.step("add_partner", map[string]any{"user": runAs(alice), "name": "Initech", "channel": partners}))
		p, _ := e.svc.Partner(context.Background(), "T0001", out["partner_id"].(string))
		if p.Owner != alice || p.Kind != coach.KindReseller {
			t.Errorf("stored %+v, want a reseller owned by alice", p)
		}
	})
	t.Run("ErrTaken", func(t *testing.T) {
		mustFail(t, e.step("add_partner", map[string]any{"user": runAs(alice), "name": "globex systems", "channel": partners}), "name: ", "already have a partner", "globex-systems")
	})
	t.Run("ErrNoChannel", func(t *testing.T) {
		mustFail(t, e.step("add_partner", map[string]any{"user": runAs(alice), "name": "Umbrella"}), "home channel")
	})
	t.Run("ErrInputs", func(t *testing.T) {
		mustFail(t, e.step("add_partner", map[string]any{"user": runAs(alice), "name": "Hooli", "kind": "spaceship", "stage": "nowhere"}), "kind: ", "stage: ")
	})
	t.Run("ErrUnknownStep", func(t *testing.T) {
		mustFail(t, e.step("delete_everything", map[string]any{"user": runAs(alice)}), "delete_everything")
	})
}

// TestE2E_WorkflowRetry: Slack sends a step again when it saw no ack — in
// a new envelope, maybe while the first run is still going, maybe after it
// ended. The step runs once and is completed once.
func TestE2E_WorkflowRetry(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	t.Run("AfterCompletion", func(t *testing.T) {
		id, _, err := e.sim.RunFunction(ctx, "add_partner", map[string]any{"user": runAs(alice), "name": "Retry Corp", "channel": partners})
		if err != nil {
			t.Fatal(err)
		}
		mustSucceed(t, e.completed(id))
		// Slack has the completion; the step is marked done right after.
		e.wait(func() bool { return strings.Contains(e.logs.String(), `"msg":"step completed"`) }, "the step to be marked done")
		for range 2 {
			if _, err := e.sim.RetryFunction(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
		e.wait(func() bool { return strings.Count(e.logs.String(), "step delivered again") >= 2 }, "both retries to be seen as the same step")
		if !strings.Contains(e.logs.String(), `"status":"sent"`) {
			t.Error("the retries did not find the step marked done in the store")
		}
		if r, _ := e.sim.Function(id); r.Completions != 1 || r.Refused != 0 || r.Status != "completed" {
			t.Errorf("got %+v, want one completion and no second try", r)
		}
	})
	t.Run("WhileRunning", func(t *testing.T) {
		e.command(alice, partners, "add Acme Cloud reseller")
		// Hold the first completion until the retry has been handled.
		release := make(chan struct{})
		e.sim.BeforeNext("functions.completeSuccess", func() { <-release })
		id, _, err := e.sim.RunFunction(ctx, "log_contribution", map[string]any{"user": runAs(alice), "partner": "acme", "direction": "got", "amount": "700", "currency": "EUR", "kind": "deal"})
		if err != nil {
			t.Fatal(err)
		}
		seen := strings.Count(e.logs.String(), "step delivered again")
		if _, err := e.sim.RetryFunction(ctx, id); err != nil {
			t.Fatal(err)
		}
		e.wait(func() bool { return strings.Count(e.logs.String(), "step delivered again") > seen }, "the retry to be seen as the same step")
		if !strings.Contains(e.logs.String(), `"status":"held"`) {
			t.Error("the retry did not find the first run holding the step")
		}
		close(release)
		mustSucceed(t, e.completed(id))
		if r, _ := e.sim.Function(id); r.Completions != 1 || r.Refused != 0 {
			t.Errorf("got %+v, want one completion", r)
		}
		if ledger, _ := e.svc.Ledger(ctx, "T0001", "acme-cloud"); len(ledger) != 1 {
			t.Errorf("%d contributions, want 1", len(ledger))
		}
	})
}

// TestE2E_WorkflowCompletionLost: Slack fails the completion call, before
// or after taking it. The bot sends it again; a completion Slack had in fact
// taken (it then answers execution_not_in_running_state) counts as done.
func TestE2E_WorkflowCompletionLost(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme Cloud reseller")
	t.Run("NotTaken", func(t *testing.T) {
		e.sim.FailNext("functions.completeSuccess", 503, 1, false)
		r := e.step("get_partner_health", map[string]any{"partner": "acme"})
		mustSucceed(t, r)
		if r.Completions != 1 || r.Refused != 0 {
			t.Errorf("got %+v, want one completion", r)
		}
	})
	t.Run("AnswerLost", func(t *testing.T) {
		e.sim.FailNext("functions.completeError", 503, 1, true)
		id, _, err := e.sim.RunFunction(context.Background(), "get_partner_health", map[string]any{"partner": "nobody-here"})
		if err != nil {
			t.Fatal(err)
		}
		mustFail(t, e.completed(id), "nobody-here")
		e.wait(func() bool { r, _ := e.sim.Function(id); return r.Refused == 1 }, "the completion to be sent again")
		if r, _ := e.sim.Function(id); r.Completions != 1 {
			t.Errorf("got %+v, want one completion", r)
		}
	})
}

// TestE2E_WorkflowCompletionGaveUp: Slack refuses every completion for a
// while; the bot gives up and gives the step back, so Slack's retry runs it
// again — and the partner the first run added is found, not added twice.
func TestE2E_WorkflowCompletionGaveUp(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	e.sim.FailNext("functions.completeSuccess", 503, 4, false)
	id, _, err := e.sim.RunFunction(ctx, "add_partner", map[string]any{"user": runAs(alice), "name": "Phoenix Labs", "channel": partners})
	if err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool { return strings.Contains(e.logs.String(), `"msg":"step not completed"`) }, "the bot to give up completing the step")
	if r, _ := e.sim.Function(id); r.Done() {
		t.Fatalf("got %+v, want the step still running", r)
	}
	if _, err := e.sim.RetryFunction(ctx, id); err != nil {
		t.Fatal(err)
	}
	out := mustSucceed(t, e.completed(id))
	if out["partner_id"] != "phoenix-labs" {
		t.Errorf("outputs %v", out)
	}
	if ps, _ := e.svc.Partners(ctx, "T0001"); len(ps) != 1 {
		t.Errorf("%d partners, want 1: the retry must find what the first run added", len(ps))
	}
}

// TestE2E_WorkflowAcrossReplicas: two replicas on one Redis; retries of a
// step reach both. It runs once.
func TestE2E_WorkflowAcrossReplicas(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	store, err := redis.Open(ctx, redistest.SharedURL(t), redis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tpl, _ := coach.LoadTemplates("")
	other, err := bot.New(bot.Config{BotToken: slacksim.BotToken, AppToken: slacksim.AppToken, APIURL: e.sim.URL(),
		Service: coach.NewService(store, tpl, nil), Logger: e.logs.Logger(), DefaultTZ: "Europe/Paris"})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- other.Run(runCtx) }()
	defer func() { stop(); <-done; _ = store.Close() }()
	e.wait(func() bool { return e.sim.Connections() == 2 && other.Connected() }, "the second replica to connect")

	id, _, err := e.sim.RunFunction(ctx, "add_partner", map[string]any{"user": runAs(alice), "name": "Twice Inc", "channel": partners})
	if err != nil {
		t.Fatal(err)
	}
	conns := map[string]bool{}
	for _, env := range e.sim.Envelopes() {
		conns[env.Conn] = true
	}
	// Retry until both replicas have had it.
	for i := 0; len(conns) < 2 && i < 40; i++ {
		res, err := e.sim.RetryFunction(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		conns[res.Conn] = true
	}
	if len(conns) < 2 {
		t.Fatal("the step never reached the second replica")
	}
	mustSucceed(t, e.completed(id))
	e.wait(func() bool { return strings.Count(e.logs.String(), "step delivered again") >= 1 }, "a replica to see the step as delivered again")
	if r, _ := e.sim.Function(id); r.Completions != 1 || r.Refused != 0 {
		t.Errorf("got %+v, want one completion", r)
	}
	ps, err := e.svc.Partners(ctx, "T0001")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 {
		t.Errorf("%d partners, want 1", len(ps))
	}
}
