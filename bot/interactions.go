package bot

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"sync"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// onInteraction handles clicks: decodeClick reads and checks the payload,
// then the action runs with the team and user from the payload, never from
// a button's value, so a tampered value cannot reach another team's data.
// The click is answered with rp.
func (b *Bot) onInteraction(ctx context.Context, rp *reply, ic slack.InteractionCallback) {
	l := b.lookups.locale(ctx, ic.User.ID)
	defer b.recoverPanic(ctx, rp, l, ic.ResponseURL, "click")
	if !b.clickAllowed(ctx, rp, l, ic) {
		return
	}
	if ic.Type == slack.InteractionTypeBlockActions && ic.Container.Type == "view" && ic.View.Type == slack.VTModal &&
		len(ic.ActionCallback.BlockActions) > 0 && ic.ActionCallback.BlockActions[0] != nil {
		if err := b.onViewAction(ctx, ic, ic.ActionCallback.BlockActions[0]); err != nil {
			b.fail(ctx, rp, l, "", "click", err, "")
		}
		return
	}
	c, err := decodeClick(ic)
	switch {
	case errors.Is(err, errNotAClick):
		return
	case err != nil:
		b.log.Warn("click refused", slog.String("action_id", blocks.Truncate(c.actionID, 64)), slog.String("team", blocks.Truncate(c.team, 32)),
			slog.String("user", blocks.Truncate(c.user, 32)), slog.Any("error", err))
		b.failClick(ctx, rp, l, ic, err)
		return
	}
	if err := b.runClick(ctx, rp, l, ic, c); err != nil {
		b.failClick(ctx, rp, l, ic, err)
	}
}

func (b *Bot) runClick(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	if run, ok := moreClicks[c.actionID]; ok {
		return run(b, ctx, rp, l, ic, c)
	}
	switch c.actionID {
	case blocks.ActionToggleItem:
		return b.toggleItem(ctx, l, ic, c.team, c.toggle)
	case blocks.ActionMarkReviewed:
		p, err := b.svc.MarkReviewed(ctx, c.team, c.user, c.value)
		if err != nil {
			return err
		}
		return b.respond(ctx, rp, ic.ResponseURL, "ephemeral", blocks.Reviewed(l, p))
	case blocks.ActionLogContribution:
		return b.formFromButton(ctx, rp, l, ic, blocks.ModalLog, c.value, "log")
	case blocks.ActionBookWebinar:
		return b.formFromButton(ctx, rp, l, ic, blocks.ModalWebinar, c.value, "webinar")
	case blocks.ActionOpenChecklist:
		return b.checklistFromHome(ctx, rp, l, ic, c.team, c.value)
	case blocks.ActionSnooze:
		r, err := b.svc.SnoozeReminder(ctx, c.team, c.user, c.value, b.svc.Now().AddDate(0, 0, 7))
		if err != nil {
			return err
		}
		return b.respond(ctx, rp, ic.ResponseURL, "ephemeral", blocks.Notice(i18n.T(l, "reminder.snoozed", blocks.Date(l, r.SnoozedUntil))))
	case blocks.ActionPause:
		if _, err := b.svc.PauseReminder(ctx, c.team, c.user, c.value); err != nil {
			return err
		}
		return b.respond(ctx, rp, ic.ResponseURL, "ephemeral", blocks.Notice(i18n.T(l, "reminder.paused")))
	case blocks.ActionHomePage:
		return b.publishHome(ctx, c.team, c.user, c.page)
	case blocks.ActionCancelEvent:
		return b.cancelEventClick(ctx, rp, l, ic, c.team, c.value)
	case blocks.ActionRescheduleEvent:
		return b.rescheduleForm(ctx, rp, l, ic, c.team, c.value)
	case blocks.ActionEditDeal:
		return b.editDealClick(ctx, rp, l, ic, c.team, c.value)
	}
	// decodeClick lets through only the actions above.
	return usageError(nil, "unknown_action")
}

