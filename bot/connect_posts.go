package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// Where internal content may go. Everything the bot says about a partner
// (checklists, stages, health, balances, the ledger, tips, nudges, reviews,
// the digest) is internal: in a channel shared with another organisation
// it goes to the person who asked, privately, and scheduled messages go to
// the partner's internal channel or, failing that, to its owner. The
// shared status is checked right before each post (lookups.sharedTTL).

// onSharing keeps the shared status of channels current as Slack reports
// changes; it reports whether the event was one of these.
func (b *Bot) onSharing(api slackevents.EventsAPIEvent) bool {
	switch ev := api.InnerEvent.Data.(type) {
	case *slackevents.ChannelSharedEvent:
		b.lookups.setShared(ev.Channel, true)
		b.log.Info("channel shared with another organisation", slog.String("channel", ev.Channel), slog.String("connected_team", ev.ConnectedTeamID))
	case *slackevents.ChannelUnsharedEvent:
		// Other organisations may still be in the channel: is_ext_shared
		// says whether any is left.
		b.lookups.setShared(ev.Channel, ev.IsExtShared)
		b.log.Info("channel unshared", slog.String("channel", ev.Channel), slog.String("previously_connected_team", ev.PreviouslyConnectedTeamID), slog.Bool("still_shared", ev.IsExtShared))
	default:
		return false
	}
	return true
}

// answerInternal answers a command with internal content: for the whole
// channel, unless it is shared with another organisation, where only the
// asker sees it and is told why.
func (b *Bot) answerInternal(ctx context.Context, c *call, bl []slack.Block) error {
	if b.lookups.externallyShared(ctx, c.channel) {
		bl = append(bl, blocks.Context(i18n.T(c.locale, "shared_channel.only_you")))
		return b.respond(ctx, c.reply, c.responseURL, "ephemeral", bl)
	}
	return b.respond(ctx, c.reply, c.responseURL, "in_channel", bl)
}

// announce posts a report of what a form did to channel, unless the channel
// is shared with another organisation (the user saw it in the form).
func (b *Bot) announce(ctx context.Context, channel string, bl []slack.Block) {
	if channel == "" {
		return
	}
	if b.lookups.externallyShared(ctx, channel) {
		b.log.Info("not announced: the channel is shared with another organisation", slog.String("channel", channel))
		return
	}
	if _, err := b.post(ctx, nil, channel, bl); err != nil {
		b.log.Warn("not announced", slog.String("channel", channel), slog.Any("error", err))
	}
}

// reminderDestination chooses where a scheduled message goes: its channel
// when that is not shared with another organisation; else the partner's
// internal channel (its home channel, when not shared); else the owner's
// direct message (for a team reminder, the person who last set it); ""
// when there is nobody to send it to. The note says why when it moved.
func (b *Bot) reminderDestination(ctx context.Context, r coach.Reminder, p coach.Partner, l i18n.Locale) (string, []slack.Block) {
	if !b.lookups.externallyShared(ctx, r.Channel) {
		return r.Channel, nil
	}
	note := []slack.Block{blocks.Context(i18n.T(l, "shared_channel.moved", "<#"+r.Channel+">"))}
	if p.Channel != "" && p.Channel != r.Channel && !b.lookups.externallyShared(ctx, p.Channel) {
		return p.Channel, note
	}
	owner := p.Owner
	if owner == "" {
		owner = r.UpdatedBy
	}
	if owner == "" {
		// Nobody to tell privately: nothing is posted.
		b.log.Warn("scheduled message not posted: its channel is shared with another organisation and nobody owns it", slog.String("reminder", r.ID), slog.String("channel", r.Channel))
		return "", nil
	}
	return owner, note
}

// errSharedMeanwhile: the channel became shared while a scheduled message
// waited its turn. Nothing was posted; the next attempt chooses again.
var errSharedMeanwhile = errors.New("the channel was shared with another organisation meanwhile; not posted")

// stillInternal checks, right before a scheduled post, that its channel is
// still not shared (asking Slack again when the last check is older than a
// minute).
func (b *Bot) stillInternal(ctx context.Context, channel string) error {
	if b.lookups.externallyShared(ctx, channel) {
		return fmt.Errorf("post reminder to %s: %w", channel, errSharedMeanwhile)
	}
	return nil
}

// takeDownIfShared handles a click on a checklist in a channel that has been
// shared with another organisation since it was posted: the checklist is
// replaced by a notice, nothing is ticked, and the user is told how to get
// it privately.
func (b *Bot) takeDownIfShared(ctx context.Context, l i18n.Locale, ic slack.InteractionCallback) (bool, error) {
	ch := ic.Container.ChannelID
	if ch == "" || !b.lookups.externallyShared(ctx, ch) {
		return false, nil
	}
	msgLocale := blocks.LocaleOf(ic.Message.Blocks.BlockSet, l)
	if err := b.update(ctx, ch, ic.Container.MessageTs, blocks.Notice(i18n.T(msgLocale, "shared_channel.checklist_removed"))); err != nil {
		return true, err
	}
	b.tell(ctx, nil, l, ic, blocks.Notice(i18n.T(l, "shared_channel.checklist_removed")))
	return true, nil
}
