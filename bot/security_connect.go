package bot

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// Slack Connect and tampered payloads.
//
// The workspace that installed the app is the payload's team (team_id,
// team.id); a user whose own team (user_team in a command, user.team_id in
// an interaction) is another one belongs to another organisation and
// reaches the app through a shared channel: they get a polite refusal and
// nothing is read or changed. An interaction must concern a message or a
// view the bot made for that team, and a form's private_metadata carries an
// authentication code (seal) bound to the team, the user and the form.

// externalUser reports whether userTeam, the team a payload gives for the
// user, is not the installing team. An absent user team is the payload's;
// a payload without a team is refused elsewhere (decodeClick, checkOrigin).
func externalUser(team, userTeam string) bool {
	return team != "" && userTeam != "" && userTeam != team
}

// commandUserTeam reads user_team from a slash command's raw payload
// (slack-go's SlashCommand does not keep it).
func commandUserTeam(req *socketmode.Request) string {
	if req == nil {
		return ""
	}
	var p struct {
		UserTeam string `json:"user_team"`
	}
	_ = json.Unmarshal(req.Payload, &p)
	return p.UserTeam
}

// refuseExternal answers a person of another organisation: the app works
// only for the team that installed it. Nothing is read or changed.
func (b *Bot) refuseExternal(ctx context.Context, rp *reply, sc slack.SlashCommand, userTeam string) {
	l := b.lookups.locale(ctx, sc.UserID)
	b.log.Info("command from another organisation refused", slog.String("team", sc.TeamID), slog.String("user_team", blocks.Truncate(userTeam, 32)), slog.String("channel", sc.ChannelID))
	_ = b.respond(ctx, rp, sc.ResponseURL, "ephemeral", blocks.Notice(":lock: "+i18n.T(l, "external_user")))
}

// refuseExternalClick is the same refusal for a click.
func (b *Bot) refuseExternalClick(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback) {
	b.log.Info("click from another organisation refused", slog.String("team", ic.Team.ID), slog.String("user_team", blocks.Truncate(ic.User.TeamID, 32)), slog.String("action", clickAction(ic)))
	b.tell(ctx, rp, l, ic, blocks.Notice(":lock: "+i18n.T(l, "external_user")))
}

// identity is the bot's own user and bot IDs, from auth.test, asked once.
type identity struct {
	mu          sync.Mutex
	user, botID string
}

func (b *Bot) self(ctx context.Context) (user, botID string, err error) {
	b.me.mu.Lock()
	defer b.me.mu.Unlock()
	if b.me.botID != "" {
		return b.me.user, b.me.botID, nil
	}
	res, err := b.api.AuthTestContext(ctx)
	if err != nil {
		return "", "", err
	}
	b.me.user, b.me.botID = res.UserID, res.BotID
	return res.UserID, res.BotID, nil
}

// errForeign is an interaction on something the bot did not make for the
// payload's team.
var errForeign = errors.New("interaction on a message or view the bot did not make for this team")

// checkOrigin makes sure an interaction concerns a message or a view the
// bot made for the payload's team: the message's author is the bot, its
// team the payload's, and it is the one the container names; a view was
// made by the bot for that team.
func (b *Bot) checkOrigin(ctx context.Context, ic slack.InteractionCallback) error {
	botUser, botID, err := b.self(ctx)
	if err != nil {
		return err
	}
	team := ic.Team.ID
	switch ic.Container.Type {
	case "message":
		m := ic.Message
		if m.Team != "" && m.Team != team {
			return errForeign
		}
		if ic.Container.IsEphemeral {
			// Slack may leave the message, or its author, out of clicks on
			// ephemeral messages, which only an app can post (and Slack
			// sends a click only to the app that posted the message). No
			// checklist is ephemeral: a toggle there was not made by us.
			if len(ic.ActionCallback.BlockActions) > 0 && ic.ActionCallback.BlockActions[0].ActionID == blocks.ActionToggleItem {
				return errForeign
			}
			return nil
		}
		if m.Timestamp == "" {
			return errForeign
		}
		if m.User != botUser && m.BotID != botID {
			return errForeign
		}
		if m.Timestamp != ic.Container.MessageTs || (ic.Channel.ID != "" && ic.Channel.ID != ic.Container.ChannelID) {
			return errForeign
		}
		return nil
	case "view":
		return checkView(ic.View, team, botID)
	}
	return errForeign
}

// checkView: the view was made by this bot for team.
func checkView(v slack.View, team, botID string) error {
	if v.BotID != botID || v.TeamID != team || (v.AppInstalledTeamID != "" && v.AppInstalledTeamID != team) {
		return errForeign
	}
	return nil
}

// sealPrefix starts sealed metadata: "m1." + code + "." + the metadata.
const sealPrefix = "m1."

// metaKey derives the key of the metadata seal from the configuration's
// secrets: a token rotation makes forms open at that moment stale.
func (b *Bot) metaKey() []byte {
	h := sha256.Sum256([]byte("partnercoach private_metadata seal\x00" + b.cfg.BotToken + "\x00" + b.cfg.AppToken))
	return h[:]
}

