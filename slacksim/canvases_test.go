package slacksim

import (
	"context"
	"errors"
	"testing"

	"github.com/slack-go/slack"
)

func slackErr(err error) string {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// TestChannelCanvas: a channel gets one canvas, edited by replace and
// inserts, deleted, with Slack's error codes on the way.
func TestChannelCanvas(t *testing.T) {
	s := New()
	defer s.Close()
	ctx := context.Background()
	api := slack.New(BotToken, slack.OptionAPIURL(s.URL()))
	md := func(m string) slack.DocumentContent { return slack.DocumentContent{Type: "markdown", Markdown: m} }

	if _, err := api.CreateChannelCanvasContext(ctx, "C0NOPE", md("x")); slackErr(err) != "channel_not_found" {
		t.Errorf("unknown channel: %v, want channel_not_found", err)
	}
	id, err := api.CreateChannelCanvasContext(ctx, "C0PARTNERS", md("# Plan\n- one"))
	if err != nil || id == "" {
		t.Fatalf("create: %q %v", id, err)
	}
	if _, err := api.CreateChannelCanvasContext(ctx, "C0PARTNERS", md("again")); slackErr(err) != "channel_canvas_already_exists" {
		t.Errorf("second canvas: %v, want channel_canvas_already_exists", err)
	}
	replace := slack.CanvasChange{Operation: "replace", DocumentContent: md("# Plan\n- two")}
	if err := api.EditCanvasContext(ctx, slack.EditCanvasParams{CanvasID: id, Changes: []slack.CanvasChange{replace}}); err != nil {
		t.Fatalf("edit: %v", err)
	}
	end := slack.CanvasChange{Operation: "insert_at_end", DocumentContent: md("- three")}
	if err := api.EditCanvasContext(ctx, slack.EditCanvasParams{CanvasID: id, Changes: []slack.CanvasChange{end}}); err != nil {
		t.Fatalf("insert: %v", err)
	}
	c, ok := s.ChannelCanvas("C0PARTNERS")
	if !ok || c.Markdown != "# Plan\n- two\n- three" || c.Edits != 2 {
		t.Errorf("canvas = %+v, %v", c, ok)
	}
	bad := slack.CanvasChange{Operation: "replace", DocumentContent: slack.DocumentContent{Type: "html"}}
	if err := api.EditCanvasContext(ctx, slack.EditCanvasParams{CanvasID: id, Changes: []slack.CanvasChange{bad}}); slackErr(err) != "invalid_arguments" {
		t.Errorf("bad content: %v, want invalid_arguments", err)
	}
	if err := api.EditCanvasContext(ctx, slack.EditCanvasParams{CanvasID: "F0NOPE", Changes: []slack.CanvasChange{replace}}); slackErr(err) != "canvas_not_found" {
		t.Errorf("unknown canvas: %v, want canvas_not_found", err)
	}
	if err := api.DeleteCanvasContext(ctx, id); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, ok := s.ChannelCanvas("C0PARTNERS"); ok {
		t.Error("deleted canvas still shown")
	}
	if err := api.EditCanvasContext(ctx, slack.EditCanvasParams{CanvasID: id, Changes: []slack.CanvasChange{replace}}); slackErr(err) != "canvas_not_found" {
		t.Errorf("edit deleted: %v, want canvas_not_found", err)
	}
	if _, err := api.CreateChannelCanvasContext(ctx, "C0PARTNERS", md("new")); err != nil {
		t.Errorf("create after delete: %v", err)
	}
}

// TestRefuseCanvases: a workspace that refuses canvases answers every
// canvas method with the code given, until accepted again.
func TestRefuseCanvases(t *testing.T) {
	s := New()
	defer s.Close()
	ctx := context.Background()
	api := slack.New(BotToken, slack.OptionAPIURL(s.URL()))
	s.RefuseCanvases("team_tier_cannot_create_channel_canvases")
	_, err := api.CreateChannelCanvasContext(ctx, "C0PARTNERS", slack.DocumentContent{Type: "markdown", Markdown: "x"})
	if slackErr(err) != "team_tier_cannot_create_channel_canvases" {
		t.Errorf("refused: %v", err)
	}
	if len(s.Canvases()) != 0 {
		t.Error("a refused canvas was kept")
	}
	s.RefuseCanvases("")
	if _, err := api.CreateChannelCanvasContext(ctx, "C0PARTNERS", slack.DocumentContent{Type: "markdown", Markdown: "x"}); err != nil {
		t.Errorf("accepted again: %v", err)
	}
}
