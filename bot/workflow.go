package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// Workflow Builder steps (custom steps, declared under functions: in
// deploy/slack-app-manifest.yaml). A workflow reaching one of them sends
// function_executed; the bot runs the step's use case — the one its command
// and form run, with the same parsers (the step's inputs are read as the
// form's fields: see workflow_steps.go) and the same owner and admin rules,
// for the user the workflow runs for — and ends the step with
// functions.completeSuccess and its outputs, or functions.completeError and
// a message the workflow's author and its user can act on.
//
// Slack retries an event it saw no ack for, possibly to another replica: a
// step claims its function_execution_id in the store (coach.Service.Claim,
// as commands do in dedupe.go), so it runs once; its writes are named after
// the execution too, so a run taken over from a replica that died
// mid-step finds what that replica wrote instead of writing it twice.

// stepDeadline bounds a step's work, well inside the time Slack gives a
// step before it shows the run as failed.
const stepDeadline = 30 * time.Second

// maxStepError bounds the message given to functions.completeError; Slack
// shows it in a Slackbot message.
const maxStepError = 1000

// maxStepOutput bounds each output value.
const maxStepOutput = 3000

// stepCall is one run of a step.
type stepCall struct {
	team, execID string
	actor        string // the user the workflow runs for ("" when not given)
	locale       i18n.Locale
	inputs       map[string]any
}

// input reads the input name as text: a string as given, a number as
// written, anything else as empty (Slack types each input as the manifest
// declares it).
func (c *stepCall) input(name string) string {
	switch v := c.inputs[name].(type) {
	case string:
		return strings.TrimSpace(v)
	case float64:
		return strings.TrimSpace(formatNumber(v))
	case bool:
		if v {
			return "true"
		}
		return "false"
	}
	return ""
}

// requestID names what this run writes: the same for every retry of it.
func (c *stepCall) requestID() string { return "wf" + shortHash(c.team+"/"+c.execID) }

// actorOf reads the input "user", of Slack's type user_context ({"id":
// "U…", "secret": …}): the person who ran the workflow, which Slack fills
// in and a workflow's author cannot type.
func actorOf(inputs map[string]any) string {
	u, ok := inputs["user"].(map[string]any)
	if !ok {
		return ""
	}
	id, _ := u["id"].(string)
	if id, ok := userRef(id); ok {
		return id
	}
	return ""
}

// functionExecuted picks a function_executed event out of an Events API
// envelope.
func functionExecuted(data any) (team string, fe *slackevents.FunctionExecutedEvent, ok bool) {
	api, isAPI := data.(slackevents.EventsAPIEvent)
	if !isAPI {
		return "", nil, false
	}
	fe, ok = api.InnerEvent.Data.(*slackevents.FunctionExecutedEvent)
	return api.TeamID, fe, ok && fe != nil && fe.FunctionExecutionID != ""
}

// onFunction runs one step, once across retries and replicas.
func (b *Bot) onFunction(ctx context.Context, rp *reply, team string, fe *slackevents.FunctionExecutedEvent) {
	log := b.log.With(slog.String("step", clip64(fe.Function.CallbackID)), slog.String("function_execution_id", clip64(fe.FunctionExecutionID)))
	occ := coach.Occurrence{TeamID: team, ReminderID: "fn." + shortHash(fe.FunctionExecutionID), At: time.Unix(0, 0)}
	dc := &dedupeClaim{occ: occ, holder: "fn/" + newRef() + newRef()}
	cl, err := b.claims.Claim(ctx, occ, dc.holder, dedupeRunLease)
	stopRenewing := func() {}
	switch {
	case err != nil:
		// Without the store the step cannot run anyway: say so, once.
		log.Warn("step claim unavailable; running it", slog.Any("error", err))
	case cl.Status != coach.ClaimTaken:
		log.Info("step delivered again; run once", slog.String("status", string(cl.Status)))
		return
	default:
		stopRenewing = b.renewWhileRunning(ctx, dc)
	}
	c := &stepCall{team: team, execID: fe.FunctionExecutionID, actor: actorOf(fe.Inputs), inputs: fe.Inputs, locale: i18n.EN}
	if c.actor != "" {
		c.locale = b.lookups.locale(ctx, c.actor)
	}
	outputs, msg := b.runStep(ctx, rp, log, fe.Function.CallbackID, c)
	err = b.completeStep(ctx, fe.FunctionExecutionID, outputs, msg)
	stopRenewing() // before the claim is released or marked done, never after
	if err != nil {
		// Slack did not take the answer: give the claim back so that its
		// retry runs the step again (its writes are idempotent).
		log.Error("step not completed", slog.Any("error", err))
		rp.markFailed()
		if cl.Status == coach.ClaimTaken {
			b.releaseCommand(ctx, occ, dc.holder)
		}
		return
	}
	if cl.Status == coach.ClaimTaken {
		mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := b.claims.MarkSent(mctx, occ, dc.holder, "completed"); err != nil {
			log.Warn("step not marked done; a retry of it would be refused by Slack", slog.Any("error", err))
		}
	}
	log.Info("step completed", slog.Bool("with_error", msg != ""))
}

