package slacksim

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestMrkdwnToHTML_AsSlacksClient: inside a code span nothing is formatted
// (a cron schedule shows as typed); shortcodes the client knows render as
// emoji, elsewhere; unknown ones stay as typed.
func TestMrkdwnToHTML_AsSlacksClient(t *testing.T) {
	s := New()
	defer s.Close()
	for _, c := range []struct{ in, want string }{
		{"schedule `0 9 * * 1` *weekly*", "schedule <code>0 9 * * 1</code> <b>weekly</b>"},
		{"`*not bold* _not it_ :repeat:` :repeat:", "<code>*not bold* _not it_ :repeat:</code> 🔁"},
		{":warning: :bulb: :+1: :no_such_emoji:", "⚠️ 💡 👍 :no_such_emoji:"},
		{"`a` and `b`", "<code>a</code> and <code>b</code>"},
		{"`<b>` stays text", "<code>&lt;b&gt;</code> stays text"},
	} {
		if got := s.mrkdwnToHTML(c.in); got != c.want {
			t.Errorf("mrkdwnToHTML(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
	if got := s.textHTML(map[string]any{"type": "plain_text", "text": ":repeat: Weekly", "emoji": true}); got != "🔁 Weekly" {
		t.Errorf("plain_text with emoji: %q", got)
	}
	if got := s.textHTML(map[string]any{"type": "plain_text", "text": ":repeat: Weekly", "emoji": false}); got != ":repeat: Weekly" {
		t.Errorf("plain_text with emoji false: %q", got)
	}
}

// TestRender_ClientDefaultsMarked: the texts Slack's client supplies itself
// (a menu without a placeholder, "(optional)", a modal's Cancel) are marked
// data-default, for a client to say in its reader's language.
func TestRender_ClientDefaultsMarked(t *testing.T) {
	s := New()
	defer s.Close()
	view, _ := json.Marshal(map[string]any{"type": "modal", "title": map[string]any{"type": "plain_text", "text": "T"},
		"blocks": []any{map[string]any{"type": "input", "block_id": "k", "optional": true, "label": map[string]any{"type": "plain_text", "text": "Kind"},
			"element": map[string]any{"type": "static_select", "action_id": "a", "options": []any{
				map[string]any{"text": map[string]any{"type": "plain_text", "text": "One"}, "value": "1"}}}}}})
	got := s.RenderView(View{ID: "V1", JSON: view})
	for _, want := range []string{`<option value="" data-default="select">Select an option</option>`,
		`<span class="optional" data-default="optional">(optional)</span>`, `<span data-default="cancel">Cancel</span>`} {
		if !strings.Contains(got, want) {
			t.Errorf("the view lacks %s:\n%s", want, got)
		}
	}
}
