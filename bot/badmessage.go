package bot

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/url"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// badEnvelope is what can still be read from an envelope slack-go could not
// decode (a payload field of the wrong type, say): enough to acknowledge it
// and to tell the user.
type badEnvelope struct {
	EnvelopeID string `json:"envelope_id"`
	Type       string `json:"type"`
	Payload    struct {
		Type        any `json:"type"`
		ResponseURL any `json:"response_url"`
		User        any `json:"user"`
		UserID      any `json:"user_id"`
		View        any `json:"view"`
	} `json:"payload"`
}

// onBadMessage runs on the event loop for an envelope slack-go refused to
// decode. Slack still waits for its ack (without one the user sees "the app
// did not respond", and Events API envelopes come back), so it is
// acknowledged at once; the returned job, if any, tells the user the request
// could not be read. The payload itself is never logged: it is user text.
func (b *Bot) onBadMessage(bad *socketmode.ErrorBadMessage) func(context.Context, *reply) {
	var env badEnvelope
	_ = json.Unmarshal(bad.Message, &env)
	b.log.Warn("envelope could not be decoded", slog.String("type", blocks.Truncate(env.Type, 32)),
		slog.String("envelope_id", blocks.Truncate(env.EnvelopeID, 64)), slog.String("cause", blocks.Truncate(errText(bad.Cause), 200)))
	if env.EnvelopeID == "" || env.Type == "hello" || env.Type == "disconnect" {
		return nil
	}
	if env.Payload.Type == "view_submission" {
		// The ack is the only answer a submission gets: show the trouble in
		// the modal rather than close it silently.
		l := i18n.EN
		if v, ok := env.Payload.View.(map[string]any); ok {
			if pm, ok := v["private_metadata"].(string); ok {
				if meta, err := peekMeta(pm); err == nil {
					l = meta.Locale
				}
			}
		}
		view := blocks.NoticeView(l, blocks.Notice(":warning: "+i18n.T(l, "bad_payload")))
		b.sm.Ack(socketmode.Request{EnvelopeID: env.EnvelopeID}, slack.NewUpdateViewSubmissionResponse(&view))
		return nil
	}
	b.sm.Ack(socketmode.Request{EnvelopeID: env.EnvelopeID})
	respURL, _ := env.Payload.ResponseURL.(string)
	if u, err := url.Parse(respURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil
	}
	user, _ := env.Payload.UserID.(string)
	if m, ok := env.Payload.User.(map[string]any); ok {
		user, _ = m["id"].(string)
	}
	return func(ctx context.Context, rp *reply) {
		rp.markFailed()
		l := i18n.EN
		if user != "" {
			l = b.lookups.locale(ctx, user)
		}
		if err := b.respond(ctx, rp, respURL, "ephemeral", blocks.Notice(":warning: "+i18n.T(l, "bad_payload"))); err != nil {
			b.log.Warn("could not tell the user about an undecodable envelope", slog.Any("error", err))
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// undecodable reports whether a Socket Mode read error is a frame that is
// not valid JSON (or not of the expected shape), as opposed to a broken
// connection.
func undecodable(err error) bool {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	return errors.As(err, &syntax) || errors.As(err, &typ)
}

// truncateCause is an error's text, truncated for a log line.
func truncateCause(err error) string { return blocks.Truncate(errText(err), 200) }
