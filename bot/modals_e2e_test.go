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

// Values as Slack puts them in view.state.values, one input per block.
func typed(block, v string) (string, map[string]any) {
	return block, map[string]any{"type": "plain_text_input", "value": v}
}
func picked(block, v string) (string, map[string]any) {
	return block, map[string]any{"type": "static_select", "selected_option": map[string]any{"value": v, "text": map[string]any{"type": "plain_text", "text": v}}}
}
func dated(block, v string) (string, map[string]any) {
	return block, map[string]any{"type": "datepicker", "selected_date": v}
}
func timed(block, v string) (string, map[string]any) {
	return block, map[string]any{"type": "timepicker", "selected_time": v}
}
func userPicked(block, v string) (string, map[string]any) {
	return block, map[string]any{"type": "users_select", "selected_user": v}
}
func channelPicked(block, v string) (string, map[string]any) {
	return block, map[string]any{"type": "conversations_select", "selected_conversation": v}
}

func state(inputs ...func() (string, map[string]any)) slacksim.ViewState {
	st := slacksim.ViewState{}
	for _, in := range inputs {
		block, v := in()
		st[block] = map[string]map[string]any{block: v}
	}
	return st
}

func in(f func(string, string) (string, map[string]any), block, v string) func() (string, map[string]any) {
	return func() (string, map[string]any) { return f(block, v) }
}

// viewText is every string of a view, joined: what the user can read.
func viewText(raw json.RawMessage) string {
	var v any
	_ = json.Unmarshal(raw, &v)
	var out []string
	var walk func(any)
	walk = func(x any) {
		switch t := x.(type) {
		case map[string]any:
			for k, c := range t {
				if k == "private_metadata" {
					continue
				}
				walk(c)
			}
		case []any:
			for _, c := range t {
				walk(c)
			}
		case string:
			out = append(out, t)
		}
	}
	walk(v)
	return strings.Join(out, "\n")
}

// form types a command that opens a modal and returns the open view.
func (e *env) form(user, channel, text string) slacksim.View {
	e.t.Helper()
	if _, err := e.sim.SlashCommand(context.Background(), user, channel, "/partner", text); err != nil {
		e.t.Fatal(err)
	}
	return e.topView(user, "a modal to open after /partner "+text)
}

func (e *env) topView(user, what string) slacksim.View {
	e.t.Helper()
	var v slacksim.View
	e.wait(func() bool {
		s := e.sim.ModalStack(user)
		if len(s) == 0 {
			return false
		}
		v = s[len(s)-1]
		return true
	}, what)
	return v
}

// submit submits the view and waits until it shows want (after "Saving…").
func (e *env) submit(user string, v slacksim.View, st slacksim.ViewState, want string) (slacksim.ViewOutcome, slacksim.View) {
	e.t.Helper()
	out, err := e.sim.SubmitView(context.Background(), user, v.ID, st)
	if err != nil {
		e.t.Fatalf("submit: %v", err)
	}
	var now slacksim.View
	e.wait(func() bool {
		for _, x := range e.sim.ModalStack(user) {
			if x.ID == v.ID && strings.Contains(viewText(x.JSON), want) {
				now = x
				return true
			}
		}
		return false
	}, "the view to show "+want)
	return out, now
}

func TestE2E_AddPartnerModal(t *testing.T) {
	e := start(t)
	v := e.form(alice, partners, "add")
	if !strings.Contains(viewText(v.JSON), "Add a partner") {
		t.Fatalf("modal:\n%s", viewText(v.JSON))
	}

	t.Run("ErrorsInline", func(t *testing.T) {
		out, err := e.sim.SubmitView(context.Background(), alice, v.ID, state(in(typed, "name", "  "), in(picked, "kind", "reseller"), in(picked, "stage", "prospect"), in(userPicked, "owner", alice)))
		if err != nil {
			t.Fatal(err)
		}
		if out.Action != "errors" || out.Errors["name"] != "Please fill this in." || len(out.Open) != 1 {
			t.Fatalf("outcome %+v", out)
		}
	})
	t.Run("OK", func(t *testing.T) {
		before := len(e.sim.Messages(partners))
		out, done := e.submit(alice, v, state(in(typed, "name", "Acme Cloud"), in(picked, "kind", "cloud-operator"), in(picked, "stage", "evaluating"),
			in(userPicked, "owner", bob), in(channelPicked, "channel", partners)), "acme-cloud")
		if out.Action != "update" {
			t.Fatalf("ack action %q, want update to the outcome view", out.Action)
		}
		if !strings.Contains(viewText(done.JSON), "Acme Cloud") {
			t.Fatalf("done view:\n%s", viewText(done.JSON))
		}
		p, err := e.store.Partner(context.Background(), "T0001", "acme-cloud")
		if err != nil || p.Owner != bob || p.Kind != coach.KindCloudOperator || p.Stage != coach.StageEvaluating || p.Channel != partners {
			t.Fatalf("stored %+v, %v", p, err)
		}
		e.wait(func() bool { return len(e.sim.Messages(partners)) > before }, "the channel to be told")
		if rs, _ := e.store.Reminders(context.Background(), "T0001"); len(rs) == 0 {
			t.Fatal("no default reminders for a partner added by modal")
		}
	})
	t.Run("TakenNameComesBackUnderItsInput", func(t *testing.T) {
		v := e.form(bob, partners, "add")
		out, err := e.sim.SubmitView(context.Background(), bob, v.ID, state(in(typed, "name", "ACME cloud"), in(picked, "kind", "reseller"), in(picked, "stage", "prospect"), in(userPicked, "owner", bob)))
		if err != nil || out.Action != "errors" || !strings.Contains(out.Errors["name"], "Vous avez déjà un partenaire") || len(out.Open) != 1 {
			t.Fatalf("a taken name, checked by the store, shows under the name input in French: %+v, %v", out, err)
		}
	})
}

