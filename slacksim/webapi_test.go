package slacksim

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func client(s *Server, token string) *slack.Client {
	return slack.New(token, slack.OptionAPIURL(s.URL()))
}

func TestWebAPI_ErrorShapes(t *testing.T) {
	s := New()
	defer s.Close()
	api := client(s, BotToken)
	ctx := context.Background()

	t.Run("InvalidAuth", func(t *testing.T) {
		_, err := client(s, "xoxb-wrong").AuthTestContext(ctx)
		if err == nil || err.Error() != "invalid_auth" {
			t.Fatalf("got %v, want invalid_auth", err)
		}
	})
	t.Run("NotInChannel", func(t *testing.T) {
		s.AddChannel(Channel{ID: "C0OUT", Name: "out"})
		_, _, err := api.PostMessageContext(ctx, "C0OUT", slack.MsgOptionText("hi", false))
		if err == nil || err.Error() != "not_in_channel" {
			t.Fatalf("got %v, want not_in_channel", err)
		}
	})
	t.Run("InvalidBlocksWithPointer", func(t *testing.T) {
		long := slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, strings.Repeat("x", 3001), false, false), nil, nil)
		var many []slack.Block
		for range 51 {
			many = append(many, slack.NewDividerBlock())
		}
		_, _, err := api.PostMessageContext(ctx, "C0PARTNERS", slack.MsgOptionBlocks(append(many, long)...))
		var se slack.SlackErrorResponse
		if !errors.As(err, &se) || se.Err != "invalid_blocks" {
			t.Fatalf("got %v, want invalid_blocks", err)
		}
		var msgs []string
		for _, e := range se.Errors {
			if e.Message != nil {
				msgs = append(msgs, *e.Message)
			}
		}
		joined := strings.Join(msgs, "\n")
		for _, want := range []string{"[json-pointer:/blocks]", "[json-pointer:/blocks/51/text/text]"} {
			if !strings.Contains(joined, want) {
				t.Fatalf("errors %q lack %s", msgs, want)
			}
		}
	})
	t.Run("RateLimited", func(t *testing.T) {
		s.RateLimit("chat.postMessage", 7*time.Second)
		defer s.RateLimit("chat.postMessage", 0)
		_, _, err := api.PostMessageContext(ctx, "C0PARTNERS", slack.MsgOptionText("hi", false))
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second {
			t.Fatalf("got %v, want a RateLimitedError with Retry-After 7s", err)
		}
	})
	t.Run("PerChannelPace", func(t *testing.T) {
		s.PaceChannels(time.Hour)
		defer s.PaceChannels(0)
		if _, _, err := api.PostMessageContext(ctx, "C0SHARED", slack.MsgOptionText("one", false)); err != nil {
			t.Fatal(err)
		}
		_, _, err := api.PostMessageContext(ctx, "C0SHARED", slack.MsgOptionText("two", false))
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) {
			t.Fatalf("second post in the same channel: got %v, want 429", err)
		}
	})
	t.Run("ExpiredTrigger", func(t *testing.T) {
		trigger, _ := s.issue("C0PARTNERS", "U0ALICE", "")
		modal := slack.ModalViewRequest{Type: slack.VTModal, Title: slack.NewTextBlockObject(slack.PlainTextType, "T", false, false)}
		s.Now = func() time.Time { return time.Now().Add(4 * time.Second) }
		defer func() { s.Now = time.Now }()
		_, err := api.OpenViewContext(ctx, trigger, modal)
		if err == nil || err.Error() != "expired_trigger_id" {
			t.Fatalf("got %v, want expired_trigger_id", err)
		}
	})
	t.Run("UpdateAndEphemeral", func(t *testing.T) {
		_, ts, err := api.PostMessageContext(ctx, "C0PARTNERS", slack.MsgOptionText("before", false))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := api.UpdateMessageContext(ctx, "C0PARTNERS", ts, slack.MsgOptionText("after", false)); err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := api.UpdateMessageContext(ctx, "C0PARTNERS", "1.000", slack.MsgOptionText("x", false)); err == nil || err.Error() != "message_not_found" {
			t.Fatalf("update of a missing message: %v", err)
		}
		if _, err := api.PostEphemeralContext(ctx, "C0PARTNERS", "U0BOB", slack.MsgOptionText("psst", false)); err != nil {
			t.Fatal(err)
		}
		ms := s.Messages("C0PARTNERS")
		if got := ms[len(ms)-1]; got.Text != "after" || got.Edited != 1 {
			t.Fatalf("last message %+v", got)
		}
		if e := s.Ephemerals("U0BOB"); len(e) != 1 || e[0].Text != "psst" || len(s.Ephemerals("U0ALICE")) != 0 {
			t.Fatalf("ephemerals: bob %+v", e)
		}
	})
	t.Run("UsersInfoLocale", func(t *testing.T) {
		u, err := api.GetUserInfoContext(ctx, "U0BOB", slack.GetUserInfoOptionIncludeLocale(true))
		if err != nil || u.Locale != "fr-FR" || u.TZ != "Europe/Paris" {
			t.Fatalf("got %+v, %v", u, err)
		}
		c, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: "C0SHARED"})
		if err != nil || !c.IsExtShared {
			t.Fatalf("conversations.info: %+v, %v", c, err)
		}
	})
}
