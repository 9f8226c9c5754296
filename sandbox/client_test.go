package sandbox_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/slacksim"
)

// TestComposerSendsReferences: @name and #name go to the app as Slack's
// client sends them, and every example of /partner help works when pasted.
func TestComposerSendsReferences(t *testing.T) {
	sb := start(t, false)
	if out := post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": "/partner add Nimbus Cloud cloud-operator @alice #partners"}); out["ok"] != true {
		t.Fatalf("command: %v", out)
	}
	waitEnvelope(t, sb, `add Nimbus Cloud cloud-operator \u003c@U0ALICE|alice\u003e \u003c#C0PARTNERS|partners\u003e`)
	post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": "/partner add Bob Corp @nobody #nowhere"})
	waitEnvelope(t, sb, `add Bob Corp @nobody #nowhere`)

	for _, e := range bot.HelpEntries(i18n.EN) {
		for _, ex := range e.Examples {
			if strings.HasPrefix(ex, "unarchive ") {
				// Its example restores a partner: archive it first, as a
				// user who reads that example would have.
				if out := post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": "/partner archive " + strings.TrimPrefix(ex, "unarchive ")}); out["ok"] != true {
					t.Fatalf("archive before %s: %v", ex, out)
				}
				waitEnvelope(t, sb, "archive "+strings.TrimPrefix(ex, "unarchive "))
				time.Sleep(300 * time.Millisecond)
			}
			n, posted := len(sb.Sim.Envelopes()), len(sb.Sim.Messages(partners))
			if out := post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": "/partner " + ex}); out["ok"] != true {
				t.Fatalf("%s: %v", ex, out)
			}
			var responseURL string
			for _, env := range sb.Sim.Envelopes()[n:] {
				var p struct {
					ResponseURL string `json:"response_url"`
				}
				if env.Type == "slash_commands" && json.Unmarshal(env.Payload, &p) == nil {
					responseURL = p.ResponseURL
				}
			}
			var answer *slacksim.Message
			st := waitState(t, sb, alice, partners, "the answer to /partner "+ex, func(s pageState) bool {
				for _, m := range append(sb.Sim.Ephemerals(alice), sb.Sim.Messages(partners)...) {
					if m.ResponseURL == responseURL {
						answer = &m
						return true
					}
				}
				if msgs := sb.Sim.Messages(partners); len(msgs) > posted && msgs[len(msgs)-1].ResponseURL == "" {
					answer = &msgs[len(msgs)-1] // posted with chat.postMessage
					return true
				}
				return strings.Contains(s.Modal, "modal")
			})
			if answer == nil {
				post(t, sb, "view/close", map[string]any{"user": alice, "view_id": viewID(st.Modal)})
				continue
			}
			var blocks []struct {
				Text struct{ Text string } `json:"text"`
			}
			_ = json.Unmarshal(answer.Blocks, &blocks)
			if answer.Ephemeral && len(blocks) > 0 && strings.HasPrefix(blocks[0].Text.Text, ":warning:") {
				t.Errorf("/partner %s, pasted from the help, is refused: %s", ex, blocks[0].Text.Text)
			}
			// A reference the bot read is not text in its answer.
			for _, w := range strings.Fields(ex) {
				if (w[0] == '@' || w[0] == '#') && strings.Contains(string(answer.Blocks), w) {
					t.Errorf("/partner %s: the bot took %s as text, not a reference: %s", ex, w, answer.Blocks)
				}
			}
		}
	}
}

func viewID(modal string) string {
	_, rest, _ := strings.Cut(modal, `data-view-id="`)
	id, _, _ := strings.Cut(rest, `"`)
	return id
}
