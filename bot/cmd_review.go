package bot

import (
	"context"
	"strings"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/coach"
)

// cmdReview: review <partner> [quarter] — the quarterly joint review,
// always private to the asker (issue 16).
func (b *Bot) cmdReview(ctx context.Context, c *call) error {
	p, rest, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	q, err := coach.ParseQuarter(strings.Join(rest, " "), b.svc.Now())
	if err != nil {
		return err
	}
	r, err := b.svc.QuarterReview(ctx, c.team, p, q)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.QuarterReview(c.locale, r, b.canShare(p, c.user)))
}

// canShare says who may share a partner's scorecard: its owner or an admin.
func (b *Bot) canShare(p coach.Partner, user string) bool {
	return p.Owner == user || b.svc.IsAdmin(user)
}
