package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/slack-go/slack"
)

// Commitments, the joint plan (issue 16): /partner commit adds one (or
// opens the form), /partner commitments lists them with buttons to tick,
// reopen, edit and delete (each with Undo). Commitments are internal: every
// answer is private to the asker, wherever the command was typed.

// cmdCommit: commit [<partner> [<side> <due> <title…> [@person]]]. Without
// all of it, the form opens with what was given.
func (b *Bot) cmdCommit(ctx context.Context, c *call) error {
	if len(c.args) == 0 {
		return b.showForm(ctx, c.reply, c.team, c.user, c.triggerID, c.responseURL, b.newMeta(ctx, blocks.ModalCommitment, c.locale, c.user, c.channel, nil), nil, c.cmd.usage)
	}
	p, rest, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	meta := b.newMeta(ctx, blocks.ModalCommitment, c.locale, c.user, c.channel, &p)
	person := ""
	if n := len(rest); n > 0 {
		if id, ok := userRef(rest[n-1]); ok {
			person, rest = id, rest[:n-1]
		}
	}
	w, err := coach.ParseCommitmentWords(rest, b.svc.Now(), b.userZone(ctx, c.user))
	if errKey(err) == "commitment.usage" {
		vals := blocks.Form{}
		if person != "" {
			vals[blocks.FieldPerson] = person
		}
		if len(rest) > 0 {
			if sd, err := coach.ParseCommitSide(rest[0]); err == nil {
				vals[blocks.FieldSide] = string(sd)
			}
		}
		return b.showForm(ctx, c.reply, c.team, c.user, c.triggerID, c.responseURL, meta, vals, c.cmd.usage)
	}
	if err != nil {
		return err
	}
	in := coach.NewCommitment{ID: b.operationID(c), PartnerID: p.ID, Side: w.Side, Person: person, PersonName: w.PersonName, Title: w.Title, Due: w.Due}
	cm, err := b.svc.AddCommitment(ctx, c.team, c.user, in)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", b.commitmentsView(ctx, c.team, c.locale, p, i18n.T(c.locale, "commit.added", blocks.Escape(cm.Title)), nil))
}

// cmdCommitments: commitments <partner> lists the joint plan, privately.
func (b *Bot) cmdCommitments(ctx context.Context, c *call) error {
	p, _, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", b.commitmentsView(ctx, c.team, c.locale, p, "", nil))
}

// commitmentsView renders p's list; a failed read shows the note alone
// (what was done is done).
func (b *Bot) commitmentsView(ctx context.Context, team string, l i18n.Locale, p coach.Partner, note string, undo *blocks.CommitmentUndo) []slack.Block {
	cs, err := b.svc.CommitmentsFor(ctx, team, p.ID)
	if err != nil {
		b.log.Warn("commitments not read for the list", slog.String("partner", p.ID), slog.Any("error", err))
	}
	return blocks.Commitments(l, p, cs, b.svc.Now(), note, undo)
}

func init() {
	// The list's buttons (issue 16), beside the ledger's in moreClicks.
	moreClicks[blocks.ActionCommitDone] = (*Bot).clickCommitStatus
	moreClicks[blocks.ActionCommitReopen] = (*Bot).clickCommitStatus
	moreClicks[blocks.ActionCommitEdit] = (*Bot).clickCommitEdit
	moreClicks[blocks.ActionCommitDelete] = (*Bot).clickCommitDelete
	moreClicks[blocks.ActionCommitUndo] = (*Bot).clickCommitUndo
	moreClicks[blocks.ActionCommitAdd] = (*Bot).clickCommitAdd
}

// decodeCommitmentClick checks a commitment button's value (decodeClick).
func decodeCommitmentClick(c *click) error {
	switch c.actionID {
	case blocks.ActionCommitAdd:
		if !isSlug(c.value) {
			return usageError(nil, "stale_button")
		}
	case blocks.ActionCommitUndo:
		if _, err := blocks.DecodeCommitmentUndo(c.value); err != nil {
			return usageError(nil, "stale_button")
		}
	default:
		if _, err := blocks.DecodeCommitmentRef(c.value); err != nil {
			return usageError(nil, "stale_button")
		}
	}
	return nil
}

// isCommitmentAction reports whether decodeCommitmentClick reads the action.
func isCommitmentAction(id string) bool { return strings.HasPrefix(id, "commitment.") }

