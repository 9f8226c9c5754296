package blocks

import (
	"strconv"
	"strings"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// ThreadParent is the parent message of a partner's month: what the thread
// below it holds, one line per scheduled message (the latest 20). It names
// only the partner and the kinds of messages: nothing internal.
func ThreadParent(l i18n.Locale, p coach.Partner, month string, lines []coach.ThreadLine) []slack.Block {
	out := []slack.Block{
		Header(Truncate(i18n.T(l, "thread.title", p.Name, MonthName(l, month)), 150)),
		Section(i18n.T(l, "thread.body", Escape(p.Name))),
	}
	if len(lines) == 0 {
		return out
	}
	var rows []string
	for _, ln := range lines[max(0, len(lines)-20):] {
		rows = append(rows, "• "+i18n.T(l, "reminder.kind."+string(ln.Kind))+" · "+Date(l, ln.At))
	}
	return append(out, Context(strings.Join(rows, "\n")))
}

// MonthName writes "2026-12" as "December 2026" or "décembre 2026".
func MonthName(l i18n.Locale, month string) string {
	y, m, ok := strings.Cut(month, "-")
	n, err := strconv.Atoi(m)
	if !ok || err != nil || n < 1 || n > 12 {
		return month
	}
	names := strings.Split(i18n.T(l, "months"), "|")
	if len(names) != 12 {
		return month
	}
	return names[n-1] + " " + y
}
