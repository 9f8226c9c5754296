package bot

import (
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/slack-go/slack"
)

// TestSeal: sealed metadata reads back for the same team, user and form
// only; any change to it, or another key (other tokens), is refused; the
// largest metadata Encode writes still fits Slack's 3,000 characters once
// sealed.
func TestSeal(t *testing.T) {
	b := &Bot{cfg: Config{BotToken: "xoxb-1", AppToken: "xapp-1"}}
	meta := blocks.ModalMeta{Form: blocks.ModalWebinar, Locale: i18n.FR, Channel: "C1", Partner: "acme", Values: blocks.Form{"note": strings.Repeat("é", 5000)}}
	v := slack.ModalViewRequest{CallbackID: meta.Form, PrivateMetadata: meta.Encode()}
	b.seal("T1", "U1", &v)
	if len(v.PrivateMetadata) > 3000 {
		t.Fatalf("sealed metadata of %d characters", len(v.PrivateMetadata))
	}
	view := func(pm, form string) slack.View { return slack.View{CallbackID: form, PrivateMetadata: pm} }
	got, err := b.unsealMeta("T1", "U1", view(v.PrivateMetadata, meta.Form))
	if err != nil || got.Partner != "acme" || got.Channel != "C1" || got.Locale != i18n.FR {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	other := &Bot{cfg: Config{BotToken: "xoxb-2", AppToken: "xapp-1"}}
	for name, try := range map[string]func() error{
		"AnotherTeam": func() error { _, err := b.unsealMeta("T2", "U1", view(v.PrivateMetadata, meta.Form)); return err },
		"AnotherUser": func() error { _, err := b.unsealMeta("T1", "U2", view(v.PrivateMetadata, meta.Form)); return err },
		"AnotherForm": func() error { _, err := b.unsealMeta("T1", "U1", view(v.PrivateMetadata, blocks.ModalLog)); return err },
		"AnotherKey":  func() error { _, err := other.unsealMeta("T1", "U1", view(v.PrivateMetadata, meta.Form)); return err },
		"Altered": func() error {
			_, err := b.unsealMeta("T1", "U1", view(strings.Replace(v.PrivateMetadata, `"C1"`, `"C2"`, 1), meta.Form))
			return err
		},
		"Unsealed": func() error { _, err := b.unsealMeta("T1", "U1", view(meta.Encode(), meta.Form)); return err },
		"Empty":    func() error { _, err := b.unsealMeta("T1", "U1", view("", meta.Form)); return err },
	} {
		if try() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// peekMeta reads the language of sealed and unsealed metadata alike.
	for _, pm := range []string{v.PrivateMetadata, meta.Encode()} {
		if m, err := peekMeta(pm); err != nil || m.Locale != i18n.FR {
			t.Errorf("peekMeta: %+v, %v", m, err)
		}
	}
}

// TestExternalUser: only a user team that is set and differs from the
// payload's team is another organisation.
func TestExternalUser(t *testing.T) {
	for _, c := range []struct {
		team, userTeam string
		want           bool
	}{{"T1", "T1", false}, {"T1", "", false}, {"T1", "T2", true}, {"", "T2", false}} {
		if got := externalUser(c.team, c.userTeam); got != c.want {
			t.Errorf("externalUser(%q, %q) = %v", c.team, c.userTeam, got)
		}
	}
}
