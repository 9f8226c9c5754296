package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// Modals, end to end:
//
//  1. A command without its arguments, or a button, opens a form with the
//     click's trigger_id (views.open; Slack allows 3 s).
//  2. A submission is the one envelope whose acknowledgement carries the
//     answer: Slack shows inline errors, or the next view, from the ack's
//     response_action, and ignores any views.update that overtakes the ack.
//     So the form is read and saved first, within submissionBudget of the
//     envelope's arrival, on a goroutine of its own (never queued behind
//     other work), and then acknowledged:
//     - a wrong input, or a check only the store can make (a name already
//       taken), with "errors": the message under its input;
//     - a success with "update" to a view of what was done;
//     - a failure with "update" to a view saying what failed, with a
//       reference and a "Back to the form" button that restores what was
//       typed. Nothing entered is lost and the modal never closes silently.
//  3. Slack calls that only report the outcome to others (announcing a new
//     partner in its channel) happen after the ack.

// submissionBudget bounds the work done before a submission's ack: Slack
// waits 3 s, and the ack still has to travel.
const submissionBudget = 2 * time.Second

// openForm opens a modal as rp's answer; when Slack refuses (an expired
// trigger, say) the user is told how to do the same thing with arguments.
func (b *Bot) openForm(ctx context.Context, rp *reply, triggerID, responseURL string, l i18n.Locale, view slack.ModalViewRequest, usage string) error {
	// A form answers the command but changes nothing yet (late.go, dedupe.go).
	rp.answering()
	rp.forget()
	if _, err := b.api.OpenViewContext(ctx, triggerID, view); err != nil {
		b.log.Warn("views.open failed", slog.String("form", view.CallbackID), slog.Any("error", err))
		if responseURL == "" {
			return err
		}
		return b.respond(ctx, rp, responseURL, "ephemeral", blocks.Notice(":warning: "+i18n.T(l, "modal.open_failed", usage)))
	}
	return nil
}

// formPartners lists the partners a form's select offers: none when the
// caller fixed the partner.
func (b *Bot) formPartners(ctx context.Context, team string, meta blocks.ModalMeta) ([]coach.Partner, error) {
	if meta.Partner != "" || meta.Form == blocks.ModalAddPartner {
		return nil, nil
	}
	// One more than a select can offer is enough to know the form asks
	// for the name as text instead: a big team's form reads no more.
	ps, _, err := b.svc.PartnersPage(ctx, team, 0, blocks.MaxPartnerOptions+1)
	return ps, err
}

// newMeta starts a form's metadata for user, opened from channel, with the
// partner fixed when known.
func (b *Bot) newMeta(ctx context.Context, form string, l i18n.Locale, user, channel string, p *coach.Partner) blocks.ModalMeta {
	m := blocks.ModalMeta{Form: form, Locale: l, Channel: channel, TZ: b.userZone(ctx, user).String()}
	if p != nil {
		m.Partner, m.Name = p.ID, p.Name
	}
	return m
}

// userZone is the user's Slack time zone, else the configured default.
func (b *Bot) userZone(ctx context.Context, user string) *time.Location {
	def, err := time.LoadLocation(b.cfg.DefaultTZ)
	if err != nil || b.cfg.DefaultTZ == "" {
		def = time.UTC
	}
	return b.lookups.zone(ctx, user, def)
}

// showForm opens form for user: the shared path of commands and buttons.
func (b *Bot) showForm(ctx context.Context, rp *reply, team, user, triggerID, responseURL string, meta blocks.ModalMeta, vals blocks.Form, usage string) error {
	partners, err := b.formPartners(ctx, team, meta)
	if err != nil {
		return err
	}
	view, ok := blocks.FormView(meta, user, partners, vals, nil, b.today(ctx, user))
	if !ok {
		return fmt.Errorf("no form %q", meta.Form)
	}
	b.seal(team, user, &view)
	return b.openForm(ctx, rp, triggerID, responseURL, meta.Locale, view, usage)
}

func (b *Bot) today(ctx context.Context, user string) string {
	return b.svc.Now().In(b.userZone(ctx, user)).Format(time.DateOnly)
}

// saved is what a form's save did: the blocks of its outcome view, and an
// optional report to others, sent after the ack.
type saved struct {
	blocks []slack.Block
	after  func(ctx context.Context)
}

