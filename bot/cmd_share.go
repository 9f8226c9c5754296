package bot

import (
	"context"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Sharing a quarterly review with the partner (issue 16): the Share button
// (owner or admins) opens a form of checkboxes; its submission posts only
// the ticked items, as a scorecard, in the partner's Slack Connect channel.
// Nothing is shared automatically, and the internal review never goes there.

func init() { moreClicks[blocks.ActionShareReview] = (*Bot).clickShare }

// clickShare opens the share form, after the checks the save makes again.
func (b *Bot) clickShare(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	partnerID, quarter, _ := blocks.ParseShareValue(c.value)
	p, err := b.svc.Partner(ctx, c.team, partnerID)
	if err != nil {
		return err
	}
	if err := b.mayShareIn(ctx, p, c.user); err != nil {
		return err
	}
	meta := b.newMeta(ctx, blocks.ModalShare, l, c.user, p.Channel, &p)
	meta.Quarter = quarter
	view := blocks.ShareModal(meta, p.Channel)
	b.seal(c.team, c.user, &view)
	return b.openForm(ctx, rp, ic.TriggerID, ic.ResponseURL, l, view, lookupCommand("review").usage)
}

// mayShareIn refuses a user who is neither owner nor admin, and a partner
// whose channel is not shared with its organisation.
func (b *Bot) mayShareIn(ctx context.Context, p coach.Partner, user string) error {
	if !b.canShare(p, user) {
		return coach.NewError(coach.EFORBIDDEN, "qbr.not_owner_share")
	}
	if p.Channel == "" || !b.lookups.externallyShared(ctx, p.Channel) {
		return usageError(nil, "qbr.no_shared_channel", blocks.Escape(p.Name), "<#"+blocks.Escape(p.Channel)+">")
	}
	return nil
}

// shareForm reads the ticked items with coach's parser; none is an inline
// error under the checkboxes.
func (b *Bot) shareForm(ic slack.InteractionCallback, meta blocks.ModalMeta) (func(context.Context) (*saved, error), blocks.FormErrors) {
	var picked []string
	if st := ic.View.State; st != nil {
		for _, o := range st.Values[blocks.FieldShareItems][blocks.ActionShareItems].SelectedOptions {
			picked = append(picked, o.Value)
		}
	}
	choice, err := coach.ParseShareChoice(picked)
	if err != nil {
		return func(context.Context) (*saved, error) { return nil, err }, blocks.FormErrors{blocks.FieldShareItems: i18n.ErrorText(meta.Locale, err)}
	}
	team, user := ic.Team.ID, ic.User.ID
	return func(ctx context.Context) (*saved, error) { return b.saveShare(ctx, team, user, meta, choice) }, nil
}

// saveShare builds the scorecard and posts it in the partner's channel.
func (b *Bot) saveShare(ctx context.Context, team, user string, meta blocks.ModalMeta, choice coach.ShareChoice) (*saved, error) {
	q, err := coach.ParseQuarter(meta.Quarter, b.svc.Now())
	if err != nil {
		return nil, err
	}
	p, sc, err := b.svc.ShareReview(ctx, team, user, meta.Partner, q, choice)
	if err != nil {
		return nil, err
	}
	if err := b.mayShareIn(ctx, p, user); err != nil {
		return nil, err
	}
	if _, err := b.post(ctx, nil, p.Channel, blocks.Scorecard(meta.Locale, sc)); err != nil {
		if notInChannel(err) {
			return nil, usageError(nil, "invite_me")
		}
		return nil, err
	}
	return &saved{blocks: blocks.Shared(meta.Locale, p, p.Channel)}, nil
}