func TestE2E_LogModal(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	v := e.form(alice, partners, "log acme")
	if !strings.Contains(viewText(v.JSON), "Partner: *Acme*") {
		t.Fatalf("the partner named in the command is fixed:\n%s", viewText(v.JSON))
	}
	today := time.Now().Format(time.DateOnly)
	good := func(amount string) slacksim.ViewState {
		return state(in(picked, "direction", "got"), in(typed, "amount", amount), in(typed, "currency", "EUR"), in(picked, "kind", "deal"),
			in(dated, "date", today), in(typed, "note", "first <!channel> deal"))
	}
	out, err := e.sim.SubmitView(context.Background(), alice, v.ID, good("twelve"))
	if err != nil || out.Action != "errors" || out.Errors["amount"] == "" {
		t.Fatalf("bad amount: %+v, %v", out, err)
	}
	_, done := e.submit(alice, v, good("12k"), "Logged")
	if !strings.Contains(viewText(done.JSON), "EUR 12,000.00") || !strings.Contains(viewText(done.JSON), "Balance with Acme") {
		t.Fatalf("done view:\n%s", viewText(done.JSON))
	}
	cs, err := e.store.Contributions(context.Background(), "T0001", "acme", time.Time{}, time.Time{})
	if err != nil || len(cs) != 1 || cs[0].Amount.Amount != 1_200_000 || cs[0].Note != "first <!channel> deal" {
		t.Fatalf("ledger %+v, %v", cs, err)
	}

	t.Run("FromTheBalanceButton", func(t *testing.T) {
		if err := e.sim.CloseView(context.Background(), alice, v.ID); err != nil {
			t.Fatal(err)
		}
		bal := e.command(alice, partners, "balance acme")
		if _, err := e.sim.Click(context.Background(), alice, bal, "balance.log", ""); err != nil {
			t.Fatal(err)
		}
		v := e.topView(alice, "the log form from the button")
		if !strings.Contains(viewText(v.JSON), "Log a contribution") || !strings.Contains(viewText(v.JSON), "Partner: *Acme*") {
			t.Fatalf("modal:\n%s", viewText(v.JSON))
		}
	})
	t.Run("PickedFromAList", func(t *testing.T) {
		v := e.form(alice, partners, "log")
		if !strings.Contains(string(v.JSON), `"static_select"`) || !strings.Contains(viewText(v.JSON), "Acme") {
			t.Fatalf("no partner select:\n%s", v.JSON)
		}
	})
}

func TestE2E_WebinarModal(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	v := e.form(alice, partners, "webinar acme")
	text := viewText(v.JSON)
	if !strings.Contains(text, "Joint webinar with Acme") || !strings.Contains(text, "Europe/Paris") {
		t.Fatalf("modal:\n%s", text)
	}
	out, err := e.sim.SubmitView(context.Background(), alice, v.ID, state(in(typed, "title", "Cost clinic"), in(dated, "date", "2020-01-01"), in(timed, "time", "10:00"), in(picked, "host", "turn")))
	if err != nil || out.Errors["date"] == "" {
		t.Fatalf("a date in the past: %+v, %v", out, err)
	}
	before := len(e.sim.Messages(partners))
	e.submit(alice, v, state(in(typed, "title", "Cost clinic"), in(dated, "date", "2099-03-10"), in(timed, "time", "10:00"), in(picked, "host", "partner"), in(typed, "link", "https://example.com/reg")), "Cost clinic")
	evs, err := e.store.Events(context.Background(), "T0001", "acme")
	paris, _ := time.LoadLocation("Europe/Paris")
	if err != nil || len(evs) != 1 || evs[0].Host != coach.HostPartner || !evs[0].Start.Equal(time.Date(2099, 3, 10, 10, 0, 0, 0, paris)) {
		t.Fatalf("events %+v, %v", evs, err)
	}
	e.wait(func() bool { return len(e.sim.Messages(partners)) > before }, "the booking to be announced")
}

