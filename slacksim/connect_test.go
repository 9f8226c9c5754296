package slacksim

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// listen connects one raw Socket Mode client that acknowledges every
// envelope and hands over its payload.
func listen(t *testing.T, s *Server) <-chan json.RawMessage {
	t.Helper()
	ctx := context.Background()
	sm := socketmode.New(slack.New(BotToken, slack.OptionAppLevelToken(AppToken), slack.OptionAPIURL(s.URL())))
	_, wsURL, err := sm.OpenContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ws, _, err := websocket.DefaultDialer.DialContext(ctx, wsURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	out := make(chan json.RawMessage, 16)
	go func() {
		for {
			var msg struct {
				EnvelopeID string          `json:"envelope_id"`
				Payload    json.RawMessage `json:"payload"`
			}
			if err := ws.ReadJSON(&msg); err != nil {
				return
			}
			if msg.EnvelopeID == "" {
				continue
			}
			_ = ws.WriteJSON(map[string]any{"envelope_id": msg.EnvelopeID})
			out <- msg.Payload
		}
	}()
	if err := s.WaitFor(ctx, func() bool { return s.Connections() == 1 }); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestConnect_ShareAndUnshare: sharing a channel sends channel_shared and
// turns is_ext_shared on in conversations.info; unsharing sends
// channel_unshared and turns it off, as Slack does.
func TestConnect_ShareAndUnshare(t *testing.T) {
	s := New()
	defer s.Close()
	payloads := listen(t, s)
	api := slack.New(BotToken, slack.OptionAPIURL(s.URL()))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	shared := func() bool {
		info, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: "C0PARTNERS"})
		if err != nil {
			t.Fatal(err)
		}
		return info.IsExtShared
	}
	if shared() {
		t.Fatal("#partners is shared before ShareChannel")
	}
	if _, err := s.ShareChannel(ctx, "C0PARTNERS", "T0ACME"); err != nil {
		t.Fatal(err)
	}
	ev := parseEvent(t, <-payloads)
	if sh, ok := ev.InnerEvent.Data.(*slackevents.ChannelSharedEvent); !ok || sh.Channel != "C0PARTNERS" || sh.ConnectedTeamID != "T0ACME" {
		t.Fatalf("after ShareChannel the app got %T %+v, want channel_shared for C0PARTNERS with T0ACME", ev.InnerEvent.Data, ev.InnerEvent.Data)
	}
	if !shared() {
		t.Error("conversations.info does not report is_ext_shared after ShareChannel")
	}
	if _, err := s.UnshareChannel(ctx, "C0PARTNERS", "T0ACME"); err != nil {
		t.Fatal(err)
	}
	ev = parseEvent(t, <-payloads)
	if un, ok := ev.InnerEvent.Data.(*slackevents.ChannelUnsharedEvent); !ok || un.Channel != "C0PARTNERS" || un.PreviouslyConnectedTeamID != "T0ACME" || un.IsExtShared {
		t.Fatalf("after UnshareChannel the app got %T %+v", ev.InnerEvent.Data, ev.InnerEvent.Data)
	}
	if shared() {
		t.Error("conversations.info still reports is_ext_shared after UnshareChannel")
	}
	if _, err := s.ShareChannel(ctx, "C0NOPE", "T0ACME"); err == nil {
		t.Error("sharing a channel that does not exist succeeded")
	}
}

func parseEvent(t *testing.T, raw json.RawMessage) slackevents.EventsAPIEvent {
	t.Helper()
	ev, err := slackevents.ParseEvent(raw, slackevents.OptionNoVerifyToken())
	if err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	return ev
}

// TestConnect_ExternalUserAndDM: a user of another organisation is named
// by user_team in commands and user.team_id in clicks and users.info; a
// post to a user ID lands in the app's DM with them, which
// conversations.info reports as an unshared IM.
func TestConnect_ExternalUserAndDM(t *testing.T) {
	s := New()
	defer s.Close()
	s.AddUser(User{ID: "U0EXT", Name: "eve", Locale: "en-US", TZ: "UTC", TeamID: "T0ACME"})
	payloads := listen(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.SlashCommand(ctx, "U0EXT", "C0SHARED", "/partner", "help"); err != nil {
		t.Fatal(err)
	}
	var cmd map[string]any
	_ = json.Unmarshal(<-payloads, &cmd)
	if cmd["user_team"] != "T0ACME" || cmd["team_id"] != s.TeamID {
		t.Errorf("command payload: user_team %v, team_id %v; want T0ACME and %s", cmd["user_team"], cmd["team_id"], s.TeamID)
	}
	api := slack.New(BotToken, slack.OptionAPIURL(s.URL()))
	u, err := api.GetUserInfoContext(ctx, "U0EXT")
	if err != nil || u.TeamID != "T0ACME" {
		t.Errorf("users.info: team %q, %v", u.TeamID, err)
	}
	ch, ts, err := api.PostMessageContext(ctx, "U0ALICE", slack.MsgOptionText("hello", false))
	if err != nil || ch != DM("U0ALICE") {
		t.Fatalf("post to a user ID: channel %q, %v", ch, err)
	}
	msgs := s.Messages(DM("U0ALICE"))
	if len(msgs) != 1 || msgs[0].TS != ts {
		t.Fatalf("the DM holds %+v", msgs)
	}
	info, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: DM("U0ALICE")})
	if err != nil || !info.IsIM || info.IsExtShared {
		t.Errorf("conversations.info on the DM: %+v, %v", info, err)
	}
	if _, err := s.Click(ctx, "U0EXT", msgs[0], "x", ""); err == nil {
		t.Error("clicking a missing element succeeded")
	}
	var click map[string]any
	_ = json.Unmarshal(s.crafted(t, "U0EXT", msgs[0]), &click)
	if click["user"].(map[string]any)["team_id"] != "T0ACME" || click["message"].(map[string]any)["bot_id"] != BotID {
		t.Errorf("click payload: %v", click)
	}
}

func (s *Server) crafted(t *testing.T, user string, msg Message) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(s.blockActions(user, msg, []any{}))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