// onSubmission answers a view_submission in its ack. It runs on its own
// goroutine, tracked so that shutdown waits for it.
func (b *Bot) onSubmission(req socketmode.Request, ic slack.InteractionCallback, readAt time.Time) {
	ctx, cancel := context.WithDeadline(context.Background(), readAt.Add(submissionBudget))
	defer cancel()
	rp := &reply{}
	payload, out := b.answerSubmission(ctx, rp, ic)
	if r, ok := payload.(*slack.ViewSubmissionResponse); ok && r.View != nil {
		b.seal(ic.Team.ID, ic.User.ID, r.View)
	}
	if payload != nil {
		b.sm.Ack(req, payload)
	} else {
		b.sm.Ack(req)
	}
	obs := b.cfg.Observer
	obs.AckLatency(string(socketmode.EventTypeInteractive), time.Since(readAt))
	obs.Envelope(string(socketmode.EventTypeInteractive), rp.outcome())
	if out != nil && out.after != nil {
		actx, acancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer acancel()
		out.after(actx)
	}
}

// answerSubmission reads and saves a submitted form, and returns the ack's
// payload (nil closes the modal). A panic becomes a failure view. A failure
// is marked on rp.
func (b *Bot) answerSubmission(ctx context.Context, rp *reply, ic slack.InteractionCallback) (payload any, out *saved) {
	if p := b.submissionRefused(ctx, ic); p != nil {
		return p, nil
	}
	meta, err := b.unsealMeta(ic.Team.ID, ic.User.ID, ic.View)
	if err != nil || meta.Form != ic.View.CallbackID {
		b.log.Warn("view submission with unreadable metadata; closing it", slog.String("callback_id", blocks.Truncate(ic.View.CallbackID, 64)), slog.Any("error", err))
		return nil, nil
	}
	vals := formValues(ic.View.State)
	defer func() {
		if r := recover(); r != nil {
			payload, out = b.submissionFailed(ctx, rp, meta, vals, fmt.Errorf("panic: %v", r)), nil
		}
	}()
	save, errs := b.readForm(ctx, ic, meta, vals)
	if save == nil {
		return nil, nil
	}
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(errs), nil
	}
	out, err = save(ctx)
	if err != nil {
		return b.submissionFailed(ctx, rp, meta, vals, err), nil
	}
	done := blocks.DoneView(meta, out.blocks)
	return slack.NewUpdateViewSubmissionResponse(&done), out
}

// readForm checks a submitted form (pure checks: inline errors) and returns
// the save that follows; nil for a form the bot does not know.
func (b *Bot) readForm(ctx context.Context, ic slack.InteractionCallback, meta blocks.ModalMeta, vals blocks.Form) (func(context.Context) (*saved, error), blocks.FormErrors) {
	l, team, user := meta.Locale, ic.Team.ID, ic.User.ID
	now := b.svc.Now()
	// The same form with the same values saves once: a submission that
	// failed after the store had written, resubmitted, adds nothing twice.
	opID := "v" + shortHash(ic.View.ID+"/"+canonical(vals))
	switch meta.Form {
	case blocks.ModalAddPartner:
		in, errs := addForm(l, vals)
		in.RequestID = opID
		if in.Channel == "" {
			in.Channel = meta.Channel // the channel the form was opened from
		}
		return func(ctx context.Context) (*saved, error) { return b.saveNewPartner(ctx, team, user, meta, in) }, errs
	case blocks.ModalLog:
		ref, in, errs := logForm(l, meta, vals, now)
		in.ID = opID
		return func(ctx context.Context) (*saved, error) { return b.saveContribution(ctx, team, user, meta, ref, in) }, errs
	case blocks.ModalWebinar:
		ref, in, errs := webinarForm(l, meta, vals, now)
		in.ID = opID
		return func(ctx context.Context) (*saved, error) { return b.saveWebinar(ctx, team, user, meta, ref, in) }, errs
	case blocks.ModalComplexity:
		ref, deal, parts, errs := complexityForm(l, meta, vals)
		return func(ctx context.Context) (*saved, error) { return b.saveDeal(ctx, team, user, meta, ref, deal, parts) }, errs
	case blocks.ModalEditEntry:
		_, in, errs := logForm(l, meta, vals, now)
		return func(ctx context.Context) (*saved, error) { return b.saveEntryEdit(ctx, team, user, meta, vals, in) }, errs
	case blocks.ModalDeleteEntry:
		return func(ctx context.Context) (*saved, error) { return b.saveEntryDelete(ctx, team, user, meta) }, nil
	case blocks.ModalImport: // issue 17 (cmd_import.go)
		return b.readImportForm(ic, meta)
	case blocks.ModalShare: // issue 16 (cmd_share.go)
		return b.shareForm(ic, meta)
	case blocks.ModalCommitment: // issue 16
		ref, in, errs := commitmentForm(l, meta, vals, now)
		in.ID = opID
		return func(ctx context.Context) (*saved, error) { return b.saveCommitment(ctx, team, user, meta, ref, in) }, errs
	}
	b.log.Warn("submission of an unknown form; closing it", slog.String("form", blocks.Truncate(meta.Form, 64)))
	return nil, nil
}

