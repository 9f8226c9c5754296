package blocks

import (
	"strings"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// PartnerListSlice renders page (0-based) of a list of total partners
// when only that page was read (issue 15: a big team's list reads one page
// from the index): the same blocks as PartnerListPage.
func PartnerListSlice(l i18n.Locale, ps []coach.Partner, total, page, pageSize int, filter string) []slack.Block {
	if total == 0 || len(ps) == 0 {
		return Notice(i18n.T(l, "list.empty"))
	}
	pages := Pages(total, pageSize)
	out := []slack.Block{Header(i18n.T(l, "list.title", total))}
	for i := 0; i < len(ps); i += 10 {
		var lines []string
		for _, p := range ps[i:min(len(ps), i+10)] {
			lines = append(lines, PartnerLine(l, p))
		}
		out = append(out, Section(strings.Join(lines, "\n")))
	}
	return append(out, Pager(l, ActionListPage, min(page, pages-1), pages, Truncate(filter, 200))...)
}