// runStep runs the step callback for c and returns its outputs, or the
// message to end it with.
func (b *Bot) runStep(ctx context.Context, rp *reply, log *slog.Logger, callback string, c *stepCall) (outputs map[string]string, msg string) {
	defer func() {
		if r := recover(); r != nil {
			outputs, msg = nil, b.stepFailure(rp, log, c, "command", errors.New("panic"))
			log.Error("step panicked", slog.Any("panic", r))
		}
	}()
	st, ok := workflowSteps[callback]
	if !ok {
		rp.markFailed()
		log.Warn("unknown workflow step")
		return nil, i18n.T(c.locale, "workflow.unknown_step", clip64(callback))
	}
	if st.needsActor && c.actor == "" {
		rp.markFailed()
		return nil, i18n.T(c.locale, "workflow.no_user")
	}
	sctx, cancel := context.WithTimeout(ctx, stepDeadline)
	defer cancel()
	out, err := st.run(b, sctx, c)
	if err != nil {
		return nil, b.stepFailure(rp, log, c, st.op, err)
	}
	for k, v := range out {
		out[k] = truncateRunes(v, maxStepOutput)
	}
	return out, ""
}

// stepFailure is what the workflow's user reads about err: their input's
// problem, named after the input, or our failure with a reference that is
// also in the log line.
func (b *Bot) stepFailure(rp *reply, log *slog.Logger, c *stepCall, op string, err error) string {
	rp.markFailed()
	var fe *stepInputError
	if errors.As(err, &fe) {
		return fe.text
	}
	switch coach.ErrorCode(err) {
	case coach.EINVALID, coach.ENOTFOUND, coach.EAMBIGUOUS, coach.EFORBIDDEN, coach.ECONFLICT:
		text := i18n.ErrorText(c.locale, err)
		var e *coach.Error
		if asCoachError(err, &e) && e.Field != "" && c.inputs != nil {
			if _, named := c.inputs[e.Field]; named {
				text = i18n.T(c.locale, "workflow.input", e.Field, text)
			}
		}
		return text
	}
	b.cfg.Observer.HandlerError("workflow." + op)
	ref := newRef()
	log.Error("step failed", slog.String("op", op), slog.String("ref", ref), slog.Any("error", err))
	return i18n.T(c.locale, "workflow.ref", failureText(c.locale, op, err), ref)
}

// completeStep ends the step: with its outputs, or with msg. Slack takes one
// completion per run, so a completion whose answer was lost and that Slack
// then refuses as already done counts as done.
func (b *Bot) completeStep(ctx context.Context, execID string, outputs map[string]string, msg string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
	defer cancel()
	attempt := 0
	err := b.withRetry(ctx, "functions.complete", retryIdempotent, func(ctx context.Context) error {
		attempt++
		var err error
		if msg != "" {
			err = b.api.FunctionCompleteErrorContext(ctx, execID, truncateRunes(msg, maxStepError))
		} else {
			err = b.api.FunctionCompleteSuccessContext(ctx, execID, slack.FunctionCompleteSuccessRequestOptionOutput(outputs))
		}
		if attempt > 1 && err != nil && strings.Contains(err.Error(), "execution_not_in_running_state") {
			return nil
		}
		return err
	})
	return err
}

// stepInputError is a step's refused inputs, said input by input.
type stepInputError struct{ text string }

func (e *stepInputError) Error() string { return "step inputs: " + e.text }

// clip64 bounds a value from Slack for a log line or a message.
func clip64(s string) string { return truncateRunes(s, 64) }

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
