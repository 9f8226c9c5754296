package bot

import (
	"strings"
	"testing"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

// TestReminderMessages: every kind of coach.ReminderKinds has a message row
// here, and every catalog key its row reads has English and French text.
func TestReminderMessages(t *testing.T) {
	for _, d := range coach.ReminderKinds {
		m, ok := reminderMessages[d.Kind]
		if !ok || m.build == nil {
			t.Errorf("%s: no message row in reminderMessages", d.Kind)
			continue
		}
		for _, k := range append([]string{"reminder.kind." + string(d.Kind)}, m.keys...) {
			if e, ok := i18n.Lookup(k); !ok || e.EN == "" || e.FR == "" {
				t.Errorf("%s: catalog key %q lacks English or French", d.Kind, k)
			}
		}
	}
	for k := range reminderMessages {
		if _, ok := coach.LookupReminderKind(k); !ok {
			t.Errorf("message row for %q, which is not in coach.ReminderKinds", k)
		}
	}
}

// TestReminderKindLists: the usage lines and the unknown-kind error, in both
// languages, name every kind.
func TestReminderKindLists(t *testing.T) {
	_, err := coach.ParseReminderKind("birthday")
	texts := map[string]string{
		"remind usage":     lookupCommand("remind").usage,
		"error in English": i18n.ErrorText(i18n.EN, err),
		"error in French":  i18n.ErrorText(i18n.FR, err),
	}
	for what, text := range texts {
		for _, d := range coach.ReminderKinds {
			if !strings.Contains(text, string(d.Kind)) {
				t.Errorf("%s %q does not name %s", what, text, d.Kind)
			}
		}
	}
	usage := lookupCommand("reminders").usage
	for _, d := range coach.ReminderKinds {
		if !d.TeamWide && !strings.Contains(usage, string(d.Kind)) {
			t.Errorf("reminders usage %q does not name %s", usage, d.Kind)
		}
	}
	if got := lookupCommand("remind").usage; !strings.HasPrefix(got, "remind <partner> balance|webinar|event|quickwin") || !strings.HasSuffix(got, " <schedule> | remind digest <schedule>") {
		t.Errorf("remind usage %q, want remind <partner> balance|webinar|event|quickwin… <schedule> | remind digest <schedule>", got)
	}
}
