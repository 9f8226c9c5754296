package blocks_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/slack-go/slack"
)

// TestModalsLargest renders every form at its largest — 100 partners with
// hostile names in the select, every part row of a deal, values and errors
// at their longest — plus the outcome views, in both languages, and checks
// Block Kit's limits, Slack's modal limits and that no catalog key shows.
func TestModalsLargest(t *testing.T) {
	long := strings.Repeat("é", 500)
	vals := blocks.Form{blocks.FieldName: hostile, blocks.FieldNote: long, blocks.FieldTitle: strings.Repeat("t", 150), blocks.FieldDeal: hostile}
	errs := blocks.FormErrors{}
	for i := 1; i <= coach.MaxParts; i++ {
		vals[blocks.PartField(i, "name")] = hostile
		vals[blocks.PartField(i, "chance")] = "100"
		errs[blocks.PartField(i, "chance")] = hostile
	}
	for _, l := range []i18n.Locale{i18n.EN, i18n.FR} {
		for _, fixed := range []bool{false, true} {
			meta := blocks.ModalMeta{Locale: l, Channel: "C1", TZ: "America/Argentina/ComodRivadavia", Rows: coach.MaxParts}
			if fixed {
				meta.Partner, meta.Name = "p001", hostile
			}
			for _, form := range []string{blocks.ModalAddPartner, blocks.ModalLog, blocks.ModalWebinar, blocks.ModalComplexity} {
				meta.Form = form
				v, ok := blocks.FormView(meta, "U0ALICE", partnersN(blocks.MaxPartnerOptions), vals, errs, "2026-11-26")
				if !ok {
					t.Fatalf("no view for %s", form)
				}
				checkModal(t, string(l)+"/"+form, v)
			}
			meta.Form = blocks.ModalLog
			checkModal(t, "failed", blocks.FailedView(meta, blocks.Escape(hostile), "ref123", vals))
			checkModal(t, "done", blocks.DoneView(meta, blocks.Notice(blocks.Escape(hostile))))
		}
	}
}

func checkModal(t *testing.T, name string, v slack.ModalViewRequest) {
	t.Helper()
	check(t, name, slacksim.SurfaceModal, v.Blocks.BlockSet)
	for what, obj := range map[string]*slack.TextBlockObject{"title": v.Title, "submit": v.Submit, "close": v.Close} {
		if obj != nil && utf8.RuneCountInString(obj.Text) > 24 {
			t.Errorf("%s: %s %q is over Slack's 24 characters", name, what, obj.Text)
		}
	}
	if len(v.PrivateMetadata) > 3000 || len(v.CallbackID) > 255 {
		t.Errorf("%s: private_metadata %d bytes, callback_id %d", name, len(v.PrivateMetadata), len(v.CallbackID))
	}
	raw, _ := json.Marshal(v)
	if len(raw) > 250_000 {
		t.Errorf("%s: %d bytes, over views.open's limit", name, len(raw))
	}
	for _, prefix := range []string{`"modal.`, `"form.`, `"kind.`, `"stage.`, `"contrib.`, `"host.`, `"part.party`} {
		if strings.Contains(string(raw), prefix) && !strings.Contains(string(raw), `"callback_id":`+prefix) {
			t.Errorf("%s shows a catalog key (%s…): missing text", name, prefix)
		}
	}
}

func TestModalMeta(t *testing.T) {
	m := blocks.ModalMeta{Form: blocks.ModalLog, Locale: i18n.FR, Partner: "acme", Values: blocks.Form{"note": "x"}}
	got, err := blocks.DecodeMeta(m.Encode())
	if err != nil || got.Form != m.Form || got.Locale != i18n.FR || got.Values["note"] != "x" {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	m.Values = blocks.Form{"note": strings.Repeat("n", 4000)}
	if got, _ := blocks.DecodeMeta(m.Encode()); got.Values != nil || got.Partner != "acme" {
		t.Fatalf("values too long for private_metadata are dropped, the rest kept: %+v", got)
	}
	for _, bad := range []string{"", "{", strings.Repeat("x", 3001)} {
		if _, err := blocks.DecodeMeta(bad); err == nil {
			t.Errorf("DecodeMeta(%.20q) accepted", bad)
		}
	}
	if got, _ := blocks.DecodeMeta(`{"f":"x","l":"de"}`); got.Locale != i18n.EN {
		t.Fatalf("an unknown locale falls back to English, got %q", got.Locale)
	}
}

// TestDoneView_CommitmentEditSaysEdit: the view after an edit of a
// commitment is titled as the form was, not as a new one.
func TestDoneView_CommitmentEditSaysEdit(t *testing.T) {
	for _, c := range []struct {
		entry, want string
	}{{"", "New commitment"}, {"c1", "Edit commitment"}} {
		v := blocks.DoneView(blocks.ModalMeta{Form: blocks.ModalCommitment, Locale: i18n.EN, Entry: c.entry}, blocks.Notice("saved"))
		if v.Title == nil || v.Title.Text != c.want {
			t.Errorf("entry %q: title %+v, want %q", c.entry, v.Title, c.want)
		}
	}
}
