package slacksim

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// app connects slack-go's Socket Mode client as the app and hands over every
// interaction it receives, acked at once.
func app(t *testing.T, s *Server) (*slack.Client, <-chan slack.InteractionCallback) {
	t.Helper()
	api := slack.New(BotToken, slack.OptionAPIURL(s.URL()), slack.OptionAppLevelToken(AppToken))
	sm := socketmode.New(api)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { _ = sm.RunContext(ctx) }()
	got := make(chan slack.InteractionCallback, 10)
	go func() {
		for ev := range sm.Events {
			if ev.Request != nil {
				sm.Ack(*ev.Request)
			}
			if ic, ok := ev.Data.(slack.InteractionCallback); ok {
				got <- ic
			}
		}
	}()
	if err := s.WaitFor(ctxTimeout(t), func() bool { return s.Connections() == 1 }); err != nil {
		t.Fatal(err)
	}
	return api, got
}

func opt(text, value string) *slack.OptionBlockObject {
	return slack.NewOptionBlockObject(value, slack.NewTextBlockObject(slack.PlainTextType, text, false, false), nil)
}

// TestChoose picks values in each kind of selection element of a posted
// message; slack-go parses the payloads as Slack's.
func TestChoose(t *testing.T) {
	s := New()
	defer s.Close()
	api, got := app(t, s)
	blocks := []slack.Block{
		slack.NewActionBlock("pick",
			slack.NewCheckboxGroupsBlockElement("boxes", opt("One", "1"), opt("Two", "2"), opt("Three", "3")),
			slack.NewOverflowBlockElement("more", opt("Edit", "edit"), opt("Delete", "delete")),
			slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "kind", opt("Reseller", "reseller"), opt("MSP", "msp")),
			slack.NewDatePickerBlockElement("day"),
			slack.NewTimePickerBlockElement("at"),
			slack.NewOptionsSelectBlockElement(slack.OptTypeUser, nil, "who"),
		),
	}
	_, ts, err := api.PostMessage("C0PARTNERS", slack.MsgOptionBlocks(blocks...))
	if err != nil {
		t.Fatal(err)
	}
	msg := s.Messages("C0PARTNERS")[0]
	if msg.TS != ts {
		t.Fatalf("message %s, want %s", msg.TS, ts)
	}
	for _, tc := range []struct {
		name, action string
		values       []string
		check        func(slack.BlockAction) bool
	}{
		{"Checkboxes", "boxes", []string{"1", "3"}, func(a slack.BlockAction) bool {
			return len(a.SelectedOptions) == 2 && a.SelectedOptions[0].Value == "1" && a.SelectedOptions[1].Text.Text == "Three"
		}},
		{"Overflow", "more", []string{"delete"}, func(a slack.BlockAction) bool { return a.SelectedOption.Value == "delete" }},
		{"StaticSelect", "kind", []string{"msp"}, func(a slack.BlockAction) bool {
			return a.SelectedOption.Value == "msp" && a.SelectedOption.Text.Text == "MSP"
		}},
		{"DatePicker", "day", []string{"2026-12-10"}, func(a slack.BlockAction) bool { return a.SelectedDate == "2026-12-10" }},
		{"TimePicker", "at", []string{"14:00"}, func(a slack.BlockAction) bool { return a.SelectedTime == "14:00" }},
		{"UsersSelect", "who", []string{"U0BOB"}, func(a slack.BlockAction) bool { return a.SelectedUser == "U0BOB" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.Choose(ctxTimeout(t), "U0ALICE", msg, tc.action, tc.values...); err != nil {
				t.Fatal(err)
			}
			ic := <-got
			if ic.Type != slack.InteractionTypeBlockActions || len(ic.ActionCallback.BlockActions) != 1 {
				t.Fatalf("got %+v, want one block action", ic)
			}
			a := ic.ActionCallback.BlockActions[0]
			if a.ActionID != tc.action || a.BlockID != "pick" || ic.Container.MessageTs != ts || ic.ResponseURL == "" || !tc.check(*a) {
				t.Fatalf("action %+v (container %+v) does not carry the choice %v", a, ic.Container, tc.values)
			}
		})
	}
	t.Run("ErrUnknownOption", func(t *testing.T) {
		if _, err := s.Choose(ctxTimeout(t), "U0ALICE", msg, "kind", "distributor"); err == nil {
			t.Fatal("no error for an option the select does not have")
		}
	})
	t.Run("ErrButton", func(t *testing.T) {
		if _, err := s.Choose(ctxTimeout(t), "U0ALICE", msg, "nope", "x"); err == nil {
			t.Fatal("no error for a missing element")
		}
	})
}

