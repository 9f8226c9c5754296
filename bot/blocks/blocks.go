// Package blocks renders coach values as Block Kit: pure functions, no I/O.
// Every user-supplied string goes through Escape before it reaches mrkdwn.
package blocks

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/slack-go/slack"
)

// Escape makes user text inert in mrkdwn: Slack treats only &, < and > as
// control characters, and `<!channel>` or `<https://x|y>` need them.
//
// Formatting characters (* _ ~ `) have no escape in mrkdwn: a name like
// "*Acme*" or "Data_Corp_EU" would turn bold or italic, or close the bold
// around it. Each is fenced with zero-width spaces (U+200B), which show
// nothing, so that it can neither open nor close a format and shows as
// typed. (The parsers drop invisible characters, so a name copied from a
// message and typed back reads the same.)
func Escape(s string) string {
	if !strings.ContainsAny(s, "&<>*_~`") {
		return s // most names and notes: no copy
	}
	return mrkdwnEscaper.Replace(s)
}

// mrkdwnEscaper is built once: a Replacer builds its lookup table on first
// use, and building one per call was 7% of a /partner list's CPU.
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;",
	"*", zwsp+"*"+zwsp, "_", zwsp+"_"+zwsp, "~", zwsp+"~"+zwsp, "`", zwsp+"`"+zwsp)

// zwsp is the zero-width space that fences formatting characters.
const zwsp = "\u200b"

// Truncate cuts s to at most max runes, ending with "…" when cut.
func Truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// Date shows t's date to each reader in their own Slack language and time
// zone, with Slack's <!date> token (mrkdwn only). The fallback, for clients
// that cannot render it (notifications, some integrations), is written in l
// and in t's zone.
func Date(l i18n.Locale, t time.Time) string {
	if !sensibleTime(t) {
		return "—"
	}
	return fmt.Sprintf("<!date^%d^{date_short}|%s>", t.Unix(), i18n.Day(l, t))
}

// DateTime is Date with the time of day.
func DateTime(l i18n.Locale, t time.Time) string {
	if !sensibleTime(t) {
		return "—"
	}
	return fmt.Sprintf("<!date^%d^{date_short_pretty} {time}|%s>", t.Unix(), i18n.DayTime(l, t))
}

// Mention renders a Slack user ID as a mention, and anything that is not a
// user ID as escaped text.
func Mention(userID string) string {
	if userID == "" {
		return "—"
	}
	for _, r := range userID {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return Escape(userID)
		}
	}
	return "<@" + userID + ">"
}

func mrkdwn(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, Truncate(text, 3000), false, false)
}

func plain(text string, max int) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, Truncate(text, max), true, false)
}

// Section is a mrkdwn section; text must already be escaped.
func Section(text string) slack.Block { return slack.NewSectionBlock(mrkdwn(text), nil, nil) }

// Header is a plain-text header (plain text needs no escaping).
func Header(text string) slack.Block { return slack.NewHeaderBlock(plain(text, 150)) }

// Context is a small grey line; text must already be escaped.
func Context(text string) slack.Block {
	return slack.NewContextBlock("", mrkdwn(text))
}

// Button is a button with a value.
func Button(actionID, label, value string, style slack.Style) *slack.ButtonBlockElement {
	b := slack.NewButtonBlockElement(actionID, value, plain(label, 75))
	b.Style = style
	return b
}

// Actions is a row of buttons.
func Actions(blockID string, buttons ...slack.BlockElement) slack.Block {
	return slack.NewActionBlock(blockID, buttons...)
}

// Notice is a one-section message.
func Notice(text string) []slack.Block { return []slack.Block{Section(text)} }

// ErrorMessage tells the user what failed, with a reference to quote.
func ErrorMessage(text, ref string) []slack.Block {
	return []slack.Block{Section(":warning: " + text), Context(fmt.Sprintf("Ref `%s`", Escape(ref)))}
}
