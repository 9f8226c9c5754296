package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// respond answers rp through a response_url: ephemeral ("ephemeral") or for
// the whole channel ("in_channel"). It works in channels the bot is not in.
func (b *Bot) respond(ctx context.Context, rp *reply, responseURL, responseType string, bl []slack.Block) error {
	rp.answering()
	if err := b.postWebhook(ctx, responseURL, responseType, bl); err != nil {
		return &answerError{err}
	}
	return nil
}

// answerError is a failure to deliver a command's answer: the work before
// it is done, so the command must not be offered again as if it were not.
type answerError struct{ err error }

func (e *answerError) Error() string { return "answer not delivered: " + e.err.Error() }
func (e *answerError) Unwrap() error { return e.err }

// postWebhook posts a new message through a response_url, sent again only
// when Slack surely did not take it (see retry.go).
func (b *Bot) postWebhook(ctx context.Context, responseURL, responseType string, bl []slack.Block) error {
	msg := &slack.WebhookMessage{ResponseType: responseType, Text: fallbackText(bl), Blocks: &slack.Blocks{BlockSet: bl}}
	return b.withRetry(ctx, "response_url", retrySafe, func(ctx context.Context) error {
		return slack.PostWebhookCustomHTTPContext(ctx, responseURL, b.http, msg)
	})
}

// post sends a message to a channel for everyone and returns its ts: the
// answer to rp, or, with a nil rp, a message that answers no envelope.
func (b *Bot) post(ctx context.Context, rp *reply, channel string, bl []slack.Block, opts ...slack.MsgOption) (string, error) {
	rp.answering()
	_, ts, err := b.api.PostMessageContext(ctx, channel, append([]slack.MsgOption{slack.MsgOptionBlocks(bl...), slack.MsgOptionText(fallbackText(bl), false)}, opts...)...)
	return ts, err
}

// update replaces a message in place. Updating is idempotent, unlike
// posting, so rate-limited and lost updates are sent again (see retry.go).
func (b *Bot) update(ctx context.Context, channel, ts string, bl []slack.Block) error {
	return b.withRetry(ctx, "chat.update", retryIdempotent, func(ctx context.Context) error {
		_, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionBlocks(bl...), slack.MsgOptionText(fallbackText(bl), false))
		return err
	})
}

// fallbackText is the notification text Slack shows where blocks are not
// rendered: the first section or header. Slack reads it as mrkdwn (it is what
// notifies people), so a header's plain text, which holds names as typed, is
// escaped here: "Balance with <!channel>" must not ping a channel.
func fallbackText(bl []slack.Block) string {
	for _, blk := range bl {
		switch x := blk.(type) {
		case *slack.HeaderBlock:
			return blocks.Escape(x.Text.Text)
		case *slack.SectionBlock:
			if x.Text != nil {
				return blocks.Truncate(x.Text.Text, 300)
			}
		}
	}
	return "Partner Coach"
}

func blocksError(l i18n.Locale, key, ref string) []slack.Block {
	if ref == "" {
		return blocks.Notice(":warning: " + i18n.T(l, key))
	}
	return blocks.ErrorMessage(i18n.T(l, key), ref)
}

// fail turns an error into what the user reads. User errors (bad input, not
// found, forbidden…) get their message; store or Slack failures get "couldn't
// … — try again" with a reference that is also in the log line.
func (b *Bot) fail(ctx context.Context, rp *reply, l i18n.Locale, responseURL, op string, err error, usage string) {
	bl := b.failure(ctx, rp, l, op, err, usage)
	if responseURL == "" {
		return
	}
	if rerr := b.respond(ctx, rp, responseURL, "ephemeral", bl); rerr != nil {
		b.log.Error("could not tell the user about a failure", slog.String("op", op), slog.Any("error", rerr))
	}
}

// failClick is fail for a click, which may come from the App Home: there is
// no response_url there, so the user is told in a small modal.
func (b *Bot) failClick(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, err error) {
	b.tell(ctx, rp, l, ic, b.failure(ctx, rp, l, "click", err, ""))
}

