package blocks

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Reminder buttons carry the reminder ID; the team comes from the payload.
const (
	ActionSnooze      = "reminder.snooze"
	ActionPause       = "reminder.pause"
	ActionBookWebinar = "reminder.book_webinar"
)

// BalanceReview is the periodic "review the give-and-take" message. In a
// channel shared with another organisation it carries no figures.
// Otherwise it says what changed since the last review, and when that was,
// then the running totals over the default window.
func BalanceReview(l i18n.Locale, p coach.Partner, r coach.ReviewSince, reminderID string, occurrences int, shared bool) []slack.Block {
	b := r.Totals
	out := []slack.Block{Header(Truncate(i18n.T(l, "review.title", p.Name), 150))}
	if occurrences > 1 {
		out = append(out, Context(i18n.T(l, "review.caught_up", occurrences)))
	}
	if shared {
		out = append(out, Section(i18n.T(l, "review.shared")))
	} else {
		out = append(out, sinceReview(l, r)...)
		out = append(out, Section(i18n.T(l, "review.totals", i18n.Window(l, coach.DefaultWindow), i18n.Count(l, "n.entry", r.LedgerSize))))
		out = append(out, balanceBody(l, b)...)
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
		last = i18n.T(l, "events.last", Escape(s.Last.Title), i18n.Count(l, "n.day", s.DaysSinceLast))
	}
	return []slack.Block{
		Header(Truncate(i18n.T(l, "nudge.title", p.Name), 150)),
		Section(i18n.T(l, "nudge.body", i18n.T(l, "host."+string(s.Turn)), Escape(p.ID))),
		Context(last),
		Actions("nudge:"+p.ID,
			Button(ActionBookWebinar, i18n.T(l, "nudge.book_button"), p.ID, slack.StylePrimary),
			Button(ActionSnooze, i18n.T(l, "reminder.snooze_button"), reminderID, ""),
			Button(ActionPause, i18n.T(l, "reminder.pause_button"), reminderID, "")),
	}
}

// EventTomorrow reminds the channel of tomorrow's joint events.
func EventTomorrow(l i18n.Locale, p coach.Partner, events []coach.Event, loc *time.Location) []slack.Block {
	out := []slack.Block{Header(Truncate(i18n.T(l, "event_tomorrow.title", p.Name), 150))}
	for _, e := range events {
		line := i18n.T(l, "event_tomorrow.line", Escape(e.Title), e.Start.In(loc).Format("15:04 MST"), i18n.T(l, "host."+string(e.Host)))
		if e.Link != "" {
			line += "\n" + Escape(e.Link)
		}
		out = append(out, Section(line))
	}
	return out
}

// QuickWinNudge says onboarding has gone on too long without a first deal.
func QuickWinNudge(l i18n.Locale, p coach.Partner, days int, reminderID string) []slack.Block {
	return Nudge(l, "quickwin", p, reminderID, days, Escape(p.ID))
}

// Nudge is a reminder's plain message: the catalog's name+".title" (given
// the partner's name) as header, name+".body" (given bodyArgs) and the
// Snooze and Pause buttons. A new reminder kind can say what it has to say
// with it alone.
func Nudge(l i18n.Locale, name string, p coach.Partner, reminderID string, bodyArgs ...any) []slack.Block {
	return []slack.Block{
		Header(Truncate(i18n.T(l, name+".title", p.Name), 150)),
		Section(i18n.T(l, name+".body", bodyArgs...)),
		Actions(name+":"+p.ID,
			Button(ActionSnooze, i18n.T(l, "reminder.snooze_button"), reminderID, ""),
			Button(ActionPause, i18n.T(l, "reminder.pause_button"), reminderID, "")),
	}
}

// Digest sums up every partner in one message, in the order given (the
// bot ranks them weakest first), ten lines a section, within the 50-block
// limit (the rest are counted, not listed).
func Digest(l i18n.Locale, rows []HomeRow, reminderID string) []slack.Block {
	out := []slack.Block{Header(i18n.T(l, "digest.title", len(rows)))}
	const perSection, maxSections = 10, 40
	for i := 0; i < len(rows); i += perSection {
		if len(out) > maxSections {
			out = append(out, Context(i18n.T(l, "events.more", len(rows)-i)))
			break
		}
		var lines []string
		for _, r := range rows[i:min(len(rows), i+perSection)] {
			next := i18n.T(l, "events.none_booked")
			if r.Next != nil {
				next = Escape(r.Next.Title) + " · " + Date(l, r.Next.Start)
			}
			lines = append(lines, fmt.Sprintf("%d/100 · *%s* · %s · %s · %s%s", r.Health, Escape(r.Partner.Name),
				i18n.T(l, "stage."+string(r.Partner.Stage)), i18n.T(l, "balance.verdict."+string(r.Verdict)), next, RiskText(l, r.Risks)))
		}
		out = append(out, Section(strings.Join(lines, "\n")))
	}
	return append(out, Actions("digest", Button(ActionPause, i18n.T(l, "reminder.pause_button"), reminderID, "")))
}
