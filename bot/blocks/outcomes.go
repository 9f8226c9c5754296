package blocks

import (
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// What a use case did, said once for every way in: the command's reply,
// the form's outcome view and the announcement to a channel use the same
// builder (EventBooked and Complexity are the others).

// PartnerAdded says actor added p (with its default reminders: they are
// stored with it, in one step).
func PartnerAdded(l i18n.Locale, actor string, p coach.Partner) []slack.Block {
	return Notice(":white_check_mark: " + i18n.T(l, "added", Mention(actor), Escape(p.Name), i18n.T(l, "kind."+string(p.Kind)), Escape(p.ID)))
}

// Logged confirms a contribution logged with p.
func Logged(l i18n.Locale, p coach.Partner, c coach.Contribution) []slack.Block {
	return append(Notice(":white_check_mark: "+i18n.T(l, "logged", i18n.T(l, "dir."+string(c.Direction)),
		coach.FormatMoney(c.Amount, string(l)), i18n.T(l, "contrib."+string(c.Kind)), Escape(p.Name))), undoButton(l, p, c))
}

// StageSet confirms p's new stage.
func StageSet(l i18n.Locale, p coach.Partner) []slack.Block {
	return Notice(i18n.T(l, "stage_set."+string(p.Stage), Escape(p.Name)))
}

// Archived confirms p is archived.
func Archived(l i18n.Locale, p coach.Partner) []slack.Block {
	return Notice(i18n.T(l, "archived", Escape(p.Name)))
}

// Reviewed confirms the balance review with p.
func Reviewed(l i18n.Locale, p coach.Partner) []slack.Block {
	return Notice(i18n.T(l, "reviewed", Escape(p.Name)))
}