// failure is what the user reads about err: their mistake as it is, or our
// failure with a reference that is also in the log line. It counts rp's
// envelope as failed.
func (b *Bot) failure(ctx context.Context, rp *reply, l i18n.Locale, op string, err error, usage string) []slack.Block {
	rp.markFailed()
	switch coach.ErrorCode(err) {
	case coach.EINVALID, coach.ENOTFOUND, coach.EAMBIGUOUS, coach.EFORBIDDEN, coach.ECONFLICT:
		text := mentionOwner(":warning: "+blocks.EscapeMarked(i18n.ErrorTextMarked(l, err)), err)
		if usage != "" {
			text += "\n" + i18n.T(l, "usage", usage)
		}
		return blocks.Notice(text)
	}
	b.cfg.Observer.HandlerError(op)
	ref := newRef()
	b.log.Error("handler failed", slog.String("op", op), slog.String("ref", ref), slog.Any("error", err))
	return blocks.ErrorMessage(failureText(l, op, err), ref)
}

// tell answers a click privately: through its response_url, or, for a
// click in the App Home, which has none, in a modal opened with its trigger.
func (b *Bot) tell(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback, bl []slack.Block) {
	var err error
	switch {
	case ic.ResponseURL != "":
		err = b.respond(ctx, rp, ic.ResponseURL, "ephemeral", bl)
	case ic.TriggerID != "":
		rp.answering()
		_, err = b.api.OpenViewContext(ctx, ic.TriggerID, blocks.NoticeView(l, bl))
	default:
		err = errors.New("neither a response_url nor a trigger_id")
	}
	if err != nil {
		b.log.Error("could not answer a click", slog.String("action", clickAction(ic)), slog.Any("error", err))
	}
}

func clickAction(ic slack.InteractionCallback) string {
	if len(ic.ActionCallback.BlockActions) > 0 && ic.ActionCallback.BlockActions[0] != nil {
		return blocks.Truncate(ic.ActionCallback.BlockActions[0].ActionID, 64)
	}
	return ""
}

// recoverPanic keeps a panicking handler from taking the process down, and
// tells the user like any other failure.
func (b *Bot) recoverPanic(ctx context.Context, rp *reply, l i18n.Locale, responseURL, op string) {
	if r := recover(); r != nil {
		b.fail(ctx, rp, l, responseURL, op, fmt.Errorf("panic: %v", r), "")
	}
}

// asCoachError is errors.As for the domain's error type.
func asCoachError(err error, target **coach.Error) bool { return errors.As(err, target) }

// failureText says what happened when the fault is ours, the store's or
// Slack's, and whether trying again is safe.
func failureText(l i18n.Locale, op string, err error) string {
	what := i18n.T(l, "op."+op)
	var ae *answerError
	switch {
	case coach.ErrorCode(err) == coach.EUNAVAILABLE:
		return i18n.T(l, "error.store_down", what)
	case errors.As(err, &ae) && dedupeCommands[op]:
		return i18n.T(l, "error.answer_lost_done")
	case errors.As(err, &ae):
		return i18n.T(l, "error.answer_lost")
	case outcomeUnknown(err):
		return i18n.T(l, "error.slack_unknown", what)
	}
	return i18n.T(l, "error.try_again", what)
}

// mentionOwner shows the owner a refusal names (so the user knows whom to
// ask) as a mention rather than a bare user ID. The text is ephemeral, so
// the mention pings nobody.
func mentionOwner(text string, err error) string {
	var e *coach.Error
	if !errors.As(err, &e) {
		return text
	}
	var users []any
	switch {
	case e.Key == "partner.forbidden" && len(e.Args) == 2:
		users = e.Args[1:]
	case e.Key == "contribution.forbidden" && len(e.Args) == 3:
		users = []any{e.Args[0], e.Args[2]}
	}
	for _, u := range users {
		owner, _ := u.(string)
		if m := blocks.Mention(owner); owner != "" && strings.HasPrefix(m, "<@") {
			text = strings.Replace(text, "("+owner+")", "("+m+")", 1)
		}
	}
	return text
}
