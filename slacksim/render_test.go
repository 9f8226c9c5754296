package slacksim

import (
	"strings"
	"testing"
)

// TestMrkdwnToHTML_Dates: a date token becomes a <time> element carrying
// its timestamp, its format and its fallback, for the client to localise;
// typed text that looks like a token (Slack escapes it) stays text.
func TestMrkdwnToHTML_Dates(t *testing.T) {
	s := New()
	defer s.Close()
	for _, c := range []struct{ in, want string }{
		{"first on <!date^1796907600^{date_short}|10 Dec 2026>.",
			`first on <time class="date" data-ts="1796907600" data-format="{date_short}">10 Dec 2026</time>.`},
		{"next <!date^1796907600^{date_short_pretty} {time}|jeu. 10 déc. 2026 14:00 CET>",
			`next <time class="date" data-ts="1796907600" data-format="{date_short_pretty} {time}">jeu. 10 déc. 2026 14:00 CET</time>`},
		{"with a link <!date^1796907600^{date}^https://example.com|10 Dec>",
			`with a link <time class="date" data-ts="1796907600" data-format="{date}">10 Dec</time>`},
		{"typed &lt;!date^1^{date}|&lt;b&gt;x&gt; stays text",
			"typed &lt;!date^1^{date}|&lt;b&gt;x&gt; stays text"},
		{"*bold* <!date^1^{date_num}|1970-01-01> _it_",
			`<b>bold</b> <time class="date" data-ts="1" data-format="{date_num}">1970-01-01</time> <i>it</i>`},
	} {
		if got := s.mrkdwnToHTML(c.in); got != c.want {
			t.Errorf("mrkdwnToHTML(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
	if got := s.mrkdwnToHTML("<!date^1^{date}|<script>>"); strings.Contains(got, "<script>") {
		t.Errorf("a fallback reached the page as markup: %s", got)
	}
}

// TestMrkdwnToHTML_FencedMarkers: a formatting character between
// zero-width spaces is text, so a name with * _ ~ ` shows as typed, inside
// the bold around it too.
func TestMrkdwnToHTML_FencedMarkers(t *testing.T) {
	s := New()
	defer s.Close()
	z := "\u200b"
	for _, c := range []struct{ in, want string }{
		{"*Data" + z + "_" + z + "Corp" + z + "_" + z + "EU*", "<b>Data" + z + "_" + z + "Corp" + z + "_" + z + "EU</b>"},
		{"*" + z + "*" + z + "Acme" + z + "*" + z + "*", "<b>" + z + "*" + z + "Acme" + z + "*" + z + "</b>"},
		{"a " + z + "~" + z + "b" + z + "~" + z + " " + z + "`" + z + "c" + z + "`" + z, "a " + z + "~" + z + "b" + z + "~" + z + " " + z + "`" + z + "c" + z + "`" + z},
		{"_it_ *b*", "<i>it</i> <b>b</b>"},
	} {
		if got := s.mrkdwnToHTML(c.in); got != c.want {
			t.Errorf("mrkdwnToHTML(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
