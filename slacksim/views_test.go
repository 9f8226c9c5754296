package slacksim

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

func inputModal(title string, inputs ...string) slack.ModalViewRequest {
	var bl []slack.Block
	for _, id := range inputs {
		el := slack.NewPlainTextInputBlockElement(nil, "value")
		bl = append(bl, slack.NewInputBlock(id, slack.NewTextBlockObject(slack.PlainTextType, id, false, false), nil, el))
	}
	return slack.ModalViewRequest{Type: slack.VTModal, CallbackID: "test", NotifyOnClose: true,
		Title:  slack.NewTextBlockObject(slack.PlainTextType, title, false, false),
		Submit: slack.NewTextBlockObject(slack.PlainTextType, "Save", false, false),
		Blocks: slack.Blocks{BlockSet: bl}}
}

// TestViews drives modals with slack-go's own Socket Mode client as the app:
// open, push up to Slack's limit, submit with each response_action, close.
func TestViews(t *testing.T) {
	s := New()
	defer s.Close()
	api := slack.New(BotToken, slack.OptionAPIURL(s.URL()), slack.OptionAppLevelToken(AppToken))
	sm := socketmode.New(api)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = sm.RunContext(ctx) }()

	// The app: answers each submission with what the entered "action" says,
	// and records what it received.
	got := make(chan slack.InteractionCallback, 10)
	go func() {
		for ev := range sm.Events {
			ic, ok := ev.Data.(slack.InteractionCallback)
			if !ok {
				continue
			}
			var payload any
			if ic.Type == slack.InteractionTypeViewSubmission {
				switch ic.View.State.Values["name"]["value"].Value {
				case "bad":
					payload = map[string]any{"response_action": "errors", "errors": map[string]string{"name": "Not that one."}}
				case "replace":
					payload = slack.NewUpdateViewSubmissionResponse(&slack.ModalViewRequest{Type: slack.VTModal, Title: slack.NewTextBlockObject(slack.PlainTextType, "Done", false, false)})
				case "all":
					payload = slack.NewClearViewSubmissionResponse()
				}
			}
			sm.Ack(*ev.Request, payload)
			got <- ic
		}
	}()
	if err := s.WaitFor(ctxTimeout(t), func() bool { return s.Connections() == 1 }); err != nil {
		t.Fatal(err)
	}
	trigger, _ := s.issue("C0PARTNERS", "U0ALICE", "")
	root, err := api.OpenViewContext(ctx, trigger, inputModal("Root", "name"))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"", "", "push_limit_reached"} {
		_, err := api.PushViewContext(ctx, trigger, inputModal("Pushed", "name"))
		if (err == nil && want != "") || (err != nil && err.Error() != want) {
			t.Fatalf("push %d: got %v, want %q", i+1, err, want)
		}
	}
	stack := s.ModalStack("U0ALICE")
	if len(stack) != 3 || stack[0].ID != root.ID {
		t.Fatalf("stack %+v, want root and two pushed views", stack)
	}
	enter := func(v string) ViewState {
		return ViewState{"name": {"value": {"type": "plain_text_input", "value": v}}}
	}

	t.Run("ErrorsKeepTheViewOpen", func(t *testing.T) {
		out, err := s.SubmitView(ctx, "U0ALICE", stack[2].ID, enter("bad"))
		if err != nil {
			t.Fatal(err)
		}
		if out.Action != "errors" || out.Errors["name"] != "Not that one." || len(out.Open) != 3 || out.Open[2].Errors["name"] != "Not that one." {
			t.Fatalf("outcome %+v", out)
		}
		ic := <-got
		if ic.View.ID != stack[2].ID || ic.View.RootViewID != root.ID || ic.View.PreviousViewID != stack[1].ID || ic.User.ID != "U0ALICE" {
			t.Fatalf("payload view %+v", ic.View)
		}
	})
	t.Run("NoActionClosesTheTopView", func(t *testing.T) {
		out, err := s.SubmitView(ctx, "U0ALICE", stack[2].ID, enter("fine"))
		if err != nil || len(out.Open) != 2 {
			t.Fatalf("outcome %+v, %v", out, err)
		}
		<-got
	})
	t.Run("UpdateReplaces", func(t *testing.T) {
		out, err := s.SubmitView(ctx, "U0ALICE", stack[1].ID, enter("replace"))
		if err != nil || len(out.Open) != 2 {
			t.Fatalf("outcome %+v, %v", out, err)
		}
		var v struct{ Title struct{ Text string } }
		_ = json.Unmarshal(out.Open[1].JSON, &v)
		if v.Title.Text != "Done" {
			t.Fatalf("title %q after update, want Done", v.Title.Text)
		}
		<-got
	})
	t.Run("ClearClosesAll", func(t *testing.T) {
		out, err := s.SubmitView(ctx, "U0ALICE", root.ID, enter("all"))
		if err != nil || len(out.Open) != 0 || len(s.Views()) != 0 {
			t.Fatalf("outcome %+v, %v; views %v", out, err, s.Views())
		}
		<-got
	})
	t.Run("CloseNotifies", func(t *testing.T) {
		trigger, _ := s.issue("C0PARTNERS", "U0BOB", "")
		v, err := api.OpenViewContext(ctx, trigger, inputModal("Bob", "name"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SubmitView(ctx, "U0ALICE", v.ID, enter("x")); !errors.Is(err, ErrNoSuchView) {
			t.Fatalf("alice submitting bob's view: %v", err)
		}
		if err := s.CloseView(ctx, "U0BOB", v.ID); err != nil {
			t.Fatal(err)
		}
		if ic := <-got; ic.Type != slack.InteractionTypeViewClosed || len(s.ModalStack("U0BOB")) != 0 {
			t.Fatalf("got %s, stack %v", ic.Type, s.ModalStack("U0BOB"))
		}
	})
}

func ctxTimeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}
