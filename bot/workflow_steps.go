package bot

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

// The steps, by callback ID (the keys under functions: in the manifest).
// Each step's inputs are named after the form fields they fill (blocks.Field…),
// so they are read by the form's reader (forms.go) — the parsers the
// command uses too — and run the command's use case (usecases.go).
type workflowStep struct {
	op         string   // the failure's "op." key, as the command's
	needsActor bool     // whether it writes, as the user the workflow runs for
	inputs     []string // its inputs, in the manifest's order (for error messages)
	run        func(b *Bot, ctx context.Context, c *stepCall) (map[string]string, error)
}

var workflowSteps = map[string]workflowStep{
	"log_contribution":   {op: "log", needsActor: true, run: (*Bot).stepLog, inputs: logInputs},
	"get_partner_health": {op: "health", run: (*Bot).stepHealth, inputs: healthInputs},
	"book_webinar":       {op: "webinar", needsActor: true, run: (*Bot).stepWebinar, inputs: webinarInputs},
	"add_partner":        {op: "add", needsActor: true, run: (*Bot).stepAdd, inputs: addInputs},
}

// Each step's inputs besides "user" (the person the workflow runs for).
var (
	logInputs     = []string{blocks.FieldPartner, blocks.FieldDirection, blocks.FieldAmount, blocks.FieldCurrency, blocks.FieldKind, blocks.FieldNote, blocks.FieldDate}
	healthInputs  = []string{blocks.FieldPartner}
	webinarInputs = []string{blocks.FieldPartner, blocks.FieldDate, blocks.FieldTime, blocks.FieldTitle, blocks.FieldHost, blocks.FieldLink}
	addInputs     = []string{blocks.FieldName, blocks.FieldKind, blocks.FieldOwner, blocks.FieldChannel, blocks.FieldStage}
)

// form gathers the step's inputs as the form's fields.
func (c *stepCall) form(names []string) blocks.Form {
	f := blocks.Form{}
	for _, n := range names {
		if v := c.input(n); v != "" {
			f[n] = v
		}
	}
	return f
}

// inputErrors turns the form reader's errors into one message, input by
// input in the manifest's order; nil when there are none.
func inputErrors(l i18n.Locale, names []string, errs blocks.FormErrors) error {
	if len(errs) == 0 {
		return nil
	}
	var lines []string
	for _, n := range names {
		if text, ok := errs[n]; ok {
			lines = append(lines, i18n.T(l, "workflow.input", n, text))
		}
	}
	for n, text := range errs { // a field no input fills (cannot happen today)
		if !slices.Contains(names, n) {
			lines = append(lines, text)
		}
	}
	return &stepInputError{text: strings.Join(lines, "\n")}
}

// stepMeta is the form metadata a step reads its inputs with: the user's
// language and time zone.
func (b *Bot) stepMeta(ctx context.Context, form string, c *stepCall) blocks.ModalMeta {
	return blocks.ModalMeta{Form: form, Locale: c.locale, TZ: b.userZone(ctx, c.actor).String()}
}

// stepLog: Log a contribution, as /partner log and its form.
func (b *Bot) stepLog(ctx context.Context, c *stepCall) (map[string]string, error) {
	ref, in, err := readLogStep(c, b.stepMeta(ctx, blocks.ModalLog, c), b.svc.Now())
	if err != nil {
		return nil, err
	}
	p, err := b.resolvePartner(ctx, c.team, ref)
	if err != nil {
		return nil, err
	}
	in.ID = c.requestID()
	res, err := b.logContribution(ctx, c.team, c.actor, p, in)
	if err != nil {
		return nil, err
	}
	bal, err := b.svc.Balance(ctx, c.team, p.ID, coach.DefaultWindow)
	if err != nil {
		return nil, err
	}
	l := c.locale
	var gave, got []string
	for _, cb := range bal.Currencies {
		gave = append(gave, coach.FormatMoney(cb.Gave, string(l)))
		got = append(got, coach.FormatMoney(cb.Got, string(l)))
	}
	return map[string]string{
		"partner_id":      p.ID,
		"partner_name":    p.Name,
		"contribution_id": res.Contribution.ID,
		"verdict":         string(bal.Verdict),
		"verdict_text":    i18n.T(l, "balance.verdict."+string(bal.Verdict)),
		"gave_total":      strings.Join(gave, ", "),
		"got_total":       strings.Join(got, ", "),
		"gave_count":      strconv.Itoa(bal.GaveCount),
		"got_count":       strconv.Itoa(bal.GotCount),
		"summary":         fallbackText(blocks.Logged(l, res.Partner, res.Contribution)) + "\n" + i18n.T(l, "balance.verdict."+string(bal.Verdict)),
	}, nil
}

