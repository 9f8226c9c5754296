package bot

import (
	"context"
	"errors"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/slack-go/slack"
)

// cmdPlan brings a partner's living plan up to date now (even unchanged)
// and says where it is. The answer is private; the plan itself only ever
// goes to the partner's internal channel.
func (b *Bot) cmdPlan(ctx context.Context, c *call) error {
	if !b.cfg.LivingPlans {
		return b.respond(ctx, c.reply, c.responseURL, "ephemeral", []slack.Block{blocks.Section(i18n.T(c.locale, "plan.off"))})
	}
	p, _, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	place, err := b.syncPlan(ctx, c.team, p.ID, true)
	var key string
	switch {
	case errors.Is(err, errPlanNoChannel):
		key = "plan.no_channel"
	case errors.Is(err, errPlanShared):
		key = "plan.shared"
	case err != nil:
		return err
	}
	if key != "" {
		return b.respond(ctx, c.reply, c.responseURL, "ephemeral", []slack.Block{blocks.Section(i18n.T(c.locale, key, blocks.Escape(p.Name)))})
	}
	where := "<#" + blocks.Escape(place.Channel) + ">"
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", []slack.Block{blocks.Section(i18n.T(c.locale, "plan.shown", blocks.Escape(p.Name), where))})
}
