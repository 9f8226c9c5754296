package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// respond answers through a response_url: ephemeral ("ephemeral") or for the
// whole channel ("in_channel"). It works in channels the bot is not in.
func (b *Bot) respond(ctx context.Context, responseURL, responseType string, bl []slack.Block) error {
	msg := &slack.WebhookMessage{ResponseType: responseType, Text: fallbackText(bl), Blocks: &slack.Blocks{BlockSet: bl}}
	return slack.PostWebhookCustomHTTPContext(ctx, responseURL, b.http, msg)
}

// post sends a message to a channel for everyone and returns its ts.
func (b *Bot) post(ctx context.Context, channel string, bl []slack.Block) (string, error) {
	_, ts, err := b.api.PostMessageContext(ctx, channel, slack.MsgOptionBlocks(bl...), slack.MsgOptionText(fallbackText(bl), false))
	return ts, err
}

// update replaces a message in place. Rate-limited updates are retried after
// Retry-After: updating is idempotent, unlike posting.
func (b *Bot) update(ctx context.Context, channel, ts string, bl []slack.Block) error {
	for attempt := 0; ; attempt++ {
		_, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionBlocks(bl...), slack.MsgOptionText(fallbackText(bl), false))
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) || attempt == 3 {
			return err
		}
		select {
		case <-time.After(rl.RetryAfter):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
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
func (b *Bot) fail(ctx context.Context, l i18n.Locale, responseURL, op string, err error, usage string) {
	markFailed(ctx)
	var bl []slack.Block
	switch coach.ErrorCode(err) {
	case coach.EINVALID, coach.ENOTFOUND, coach.EAMBIGUOUS, coach.EFORBIDDEN, coach.ECONFLICT:
		text := ":warning: " + blocks.Escape(i18n.ErrorText(l, err))
		if usage != "" {
			text += "\n" + i18n.T(l, "usage", usage)
		}
		bl = blocks.Notice(text)
	default:
		b.cfg.Observer.HandlerError(op)
		ref := newRef()
		b.log.Error("handler failed", slog.String("op", op), slog.String("ref", ref), slog.Any("error", err))
		key := "error.try_again"
		if coach.ErrorCode(err) == coach.EUNAVAILABLE {
			key = "error.store_down"
		}
		bl = blocks.ErrorMessage(i18n.T(l, key, i18n.T(l, "op."+op)), ref)
	}
	if responseURL == "" {
		return
	}
	if rerr := b.respond(ctx, responseURL, "ephemeral", bl); rerr != nil {
		b.log.Error("could not tell the user about a failure", slog.String("op", op), slog.Any("error", rerr))
	}
}

// recoverPanic keeps a panicking handler from taking the process down, and
// tells the user like any other failure.
func (b *Bot) recoverPanic(ctx context.Context, l i18n.Locale, responseURL, op string) {
	if r := recover(); r != nil {
		b.fail(ctx, l, responseURL, op, fmt.Errorf("panic: %v", r), "")
	}
}

// asCoachError is errors.As for the domain's error type.
func asCoachError(err error, target **coach.Error) bool { return errors.As(err, target) }
