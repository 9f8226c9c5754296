package blocks

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// The ledger view, its corrections, and the pages of long lists.
const (
	ActionUndoLog       = "ledger.undo"
	ActionLedgerPage    = "ledger.page"
	ActionEditEntry     = "ledger.edit"
	ActionDeleteEntry   = "ledger.delete"
	ActionListPage      = "list.page"
	ActionHealthPage    = "health.page"
	ActionRemindersPage = "reminders.page"

	// ModalEditEntry corrects one entry with the log form's fields;
	// ModalDeleteEntry confirms its removal.
	ModalEditEntry   = "ledger.edit_entry"
	ModalDeleteEntry = "ledger.delete_entry"
)

// LedgerPageSize is how many entries a page of /partner ledger shows (two
// blocks each, within Slack's 50 blocks a message).
const LedgerPageSize = 10

// EntryRef names one ledger entry in a button's value: "partner|entry".
type EntryRef struct{ PartnerID, EntryID string }

// Encode packs the reference.
func (r EntryRef) Encode() string { return r.PartnerID + "|" + r.EntryID }

// DecodeEntryRef reads a value packed by Encode, refusing anything else.
func DecodeEntryRef(s string) (EntryRef, error) {
	p, e, ok := strings.Cut(s, "|")
	if !ok || p == "" || e == "" || len(s) > 200 || strings.ContainsAny(e, "|: {}") || coach.Slug(p) != p {
		return EntryRef{}, errors.New("malformed entry reference")
	}
	return EntryRef{PartnerID: p, EntryID: e}, nil
}

// PageRef is a page button's value: the page (from 0) and what the list is
// of ("acme-cloud 6m" for a ledger, a filter for the partner list), packed
// as "page|arg".
type PageRef struct {
	Page int
	Arg  string
}

// Encode packs the reference.
func (r PageRef) Encode() string { return strconv.Itoa(r.Page) + "|" + r.Arg }

// DecodePageRef reads a value packed by Encode.
func DecodePageRef(s string) (PageRef, error) {
	n, arg, ok := strings.Cut(s, "|")
	page, err := strconv.Atoi(n)
	if !ok || err != nil || page < 0 || page > 100_000 || len(arg) > 1000 {
		return PageRef{}, errors.New("malformed page reference")
	}
	return PageRef{Page: page, Arg: arg}, nil
}

// Pages is how many pages of size n hold total items (at least one).
func Pages(total, n int) int { return max(1, (total+n-1)/n) }

// Pager is the "page x of y" line and the buttons that reach every page of
// a long answer: first, previous, next and last, each shown when it leads
// somewhere. Nothing when everything fits on one page.
func Pager(l i18n.Locale, action string, page, pages int, arg string) []slack.Block {
	if pages <= 1 {
		return nil
	}
	btn := func(key string, to int) slack.BlockElement {
		return Button(action, i18n.T(l, key), PageRef{Page: to, Arg: arg}.Encode(), "")
	}
	var nav []slack.BlockElement
	if page > 1 {
		nav = append(nav, btn("page.first", 0))
	}
	if page > 0 {
		nav = append(nav, btn("page.prev", page-1))
	}
	if page < pages-1 {
		nav = append(nav, btn("page.next", page+1))
	}
	if page < pages-2 {
		nav = append(nav, btn("page.last", pages-1))
	}
	return []slack.Block{Context(i18n.T(l, "list.page", page+1, pages)), Actions("pager:"+action, nav...)}
}

// amountText is an entry's amount, or a word saying it has none.
func amountText(l i18n.Locale, m coach.Money) string {
	if m.Amount == 0 {
		return i18n.T(l, "ledger.no_amount")
	}
	return coach.FormatMoney(m, string(l))
}

