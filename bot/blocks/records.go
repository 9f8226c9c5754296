package blocks

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Unarchived confirms p is restored.
func Unarchived(l i18n.Locale, p coach.Partner) []slack.Block {
	return Notice(i18n.T(l, "unarchived", Escape(p.Name)))
}

// Action IDs of the event buttons on /partner events; their value is
// "<partner>|<event>".
const (
	ActionCancelEvent     = "event.cancel"
	ActionRescheduleEvent = "event.reschedule"
)

// EventValue packs a partner and an event for a button.
func EventValue(partnerID, eventID string) string { return partnerID + "|" + eventID }

// DecodeEvent reads a value packed by EventValue.
func DecodeEvent(s string) (partnerID, eventID string, ok bool) {
	partnerID, eventID, ok = strings.Cut(s, "|")
	return partnerID, eventID, ok && partnerID != "" && eventID != "" && !strings.Contains(eventID, "|")
}

// eventLine is one event wherever events are listed: title, time, host and
// its link when it has one.
func eventLine(l i18n.Locale, e coach.Event) string {
	line := fmt.Sprintf("*%s* · %s · %s", Escape(e.Title), DateTime(l, e.Start), i18n.T(l, "host."+string(e.Host)))
	if e.Link != "" {
		line += "\n" + Escape(e.Link)
	}
	return line
}

// EventList is /partner events: the booked events numbered (the numbers
// /partner events <partner> cancel|move <n> takes), each with Reschedule and
// Cancel buttons, the last one held and whose turn it is to host.
func EventList(l i18n.Locale, p coach.Partner, s coach.EventSummary) []slack.Block {
	out := []slack.Block{Header(Truncate(i18n.T(l, "events.title", p.Name), 150))}
	if len(s.Upcoming) == 0 {
		out = append(out, Section(i18n.T(l, "events.none_booked")))
	}
	for i, e := range s.Upcoming {
		if i == 20 {
			out = append(out, Context(i18n.T(l, "events.more", len(s.Upcoming)-20)))
			break
		}
		out = append(out, Section(fmt.Sprintf("%d. %s", i+1, eventLine(l, e))))
		cancel := Button(ActionCancelEvent, i18n.T(l, "events.cancel"), EventValue(p.ID, e.ID), slack.StyleDanger)
		cancel.Confirm = slack.NewConfirmationBlockObject(plain(i18n.T(l, "events.cancel_confirm.title"), 100),
			plain(Truncate(i18n.T(l, "events.cancel_confirm.text", e.Title), 300), 300),
			plain(i18n.T(l, "events.cancel"), 30), plain(i18n.T(l, "events.keep"), 30))
		out = append(out, Actions("event."+strconv.Itoa(i),
			Button(ActionRescheduleEvent, i18n.T(l, "events.reschedule"), EventValue(p.ID, e.ID), ""), cancel))
	}
	last := i18n.T(l, "events.no_last")
	if s.Last != nil {
		last = i18n.T(l, "events.last", Escape(s.Last.Title), i18n.Count(l, "n.day", s.DaysSinceLast))
	}
	out = append(out, Context(last+" · "+i18n.T(l, "events.turn", i18n.T(l, "host."+string(s.Turn)))))
	if len(s.Upcoming) > 0 {
		out = append(out, Context(i18n.T(l, "events.commands", Escape(p.ID))))
	}
	return out
}

// EventBookedWithLink confirms a booking, with the event's link.
func EventBookedWithLink(l i18n.Locale, p coach.Partner, e coach.Event) []slack.Block {
	text := i18n.T(l, "webinar.booked", Escape(e.Title), Escape(p.Name), DateTime(l, e.Start), i18n.T(l, "host."+string(e.Host)))
	if e.Link != "" {
		text += "\n" + Escape(e.Link)
	}
	return Notice(text)
}

// EventCancelled confirms a cancellation.
func EventCancelled(l i18n.Locale, p coach.Partner, e coach.Event) []slack.Block {
	return Notice(i18n.T(l, "event.cancelled", Escape(e.Title), Escape(p.Name), DateTime(l, e.Start)))
}

// EventRescheduled confirms a new time.
func EventRescheduled(l i18n.Locale, p coach.Partner, e coach.Event) []slack.Block {
	text := i18n.T(l, "event.rescheduled", Escape(e.Title), Escape(p.Name), DateTime(l, e.Start))
	if e.Link != "" {
		text += "\n" + Escape(e.Link)
	}
	return Notice(text)
}

// ActionEditDeal opens the complexity form on a deal; its value is
// "<partner>|<deal>".
const ActionEditDeal = "deal.edit"

// DealList is /partner deals: each deal with its parts, its overall chance
// and an Edit button that opens the form filled in.
func DealList(l i18n.Locale, p coach.Partner, ds []coach.AnalysedDeal) []slack.Block {
	out := []slack.Block{Header(Truncate(i18n.T(l, "deals.title", p.Name), 150))}
	if len(ds) == 0 {
		return append(out, Section(i18n.T(l, "deals.none", Escape(p.ID))))
	}
	for i, d := range ds {
		if i == 15 {
			out = append(out, Context(i18n.T(l, "deals.more", len(ds)-15)))
			break
		}
		parts := make([]string, 0, len(d.Deal.Parts))
		for _, part := range d.Deal.Parts {
			parts = append(parts, i18n.T(l, "complexity.part", Escape(part.Name), i18n.T(l, "part."+string(part.Kind)), part.Chance))
		}
		text := "*" + Escape(d.Deal.Name) + "* · " + i18n.T(l, "complexity.overall", d.Analysis.Percent) + "\n" + strings.Join(parts, "\n")
		s := slack.NewSectionBlock(mrkdwn(Truncate(text, 3000)), nil,
			slack.NewAccessory(Button(ActionEditDeal, i18n.T(l, "deals.edit"), EventValue(p.ID, d.Deal.ID), "")))
		out = append(out, s)
	}
	return out
}

// linkSuffix is " · <link>" for an event with a link, else nothing.
func linkSuffix(e coach.Event) string {
	if e.Link == "" {
		return ""
	}
	return " · " + Escape(e.Link)
}

// sensibleTime reports whether t can be shown in a <!date> token: not the
// zero time (a schedule that never fires, a missing date) nor one outside
// the years Slack's clients show.
func sensibleTime(t time.Time) bool {
	return !t.IsZero() && t.Year() >= 1971 && t.Year() <= 9999
}

// EscapeMarked escapes a message made by i18n.ErrorTextMarked: the user's
// text (between the marks) wholly, as Escape does; the catalog's text only
// for &, < and >, so that its `code` stays code. The marks are removed.
func EscapeMarked(s string) string {
	var b strings.Builder
	for {
		before, rest, ok := strings.Cut(s, i18n.ArgOpen)
		if !ok {
			b.WriteString(entityEscaper.Replace(s))
			return b.String()
		}
		arg, after, closed := strings.Cut(rest, i18n.ArgClose)
		if !closed {
			b.WriteString(entityEscaper.Replace(before))
			b.WriteString(Escape(rest))
			return b.String()
		}
		b.WriteString(entityEscaper.Replace(before))
		b.WriteString(Escape(arg))
		s = after
	}
}

var entityEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// EscapeCode escapes text shown inside `code`, where Slack applies no
// formatting: only &, < and >, and a backquote, which would end the code,
// is fenced as Escape fences it.
func EscapeCode(s string) string {
	return strings.ReplaceAll(entityEscaper.Replace(s), "`", zwsp+"`"+zwsp)
}