func (b *Bot) sealCode(team, user, form, meta string) string {
	mac := hmac.New(sha256.New, b.metaKey())
	for _, s := range []string{team, user, form, meta} {
		mac.Write([]byte(s))
		mac.Write([]byte{0})
	}
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:18])
}

// seal authenticates a view's private_metadata for team and user, so that
// a submission or a click on it can neither alter it nor carry it to
// another team, user or form.
func (b *Bot) seal(team, user string, v *slack.ModalViewRequest) {
	if v.PrivateMetadata == "" {
		return
	}
	v.PrivateMetadata = sealPrefix + b.sealCode(team, user, v.CallbackID, v.PrivateMetadata) + "." + v.PrivateMetadata
}

// errBadSeal is metadata that was altered, or sealed for someone else.
var errBadSeal = errors.New("private_metadata: seal does not match")

// unsealMeta checks and reads a view's private_metadata.
func (b *Bot) unsealMeta(team, user string, v slack.View) (blocks.ModalMeta, error) {
	code, meta, ok := splitSealed(v.PrivateMetadata)
	if !ok || !hmac.Equal([]byte(code), []byte(b.sealCode(team, user, v.CallbackID, meta))) {
		return blocks.ModalMeta{}, errBadSeal
	}
	return blocks.DecodeMeta(meta)
}

func splitSealed(s string) (code, meta string, ok bool) {
	rest, ok := strings.CutPrefix(s, sealPrefix)
	if !ok {
		return "", "", false
	}
	return strings.Cut(rest, ".")
}

// peekMeta reads sealed metadata without checking it: only for choosing the
// language of an error message.
func peekMeta(s string) (blocks.ModalMeta, error) {
	if _, meta, ok := splitSealed(s); ok {
		s = meta
	}
	return blocks.DecodeMeta(s)
}

// clickAllowed refuses, and answers, a click from another organisation or
// on something the bot did not make for the payload's team.
func (b *Bot) clickAllowed(ctx context.Context, rp *reply, l i18n.Locale, ic slack.InteractionCallback) bool {
	if len(ic.ActionCallback.BlockActions) == 0 || ic.ActionCallback.BlockActions[0] == nil {
		return true // not a click: decodeClick leaves it alone
	}
	if externalUser(ic.Team.ID, ic.User.TeamID) {
		b.refuseExternalClick(ctx, rp, l, ic)
		return false
	}
	if err := b.checkOrigin(ctx, ic); err != nil {
		b.log.Warn("click refused", slog.String("action", clickAction(ic)), slog.String("team", blocks.Truncate(ic.Team.ID, 32)),
			slog.String("user", blocks.Truncate(ic.User.ID, 32)), slog.Any("error", err))
		if errors.Is(err, errForeign) {
			err = usageError(nil, "unknown_action")
		}
		b.failClick(ctx, rp, l, ic, err)
		return false
	}
	return true
}

// submissionRefused is the ack of a submission from another organisation,
// or of a view the bot did not make for the payload's team; nil lets the
// submission through.
func (b *Bot) submissionRefused(ctx context.Context, ic slack.InteractionCallback) any {
	l := i18n.EN
	if m, err := peekMeta(ic.View.PrivateMetadata); err == nil {
		l = m.Locale
	}
	if externalUser(ic.Team.ID, ic.User.TeamID) {
		b.log.Info("submission from another organisation refused", slog.String("team", ic.Team.ID), slog.String("user_team", blocks.Truncate(ic.User.TeamID, 32)))
		v := blocks.NoticeView(l, blocks.Notice(":lock: "+i18n.T(l, "external_user")))
		return slack.NewUpdateViewSubmissionResponse(&v)
	}
	_, botID, err := b.self(ctx)
	if err == nil {
		err = checkView(ic.View, ic.Team.ID, botID)
	}
	if err != nil {
		b.log.Warn("submission refused", slog.String("team", blocks.Truncate(ic.Team.ID, 32)), slog.String("user", blocks.Truncate(ic.User.ID, 32)), slog.Any("error", err))
		key := "bad_payload"
		if !errors.Is(err, errForeign) {
			key = "connect.check_failed"
		}
		v := blocks.NoticeView(l, blocks.Notice(":warning: "+i18n.T(l, key)))
		return slack.NewUpdateViewSubmissionResponse(&v)
	}
	return nil
}

// foreignHome reports (and logs) an App Home opened by a person of another
// organisation: their tab shows nothing of the team's partners.
func (b *Bot) foreignHome(ctx context.Context, team, user string) bool {
	if userTeam := b.lookups.team(ctx, user); externalUser(team, userTeam) {
		b.log.Info("App Home of a person of another organisation left empty", slog.String("team", team), slog.String("user_team", blocks.Truncate(userTeam, 32)))
		return true
	}
	return false
}
