package bot

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// cmdLedger: ledger <partner> [window] lists the entries newest first, a
// page at a time, each with buttons to edit or delete it. Internal figures:
// only the asker sees them in a channel shared with another organisation.
func (b *Bot) cmdLedger(ctx context.Context, c *call) error {
	p, w, err := b.partnerAndWindow(ctx, c)
	if err != nil {
		return err
	}
	bl, err := b.ledgerPage(ctx, c.team, c.locale, p, w, 0)
	if err != nil {
		return err
	}
	return b.answerFigures(ctx, c, bl)
}

// ledgerPage renders one page of p's ledger over w.
func (b *Bot) ledgerPage(ctx context.Context, team string, l i18n.Locale, p coach.Partner, w coach.Window, page int) ([]slack.Block, error) {
	entries, err := b.svc.LedgerEntries(ctx, team, p.ID, w)
	if err != nil {
		return nil, err
	}
	revs, err := b.svc.LedgerRevisions(ctx, team, p.ID)
	if err != nil {
		return nil, err
	}
	return blocks.Ledger(l, blocks.LedgerView{Partner: p, Window: w, Entries: entries, Revisions: revs, Page: page}), nil
}

// replaceClicked redraws the message a click came from, through the
// click's response_url: a page turned, an entry undone.
func (b *Bot) replaceClicked(ctx context.Context, rp *reply, ic slack.InteractionCallback, bl []slack.Block) error {
	if ic.ResponseURL == "" {
		return usageError(nil, "stale_button")
	}
	rp.answering()
	msg := &slack.WebhookMessage{ReplaceOriginal: true, Text: fallbackText(bl), Blocks: &slack.Blocks{BlockSet: bl}}
	// Replacing is idempotent: safe to send again.
	err := b.withRetry(ctx, "response_url", retryIdempotent, func(ctx context.Context) error {
		return slack.PostWebhookCustomHTTPContext(ctx, ic.ResponseURL, b.http, msg)
	})
	if err != nil {
		return &answerError{err}
	}
	return nil
}