// clickCommitStatus ticks a commitment done or reopens it, and redraws the
// message it was clicked in with an Undo.
func (b *Bot) clickCommitStatus(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	ref, _ := blocks.DecodeCommitmentRef(c.value)
	st, key := coach.CommitmentDone, "commit.ticked"
	if c.actionID == blocks.ActionCommitReopen {
		st, key = coach.CommitmentOpen, "commit.reopened"
	}
	p, err := b.svc.Partner(ctx, c.team, ref.PartnerID)
	if err != nil {
		return err
	}
	before, after, err := b.svc.SetCommitmentStatus(ctx, c.team, c.user, p.ID, ref.ID, st)
	if err != nil {
		return err
	}
	undo := &blocks.CommitmentUndo{Ref: ref, Status: before.Status}
	if before.Status == after.Status {
		undo = nil
	}
	return b.replaceClicked(ctx, rp, ic, b.commitmentsView(ctx, c.team, l, p, i18n.T(l, key, blocks.Escape(after.Title)), undo))
}

// clickCommitDelete deletes a commitment and redraws the list with an Undo
// that puts it back.
func (b *Bot) clickCommitDelete(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	ref, _ := blocks.DecodeCommitmentRef(c.value)
	p, err := b.svc.Partner(ctx, c.team, ref.PartnerID)
	if err != nil {
		return err
	}
	gone, err := b.svc.DeleteCommitment(ctx, c.team, c.user, p.ID, ref.ID)
	if err != nil {
		return err
	}
	undo := &blocks.CommitmentUndo{Ref: ref, Deleted: &gone}
	return b.replaceClicked(ctx, rp, ic, b.commitmentsView(ctx, c.team, l, p, i18n.T(l, "commit.deleted", blocks.Escape(gone.Title)), undo))
}

// clickCommitUndo takes back the last click: the status it had, or the
// commitment deleted.
func (b *Bot) clickCommitUndo(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	u, _ := blocks.DecodeCommitmentUndo(c.value)
	p, err := b.svc.Partner(ctx, c.team, u.Ref.PartnerID)
	if err != nil {
		return err
	}
	var title string
	if u.Deleted != nil {
		back, err := b.svc.RestoreCommitment(ctx, c.team, c.user, *u.Deleted)
		if err != nil {
			return err
		}
		title = back.Title
	} else {
		_, after, err := b.svc.SetCommitmentStatus(ctx, c.team, c.user, p.ID, u.Ref.ID, u.Status)
		if err != nil {
			return err
		}
		title = after.Title
	}
	return b.replaceClicked(ctx, rp, ic, b.commitmentsView(ctx, c.team, l, p, i18n.T(l, "commit.undone", blocks.Escape(title)), nil))
}

// clickCommitEdit opens the form filled in with the commitment.
func (b *Bot) clickCommitEdit(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	ref, _ := blocks.DecodeCommitmentRef(c.value)
	p, err := b.svc.Partner(ctx, c.team, ref.PartnerID)
	if err != nil {
		return err
	}
	cm, err := b.svc.Commitment(ctx, c.team, p.ID, ref.ID)
	if err != nil {
		return err
	}
	meta := b.newMeta(ctx, blocks.ModalCommitment, l, c.user, ic.Channel.ID, &p)
	meta.Entry, meta.Redraw = cm.ID, ic.ResponseURL // the list to redraw once saved
	view := blocks.CommitmentModal(meta, nil, blocks.CommitmentForm(cm), nil, b.today(ctx, c.user))
	b.seal(c.team, c.user, &view)
	return b.openForm(ctx, rp, ic.TriggerID, ic.ResponseURL, l, view, lookupCommand("commit").usage)
}

// clickCommitAdd opens the form for the list's partner.
func (b *Bot) clickCommitAdd(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, c click) error {
	return b.formFromButton(ctx, rp, l, ic, blocks.ModalCommitment, c.value, "commit")
}

// commitmentForm reads the form with the command's parsers.
func commitmentForm(l i18n.Locale, meta blocks.ModalMeta, f blocks.Form, now time.Time) (string, coach.NewCommitment, blocks.FormErrors) {
	c := &formCheck{l: l}
	ref, in := c.commitment(meta, f, now)
	return ref, in, c.errs
}