func TestClickInHome(t *testing.T) {
	s := New()
	defer s.Close()
	api, got := app(t, s)
	if _, err := s.ClickInHome(ctxTimeout(t), "U0ALICE", "next", "2"); err == nil {
		t.Fatal("a click in a Home never published was accepted")
	}
	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewActionBlock("nav", slack.NewButtonBlockElement("next", "2", slack.NewTextBlockObject(slack.PlainTextType, "Next", false, false))),
	}}}
	if _, err := api.PublishView("U0ALICE", home, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClickInHome(ctxTimeout(t), "U0ALICE", "next", "2"); err != nil {
		t.Fatal(err)
	}
	ic := <-got
	if ic.View.Type != slack.VTHomeTab || ic.Container.Type != "view" || ic.ResponseURL != "" || ic.ActionCallback.BlockActions[0].Value != "2" {
		t.Fatalf("got view %q container %+v response_url %q actions %+v", ic.View.Type, ic.Container, ic.ResponseURL, ic.ActionCallback.BlockActions)
	}
}

// TestRenderEscapes: user text in mrkdwn and in modal values stays text.
func TestRenderEscapes(t *testing.T) {
	s := New()
	defer s.Close()
	evil := `<script>alert(1)</script> <!channel> "quoted"`
	blocks, _ := json.Marshal([]any{
		map[string]any{"type": "section", "text": map[string]any{"type": "mrkdwn", "text": "&lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt; <@U0BOB>"},
			"accessory": map[string]any{"type": "button", "action_id": "a\"b", "value": evil, "text": map[string]any{"type": "plain_text", "text": evil}}},
	})
	out := s.RenderHTML(blocks)
	if strings.Contains(out, "<script>") || strings.Contains(out, "<!channel>") || strings.Contains(out, `"quoted"`) {
		t.Fatalf("unescaped user text:\n%s", out)
	}
	if !strings.Contains(out, `<span class="mention">@bob</span>`) || !strings.Contains(out, "&lt;script&gt;") {
		t.Fatalf("mention or text missing:\n%s", out)
	}

	view, _ := json.Marshal(map[string]any{"type": "modal", "title": map[string]any{"type": "plain_text", "text": "Add"},
		"submit": map[string]any{"type": "plain_text", "text": "Save"},
		"blocks": []any{map[string]any{"type": "input", "block_id": "name", "label": map[string]any{"type": "plain_text", "text": "Name"},
			"element": map[string]any{"type": "plain_text_input", "action_id": "name", "initial_value": evil}}}})
	html := s.RenderView(View{ID: "V1", JSON: view, Errors: map[string]string{"name": evil}})
	if strings.Contains(html, "<script>") || strings.Contains(html, `"quoted"`) {
		t.Fatalf("unescaped value or error in the modal:\n%s", html)
	}
	for _, want := range []string{`data-view-id="V1"`, `data-block-id="name"`, `data-type="plain_text_input"`, `class="error"`, `data-submit>Save</button>`} {
		if !strings.Contains(html, want) {
			t.Errorf("modal lacks %s:\n%s", want, html)
		}
	}
}
