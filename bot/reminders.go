package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/slack-go/slack"
)

// Pacer spaces posts per channel (Slack takes about one message per second
// per channel); remind.Pacer implements it.
type Pacer interface {
	Wait(ctx context.Context, channel string) error
	PushBack(channel string, d time.Duration)
}

// DeliverReminder posts one due reminder to its channel and returns the
// message ts; ("", nil) means there was nothing to say (a webinar nudge
// while a joint event is recent or booked, an archived partner). d.At holds
// the occurrences it stands for, several after a catch-up. The kind's row in
// coach.ReminderKinds says what to gather and whether it speaks; its row in
// reminderMessages, what it says. It is a remind.Deliver: right before
// posting it confirms d's claim (postPaced).
func (b *Bot) DeliverReminder(ctx context.Context, d remind.Due) (string, error) {
	r, at := d.Reminder, d.At
	msg, hasMsg := reminderMessages[r.Kind]
	if !hasMsg {
		return "", nil
	}
	loc, err := time.LoadLocation(b.defaultTZ())
	if err != nil {
		loc = time.UTC
	}
	f, speaks, err := b.svc.ReminderDue(ctx, r, loc)
	if err != nil || !speaks {
		return "", err
	}
	if def, _ := coach.LookupReminderKind(r.Kind); def.ToOwner { // issue 16 (reminder_qbr.go)
		return b.deliverToOwner(ctx, d, msg, f)
	}
	if msg.deliver != nil { // to people, not to the channel (issue 16)
		return msg.deliver(b, ctx, d, delivery{r: r, facts: f, at: at, l: i18n.EN})
	}
	l := i18n.EN // channel messages speak the workspace's default language
	var moved []slack.Block
	if r.Channel, moved = b.reminderDestination(ctx, r, f.Partner, l); r.Channel == "" {
		return "", nil
	}
	bl, err := msg.build(b, ctx, delivery{r: r, facts: f, at: at, l: l})
	if err != nil || bl == nil {
		return "", err
	}
	bl = append(bl, moved...)
	if r.PartnerID != "" {
		return b.postThreaded(ctx, d, r.Channel, f.Partner, l, loc, bl)
	}
	return b.postPaced(ctx, d, r.Channel, bl)
}

// postTimeout bounds one reminder post once it has started.
const postTimeout = 10 * time.Second

// postPaced posts at the channel's pace. A 429 means Slack did not post, so
// waiting Retry-After and posting again cannot duplicate; any other failure
// is returned without a retry, because a post whose outcome is unknown
// might have gone through.
func (b *Bot) postPaced(ctx context.Context, d remind.Due, channel string, bl []slack.Block, opts ...slack.MsgOption) (string, error) {
	for attempt := 0; ; attempt++ {
		if err := b.pacer.Wait(ctx, channel); err != nil {
			return "", err
		}
		// The wait can be long: make sure no other replica took the
		// occurrence over meanwhile.
		if err := d.Confirm(ctx); err != nil {
			return "", fmt.Errorf("post reminder to %s: %w", channel, err)
		}
		if err := b.stillInternal(ctx, channel); err != nil {
			return "", err
		}
		// Once the post is on its way, a shutdown does not cut it short: its
		// outcome would be unknown, and the occurrence recorded as done
		// without being posted. postTimeout still bounds it.
		pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), postTimeout)
		ts, err := b.post(pctx, nil, channel, bl, opts...)
		cancel()
		var rl *slack.RateLimitedError
		if errors.As(err, &rl) && attempt < 5 {
			b.log.Warn("rate limited; waiting", slog.String("channel", channel), slog.Duration("retry_after", rl.RetryAfter))
			b.pacer.PushBack(channel, rl.RetryAfter)
			continue
		}
		var apiErr slack.SlackErrorResponse
		var statusErr slack.StatusCodeError
		switch {
		case err == nil:
			return ts, nil
		case errors.As(err, &apiErr), errors.As(err, &rl), errors.As(err, &statusErr) && statusErr.Code < 500:
			// Slack answered and did not post: safe to retry later.
			return "", fmt.Errorf("post reminder to %s: %w", channel, err)
		default:
			// No clear answer (timeout, reset, 5xx): it may have posted.
			return "", fmt.Errorf("post reminder to %s: %w: %w", channel, remind.ErrOutcomeUnknown, err)
		}
	}
}