func TestE2E_ComplexityModal(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	v := e.form(alice, partners, "complexity acme Big Bank")
	if _, err := e.sim.ClickInView(context.Background(), alice, v.ID, "complexity.add_part", "", state(in(typed, "deal", "Big Bank"), in(typed, "part.1.name", "Bank"))); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		s := e.sim.ModalStack(alice)
		return len(s) == 1 && strings.Contains(string(s[0].JSON), "part.4.chance") && strings.Contains(viewText(s[0].JSON), "Bank")
	}, "a fourth row, keeping what was typed")
	v = e.topView(alice, "the grown form")
	rows := state(in(typed, "deal", "Big Bank"),
		in(typed, "part.1.name", "Bank"), in(typed, "part.1.chance", "90"),
		in(typed, "part.2.name", "Acme"), in(typed, "part.2.chance", "90%"),
		in(typed, "part.3.name", "GPU cluster"), in(picked, "part.3.kind", "component"), in(typed, "part.3.chance", "90"),
		in(typed, "part.4.name", "Integrator"), in(typed, "part.4.chance", "101"))
	out, err := e.sim.SubmitView(context.Background(), alice, v.ID, rows)
	if err != nil || out.Errors["part.4.chance"] == "" {
		t.Fatalf("chance of 101: %+v, %v", out, err)
	}
	rows["part.4.chance"] = map[string]map[string]any{"part.4.chance": {"type": "plain_text_input", "value": "90"}}
	e.submit(alice, v, rows, "66%")
	d, err := e.store.Deal(context.Background(), "T0001", "acme", "big-bank")
	if err != nil || len(d.Parts) != 4 || d.Parts[2].Kind != coach.PartComponent {
		t.Fatalf("deal %+v, %v", d, err)
	}
	again := e.form(alice, partners, "complexity acme big bank")
	if text := viewText(again.JSON); !strings.Contains(text, "GPU cluster") || !strings.Contains(text, "Integrator") {
		t.Fatalf("an existing deal's parts are filled in:\n%s", text)
	}
}

func TestE2E_ModalStoreFailureKeepsWhatWasTyped(t *testing.T) {
	e := start(t)
	e.command(alice, partners, "add Acme")
	v := e.form(alice, partners, "log acme")
	_ = e.store.Close() // the store goes away between opening and submitting
	st := state(in(picked, "direction", "gave"), in(typed, "amount", "5000"), in(typed, "currency", "USD"), in(picked, "kind", "lead"),
		in(dated, "date", time.Now().Format(time.DateOnly)), in(typed, "note", "keep me"))
	_, failed := e.submit(alice, v, st, "Ref")
	if text := viewText(failed.JSON); !strings.Contains(text, "Couldn't log the contribution") || !strings.Contains(text, "Back to the form") {
		t.Fatalf("failed view:\n%s", text)
	}
	if _, err := e.sim.ClickInView(context.Background(), alice, v.ID, "modal.back", "", nil); err != nil {
		t.Fatal(err)
	}
	e.wait(func() bool {
		s := e.sim.ModalStack(alice)
		return len(s) == 1 && strings.Contains(viewText(s[0].JSON), "keep me") && strings.Contains(viewText(s[0].JSON), "5000")
	}, "the form to come back with what was typed")
}

func TestE2E_ExpiredTriggerFallsBackToTheCommand(t *testing.T) {
	e := start(t)
	// The bot took too long: Slack refuses the trigger after 3 s.
	e.sim.SetTriggerLifetime(0)
	m := e.command(alice, partners, "add")
	mustContain(t, m, "couldn't open the form", "/partner add [<name>")
	if !m.Ephemeral || len(e.sim.ModalStack(alice)) != 0 {
		t.Fatalf("ephemeral %v, modals %v", m.Ephemeral, e.sim.ModalStack(alice))
	}
}

// TestE2E_UndecodableSubmission: a submission slack-go cannot decode (a
// field of the wrong type) is still answered in the modal, not closed.
func TestE2E_UndecodableSubmission(t *testing.T) {
	e := start(t)
	v := e.form(bob, partners, "add")
	out, err := e.sim.SubmitViewEdited(context.Background(), bob, v.ID, state(in(typed, "name", "Acme")), func(p map[string]any) {
		p["view"].(map[string]any)["hash"] = 42 // a number where Slack sends a string
	})
	if err != nil || out.Action != "update" || len(out.Open) != 1 || !strings.Contains(viewText(out.Open[0].JSON), "Je n'ai pas pu lire cette demande") {
		t.Fatalf("outcome %+v, %v", out, err)
	}
}
