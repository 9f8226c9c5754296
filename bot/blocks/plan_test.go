package blocks_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
)

// TestPlanMarkdown_UserTextIsInert: names, notes and titles typed by users
// cannot open a format, a heading, a link or a mention in the canvas, and
// read the same in English and French.
func TestPlanMarkdown_UserTextIsInert(t *testing.T) {
	evil := "**Acme** ![](@U0ADMIN) [x](https://evil.example)\n# Heading <!channel>"
	pl := coach.Plan{
		Partner:     coach.Partner{ID: "acme", Name: evil, Kind: coach.KindReseller, Stage: coach.StageActive, Owner: "U0ALICE", Profile: coach.Profile{Notes: evil}},
		Commitments: []coach.PlanCommitment{{Side: "partner", PersonName: evil, What: evil, Due: time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC), Status: "late"}},
		NextEvents:  []coach.Event{{Title: evil, Start: time.Date(2026, 12, 10, 13, 0, 0, 0, time.UTC), TimeZone: "Europe/Paris", Host: coach.HostUs}},
		Turn:        coach.HostPartner,
		LastReview:  &coach.PlanReview{Quarter: "2026Q4", Score: 64, Next: []coach.NextAction{{Code: coach.NextFirstDeal}, {Code: coach.NextLateCommit, Args: []string{"2", evil}}}},
	}
	for _, l := range []i18n.Locale{i18n.EN, i18n.FR} {
		md := blocks.PlanMarkdown(l, pl)
		for _, bad := range []string{"**Acme**", "![](@U0ADMIN)", "[x](https", "\n# Heading"} {
			if strings.Contains(md, bad) {
				t.Errorf("%s: user text %q is live in the canvas:\n%s", l, bad, md)
			}
		}
		if !strings.Contains(md, "![](@U0ALICE)") {
			t.Errorf("%s: the owner is not mentioned:\n%s", l, md)
		}
		if strings.Count(md, "\n## ") != 5 {
			t.Errorf("%s: want 5 sections:\n%s", l, md)
		}
	}
	if md := blocks.PlanMarkdown(i18n.FR, pl); !strings.Contains(md, "en retard") || !strings.Contains(md, "Engagements") {
		t.Errorf("French plan:\n%s", md)
	}
	// The message standing in for the canvas passes Slack's block checks.
	raw, err := json.Marshal(blocks.PlanMessage(i18n.EN, pl))
	if err != nil {
		t.Fatal(err)
	}
	if errs := slacksim.ValidateBlocks(slacksim.SurfaceMessage, raw); len(errs) > 0 {
		t.Fatalf("plan message refused: %v", errs)
	}
	if strings.Contains(string(raw), "<!channel>") {
		t.Fatal("a channel ping in the plan message")
	}
}
