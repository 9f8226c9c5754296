package bot

import (
	"context"
	"log/slog"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

// A checklist may be posted several times (in two channels, or again
// later). Each copy is recorded in the store when it is posted, so that a
// click on any of them brings every other one up to date.

// postChecklist posts cl in channel in l and records the copy; in a channel
// shared with another organisation (our vetting is internal) it goes to
// user's direct message with the app instead, and private says so.
func (b *Bot) postChecklist(ctx context.Context, rp *reply, team, channel, user string, l i18n.Locale, cl coach.Checklist) (private bool, err error) {
	bl := blocks.Checklist(l, cl)
	if b.lookups.externallyShared(ctx, channel) {
		// Internal content: to the asker's direct message with the app
		// (a copy there redraws itself when clicked, and is not recorded).
		_, err := b.postAnswer(ctx, rp, user, bl)
		return true, err
	}
	ts, err := b.postAnswer(ctx, rp, channel, bl)
	if err != nil {
		return false, err
	}
	post := coach.ChecklistPost{Channel: channel, TS: ts, Locale: string(l)}
	if err := b.svc.RecordChecklistPost(ctx, team, cl.Partner.ID, cl.Template.ID, post); err != nil {
		// The checklist is posted and works; only the other copies will not
		// follow clicks on this one until it is posted again.
		b.log.Warn("checklist copy not recorded", slog.String("partner", cl.Partner.ID), slog.String("channel", channel), slog.Any("error", err))
	}
	return false, nil
}

// refreshCopies redraws every recorded copy of cl but the one at
// (channel, ts), which the click redrew, each in the language it was posted
// in. A copy that cannot be updated (deleted, or in a channel the bot left)
// is logged and skipped.
func (b *Bot) refreshCopies(ctx context.Context, team string, cl coach.Checklist, channel, ts string) {
	posts, err := b.svc.ChecklistPosts(ctx, team, cl.Partner.ID, cl.Template.ID)
	if err != nil {
		b.log.Warn("checklist copies not read; other copies keep their old state", slog.String("partner", cl.Partner.ID), slog.Any("error", err))
		return
	}
	for _, p := range posts {
		if p.Channel == channel && p.TS == ts {
			continue
		}
		l := i18n.Locale(p.Locale)
		if l != i18n.FR {
			l = i18n.EN
		}
		// Read inside the copy's lock, as the clicked copy's redraw does, so
		// that the last update to land on it shows every write before it.
		unlock := b.lockMessage(p.Channel, p.TS)
		var err error
		if b.lookups.externallyShared(ctx, p.Channel) {
			// Shared since it was posted: our vetting leaves that channel
			// instead of following the click there.
			err = b.update(ctx, p.Channel, p.TS, blocks.Notice(i18n.T(l, "shared_channel.checklist_removed")))
		} else {
			var fresh coach.Checklist
			if fresh, err = b.svc.Checklist(ctx, team, cl.Partner, cl.Template.ID); err == nil {
				err = b.update(ctx, p.Channel, p.TS, blocks.Checklist(l, fresh))
			}
		}
		unlock()
		if err != nil {
			b.log.Info("checklist copy not updated", slog.String("partner", cl.Partner.ID), slog.String("channel", p.Channel), slog.String("ts", p.TS), slog.Any("error", err))
		}
	}
}
