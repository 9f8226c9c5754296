package sandbox_test

import (
	"strings"
	"testing"
)

// TestCanvasPanel: a partner's channel shows its living-plan canvas above
// the messages, kept up to date, with user text drawn as text; the shared
// channel shows none.
func TestCanvasPanel(t *testing.T) {
	sb := start(t, false)
	post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": `/partner add Acme <b>Cloud</b> reseller`})
	st := waitState(t, sb, alice, partners, "the plan canvas", func(s pageState) bool {
		return strings.Contains(s.Main, `class="canvas"`) && strings.Contains(s.Main, "Nothing planned together yet")
	})
	if strings.Contains(st.Main, "<b>Cloud</b>") || !strings.Contains(st.Main, "Partner plan: Acme &lt;b&gt;Cloud&lt;/b&gt;") {
		t.Fatalf("the partner's name is not drawn as typed in the canvas:\n%s", st.Main)
	}
	if !strings.Contains(st.Main, `<span class="mention">@alice</span>`) {
		t.Fatalf("the owner is not drawn as a mention:\n%s", st.Main)
	}
	post(t, sb, "command", map[string]any{"user": alice, "channel": partners, "text": "/partner webinar acme 2099-12-10 14:00 Cloud cost clinic"})
	waitState(t, sb, alice, partners, "the canvas to show the webinar", func(s pageState) bool {
		i := strings.Index(s.Main, `</details>`)
		return i > 0 && strings.Contains(s.Main[:i], "Cloud cost clinic")
	})
	sh := waitState(t, sb, alice, shared, "the shared channel", func(pageState) bool { return true })
	if strings.Contains(sh.Main, `class="canvas"`) {
		t.Fatalf("the shared channel shows a canvas:\n%s", sh.Main)
	}
}
