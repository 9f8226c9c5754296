package bot

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Joint events: /partner events <partner> lists them with Reschedule and
// Cancel buttons; /partner events <partner> cancel <n> and
// /partner events <partner> move <n> <date> <time> do the same by number.

// eventVerbs are the words for what to do with the n-th booked event.
var eventVerbs = map[string]string{
	"cancel": "cancel", "annuler": "cancel", "delete": "cancel",
	"move": "move", "reschedule": "move", "deplacer": "move", "déplacer": "move", "reporter": "move",
}

// eventAction runs events <partner> cancel|move <n> …
func (b *Bot) eventAction(ctx context.Context, c *call, p coach.Partner, rest []string) error {
	verb := eventVerbs[strings.ToLower(rest[0])]
	if verb == "" {
		words := []string{"cancel", "move"}
		if guess := coach.Closest(rest[0], words); guess != "" {
			return usageError(c, "events.verb.hint", rest[0], guess)
		}
		return usageError(c, "events.verb", rest[0])
	}
	if len(rest) < 2 {
		return usageError(c, "events.number", "")
	}
	s, err := b.svc.EventSummary(ctx, c.team, p.ID)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(rest[1])
	if err != nil || n < 1 || n > len(s.Upcoming) {
		return usageError(c, "events.number", rest[1])
	}
	e := s.Upcoming[n-1]
	if verb == "cancel" {
		e, err := b.svc.CancelEvent(ctx, c.team, c.user, p.ID, e.ID)
		if err != nil {
			return err
		}
		return b.respond(ctx, c.reply, c.responseURL, "in_channel", blocks.EventCancelled(c.locale, p, e))
	}
	if len(rest) < 4 {
		return usageError(c, "events.move_args")
	}
	loc, tz := zone(b.newMeta(ctx, blocks.ModalWebinar, c.locale, c.user, c.channel, &p))
	start, err := coach.ParseStart(rest[2], rest[3], b.svc.Now(), loc)
	if err != nil {
		return err
	}
	ch := coach.EventChange{Start: start, TimeZone: tz}
	moved, err := b.rescheduleEvent(ctx, c.team, c.user, p, e.ID, b.operationID(c), ch)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "in_channel", blocks.EventRescheduled(c.locale, p, moved))
}

// rescheduleEvent is the use case behind the move command, the Reschedule
// button's form: a time overlapping another event is asked about once, and
// the same request sent again is the confirmation.
func (b *Bot) rescheduleEvent(ctx context.Context, team, actor string, p coach.Partner, eventID, opID string, ch coach.EventChange) (coach.Event, error) {
	e, err := b.svc.RescheduleEvent(ctx, team, actor, p.ID, eventID, ch)
	if coach.IsOverlap(err) && b.overlapConfirmed(ctx, team, opID) {
		ch.AllowOverlap = true
		e, err = b.svc.RescheduleEvent(ctx, team, actor, p.ID, eventID, ch)
	}
	return e, err
}

// overlapConfirmWindow is how long a booking that overlaps another waits
// for its confirmation: the same request sent again.
const overlapConfirmWindow = 10 * time.Minute

// overlapConfirmed reports whether the user was already told, within
// overlapConfirmWindow, that the request opID overlaps another event: this
// second try is their confirmation. The first time it records the warning.
func (b *Bot) overlapConfirmed(ctx context.Context, team, opID string) bool {
	if b.claims == nil || opID == "" {
		return false
	}
	occ := coach.Occurrence{TeamID: team, ReminderID: "overlap." + opID, At: time.Unix(0, 0)}
	cl, err := b.claims.Claim(ctx, occ, "overlap/"+newRef()+newRef(), overlapConfirmWindow)
	if err != nil {
		return false
	}
	return cl.Status != coach.ClaimTaken
}

// cancelEventClick cancels the event a Cancel button names and redraws
// the list in place.
func (b *Bot) cancelEventClick(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, team, value string) error {
	partnerID, eventID, _ := blocks.DecodeEvent(value)
	p, err := b.svc.Partner(ctx, team, partnerID)
	if err != nil {
		return err
	}
	e, err := b.svc.CancelEvent(ctx, team, ic.User.ID, p.ID, eventID)
	if err != nil {
		return err
	}
	s, err := b.svc.EventSummary(ctx, team, p.ID)
	if err != nil {
		return err
	}
	list := blocks.EventList(l, p, inZone(s, b.userZone(ctx, ic.User.ID)))
	list = append(list, blocks.Context(":white_check_mark: "+i18n.T(l, "event.cancelled", blocks.Escape(e.Title), blocks.Escape(p.Name), blocks.DateTime(l, e.Start))))
	return b.respondReplace(ctx, rp, ic.ResponseURL, list)
}

// rescheduleForm opens the webinar form filled in with the event a
// Reschedule button names; saving it moves that event.
func (b *Bot) rescheduleForm(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, team, value string) error {
	partnerID, eventID, _ := blocks.DecodeEvent(value)
	p, err := b.svc.Partner(ctx, team, partnerID)
	if err != nil {
		return err
	}
	var ev *coach.Event
	events, err := b.svc.Events(ctx, team, p.ID)
	if err != nil {
		return err
	}
	for i := range events {
		if events[i].ID == eventID {
			ev = &events[i]
		}
	}
	if ev == nil {
		return coach.NewError(coach.ENOTFOUND, "event.not_found")
	}
	meta := b.newMeta(ctx, blocks.ModalWebinar, l, ic.User.ID, ic.Channel.ID, &p)
	meta.Event = ev.ID
	loc, _ := zone(meta)
	start := ev.Start.In(loc)
	vals := blocks.Form{blocks.FieldTitle: ev.Title, blocks.FieldDate: start.Format(time.DateOnly), blocks.FieldTime: start.Format("15:04"),
		blocks.FieldHost: string(ev.Host), blocks.FieldLink: ev.Link}
	return b.showForm(ctx, rp, team, ic.User.ID, ic.TriggerID, ic.ResponseURL, meta, vals, lookupCommand("events").usage)
}

// respondReplace answers a click by replacing the message clicked.
func (b *Bot) respondReplace(ctx context.Context, rp *reply, responseURL string, bl []slack.Block) error {
	rp.answering()
	msg := &slack.WebhookMessage{ReplaceOriginal: true, Text: fallbackText(bl), Blocks: &slack.Blocks{BlockSet: bl}}
	err := b.withRetry(ctx, "response_url", retryIdempotent, func(ctx context.Context) error {
		return slack.PostWebhookCustomHTTPContext(ctx, responseURL, b.http, msg)
	})
	if err != nil {
		return &answerError{err}
	}
	return nil
}