// moreClicks routes the buttons of the ledger and of paged lists.
var moreClicks = map[string]func(b *Bot, ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error{
	blocks.ActionUndoLog:       (*Bot).clickUndo,
	blocks.ActionEditEntry:     (*Bot).clickEditEntry,
	blocks.ActionDeleteEntry:   (*Bot).clickDeleteEntry,
	blocks.ActionLedgerPage:    (*Bot).clickLedgerPage,
	blocks.ActionListPage:      (*Bot).clickListPage,
	blocks.ActionHealthPage:    (*Bot).clickHealthPage,
	blocks.ActionRemindersPage: (*Bot).clickRemindersPage,
}

// clickUndo takes back the entry a "Logged" reply confirmed (its author,
// the partner's owner or an admin: coach checks), and says so in place.
func (b *Bot) clickUndo(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	p, err := b.svc.Partner(ctx, c.team, c.entry.PartnerID)
	if err != nil {
		return err
	}
	gone, err := b.svc.DeleteContribution(ctx, c.team, c.user, p.ID, c.entry.EntryID)
	if err != nil {
		return err
	}
	return b.replaceClicked(ctx, rp, ic, blocks.Undone(l, p, gone))
}

// clickEditEntry opens the log form filled in with the entry, to correct it.
func (b *Bot) clickEditEntry(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	p, entry, err := b.svc.EntryToChange(ctx, c.team, c.user, c.entry.PartnerID, c.entry.EntryID)
	if err != nil {
		return err
	}
	meta := b.newMeta(ctx, blocks.ModalEditEntry, l, c.user, ic.Channel.ID, &p)
	meta.Entry, meta.Redraw = entry.ID, redrawOf(ic)
	loc, _ := zone(meta)
	view := blocks.EditEntryModal(meta, blocks.EntryForm(entry, entry.Date.In(loc).Format(time.DateOnly)), nil, b.today(ctx, c.user))
	b.seal(c.team, c.user, &view)
	return b.openForm(ctx, rp, ic.TriggerID, ic.ResponseURL, l, view, lookupCommand("ledger").usage)
}

// clickDeleteEntry asks to confirm the deletion of an entry in a form.
func (b *Bot) clickDeleteEntry(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	p, entry, err := b.svc.EntryToChange(ctx, c.team, c.user, c.entry.PartnerID, c.entry.EntryID)
	if err != nil {
		return err
	}
	meta := b.newMeta(ctx, blocks.ModalDeleteEntry, l, c.user, ic.Channel.ID, &p)
	meta.Entry, meta.Redraw = entry.ID, redrawOf(ic)
	view := blocks.DeleteEntryModal(meta, blocks.LedgerLine(l, entry))
	b.seal(c.team, c.user, &view)
	return b.openForm(ctx, rp, ic.TriggerID, ic.ResponseURL, l, view, lookupCommand("ledger").usage)
}

// saveEntryEdit corrects the entry the form names, read with the log form's
// parsers. A date left as the form showed it keeps the entry's time.
func (b *Bot) saveEntryEdit(ctx context.Context, team, user string, meta blocks.ModalMeta, vals blocks.Form, in coach.NewContribution) (*saved, error) {
	p, entry, err := b.svc.EntryToChange(ctx, team, user, meta.Partner, meta.Entry)
	if err != nil {
		return nil, err
	}
	loc, _ := zone(meta)
	if vals[blocks.FieldDate] == entry.Date.In(loc).Format(time.DateOnly) {
		in.Date = time.Time{}
	}
	rev, err := b.svc.EditContribution(ctx, team, user, p.ID, entry.ID, in)
	if err != nil {
		return nil, err
	}
	return &saved{blocks: blocks.EntryEdited(meta.Locale, p, rev.Before, *rev.After), after: b.redrawLedger(team, meta, p)}, nil
}

// saveEntryDelete deletes the entry the form names.
func (b *Bot) saveEntryDelete(ctx context.Context, team, user string, meta blocks.ModalMeta) (*saved, error) {
	p, err := b.svc.Partner(ctx, team, meta.Partner)
	if err != nil {
		return nil, err
	}
	gone, err := b.svc.DeleteContribution(ctx, team, user, p.ID, meta.Entry)
	if err != nil {
		return nil, err
	}
	return &saved{blocks: blocks.EntryDeleted(meta.Locale, p, gone), after: b.redrawLedger(team, meta, p)}, nil
}

// undoInView is Undo clicked in the outcome of the log form.
func (b *Bot) undoInView(ctx context.Context, ic slack.InteractionCallback, act *slack.BlockAction) error {
	ref, err := blocks.DecodeEntryRef(act.Value)
	if err != nil {
		return usageError(nil, "stale_button")
	}
	l := b.lookups.locale(ctx, ic.User.ID)
	p, err := b.svc.Partner(ctx, ic.Team.ID, ref.PartnerID)
	if err != nil {
		return err
	}
	gone, err := b.svc.DeleteContribution(ctx, ic.Team.ID, ic.User.ID, p.ID, ref.EntryID)
	if err != nil {
		return err
	}
	view := blocks.DoneView(blocks.ModalMeta{Form: blocks.ModalLog, Locale: l}, blocks.Undone(l, p, gone))
	b.seal(ic.Team.ID, ic.User.ID, &view)
	_, err = b.api.UpdateViewContext(ctx, view, "", ic.View.Hash, ic.View.ID)
	return err
}

// clickLedgerPage turns a page of /partner ledger.
func (b *Bot) clickLedgerPage(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	id, win, _ := strings.Cut(c.pageRef.Arg, " ")
	if !isSlug(id) {
		return usageError(nil, "stale_button")
	}
	w, err := coach.ParseWindow(win)
	if err != nil {
		return usageError(nil, "stale_button")
	}
	p, err := b.svc.Partner(ctx, c.team, id)
	if err != nil {
		return err
	}
	bl, err := b.ledgerPage(ctx, c.team, l, p, w, c.pageRef.Page)
	if err != nil {
		return err
	}
	if b.lookups.externallyShared(ctx, ic.Channel.ID) {
		bl = append(bl, blocks.Context(i18n.T(l, "shared_channel")))
	}
	return b.replaceClicked(ctx, rp, ic, bl)
}

// clickListPage turns a page of /partner list.
func (b *Bot) clickListPage(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	filter := c.pageRef.Arg
	if id, ok := userRef(filter); ok {
		filter = id
	} else if id, ok := channelRef(filter); ok {
		filter = id
	}
	bl, err := b.partnerList(ctx, l, c.team, filter, c.pageRef.Arg, c.pageRef.Page) // issue 15
	if err != nil {
		return err
	}
	return b.replaceClicked(ctx, rp, ic, bl)
}

// clickHealthPage turns a page of /partner health.
func (b *Bot) clickHealthPage(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	rows, err := b.healthRows(ctx, c.team)
	if err != nil {
		return err
	}
	bl := blocks.HealthListPage(l, rows, c.pageRef.Page)
	if b.lookups.externallyShared(ctx, ic.Channel.ID) {
		bl = append(bl, blocks.Context(i18n.T(l, "shared_channel")))
	}
	return b.replaceClicked(ctx, rp, ic, bl)
}

// clickRemindersPage turns a page of /partner reminders.
func (b *Bot) clickRemindersPage(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	only := c.pageRef.Arg
	if only != "" && !isSlug(only) {
		return usageError(nil, "stale_button")
	}
	bl, err := b.remindersPage(ctx, &call{team: c.team, user: c.user, locale: l}, only, c.pageRef.Page)
	if err != nil {
		return err
	}
	return b.replaceClicked(ctx, rp, ic, bl)
}

// listPageSize is how many partners a page of /partner list shows.
const listPageSize = 40

// redrawOf is where the ledger view an entry's button was clicked in can be
// redrawn: "page|window|response_url", or "" when the click says nothing of it.
func redrawOf(ic slack.InteractionCallback) string {
	if ic.ResponseURL == "" || len(ic.ActionCallback.BlockActions) == 0 || ic.ActionCallback.BlockActions[0] == nil {
		return ""
	}
	page, w, ok := blocks.ViewOfEntryBlock(ic.ActionCallback.BlockActions[0].BlockID)
	if !ok {
		return ""
	}
	return strconv.Itoa(page) + "|" + w.String() + "|" + ic.ResponseURL
}

// redrawLedger redraws, after a change is saved, the ledger view the change
// was started from, so that it shows the entries as they now are.
func (b *Bot) redrawLedger(team string, meta blocks.ModalMeta, p coach.Partner) func(context.Context) {
	parts := strings.SplitN(meta.Redraw, "|", 3)
	if len(parts) != 3 {
		return nil
	}
	page, err := strconv.Atoi(parts[0])
	w, werr := coach.ParseWindow(parts[1])
	if err != nil || werr != nil || !strings.HasPrefix(parts[2], "http") {
		return nil
	}
	return func(ctx context.Context) {
		bl, err := b.ledgerPage(ctx, team, meta.Locale, p, w, page)
		if err == nil && b.lookups.externallyShared(ctx, meta.Channel) {
			bl = append(bl, blocks.Context(i18n.T(meta.Locale, "shared_channel")))
		}
		if err == nil {
			msg := &slack.WebhookMessage{ReplaceOriginal: true, Text: fallbackText(bl), Blocks: &slack.Blocks{BlockSet: bl}}
			err = b.withRetry(ctx, "response_url", retryIdempotent, func(ctx context.Context) error {
				return slack.PostWebhookCustomHTTPContext(ctx, parts[2], b.http, msg)
			})
		}
		if err != nil {
			b.log.Warn("ledger view not redrawn after a change", slog.String("partner", p.ID), slog.Any("error", err))
		}
	}
}