// stepHealth: Get partner health, as /partner health <partner>.
func (b *Bot) stepHealth(ctx context.Context, c *stepCall) (map[string]string, error) {
	ref := c.input(blocks.FieldPartner)
	if ref == "" {
		return nil, inputErrors(c.locale, []string{blocks.FieldPartner}, blocks.FormErrors{blocks.FieldPartner: i18n.T(c.locale, "form.required")})
	}
	p, err := b.resolvePartner(ctx, c.team, ref)
	if err != nil {
		return nil, err
	}
	h, err := b.svc.Health(ctx, c.team, p)
	if err != nil {
		return nil, err
	}
	l := c.locale
	out := map[string]string{
		"partner_id":   p.ID,
		"partner_name": p.Name,
		"score":        strconv.Itoa(h.Score),
		"verdict":      string(h.Verdict()),
		"verdict_text": i18n.T(l, "workflow.health."+string(h.Verdict())),
		"weakest_part": "",
		"weakest_text": "",
		"summary":      i18n.T(l, "health.title", blocks.Escape(p.Name), h.Score),
	}
	if w, ok := h.Weakest(); ok {
		out["weakest_part"] = w.Name
		out["weakest_text"] = i18n.T(l, "workflow.health.weakest", w.Label.In(string(l)), w.Points, w.Max, w.Explain.In(string(l)))
		out["summary"] += "\n" + blocks.Escape(out["weakest_text"])
	}
	return out, nil
}

// stepWebinar: Book a joint webinar, as /partner webinar and its form, in
// the time zone of the user the workflow runs for.
func (b *Bot) stepWebinar(ctx context.Context, c *stepCall) (map[string]string, error) {
	meta := b.stepMeta(ctx, blocks.ModalWebinar, c)
	f := c.form(webinarInputs)
	if f[blocks.FieldPartner] == "" {
		return nil, inputErrors(c.locale, webinarInputs, blocks.FormErrors{blocks.FieldPartner: i18n.T(c.locale, "form.required")})
	}
	p, err := b.resolvePartner(ctx, c.team, f[blocks.FieldPartner])
	if err != nil {
		return nil, err
	}
	meta.Partner, meta.Name = p.ID, p.Name
	in, err := readWebinarStep(c, meta, b.svc.Now())
	if err != nil {
		return nil, err
	}
	in.ID = c.requestID()
	res, err := b.bookWebinar(ctx, c.team, c.actor, c.locale, p, in)
	if err != nil {
		return nil, err
	}
	sum, err := b.svc.EventSummary(ctx, c.team, p.ID)
	if err != nil {
		return nil, err
	}
	l, e := c.locale, res.Event
	start := e.Start
	if loc, err := time.LoadLocation(e.TimeZone); err == nil {
		start = start.In(loc)
	}
	return map[string]string{
		"partner_id":     p.ID,
		"partner_name":   p.Name,
		"event_id":       e.ID,
		"title":          e.Title,
		"start":          start.Format(time.RFC3339),
		"host":           string(e.Host),
		"host_text":      i18n.T(l, "host."+string(e.Host)),
		"next_turn":      string(sum.Turn),
		"next_turn_text": i18n.T(l, "host."+string(sum.Turn)),
		"summary":        fallbackText(blocks.EventBooked(l, res.Partner, e)),
	}, nil
}

// stepAdd: Add a partner, as /partner add and its form. Without an owner
// the user the workflow runs for owns it, as with the command.
func (b *Bot) stepAdd(ctx context.Context, c *stepCall) (map[string]string, error) {
	in, err := readAddStep(c)
	if err != nil {
		return nil, err
	}
	in.RequestID = c.requestID()
	res, err := b.addPartner(ctx, c.team, c.actor, in)
	if err != nil {
		return nil, err
	}
	p := res.Partner
	return map[string]string{
		"partner_id":   p.ID,
		"partner_name": p.Name,
		"owner":        p.Owner,
		"summary":      fallbackText(blocks.PartnerAdded(c.locale, c.actor, p)),
	}, nil
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Reading a step's inputs: pure, with the form's reader, so that
// workflow_parse_internal_test.go can check they read as the command's.

// readLogStep reads Log a contribution's inputs in meta's zone; an empty
// date is today there. It returns the partner as typed.
func readLogStep(c *stepCall, meta blocks.ModalMeta, now time.Time) (string, coach.NewContribution, error) {
	f := c.form(logInputs)
	if f[blocks.FieldDate] == "" {
		loc, _ := zone(meta)
		f[blocks.FieldDate] = now.In(loc).Format(time.DateOnly)
	}
	ref, in, errs := logForm(c.locale, meta, f, now)
	return ref, in, inputErrors(c.locale, logInputs, errs)
}

// readWebinarStep reads Book a joint webinar's inputs for the partner meta
// names, in meta's zone; an empty title is "Joint webinar with <partner>".
func readWebinarStep(c *stepCall, meta blocks.ModalMeta, now time.Time) (coach.NewEvent, error) {
	f := c.form(webinarInputs)
	if f[blocks.FieldTitle] == "" {
		f[blocks.FieldTitle] = i18n.T(c.locale, "modal.webinar.default_title", meta.Name)
	}
	_, in, errs := webinarForm(c.locale, meta, f, now)
	return in, inputErrors(c.locale, webinarInputs, errs)
}

// readAddStep reads Add a partner's inputs; the defaults are the command's:
// a reseller, owned by the user, at the prospect stage.
func readAddStep(c *stepCall) (coach.NewPartner, error) {
	f := c.form(addInputs)
	if f[blocks.FieldOwner] == "" {
		f[blocks.FieldOwner] = c.actor
	}
	if f[blocks.FieldKind] == "" {
		f[blocks.FieldKind] = string(coach.KindReseller)
	}
	if f[blocks.FieldStage] == "" {
		f[blocks.FieldStage] = string(coach.StageProspect)
	}
	in, errs := addForm(c.locale, f)
	return in, inputErrors(c.locale, addInputs, errs)
}