// checklistFromHome posts a partner's checklist in its home channel, for
// everyone to tick, and tells the user where it went.
func (b *Bot) checklistFromHome(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, team, partnerID string) error {
	p, err := b.svc.Partner(ctx, team, partnerID)
	if err != nil {
		return err
	}
	if p.Channel == "" {
		b.tell(ctx, rp, l, ic, blocks.Notice(i18n.T(l, "checklist_hint", blocks.Escape(p.ID))))
		return nil
	}
	cl, err := b.svc.Checklist(ctx, team, p, defaultTemplate(p))
	if err != nil {
		return err
	}
	private, err := b.postChecklist(ctx, rp, team, p.Channel, ic.User.ID, l, cl)
	if err != nil {
		if notInChannel(err) {
			b.tell(ctx, rp, l, ic, blocks.Notice(":warning: "+i18n.T(l, "home.invite_me", "<#"+p.Channel+">")))
			return nil
		}
		return err
	}
	if private {
		b.tell(ctx, rp, l, ic, blocks.Notice(i18n.T(l, "shared_channel.checklist_dm")))
		return nil
	}
	b.tell(ctx, rp, l, ic, blocks.Notice(":white_check_mark: "+i18n.T(l, "home.checklist_posted", blocks.Escape(cl.Template.Title.In(string(l))), "<#"+p.Channel+">")))
	return nil
}

// formFromButton opens a form for the partner a button names. The value is
// only a partner ID; the team comes from the payload, so a tampered value
// finds nothing.
func (b *Bot) formFromButton(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, form, partnerID, cmd string) error {
	p, err := b.svc.Partner(ctx, ic.Team.ID, partnerID)
	if err != nil {
		return err
	}
	meta := b.newMeta(ctx, form, l, ic.User.ID, ic.Channel.ID, &p)
	return b.showForm(ctx, rp, ic.Team.ID, ic.User.ID, ic.TriggerID, ic.ResponseURL, meta, nil, lookupCommand(cmd).usage)
}

// toggleItem sets the state the button asked for and redraws the message in
// place from the store's state right after the write, so concurrent clicks
// all count and a click on an old copy shows the current state.
func (b *Bot) toggleItem(ctx context.Context, l i18n.Locale, ic slack.InteractionCallback, team string, v blocks.ToggleValue) error {
	if taken, err := b.takeDownIfShared(ctx, l, ic); taken || err != nil {
		return err
	}
	p, err := b.svc.Partner(ctx, team, v.PartnerID)
	if err != nil {
		return err
	}
	if _, err := b.svc.SetMark(ctx, team, ic.User.ID, p, v.TemplateID, v.ItemID, v.Mark(), ""); err != nil {
		return err
	}
	// Concurrent clicks on one message each wrote their item; redraws are
	// serialised per message and read the states inside the lock, so within
	// this process the last update to land shows every write made before it.
	cl, err := b.redrawClicked(ctx, l, ic, team, p, v.TemplateID)
	if err != nil {
		return err
	}
	// The other copies of this checklist show the same stored state.
	b.refreshCopies(ctx, team, cl, ic.Container.ChannelID, ic.Container.MessageTs)
	return nil
}

// redrawClicked redraws the clicked copy from the stored state.
func (b *Bot) redrawClicked(ctx context.Context, l i18n.Locale, ic slack.InteractionCallback, team string, p coach.Partner, templateID string) (coach.Checklist, error) {
	unlock := b.lockMessage(ic.Container.ChannelID, ic.Container.MessageTs)
	defer unlock()
	// The message keeps the language it was posted in, whoever clicks.
	msgLocale := blocks.LocaleOf(ic.Message.Blocks.BlockSet, l)
	// Across replicas nothing orders the redraws: another replica's, read
	// before ours, can land after it and hide our tick. So after each
	// update read the states again and redraw if they changed. Whoever sends
	// the last update to land checks after it landed, so the message
	// settles on the stored state once the clicks stop.
	var drawn map[string]coach.ItemState
	var cl coach.Checklist
	for range maxRedraws {
		var err error
		if cl, err = b.svc.Checklist(ctx, team, p, templateID); err != nil {
			return cl, err
		}
		if drawn != nil && sameStates(drawn, cl.States) {
			break
		}
		if err := b.update(ctx, ic.Container.ChannelID, ic.Container.MessageTs, blocks.Checklist(msgLocale, cl)); err != nil {
			return cl, err
		}
		drawn = cl.States
	}
	return cl, nil
}