// canonical is the form's values in a stable order.
func canonical(f blocks.Form) string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var sb strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&sb, "%q=%q;", k, f[k])
	}
	return sb.String()
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:12])
}

// submissionFailed is the ack for a save that failed: the message under its
// input when the error names one, else a view saying what failed, with the
// way back to the form.
func (b *Bot) submissionFailed(ctx context.Context, rp *reply, meta blocks.ModalMeta, vals blocks.Form, err error) any {
	rp.markFailed()
	l := meta.Locale
	var view slack.ModalViewRequest
	switch coach.ErrorCode(err) {
	case coach.EINVALID, coach.ENOTFOUND, coach.EAMBIGUOUS, coach.ECONFLICT, coach.EFORBIDDEN:
		if block := fieldBlock(meta.Form, errField(err)); block != "" && formHasInput(meta, block) {
			return slack.NewErrorsViewSubmissionResponse(map[string]string{block: i18n.ErrorText(l, err)})
		}
		view = blocks.FailedView(meta, blocks.Escape(i18n.ErrorText(l, err)), "", vals)
	default:
		b.cfg.Observer.HandlerError("modal")
		ref := newRef()
		b.log.Error("modal submission failed", slog.String("form", meta.Form), slog.String("ref", ref), slog.Any("error", err))
		key := "error.try_again"
		if coach.ErrorCode(err) == coach.EUNAVAILABLE || errors.Is(err, context.DeadlineExceeded) {
			key = "error.store_down"
		}
		view = blocks.FailedView(meta, i18n.T(l, key, i18n.T(l, "op."+meta.Form)), ref, vals)
	}
	return slack.NewUpdateViewSubmissionResponse(&view)
}

// formHasInput reports whether the form meta names shows an input block.
func formHasInput(meta blocks.ModalMeta, block string) bool {
	// A stand-in partner list makes the partner input appear as a select;
	// whether it is a select or text does not change its block ID.
	v, ok := blocks.FormView(meta, "", []coach.Partner{{ID: "x", Name: "x"}}, nil, nil, "")
	return ok && hasInput(v, block)
}

func errField(err error) string {
	var e *coach.Error
	if ok := asCoachError(err, &e); ok {
		return e.Field
	}
	return ""
}

func hasInput(v slack.ModalViewRequest, blockID string) bool {
	for _, bl := range v.Blocks.BlockSet {
		if in, ok := bl.(*slack.InputBlock); ok && in.BlockID == blockID {
			return true
		}
	}
	return false
}

// onViewAction handles a click inside a modal: "Add a part" and "Back to
// the form" redraw the form with what the user has entered so far.
func (b *Bot) onViewAction(ctx context.Context, ic slack.InteractionCallback, act *slack.BlockAction) error {
	meta, err := b.unsealMeta(ic.Team.ID, ic.User.ID, ic.View)
	if err != nil {
		return usageError(nil, "unknown_action")
	}
	vals := formValues(ic.View.State)
	switch act.ActionID {
	case blocks.ActionAddPart:
		meta.Rows = min(max(meta.Rows, blocks.DefaultParts)+1, coach.MaxParts)
	case blocks.ActionBackToForm:
		vals, meta.Values = meta.Values, nil
	case blocks.ActionUndoLog:
		return b.undoInView(ctx, ic, act)
	default:
		return usageError(nil, "unknown_action")
	}
	partners, err := b.formPartners(ctx, ic.Team.ID, meta)
	if err != nil {
		return err
	}
	view, ok := blocks.FormView(meta, ic.User.ID, partners, vals, nil, b.today(ctx, ic.User.ID))
	if !ok {
		return usageError(nil, "unknown_action")
	}
	b.seal(ic.Team.ID, ic.User.ID, &view)
	// The hash makes Slack refuse the update if the view changed meanwhile
	// (a second click), instead of losing what was typed since.
	_, err = b.api.UpdateViewContext(ctx, view, "", ic.View.Hash, ic.View.ID)
	return err
}

