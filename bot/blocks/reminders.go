package blocks

import (
	"math"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Reminder buttons carry the reminder ID; the team comes from the payload.
const (
	ActionSnooze = "reminder.snooze"
	ActionPause  = "reminder.pause"
)

// BalanceReview is the periodic "review the give-and-take" message. In a
// channel shared with another organisation it carries no figures.
func BalanceReview(l i18n.Locale, p coach.Partner, b coach.Balance, reminderID string, occurrences int, shared bool) []slack.Block {
	out := []slack.Block{Header(Truncate(i18n.T(l, "review.title", p.Name), 150))}
	if occurrences > 1 {
		out = append(out, Context(i18n.T(l, "review.caught_up", occurrences)))
	}
	if shared {
		out = append(out, Section(i18n.T(l, "review.shared")))
	} else {
		out = append(out, Section(i18n.T(l, "balance.verdict."+string(b.Verdict))+" "+aheadText(l, b)))
		var fields []*slack.TextBlockObject
		for _, c := range b.Currencies {
			if len(fields) >= 8 {
				break
			}
			fields = append(fields,
				mrkdwn("*"+i18n.T(l, "balance.gave")+"*\n"+coach.FormatMoney(c.Gave, string(l))),
				mrkdwn("*"+i18n.T(l, "balance.got")+"*\n"+coach.FormatMoney(c.Got, string(l))))
		}
		if len(fields) > 0 {
			out = append(out, slack.NewSectionBlock(nil, fields, nil))
		}
		if b.Verdict == coach.VerdictLopsided {
			key := "review.tip.partner_ahead"
			if b.Ahead == coach.SideUs {
				key = "review.tip.us_ahead"
			}
			out = append(out, Section(":bulb: "+i18n.T(l, key, int(math.Round(b.Ratio*100)))))
		}
	}
	return append(out, Actions("review:"+p.ID,
		Button(ActionMarkReviewed, i18n.T(l, "balance.reviewed_button"), p.ID, slack.StylePrimary),
		Button(ActionLogContribution, i18n.T(l, "balance.log_button"), p.ID, ""),
		Button(ActionSnooze, i18n.T(l, "reminder.snooze_button"), reminderID, ""),
		Button(ActionPause, i18n.T(l, "reminder.pause_button"), reminderID, "")))
}

// WebinarNudge suggests booking a joint webinar, saying whose turn it is.
func WebinarNudge(l i18n.Locale, p coach.Partner, s coach.EventSummary, reminderID string) []slack.Block {
	last := i18n.T(l, "events.no_last")
	if s.Last != nil {
		last = i18n.T(l, "events.last", Escape(s.Last.Title), s.DaysSinceLast)
	}
	return []slack.Block{
		Header(Truncate(i18n.T(l, "nudge.title", p.Name), 150)),
		Section(i18n.T(l, "nudge.body", i18n.T(l, "host."+string(s.Turn)), Escape(p.ID))),
		Context(last),
		Actions("nudge:"+p.ID,
			Button(ActionSnooze, i18n.T(l, "reminder.snooze_button"), reminderID, ""),
			Button(ActionPause, i18n.T(l, "reminder.pause_button"), reminderID, "")),
	}
}
