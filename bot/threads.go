package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/slack-go/slack"
)

// postThreaded posts one partner's scheduled message as a reply in the
// thread of the partner's month in channel (where the reminder posts), opening the
// thread (its parent message) on the month's first message, then keeps the
// parent current: it lists what the thread holds. A channel with many
// partners shows one line per partner and month instead of every reminder.
func (b *Bot) postThreaded(ctx context.Context, d remind.Due, channel string, p coach.Partner, l i18n.Locale, loc *time.Location, bl []slack.Block) (string, error) {
	r := d.Reminder
	if strings.HasPrefix(channel, "U") || strings.HasPrefix(channel, "W") {
		// Sent to a person (the owner, privately): a direct message needs no thread.
		return b.postPaced(ctx, d, channel, bl)
	}
	month := coach.ThreadMonth(b.svc.Now(), loc)
	th, err := b.svc.Thread(ctx, r.TeamID, channel, p.ID, month)
	switch {
	case coach.ErrorCode(err) == coach.ENOTFOUND:
		if th, err = b.openThread(ctx, d, channel, p, l, month); err != nil {
			return "", err
		}
	case err != nil:
		return "", err
	}
	ts, err := b.postPaced(ctx, d, channel, bl, slack.MsgOptionTS(th.ParentTS))
	if err != nil && strings.Contains(err.Error(), "thread_not_found") {
		// Someone deleted the parent: the message goes to the channel.
		b.log.Warn("thread parent gone; posting at the top level", slog.String("channel", channel), slog.String("partner", p.ID))
		return b.postPaced(ctx, d, channel, bl)
	}
	if err != nil {
		return "", err
	}
	// The reply is posted: a failure to keep the parent current is logged,
	// not returned, or the occurrence would be posted twice.
	th, err = b.svc.AddToThread(ctx, th, coach.ThreadLine{Kind: r.Kind, TS: ts, At: b.svc.Now()})
	if err != nil {
		b.log.Warn("thread not recorded", slog.String("partner", p.ID), slog.Any("error", err))
		return ts, nil
	}
	if err := b.update(ctx, channel, th.ParentTS, blocks.ThreadParent(l, p, month, th.Lines)); err != nil {
		b.log.Warn("thread parent not updated", slog.String("channel", channel), slog.String("partner", p.ID), slog.Any("error", err))
	}
	return ts, nil
}

// openThread posts the parent of a partner's month and records it. When
// another replica opened the same thread first, its parent wins and ours is
// deleted. The parent and its first reply go out as one burst of two: the
// reply takes the channel's paced slot, so the reminder is not held back a
// slot behind its own parent.
func (b *Bot) openThread(ctx context.Context, d remind.Due, channel string, p coach.Partner, l i18n.Locale, month string) (coach.Thread, error) {
	r := d.Reminder
	if err := d.Confirm(ctx); err != nil {
		return coach.Thread{}, fmt.Errorf("open thread in %s: %w", channel, err)
	}
	if err := b.stillInternal(ctx, channel); err != nil {
		return coach.Thread{}, err
	}
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), postTimeout)
	ts, err := b.post(pctx, nil, channel, blocks.ThreadParent(l, p, month, nil))
	cancel()
	if err != nil {
		return coach.Thread{}, fmt.Errorf("open thread in %s: %w", channel, err)
	}
	th, err := b.svc.OpenThread(ctx, coach.Thread{TeamID: r.TeamID, Channel: channel, PartnerID: p.ID, Month: month, ParentTS: ts})
	if err != nil {
		return coach.Thread{}, err
	}
	if th.ParentTS != ts {
		if _, _, err := b.api.DeleteMessageContext(ctx, channel, ts); err != nil {
			b.log.Warn("duplicate thread parent not deleted", slog.String("channel", channel), slog.String("ts", ts), slog.Any("error", err))
		}
	}
	return th, nil
}