// EntryLine is one ledger entry: date, direction, kind, amount, who logged it.
func EntryLine(l i18n.Locale, c coach.Contribution) string {
	return i18n.T(l, "ledger.line", Date(l, c.Date), i18n.T(l, "dir."+string(c.Direction)), i18n.T(l, "contrib."+string(c.Kind)),
		amountText(l, c.Amount), Mention(c.Author))
}

// LedgerView is a page of a partner's ledger, newest first, each entry with
// its note and buttons to edit or delete it, and what was corrected.
type LedgerView struct {
	Partner   coach.Partner
	Window    coach.Window
	Entries   []coach.Contribution // every entry in the window, newest first
	Revisions []coach.Revision     // the partner's audit trail, oldest first
	Page      int
}

// Ledger renders one page of the ledger.
func Ledger(l i18n.Locale, v LedgerView) []slack.Block {
	p := v.Partner
	out := []slack.Block{Header(Truncate(i18n.T(l, "ledger.title", p.Name), 150))}
	if len(v.Entries) == 0 {
		out = append(out, Section(i18n.T(l, "ledger.empty", i18n.Window(l, v.Window), Escape(p.ID))))
	}
	pages := Pages(len(v.Entries), LedgerPageSize)
	page := min(max(v.Page, 0), pages-1)
	lastChange := map[string]coach.Revision{}
	var deleted []coach.Revision
	for _, r := range v.Revisions {
		lastChange[r.ContributionID] = r
		if r.Action == coach.RevisionDelete {
			deleted = append(deleted, r)
		}
	}
	chunk := v.Entries[min(len(v.Entries), page*LedgerPageSize):min(len(v.Entries), (page+1)*LedgerPageSize)]
	if len(v.Entries) > 0 {
		out = append(out, Context(i18n.T(l, "ledger.showing", page*LedgerPageSize+1, page*LedgerPageSize+len(chunk), len(v.Entries), i18n.Window(l, v.Window))))
	}
	for _, c := range chunk {
		text := EntryLine(l, c)
		if c.Note != "" {
			text += "\n> " + Escape(Truncate(strings.ReplaceAll(c.Note, "\n", " "), 300))
		}
		if r, ok := lastChange[c.ID]; ok && r.Action == coach.RevisionEdit {
			text += "\n_" + i18n.T(l, "ledger.edited", Mention(r.By), Date(l, r.At), EntryLine(l, r.Before)) + "_"
		}
		ref := EntryRef{PartnerID: p.ID, EntryID: c.ID}.Encode()
		out = append(out, Section(text), Actions(EntryBlockID(page, v.Window, c.ID),
			Button(ActionEditEntry, i18n.T(l, "ledger.edit_button"), ref, ""),
			Button(ActionDeleteEntry, i18n.T(l, "ledger.delete_button"), ref, slack.StyleDanger)))
	}
	if n := len(deleted); n > 0 {
		// The latest deletions, with who made them and what the entry was.
		text := i18n.T(l, "ledger.deleted_count", i18n.Count(l, "n.deleted", n))
		for i := n - 1; i >= max(0, n-3); i-- {
			r := deleted[i]
			text += "\n" + i18n.T(l, "ledger.deleted_by", Mention(r.By), Date(l, r.At), EntryLine(l, r.Before))
		}
		if n > 3 {
			text += "\n" + i18n.T(l, "ledger.deleted_more", n-3)
		}
		out = append(out, Context(text))
	}
	return append(out, Pager(l, ActionLedgerPage, page, pages, p.ID+" "+v.Window.String())...)
}

// EntryBlockID names an entry's buttons with the page and window of the view
// they are in, so that a change made from them redraws that view.
func EntryBlockID(page int, w coach.Window, id string) string {
	return "entry:" + strconv.Itoa(page) + ":" + w.String() + ":" + id
}

