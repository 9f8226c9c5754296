package bot

import (
	"context"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/slack-go/slack"
)

// The quarterly review reminder (issue 16): on the first Monday of each
// quarter, the review of the quarter just ended goes privately to the
// partner's owner, with the Share with partner button.

func init() {
	reminderMessages[coach.ReminderQBR] = reminderMessage{
		keys:  []string{"qbr.reminder.intro", "qbr.title", "qbr.next", "qbr.share_button", "qbr.private"},
		build: (*Bot).quarterlyReview,
	}
}

func (b *Bot) quarterlyReview(ctx context.Context, d delivery) ([]slack.Block, error) {
	p := d.facts.Partner
	q, err := coach.ParseQuarter("", d.facts.Now) // the last complete quarter
	if err != nil {
		return nil, err
	}
	r, err := b.svc.QuarterReview(ctx, d.r.TeamID, p, q)
	if err != nil {
		return nil, err
	}
	intro := blocks.Context(i18n.T(d.l, "qbr.reminder.intro", blocks.Escape(p.Name)))
	return append([]slack.Block{intro}, blocks.QuarterReview(d.l, r, true)...), nil
}

// deliverToOwner sends a reminder of a ToOwner kind to the partner's owner
// alone, in their language (the one who last set it when nobody owns it).
func (b *Bot) deliverToOwner(ctx context.Context, d remind.Due, msg reminderMessage, f coach.ReminderFacts) (string, error) {
	owner := f.Partner.Owner
	if owner == "" {
		owner = d.Reminder.UpdatedBy
	}
	if owner == "" {
		return "", nil
	}
	r := d.Reminder
	r.Channel = owner
	bl, err := msg.build(b, ctx, delivery{r: r, facts: f, at: d.At, l: b.lookups.locale(ctx, owner)})
	if err != nil || bl == nil {
		return "", err
	}
	ts, err := b.postPaced(ctx, d, owner, bl)
	if err == nil {
		// A new quarter has a new last review: the living plan shows it.
		b.svc.PlanChanged(r.TeamID, r.PartnerID)
	}
	return ts, err
}