// resolvePartner finds the partner a form names, as a form error.
func (b *Bot) resolvePartner(ctx context.Context, team, ref string) (coach.Partner, error) {
	p, err := b.svc.FindPartner(ctx, team, ref)
	if err != nil {
		var e *coach.Error
		if asCoachError(err, &e) && e.Field == "" && e.Code != coach.EUNAVAILABLE && e.Code != coach.EINTERNAL {
			e2 := *e
			e2.Field = "partner"
			return p, &e2
		}
	}
	return p, err
}

func (b *Bot) saveNewPartner(ctx context.Context, team, user string, meta blocks.ModalMeta, in coach.NewPartner) (*saved, error) {
	res, err := b.addPartner(ctx, team, user, in)
	if err != nil {
		return nil, err
	}
	p := res.Partner
	// Tell the partner's channel, as /partner add does, once the user has
	// their answer.
	announce := func(ctx context.Context) { b.announce(ctx, p.Channel, blocks.PartnerAdded(meta.Locale, user, p)) }
	return &saved{blocks: blocks.PartnerAdded(meta.Locale, user, p), after: announce}, nil
}

func (b *Bot) saveContribution(ctx context.Context, team, user string, meta blocks.ModalMeta, ref string, in coach.NewContribution) (*saved, error) {
	p, err := b.resolvePartner(ctx, team, ref)
	if err != nil {
		return nil, err
	}
	res, err := b.logContribution(ctx, team, user, p, in)
	if err != nil {
		return nil, err
	}
	l := meta.Locale
	out := blocks.Logged(l, res.Partner, res.Contribution)
	// The balance right after, where only this user sees it: a modal is
	// private even when opened from a shared channel. Its buttons are for
	// messages; the Undo of the entry stays.
	if bal, err := b.svc.Balance(ctx, team, p.ID, coach.DefaultWindow); err == nil {
		out = append(out, withoutActions(blocks.Balance(l, p, bal, coach.DefaultWindow))...)
	}
	return &saved{blocks: out}, nil
}

// withoutActions drops buttons meant for messages from blocks shown in a
// modal's outcome.
func withoutActions(bl []slack.Block) []slack.Block {
	out := bl[:0]
	for _, b := range bl {
		if _, ok := b.(*slack.ActionBlock); !ok {
			out = append(out, b)
		}
	}
	return out
}

func (b *Bot) saveWebinar(ctx context.Context, team, user string, meta blocks.ModalMeta, ref string, in coach.NewEvent) (*saved, error) {
	p, err := b.resolvePartner(ctx, team, ref)
	if err != nil {
		return nil, err
	}
	var booked []slack.Block
	if meta.Event != "" {
		// The Reschedule button's form: it moves that event.
		e, err := b.rescheduleEvent(ctx, team, user, p, meta.Event, in.ID, coach.EventChange{Start: in.Start, TimeZone: in.TimeZone, Title: in.Title, Host: in.Host, Link: in.Link})
		if err != nil {
			return nil, err
		}
		booked = blocks.EventRescheduled(meta.Locale, p, e)
	} else {
		res, err := b.bookWebinar(ctx, team, user, meta.Locale, p, in)
		if err != nil {
			return nil, err
		}
		booked = blocks.EventBookedWithLink(meta.Locale, res.Partner, res.Event)
	}
	// Announce it where the form was opened from, as the command does.
	announce := func(ctx context.Context) { b.announce(ctx, meta.Channel, booked) }
	return &saved{blocks: booked, after: announce}, nil
}

func (b *Bot) saveDeal(ctx context.Context, team, user string, meta blocks.ModalMeta, ref, deal string, parts []coach.Part) (*saved, error) {
	p, err := b.resolvePartner(ctx, team, ref)
	if err != nil {
		return nil, err
	}
	res, err := b.analyseDeal(ctx, team, user, p, deal, parts)
	if err != nil {
		return nil, err
	}
	return &saved{blocks: blocks.Complexity(meta.Locale, res.Partner, res.Deal, res.Analysis)}, nil
}
