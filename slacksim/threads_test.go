package slacksim

import (
	"context"
	"testing"

	"github.com/slack-go/slack"
)

// TestThreads: chat.postMessage with thread_ts posts a reply, counted on its
// parent; a reply to a reply joins the same thread; an unknown parent is
// thread_not_found; conversations.replies lists the parent, then the
// replies.
func TestThreads(t *testing.T) {
	s := New()
	defer s.Close()
	api := client(s, BotToken)
	ctx := context.Background()
	_, parent, err := api.PostMessageContext(ctx, "C0PARTNERS", slack.MsgOptionText("Acme · December", false))
	if err != nil {
		t.Fatal(err)
	}
	_, r1, err := api.PostMessageContext(ctx, "C0PARTNERS", slack.MsgOptionText("first", false), slack.MsgOptionTS(parent))
	if err != nil {
		t.Fatal(err)
	}
	_, r2, err := api.PostMessageContext(ctx, "C0PARTNERS", slack.MsgOptionText("second", false), slack.MsgOptionTS(r1))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := api.PostMessageContext(ctx, "C0PARTNERS", slack.MsgOptionText("lost", false), slack.MsgOptionTS("999.000")); err == nil || err.Error() != "thread_not_found" {
		t.Fatalf("reply to nothing: %v, want thread_not_found", err)
	}
	if top := s.TopLevel("C0PARTNERS"); len(top) != 1 || top[0].TS != parent || top[0].ReplyCount != 2 || top[0].LatestReply != r2 {
		t.Fatalf("top level %+v, want the parent alone with 2 replies, the latest %s", top, r2)
	}
	if rs := s.Replies("C0PARTNERS", parent); len(rs) != 2 || rs[0].Text != "first" || rs[1].Text != "second" || rs[1].ThreadTS != parent {
		t.Fatalf("replies %+v", rs)
	}
	msgs, _, _, err := api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{ChannelID: "C0PARTNERS", Timestamp: parent})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 3 || msgs[0].Timestamp != parent || msgs[0].ReplyCount != 2 || msgs[1].ThreadTimestamp != parent || msgs[2].Text != "second" {
		t.Fatalf("conversations.replies %+v", msgs)
	}
	if _, _, _, err := api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{ChannelID: "C0PARTNERS", Timestamp: "1.1"}); err == nil || err.Error() != "thread_not_found" {
		t.Fatalf("replies of nothing: %v, want thread_not_found", err)
	}
}