// maxRedraws bounds the redraws of one click: the first, and up to two
// more while other replicas' clicks keep changing the states.
const maxRedraws = 3

func sameStates(a, b map[string]coach.ItemState) bool {
	return maps.EqualFunc(a, b, func(x, y coach.ItemState) bool {
		return x.ItemID == y.ItemID && x.Done == y.Done && x.By == y.By && x.At.Equal(y.At) && x.Note == y.Note
	})
}

// lockMessage serialises redraws of one message within this process.
func (b *Bot) lockMessage(channel, ts string) func() {
	key := channel + "/" + ts
	b.msgMu.Lock()
	if b.msgLocks == nil {
		b.msgLocks = map[string]*msgLock{}
	}
	ml := b.msgLocks[key]
	if ml == nil {
		ml = &msgLock{}
		b.msgLocks[key] = ml
	}
	ml.users++
	b.msgMu.Unlock()
	ml.mu.Lock()
	return func() {
		ml.mu.Unlock()
		b.msgMu.Lock()
		if ml.users--; ml.users == 0 {
			delete(b.msgLocks, key)
		}
		b.msgMu.Unlock()
	}
}

type msgLock struct {
	mu    sync.Mutex
	users int
}

// onEvent handles Events API envelopes: the App Home.
func (b *Bot) onEvent(ctx context.Context, ev socketmode.Event) {
	api, ok := ev.Data.(slackevents.EventsAPIEvent)
	if !ok {
		return
	}
	if b.onSharing(api) {
		return
	}
	if home, ok := api.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent); ok && home.Tab == "home" {
		if b.foreignHome(ctx, api.TeamID, home.User) {
			return
		}
		if err := b.publishHome(ctx, api.TeamID, home.User, 0); err != nil {
			b.log.Error("app home publish failed", slog.String("user", home.User), slog.Any("error", err))
		}
	}
}

// publishHome shows the user's partners (all of them for admins).
func (b *Bot) publishHome(ctx context.Context, team, user string, page int) error {
	l := b.lookups.locale(ctx, user)
	// Issue 15: the kept standings, in name order; reminders read for the
	// page shown only.
	rows, err := b.standingRows(ctx, team, func(p coach.Partner) bool { return p.Owner == user || b.svc.IsAdmin(user) })
	if err != nil {
		return err
	}
	sortByName(rows)
	if err := b.homeDue(ctx, team, user, rows, page); err != nil {
		return err
	}
	view := blocks.Home(l, rows, page, b.svc.Now())
	// Publishing replaces the tab: safe to send again.
	return b.withRetry(ctx, "views.publish", retryIdempotent, func(ctx context.Context) error {
		_, err := b.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user, View: view})
		return err
	})
}

// nextDue is the next balance review of a partner. The other reminders are
// checks that speak only when the data says so, so their times say little.
func (b *Bot) nextDue(rs []coach.Reminder, partnerID string, zone *time.Location) *blocks.DueReminder {
	var due *blocks.DueReminder
	now := b.svc.Now()
	for _, r := range rs {
		if r.PartnerID != partnerID || r.Paused || r.Kind != coach.ReminderBalance {
			continue
		}
		s, err := remind.Parse(r.Spec, b.defaultTZ())
		if err != nil {
			continue
		}
		next := s.Next(now)
		if r.SnoozedUntil.After(next) {
			next = s.Next(r.SnoozedUntil)
		}
		if due == nil || next.Before(due.At) {
			due = &blocks.DueReminder{At: next.In(zone)}
		}
	}
	return due
}