func (c *formCheck) commitment(meta blocks.ModalMeta, f blocks.Form, now time.Time) (string, coach.NewCommitment) {
	ref := c.partnerRef(meta, f)
	var in coach.NewCommitment
	var err error
	if in.Side, err = coach.ParseCommitSide(c.required(f, blocks.FieldSide)); err != nil && f[blocks.FieldSide] != "" {
		c.domain(blocks.FieldSide, err)
	}
	if in.Title, err = coach.ParseCommitmentTitle(f[blocks.FieldTitle]); err != nil {
		c.domain(blocks.FieldTitle, err)
	}
	loc, _ := zone(meta)
	if v := c.required(f, blocks.FieldDue); v != "" {
		if in.Due, err = coach.ParseDue(v, now, loc); err != nil {
			c.domain(blocks.FieldDue, err)
		}
	}
	if v := f[blocks.FieldPerson]; v != "" {
		id, ok := userRef(v)
		if !ok {
			c.fail(blocks.FieldPerson, "commitment.person.invalid")
		}
		in.Person = id
	}
	if in.PersonName, err = coach.ParsePersonName(f[blocks.FieldPersonName]); err != nil {
		c.domain(blocks.FieldPersonName, err)
	}
	return ref, in
}

// saveCommitment adds the commitment, or changes the one meta.Entry names.
func (b *Bot) saveCommitment(ctx context.Context, team, user string, meta blocks.ModalMeta, ref string, in coach.NewCommitment) (*saved, error) {
	p, err := b.resolvePartner(ctx, team, ref)
	if err != nil {
		return nil, err
	}
	l := meta.Locale
	in.PartnerID = p.ID
	var cm coach.Commitment
	key := "commit.added"
	if meta.Entry != "" {
		_, cm, err = b.svc.EditCommitment(ctx, team, user, p.ID, meta.Entry, in)
		key = "commit.edited"
	} else {
		cm, err = b.svc.AddCommitment(ctx, team, user, in)
	}
	if err != nil {
		return nil, err
	}
	note := i18n.T(l, key, blocks.Escape(cm.Title))
	out := &saved{blocks: []slack.Block{blocks.Section(note), blocks.Section(blocks.CommitmentLine(l, cm, b.svc.Now()))}}
	if strings.HasPrefix(meta.Redraw, "http") {
		url := meta.Redraw
		out.after = func(ctx context.Context) {
			bl := b.commitmentsView(ctx, team, l, p, note, nil)
			msg := &slack.WebhookMessage{ReplaceOriginal: true, Text: fallbackText(bl), Blocks: &slack.Blocks{BlockSet: bl}}
			err := b.withRetry(ctx, "response_url", retryIdempotent, func(ctx context.Context) error {
				return slack.PostWebhookCustomHTTPContext(ctx, url, b.http, msg)
			})
			if err != nil {
				b.log.Warn("commitments not redrawn after an edit", slog.String("partner", p.ID), slog.Any("error", err))
			}
		}
	}
	return out, nil
}

// deliverCommitments tells each commitment's person, in a direct message,
// what falls due in two days or today; a commitment kept by someone
// outside Slack (a free name) is told to the partner's owner. It returns
// the last message's ts. The occurrence's claim (one replica) is confirmed
// before each post.
func (b *Bot) deliverCommitments(ctx context.Context, d remind.Due, dl delivery) (string, error) {
	p := dl.facts.Partner
	due := coach.CommitmentsDueSoon(dl.facts.Commitments, dl.facts.Now)
	byPerson := map[string][]coach.Commitment{}
	var order []string
	for _, c := range due {
		to := c.Person
		if to == "" {
			to = p.Owner
		}
		if to == "" {
			continue
		}
		if _, seen := byPerson[to]; !seen {
			order = append(order, to)
		}
		byPerson[to] = append(byPerson[to], c)
	}
	// One failed post among several is logged, not returned: returning it
	// would send the others again on the retry.
	var last string
	var errs []error
	for _, user := range order {
		l := b.lookups.locale(ctx, user)
		ts, err := b.postPaced(ctx, d, user, blocks.CommitmentDue(l, p, byPerson[user], dl.facts.Now))
		if err != nil {
			errs = append(errs, err)
			b.log.Warn("commitment reminder not delivered", slog.String("partner", p.ID), slog.String("user", user), slog.Any("error", err))
			continue
		}
		last = ts
	}
	if last == "" && len(errs) > 0 {
		return "", errors.Join(errs...)
	}
	return last, nil
}
