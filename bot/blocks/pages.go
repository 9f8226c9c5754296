package blocks

import (
	"fmt"
	"strings"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// PartnerListPage renders a page of partners, pageSize lines a page, ten
// lines a section to stay within Block Kit limits, with the buttons that
// reach every page; filter is what the list was asked for, kept by them.
func PartnerListPage(l i18n.Locale, ps []coach.Partner, page, pageSize int, filter string) []slack.Block {
	if len(ps) == 0 {
		if filter != "" { // a team with partners, none of them matching
			return Notice(i18n.T(l, "list.no_match", Escape(Truncate(filter, 100))))
		}
		return Notice(i18n.T(l, "list.empty"))
	}
	pages := Pages(len(ps), pageSize)
	page = min(max(page, 0), pages-1)
	out := []slack.Block{Header(i18n.T(l, "list.title", len(ps)))}
	chunk := ps[page*pageSize : min(len(ps), (page+1)*pageSize)]
	for i := 0; i < len(chunk); i += 10 {
		var lines []string
		for _, p := range chunk[i:min(len(chunk), i+10)] {
			lines = append(lines, PartnerLine(l, p))
		}
		out = append(out, Section(strings.Join(lines, "\n")))
	}
	return append(out, Pager(l, ActionListPage, page, pages, Truncate(filter, 200))...)
}

// HealthPageSize is how many partners a page of the health list shows.
const HealthPageSize = 40

// HealthListPage renders a page of every partner's score, weakest first,
// ten lines a section, with the buttons that reach every page.
func HealthListPage(l i18n.Locale, rows []HealthRow, page int) []slack.Block {
	out := []slack.Block{Header(i18n.T(l, "health.list_title"))}
	pages := Pages(len(rows), HealthPageSize)
	page = min(max(page, 0), pages-1)
	chunk := rows[min(len(rows), page*HealthPageSize):min(len(rows), (page+1)*HealthPageSize)]
	for i := 0; i < len(chunk); i += 10 {
		var lines []string
		for _, r := range chunk[i:min(len(chunk), i+10)] {
			lines = append(lines, fmt.Sprintf("%d/100 · *%s* · %s%s", r.Score, Escape(r.Partner.Name), i18n.T(l, "stage."+string(r.Partner.Stage)), RiskText(l, r.Risks)))
		}
		out = append(out, Section(strings.Join(lines, "\n")))
	}
	return append(out, Pager(l, ActionHealthPage, page, pages, "")...)
}
