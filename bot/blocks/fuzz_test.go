package blocks_test

import (
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/bot/blocks"
)

// FuzzDecodeToggle feeds checklist button values as a tampered payload could
// carry them. Properties: no panic; an accepted value has every part and is
// canonical (it encodes back to the very same string, so nothing is read
// from a value the bot could not have written); and what Encode writes
// decodes to the same value.
func FuzzDecodeToggle(f *testing.F) {
	for _, s := range []string{"acme-cloud|launch|lau-first-deal|1", "acme|selection|sel-fit|0", "a|b|c|2", "a|b|c", "a|b|c|1|x", "||||", "|b|c|1",
		"a||c|0", "a|b||1", "acme|launch|lau-first-deal|true", strings.Repeat("a", 2001) + "|b|c|1", "other-team|launch|x|1", "\x00|\xff|é|1"} {
		f.Add(s, "p", "t", "i", true)
	}
	f.Fuzz(func(t *testing.T, s, partner, template, item string, done bool) {
		v, err := blocks.DecodeToggle(s)
		if err == nil {
			if v.PartnerID == "" || v.TemplateID == "" || v.ItemID == "" {
				t.Fatalf("DecodeToggle(%q) = %+v: a part is empty", s, v)
			}
			if v.Encode() != s {
				t.Fatalf("DecodeToggle(%q) = %+v, which encodes as %q", s, v, v.Encode())
			}
		}
		in := blocks.ToggleValue{PartnerID: partner, TemplateID: template, ItemID: item, Done: done}
		enc := in.Encode()
		got, err := blocks.DecodeToggle(enc)
		valid := partner != "" && template != "" && item != "" && !strings.Contains(partner+template+item, "|") && len(enc) <= 2000
		switch {
		case valid && (err != nil || got != in):
			t.Fatalf("%+v encodes as %q, which decodes as %+v, %v", in, enc, got, err)
		case !valid && err == nil:
			t.Fatalf("%+v cannot be encoded faithfully, yet %q decodes as %+v", in, enc, got)
		}
	})
}
