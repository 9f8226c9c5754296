package bot

import (
	"context"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

// completeAdd handles "add" for a partner that already exists. If an
// earlier add stored the partner but not its default reminders (the store
// failed in between), it schedules the missing ones and says so: running the
// command again finishes what was half done. Otherwise it returns conflict.
func (b *Bot) completeAdd(ctx context.Context, c *call, name string, conflict error) error {
	p, err := b.svc.Store.Partner(ctx, c.team, coach.Slug(name))
	if err != nil {
		return conflict
	}
	have, err := b.svc.Store.Reminders(ctx, c.team)
	if err != nil {
		return err
	}
	ids := map[string]bool{}
	for _, r := range have {
		ids[r.ID] = true
	}
	added := 0
	for _, r := range coach.DefaultReminders(p, b.svc.Now()) {
		if ids[r.ID] {
			continue
		}
		if _, err := b.svc.SetReminder(ctx, c.team, c.user, r); err != nil {
			return err
		}
		added++
	}
	if added == 0 {
		return conflict
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Notice(i18n.T(c.locale, "reminders_completed", blocks.Escape(p.Name))))
}
