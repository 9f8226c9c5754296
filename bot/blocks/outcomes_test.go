package blocks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// TestOutcomes checks the replies shared by commands and forms say what was
// done, escape user text, and show no catalog key, in both languages.
func TestOutcomes(t *testing.T) {
	p := coach.Partner{ID: "acme", Name: "<!channel> Acme", Kind: coach.KindCloudOperator, Stage: coach.StageAtRisk}
	c := coach.Contribution{Direction: coach.Got, Kind: coach.ContribDeal, Amount: coach.Money{Amount: 1250050, Currency: "EUR"}}
	for _, l := range []i18n.Locale{i18n.EN, i18n.FR} {
		for name, tt := range map[string]struct {
			bl   []slack.Block
			want []string
		}{
			"PartnerAdded": {blocks.PartnerAdded(l, "U0BOB", p), []string{"<@U0BOB>", "`acme`"}},
			"Logged":       {blocks.Logged(l, p, c), []string{"EUR"}},
			"StageSet":     {blocks.StageSet(l, p), nil},
			"Archived":     {blocks.Archived(l, p), nil},
			"Reviewed":     {blocks.Reviewed(l, p), nil},
		} {
			var sb strings.Builder
			enc := json.NewEncoder(&sb)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(tt.bl); err != nil {
				t.Fatal(err)
			}
			s := sb.String()
			for _, w := range append(tt.want, "&lt;!channel&gt; Acme") {
				if !strings.Contains(s, w) {
					t.Errorf("%s (%s): %s lacks %q", name, l, s, w)
				}
			}
			for _, bad := range []string{"<!channel>", "kind.", "stage.", "dir.", "contrib."} {
				if strings.Contains(s, bad) {
					t.Errorf("%s (%s): %s shows %q", name, l, s, bad)
				}
			}
		}
	}
}
