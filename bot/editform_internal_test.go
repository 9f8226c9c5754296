package bot

import (
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

// TestEditFormReadsBack: the form that edits an entry starts with its values
// written so that the log form's reader (the same parsers) reads them back
// unchanged, in every currency precision.
func TestEditFormReadsBack(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	for _, c := range []coach.Contribution{
		{Direction: coach.Got, Kind: coach.ContribDeal, Amount: coach.Money{Amount: 100_000_000, Currency: "EUR"}, Note: "a million"},
		{Direction: coach.Gave, Kind: coach.ContribLead, Amount: coach.Money{Amount: 5, Currency: "USD"}},
		{Direction: coach.Gave, Kind: coach.ContribResale, Amount: coach.Money{Amount: 12345, Currency: "JPY"}},
		{Direction: coach.Got, Kind: coach.ContribIntroduction, Amount: coach.Money{Amount: 0, Currency: "GBP"}, Note: "no amount"},
		{Direction: coach.Got, Kind: coach.ContribRevenue, Amount: coach.Money{Amount: 1_234_567, Currency: "KWD"}},
	} {
		for _, l := range []i18n.Locale{i18n.EN, i18n.FR} {
			check := &formCheck{l: l}
			meta := blocks.ModalMeta{Form: blocks.ModalEditEntry, Locale: l, Partner: "acme", Entry: "e1", TZ: "Europe/Paris"}
			_, in := check.log(meta, blocks.EntryForm(c, "2026-11-20"), now)
			if len(check.errs) > 0 {
				t.Fatalf("%s %+v: the edit form refuses its own values: %v", l, c, check.errs)
			}
			if in.Amount != c.Amount || in.Direction != c.Direction || in.Kind != c.Kind || in.Note != c.Note {
				t.Errorf("%s: %+v read back as %+v", l, c, in)
			}
		}
	}
}
