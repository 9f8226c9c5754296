package blocks

import (
	"fmt"
	"strings"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// The share form and the scorecard it posts in the partner's shared
// channel (issue 16). Only the ticked items are drawn.

// ModalShare is the callback ID of the share form.
const ModalShare = "review.share"

// Share form input: the checkboxes of what the partner may see.
const (
	FieldShareItems  = "share_items"
	ActionShareItems = "items"
)

// ShareModal asks what the partner may see of the review in meta.
func ShareModal(meta ModalMeta, channel string) slack.ModalViewRequest {
	meta.Form = ModalShare
	l := meta.Locale
	var opts []*slack.OptionBlockObject
	for _, it := range coach.ShareItems {
		opts = append(opts, slack.NewOptionBlockObject(string(it), plain(i18n.T(l, "qbr.share.item."+string(it)), 75), nil))
	}
	boxes := slack.NewCheckboxGroupsBlockElement(ActionShareItems, opts...)
	bl := []slack.Block{
		Context(i18n.T(l, "qbr.share.intro", Escape(meta.Name), meta.Quarter, "<#"+Escape(channel)+">")),
		input(l, FieldShareItems, "qbr.share.label", "qbr.share.hint", false, boxes),
	}
	return modal(meta, "qbr.share.title", "qbr.share.submit", nil, bl)
}

// Scorecard renders what the owner chose to share, for the partner's
// channel: no health, verdict, pitfall or deal chance ever.
func Scorecard(l i18n.Locale, sc coach.Scorecard) []slack.Block {
	out := []slack.Block{Header(Truncate(i18n.T(l, "qbr.card.title", sc.PartnerName, sc.Quarter.String()), 150))}
	if sc.Choice[coach.ShareOurCommitments] || sc.Choice[coach.ShareTheirCommitments] {
		if len(sc.Commitments) == 0 {
			out = append(out, Section(i18n.T(l, "qbr.card.commitments.none")))
		} else {
			var lines []string
			for i, c := range sc.Commitments {
				if i == 20 {
					lines = append(lines, "…")
					break
				}
				lines = append(lines, "• "+i18n.T(l, "qbr.commitment", Escape(Truncate(c.Title, 80)), i18n.T(l, "qbr.side."+string(c.Side)), Date(l, c.Due))+" · "+i18n.T(l, "qbr.card.status."+string(c.Status)))
			}
			out = append(out, Section(i18n.T(l, "qbr.card.commitments")+"\n"+strings.Join(lines, "\n")))
		}
	}
	if sc.Choice[coach.ShareEvents] {
		out = append(out, Section(i18n.T(l, "qbr.card.events", eventTitles(l, sc.Held), eventTitles(l, sc.Planned))))
	}
	if sc.Choice[coach.ShareDealCount] {
		out = append(out, Section(i18n.T(l, "qbr.card.deals", sc.DealsInQuarter, sc.DealsTotal)))
	}
	if sc.Choice[coach.ShareFigures] {
		var lines []string
		for _, cb := range sc.Currencies {
			lines = append(lines, fmt.Sprintf("%s / %s", coach.FormatMoney(cb.Gave, string(l)), coach.FormatMoney(cb.Got, string(l))))
		}
		if len(lines) > 0 {
			out = append(out, Section(i18n.T(l, "qbr.card.figures", strings.Join(lines, "; "))))
		}
		out = append(out, GiveTakeChart(l, sc.Months[:])...)
	}
	return append(out, Context(i18n.T(l, "qbr.card.footer")))
}

// ShareRefused is the share form's outcome when nothing could be posted.
func Shared(l i18n.Locale, p coach.Partner, channel string) []slack.Block {
	return Notice(":white_check_mark: " + i18n.T(l, "qbr.shared", Escape(p.Name), "<#"+Escape(channel)+">"))
}
