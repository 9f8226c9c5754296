package bot

import (
	"context"
	"strings"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/slack-go/slack"
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
	return b.answerInternal(ctx, c, blocks.Unarchived(c.locale, p))
}

// cmdDeals: deals <partner>, its multi-party deals with their parts and
// overall chance, each with an Edit button.
func (b *Bot) cmdDeals(ctx context.Context, c *call) error {
	p, _, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	ds, err := b.svc.Deals(ctx, c.team, p.ID)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.DealList(c.locale, p, ds))
}

// editDealClick opens the complexity form filled in with the deal an Edit
// button names, as /partner complexity <partner> <deal> does.
func (b *Bot) editDealClick(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, team, value string) error {
	partnerID, dealID, _ := blocks.DecodeEvent(value)
	p, err := b.svc.Partner(ctx, team, partnerID)
	if err != nil {
		return err
	}
	d, err := b.svc.Deal(ctx, team, p.ID, dealID)
	if err != nil {
		return err
	}
	c := &call{reply: rp, team: team, user: ic.User.ID, channel: ic.Channel.ID, responseURL: ic.ResponseURL, triggerID: ic.TriggerID,
		locale: l, cmd: lookupCommand("complexity")}
	return b.complexityForm(ctx, c, p, d.Name)
}