// ViewOfEntryBlock reads the page and window from an EntryBlockID.
func ViewOfEntryBlock(blockID string) (int, coach.Window, bool) {
	parts := strings.SplitN(blockID, ":", 4)
	if len(parts) != 4 || parts[0] != "entry" {
		return 0, coach.Window{}, false
	}
	page, err := strconv.Atoi(parts[1])
	if err != nil || page < 0 || page > 100_000 {
		return 0, coach.Window{}, false
	}
	w, err := coach.ParseWindow(parts[2])
	return page, w, err == nil
}

// undoButton is the Undo under a "Logged" reply.
func undoButton(l i18n.Locale, p coach.Partner, c coach.Contribution) slack.Block {
	return Actions("undo:"+c.ID, Button(ActionUndoLog, i18n.T(l, "ledger.undo_button"), EntryRef{PartnerID: p.ID, EntryID: c.ID}.Encode(), ""))
}

// Undone says an entry was taken back.
func Undone(l i18n.Locale, p coach.Partner, c coach.Contribution) []slack.Block {
	return Notice(":leftwards_arrow_with_hook: " + i18n.T(l, "ledger.undone", EntryLine(l, c), Escape(p.Name)))
}

// EntryEdited says what an entry was and what it is now.
func EntryEdited(l i18n.Locale, p coach.Partner, before, after coach.Contribution) []slack.Block {
	return Notice(":pencil2: " + i18n.T(l, "ledger.edited_now", Escape(p.Name), EntryLine(l, before), EntryLine(l, after)))
}

// EntryDeleted says an entry was deleted, and that the ledger keeps a record.
func EntryDeleted(l i18n.Locale, p coach.Partner, c coach.Contribution) []slack.Block {
	return Notice(":wastebasket: " + i18n.T(l, "ledger.deleted", EntryLine(l, c), Escape(p.Name)))
}

// EntryForm is the log form's values for an existing entry, to edit it.
func EntryForm(c coach.Contribution, zoneDate string) Form {
	f := Form{
		FieldDirection: string(c.Direction), FieldKind: string(c.Kind), FieldCurrency: c.Amount.Currency,
		FieldAmount: coach.FormatAmountPlain(c.Amount), FieldDate: zoneDate, FieldNote: c.Note,
	}
	return f
}

// EditEntryModal corrects one entry with the same fields as the log form.
func EditEntryModal(meta ModalMeta, vals Form, errs FormErrors, today string) slack.ModalViewRequest {
	meta.Form = ModalEditEntry
	return modal(meta, "modal.edit_entry.title", "modal.edit_entry.submit", errs, logInputs(meta, nil, vals, today))
}

// DeleteEntryModal asks to confirm the removal of the entry summed up in line.
func DeleteEntryModal(meta ModalMeta, line string) slack.ModalViewRequest {
	meta.Form = ModalDeleteEntry
	l := meta.Locale
	bl := []slack.Block{Context(i18n.T(l, "modal.partner_fixed", Escape(meta.Name)))}
	if line != "" {
		bl = append(bl, Section(line))
	}
	bl = append(bl, Context(i18n.T(l, "modal.delete_entry.audit")))
	return modal(meta, "modal.delete_entry.title", "modal.delete_entry.submit", nil, bl)
}

// LedgerLine is the summary of an entry for a message or modal.
func LedgerLine(l i18n.Locale, c coach.Contribution) string {
	s := EntryLine(l, c)
	if c.Note != "" {
		s += "\n> " + Escape(Truncate(c.Note, 200))
	}
	return fmt.Sprint(s)
}

// moneyOrNothing is one side of a currency: its sum, or "nothing".
func moneyOrNothing(l i18n.Locale, m coach.Money) string {
	if m.Amount == 0 {
		return i18n.T(l, "balance.nothing")
	}
	return coach.FormatMoney(m, string(l))
}

