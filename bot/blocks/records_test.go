package blocks_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
)

// TestEscapeFormatting: formatting characters are fenced so that they show
// as typed; entities are escaped; code keeps its characters.
func TestEscapeFormatting(t *testing.T) {
	z := "\u200b"
	for in, want := range map[string]string{
		"Data_Corp":  "Data" + z + "_" + z + "Corp",
		"*Acme*":     z + "*" + z + "Acme" + z + "*" + z,
		"a~b`c":      "a" + z + "~" + z + "b" + z + "`" + z + "c",
		"<!here> & ": "&lt;!here&gt; &amp; ",
		"Plain name": "Plain name",
	} {
		if got := blocks.Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
	if got := blocks.EscapeCode("0 9 * * 1 <x>"); got != "0 9 * * 1 &lt;x&gt;" {
		t.Errorf("EscapeCode: %q", got)
	}
	// The user's text is escaped wholly, the catalog's own `code` kept.
	msg := "Use `/partner add " + i18n.ArgOpen + "*x*<!here>" + i18n.ArgClose + "` now <b>"
	if got, want := blocks.EscapeMarked(msg), "Use `/partner add "+z+"*"+z+"x"+z+"*"+z+"&lt;!here&gt;` now &lt;b&gt;"; got != want {
		t.Errorf("EscapeMarked: got %q, want %q", got, want)
	}
}

// TestDateNeverImpossible: a zero or out-of-range time shows a dash, never
// a <!date> token.
func TestDateNeverImpossible(t *testing.T) {
	for _, tm := range []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC)} {
		if got := blocks.Date(i18n.EN, tm) + blocks.DateTime(i18n.FR, tm); strings.Contains(got, "<!date") {
			t.Errorf("%v shows %q", tm, got)
		}
	}
	if got := blocks.DateTime(i18n.EN, time.Date(2026, 12, 10, 14, 0, 0, 0, time.UTC)); !strings.HasPrefix(got, "<!date^1796911200^") {
		t.Errorf("a real time: %q", got)
	}
}
