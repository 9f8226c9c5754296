package bot

import (
	"context"
	"strings"

	"github.com/partnercoach/partnercoach/bot/blocks"
)

// cmdUnarchive: unarchive <partner> (owner or admins). Only archived
// partners are matched, by ID, name or the start of either.
func (b *Bot) cmdUnarchive(ctx context.Context, c *call) error {
	if len(c.args) == 0 {
		return usageError(c, "need_partner")
	}
	p, err := b.svc.FindArchived(ctx, c.team, strings.Join(c.args, " "))
	if err != nil {
		return err
	}
	p, err = b.svc.Unarchive(ctx, c.team, c.user, p.ID)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "in_channel", blocks.Unarchived(c.locale, p))
}
