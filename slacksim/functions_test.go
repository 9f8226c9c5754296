package slacksim

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// functionApp connects a Socket Mode client that acks every envelope and
// hands each function_executed event, as slack-go decodes it, to got.
func functionApp(t *testing.T, s *Server) (got chan *slackevents.FunctionExecutedEvent, events chan slackevents.EventsAPIEvent) {
	t.Helper()
	api := slack.New(BotToken, slack.OptionAppLevelToken(AppToken), slack.OptionAPIURL(s.URL()))
	sm := socketmode.New(api)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = sm.RunContext(ctx); close(done) }()
	got, events = make(chan *slackevents.FunctionExecutedEvent, 8), make(chan slackevents.EventsAPIEvent, 8)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case ev := <-sm.Events:
				if ev.Request != nil {
					sm.Ack(*ev.Request)
				}
				if api, ok := ev.Data.(slackevents.EventsAPIEvent); ok {
					events <- api
					if fe, ok := api.InnerEvent.Data.(*slackevents.FunctionExecutedEvent); ok {
						got <- fe
					}
				}
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	if err := s.WaitFor(ctx, func() bool { return s.Connections() == 1 }); err != nil {
		t.Fatal(err)
	}
	return got, events
}

func receive(t *testing.T, got chan *slackevents.FunctionExecutedEvent) *slackevents.FunctionExecutedEvent {
	t.Helper()
	select {
	case fe := <-got:
		return fe
	case <-time.After(5 * time.Second):
		t.Fatal("no function_executed event")
		return nil
	}
}

func slackError(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestFunctions(t *testing.T) {
	s := New()
	defer s.Close()
	got, events := functionApp(t, s)
	api := client(s, BotToken)
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		id, _, err := s.RunFunction(ctx, "get_partner_health", map[string]any{"partner": "acme", "user": map[string]any{"id": "U0ALICE", "secret": "x"}})
		if err != nil {
			t.Fatal(err)
		}
		fe := receive(t, got)
		ev := <-events
		if ev.Type != slackevents.CallbackEvent || ev.TeamID != s.TeamID {
			t.Errorf("envelope: type %q team %q, want an event_callback for %s", ev.Type, ev.TeamID, s.TeamID)
		}
		if fe.FunctionExecutionID != id || fe.Function.CallbackID != "get_partner_health" || fe.Inputs["partner"] != "acme" {
			t.Fatalf("got execution %q callback %q inputs %v", fe.FunctionExecutionID, fe.Function.CallbackID, fe.Inputs)
		}
		if run, _ := s.Function(id); run.Done() {
			t.Fatal("the run is done before the app completed it")
		}
		if err := api.FunctionCompleteSuccess(id, slack.FunctionCompleteSuccessRequestOptionOutput(map[string]string{"score": "72"})); err != nil {
			t.Fatal(err)
		}
		run, _ := s.Function(id)
		if run.Status != "completed" || run.Outputs["score"] != "72" || run.Completions != 1 {
			t.Fatalf("got %+v, want completed with score 72", run)
		}
		// Slack completes a run once.
		err = api.FunctionCompleteError(id, "too late")
		if e := slackError(err); !strings.Contains(e, "execution_not_in_running_state") {
			t.Errorf("second completion: got %q, want execution_not_in_running_state", e)
		}
		if run, _ := s.Function(id); run.Status != "completed" || run.Refused != 1 {
			t.Errorf("after a refused completion: got %+v", run)
		}
	})
	t.Run("ErrorMessage", func(t *testing.T) {
		id, _, err := s.RunFunction(ctx, "log_contribution", map[string]any{"partner": "nobody"})
		if err != nil {
			t.Fatal(err)
		}
		receive(t, got)
		<-events
		if err := api.FunctionCompleteError(id, ""); !strings.Contains(slackError(err), "invalid_arguments") {
			t.Errorf("an empty error: got %v, want invalid_arguments", err)
		}
		if err := api.FunctionCompleteError(id, "No partner called nobody."); err != nil {
			t.Fatal(err)
		}
		if run, _ := s.Function(id); run.Status != "failed" || run.Error != "No partner called nobody." {
			t.Errorf("got %+v, want failed with the message", run)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		err := api.FunctionCompleteSuccess("Fx0NOPE")
		if !strings.Contains(slackError(err), "function_execution_not_found") {
			t.Errorf("got %v, want function_execution_not_found", err)
		}
	})
	t.Run("Retry", func(t *testing.T) {
		id, first, err := s.RunFunction(ctx, "add_partner", map[string]any{"name": "Acme"})
		if err != nil {
			t.Fatal(err)
		}
		receive(t, got)
		ev1 := <-events
		again, err := s.RetryFunction(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if again.EnvelopeID == first.EnvelopeID {
			t.Error("the retry came in the same envelope")
		}
		fe := receive(t, got)
		ev2 := <-events
		if fe.FunctionExecutionID != id {
			t.Errorf("retry: execution %q, want %q", fe.FunctionExecutionID, id)
		}
		var id1, id2 struct {
			EventID string `json:"event_id"`
		}
		_ = json.Unmarshal(eventJSON(t, ev1), &id1)
		_ = json.Unmarshal(eventJSON(t, ev2), &id2)
		if id1.EventID == "" || id1.EventID != id2.EventID {
			t.Errorf("event IDs %q and %q: a retry keeps the event's ID", id1.EventID, id2.EventID)
		}
	})
}

func eventJSON(t *testing.T, ev slackevents.EventsAPIEvent) []byte {
	t.Helper()
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok {
		t.Fatalf("event data is %T", ev.Data)
	}
	raw, err := json.Marshal(cb)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
