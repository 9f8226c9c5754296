package blocks_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// A digest of 10,000 partners sums up within Block Kit's limits: counts per
// verdict and stage, the 10 most at risk, how many more (issue 15).
func TestDigestSummary_BigTeamWithinLimits(t *testing.T) {
	verdicts := []coach.Verdict{coach.VerdictLopsided, coach.VerdictBalanced, coach.VerdictLeaning, ""}
	var rows []blocks.HomeRow
	for i := range 10_000 {
		rows = append(rows, blocks.HomeRow{Partner: coach.Partner{ID: fmt.Sprintf("p%05d", i), Name: strings.Repeat("Long <name> & co ", 10) + fmt.Sprint(i),
			Stage: coach.Stages[i%len(coach.Stages)]}, Health: i % 100, Verdict: verdicts[i%4], Risks: []coach.Risk{coach.RiskLopsided, coach.RiskNoJointEvent}})
	}
	for _, l := range []i18n.Locale{i18n.EN, i18n.FR} {
		bs := blocks.DigestSummary(l, rows, "team:digest")
		if len(bs) > 50 {
			t.Fatalf("%s: %d blocks, over the 50 of a message", l, len(bs))
		}
		raw, _ := json.Marshal(bs)
		text := string(raw)
		for _, b := range bs {
			if s, ok := b.(*slack.SectionBlock); ok && len([]rune(s.Text.Text)) > 3000 {
				t.Fatalf("%s: a section of %d characters, over 3000", l, len([]rune(s.Text.Text)))
			}
		}
		for _, want := range []string{"2500", "9990"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the digest does not show %s (counts per verdict and the rest):\n%s", l, want, text)
			}
		}
		if strings.Count(text, "/100") != 10 {
			t.Errorf("%s: %d partners listed, want the 10 most at risk", l, strings.Count(text, "/100"))
		}
		if strings.Contains(text, "<name>") {
			t.Errorf("%s: a name is not escaped", l)
		}
	}
}