// flowLines sums a stream both ways, one line per currency (or one line of
// counts when it has no amounts).
func flowLines(l i18n.Locale, f coach.Flow) []string {
	var lines []string
	for i, c := range f.Currencies {
		if i == 4 {
			lines = append(lines, i18n.T(l, "balance.more_currencies", len(f.Currencies)-4))
			break
		}
		lines = append(lines, i18n.T(l, "balance.flow", moneyOrNothing(l, c.Gave), i18n.Count(l, "n.entry", c.GaveCount),
			moneyOrNothing(l, c.Got), i18n.Count(l, "n.entry", c.GotCount)))
	}
	if len(f.Currencies) == 0 {
		return append(lines, i18n.T(l, "balance.flow", i18n.T(l, "ledger.no_amount"), i18n.Count(l, "n.entry", f.GaveCount),
			i18n.T(l, "ledger.no_amount"), i18n.Count(l, "n.entry", f.GotCount)))
	}
	// Entries without an amount, or in currencies not shown, still count.
	counted := 0
	for _, c := range f.Currencies {
		counted += c.GaveCount + c.GotCount
	}
	if counted != f.GaveCount+f.GotCount {
		lines = append(lines, i18n.T(l, "balance.flow.counts", i18n.Count(l, "n.entry", f.GaveCount), i18n.Count(l, "n.entry", f.GotCount)))
	}
	return lines
}

// balanceBody is the verdict on closed business with its sums, then the
// pipeline and co-marketing beside it: shared by the balance view and the
// balance review.
func balanceBody(l i18n.Locale, b coach.Balance) []slack.Block {
	out := []slack.Block{Section(i18n.T(l, "balance.verdict."+string(b.Verdict)) + " " + aheadText(l, b) + "\n" + i18n.T(l, "balance.business"))}
	var fields []*slack.TextBlockObject
	for _, c := range b.Currencies {
		if len(fields) >= 8 {
			break
		}
		fields = append(fields,
			mrkdwn(fmt.Sprintf("*%s* (%d)\n%s", i18n.T(l, "balance.gave"), c.GaveCount, moneyOrNothing(l, c.Gave))),
			mrkdwn(fmt.Sprintf("*%s* (%d)\n%s", i18n.T(l, "balance.got"), c.GotCount, moneyOrNothing(l, c.Got))))
	}
	if len(fields) > 0 {
		out = append(out, slack.NewSectionBlock(nil, fields, nil))
	}
	if n := len(b.Currencies) - 4; n > 0 {
		out = append(out, Context(i18n.T(l, "balance.more_currencies", n)))
	}
	if !b.Pipeline.Empty() {
		out = append(out, Section(i18n.T(l, "balance.pipeline")+"\n"+strings.Join(flowLines(l, b.Pipeline), "\n")))
	}
	if !b.CoMarketing.Empty() {
		out = append(out, Section(i18n.T(l, "balance.co_marketing")+"\n"+strings.Join(flowLines(l, b.CoMarketing), "\n")))
	}
	return out
}

// sinceReview says what changed since the last review, and when it was.
func sinceReview(l i18n.Locale, r coach.ReviewSince) []slack.Block {
	if r.Reviewed.IsZero() {
		return nil
	}
	if !r.Changed() {
		return []slack.Block{Section(i18n.T(l, "review.since.nothing", Date(l, r.Reviewed), Mention(r.By)))}
	}
	text := i18n.T(l, "review.since", Date(l, r.Reviewed), Mention(r.By), i18n.Count(l, "n.logged", r.Added.Entries),
		i18n.Count(l, "n.corrected", r.Edited), i18n.Count(l, "n.deleted", r.Deleted))
	a := r.Added
	for _, f := range []struct {
		key  string
		flow coach.Flow
	}{{"balance.business", coach.Flow{Currencies: a.Currencies, GaveCount: a.GaveCount, GotCount: a.GotCount}}, {"balance.pipeline", a.Pipeline}, {"balance.co_marketing", a.CoMarketing}} {
		if !f.flow.Empty() {
			text += "\n" + i18n.T(l, f.key) + "\n" + strings.Join(flowLines(l, f.flow), "\n")
		}
	}
	return []slack.Block{Section(text)}
}
