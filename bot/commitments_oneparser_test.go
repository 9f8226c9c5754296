package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

// TestOneParser_Commitment: a side, a due day and a title mean the same
// typed in /partner commit and entered in its form, and the same values are
// refused with the same key.
func TestOneParser_Commitment(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	paris, _ := time.LoadLocation("Europe/Paris")
	meta := blocks.ModalMeta{Form: blocks.ModalCommitment, Partner: "acme", TZ: "Europe/Paris"}
	for _, tc := range []struct{ side, due, title, key string }{
		{"us", "2026-12-15", "send the price list", ""},
		{"nous", "tomorrow", "envoyer la grille", ""},
		{"partner", "demain", "train two sellers", ""},
		{"both", "today", "joint case study", ""},
		{"later", "2026-12-15", "x", "commitment.side.unknown"},
		{"us", "15/12", "x", "commitment.due.invalid"},
		{"us", "2040-01-01", "x", "commitment.due.range"},
		{"us", "2026-12-15", strings.Repeat("x", 151), "commitment.title.too_long"},
	} {
		w, cmdErr := coach.ParseCommitmentWords(append([]string{tc.side, tc.due}, strings.Fields(tc.title)...), now, paris)
		c := &formCheck{l: i18n.EN}
		_, in := c.commitment(meta, blocks.Form{blocks.FieldSide: tc.side, blocks.FieldDue: tc.due, blocks.FieldTitle: tc.title}, now)
		errs := c.errs
		if tc.key != "" {
			formKey := ""
			for _, k := range c.keys {
				formKey = k
			}
			if errKey(cmdErr) != tc.key || formKey != tc.key {
				t.Errorf("%+v: command %v, form %v; want both refused with %s", tc, cmdErr, errs, tc.key)
			}
			continue
		}
		if cmdErr != nil || errs != nil {
			t.Errorf("%+v: command %v, form %v", tc, cmdErr, errs)
			continue
		}
		if w.Side != in.Side || !w.Due.Equal(in.Due) || w.Title != in.Title {
			t.Errorf("%+v: command %+v, form %+v", tc, w, in)
		}
	}
}
