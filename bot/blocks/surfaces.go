package blocks

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Checklist renders a partner's checklist: progress, then each item with a
// button asking for the opposite state. One section per item (the button is
// its accessory) plus a context line for who did it keeps the largest
// template (12 items + header, progress and dividers) well under 50 blocks.
func Checklist(l i18n.Locale, c coach.Checklist) []slack.Block {
	p := c.Progress()
	header := slack.NewHeaderBlock(plain(Truncate(c.Partner.Name, 80)+" · "+c.Template.Title.In(string(l)), 150))
	// The header's block ID records the message's language, so a redraw
	// after anyone's click keeps it (see LocaleOf).
	header.BlockID = checklistHeaderID + string(l)
	out := []slack.Block{
		header,
		Context(i18n.T(l, "checklist.progress", p.MustDone, p.MustTotal, p.NiceDone, p.NiceTotal)),
	}
	for _, group := range []coach.Priority{coach.MustHave, coach.NiceToHave} {
		out = append(out, slack.NewDividerBlock(), Context("*"+i18n.T(l, "checklist.group."+string(group))+"*"))
		for _, it := range c.Template.Items {
			if it.Priority != group {
				continue
			}
			st := c.States[it.ID]
			mark, label := "⬜", i18n.T(l, "checklist.mark_done")
			if st.Done {
				mark, label = "✅", i18n.T(l, "checklist.undo")
			}
			text := fmt.Sprintf("%s %s\n_%s_", mark, Escape(it.Text.In(string(l))), Escape(it.Why.In(string(l))))
			if st.Done {
				text += "\n" + i18n.T(l, "checklist.done_by", Mention(st.By), Date(l, st.At))
				if st.Note != "" {
					text += " — " + Escape(Truncate(st.Note, 200))
				}
			}
			val := ToggleValue{PartnerID: c.Partner.ID, TemplateID: c.Template.ID, ItemID: it.ID, Done: !st.Done}
			sec := slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(Button(ActionToggleItem, label, val.Encode(), "")))
			sec.BlockID = "item:" + it.ID
			out = append(out, sec)
		}
	}
	return out
}

const checklistHeaderID = "checklist-header:"

// LocaleOf returns the language a checklist message was posted in, from its
// header's block ID; def when the message carries none.
func LocaleOf(bl []slack.Block, def i18n.Locale) i18n.Locale {
	for _, b := range bl {
		if h, ok := b.(*slack.HeaderBlock); ok {
			if loc, ok := strings.CutPrefix(h.BlockID, checklistHeaderID); ok && (loc == string(i18n.EN) || loc == string(i18n.FR)) {
				return i18n.Locale(loc)
			}
		}
	}
	return def
}

// PartnerLine is one partner in a list.
func PartnerLine(l i18n.Locale, p coach.Partner) string {
	return fmt.Sprintf("*%s* · %s · %s · %s", Escape(p.Name), i18n.T(l, "kind."+string(p.Kind)), i18n.T(l, "stage."+string(p.Stage)), Mention(p.Owner))
}

// PartnerList renders a page of partners (see PartnerListPage).
func PartnerList(l i18n.Locale, ps []coach.Partner, page, pageSize int) []slack.Block {
	return PartnerListPage(l, ps, page, pageSize, "")
}

// PartnerCard renders /partner show; figures only when internal.
func PartnerCard(l i18n.Locale, p coach.Partner, h *coach.Health, ev coach.EventSummary) []slack.Block {
	fields := []*slack.TextBlockObject{
		mrkdwn("*" + i18n.T(l, "field.kind") + "*\n" + i18n.T(l, "kind."+string(p.Kind))),
		mrkdwn("*" + i18n.T(l, "field.stage") + "*\n" + i18n.T(l, "stage."+string(p.Stage))),
		mrkdwn("*" + i18n.T(l, "field.owner") + "*\n" + Mention(p.Owner)),
		mrkdwn("*" + i18n.T(l, "field.channel") + "*\n" + channelRef(p.Channel)),
	}
	if h != nil {
		fields = append(fields, mrkdwn("*"+i18n.T(l, "field.health")+"*\n"+fmt.Sprintf("%d/100", h.Score)))
	}
	next := i18n.T(l, "events.none_booked")
	if ev.Next != nil {
		next = Escape(ev.Next.Title) + " · " + DateTime(l, ev.Next.Start) + linkSuffix(*ev.Next)
	}
	fields = append(fields, mrkdwn("*"+i18n.T(l, "field.next_event")+"*\n"+next))
	out := []slack.Block{Header(Truncate(p.Name, 150)), slack.NewSectionBlock(nil, fields, nil)}
	if p.Profile != (coach.Profile{}) {
		var lines []string
		for _, f := range [][2]string{{"profile.customer_base", p.Profile.CustomerBase}, {"profile.business_model", p.Profile.BusinessModel}, {"profile.capacity", p.Profile.ExecutionCapacity}, {"profile.region", p.Profile.Region}, {"profile.notes", p.Profile.Notes}} {
			if f[1] != "" {
				lines = append(lines, "*"+i18n.T(l, f[0])+"*: "+Escape(Truncate(f[1], 300)))
			}
		}
		out = append(out, Section(strings.Join(lines, "\n")))
	}
	if p.Archived {
		out = append(out, Context(i18n.T(l, "partner.archived")))
	}
	return out
}

func channelRef(id string) string {
	if id == "" {
		return "—"
	}
	return "<#" + Escape(id) + ">"
}

// Balance renders the give-and-take with its verdict and buttons.
func Balance(l i18n.Locale, p coach.Partner, b coach.Balance, window coach.Window) []slack.Block {
	out := append([]slack.Block{Header(Truncate(i18n.T(l, "balance.title", p.Name), 150))}, balanceBody(l, b)...)
	out = append(out, Context(i18n.T(l, "balance.counts.business", i18n.Count(l, "n.contribution", b.GaveCount),
		i18n.Count(l, "n.contribution", b.GotCount), i18n.Window(l, window))))
	if n := len(b.Deals); n > 0 {
		out = append(out, Context(i18n.T(l, "balance.deals", i18n.Count(l, "n.deal", n), Date(l, b.FirstDeal))))
	}
	out = append(out, Actions("balance:"+p.ID,
		Button(ActionLogContribution, i18n.T(l, "balance.log_button"), p.ID, slack.StylePrimary),
		Button(ActionMarkReviewed, i18n.T(l, "balance.reviewed_button"), p.ID, "")))
	return out
}

func aheadText(l i18n.Locale, b coach.Balance) string {
	if b.Verdict == coach.VerdictNoData || b.Ahead == coach.SideEven {
		return ""
	}
	return i18n.T(l, "balance.ahead."+string(b.Ahead), int(math.Round(b.Ratio*100)))
}

// Events renders the joint events of a partner.
func Events(l i18n.Locale, p coach.Partner, s coach.EventSummary) []slack.Block {
	out := []slack.Block{Header(Truncate(i18n.T(l, "events.title", p.Name), 150))}
	if len(s.Upcoming) == 0 {
		out = append(out, Section(i18n.T(l, "events.none_booked")))
	}
	for i, e := range s.Upcoming {
		if i == 20 {
			out = append(out, Context(i18n.T(l, "events.more", len(s.Upcoming)-20)))
			break
		}
		out = append(out, Section(fmt.Sprintf("*%s* · %s · %s", Escape(e.Title), DateTime(l, e.Start), i18n.T(l, "host."+string(e.Host)))))
	}
	last := i18n.T(l, "events.no_last")
	if s.Last != nil {
		last = i18n.T(l, "events.last", Escape(s.Last.Title), i18n.Count(l, "n.day", s.DaysSinceLast))
	}
	out = append(out, Context(last+" · "+i18n.T(l, "events.turn", i18n.T(l, "host."+string(s.Turn)))))
	return out
}

// EventBooked confirms a booking.
func EventBooked(l i18n.Locale, p coach.Partner, e coach.Event) []slack.Block {
	return Notice(i18n.T(l, "webinar.booked", Escape(e.Title), Escape(p.Name), DateTime(l, e.Start), i18n.T(l, "host."+string(e.Host))))
}

// Complexity renders a deal's analysis.
func Complexity(l i18n.Locale, p coach.Partner, d coach.Deal, a coach.DealAnalysis) []slack.Block {
	var lines []string
	for _, part := range d.Parts {
		lines = append(lines, i18n.T(l, "complexity.part", Escape(part.Name), i18n.T(l, "part."+string(part.Kind)), part.Chance))
	}
	out := []slack.Block{
		Header(Truncate(d.Name+" · "+p.Name, 150)),
		Section(strings.Join(lines, "\n")),
		Section(i18n.T(l, "complexity.overall", a.Percent)),
	}
	if a.Weakest != nil {
		out = append(out, Context(i18n.T(l, "complexity.weakest", Escape(a.Weakest.Name), a.Weakest.Chance, int(math.Round(a.IfSecured*100)))))
	}
	for _, w := range a.Warnings {
		out = append(out, Section(":warning: "+w.Text.In(string(l))))
	}
	return out
}

// Health renders a partner's score with its parts.
func Health(l i18n.Locale, p coach.Partner, h coach.Health) []slack.Block {
	var lines []string
	for _, part := range h.Parts {
		lines = append(lines, fmt.Sprintf("*%s* %d/%d — %s", part.Label.In(string(l)), part.Points, part.Max, part.Explain.In(string(l))))
	}
	return []slack.Block{Header(Truncate(i18n.T(l, "health.title", p.Name, h.Score), 150)), Section(strings.Join(lines, "\n"))}
}

// HealthRow is one partner's line in a team-wide health view.
type HealthRow struct {
	Partner coach.Partner
	Score   int
}

// HealthList renders the first page of every partner's score (see HealthListPage).
func HealthList(l i18n.Locale, rows []HealthRow) []slack.Block { return HealthListPage(l, rows, 0) }

// Tips renders coaching lines.
func Tips(l i18n.Locale, p coach.Partner, tips []coach.Tip) []slack.Block {
	out := []slack.Block{Header(Truncate(i18n.T(l, "tips.title", p.Name), 150))}
	for _, t := range tips {
		out = append(out, Section(":bulb: "+t.Text.In(string(l))), Context(i18n.T(l, "tips.rule", t.Rule)))
	}
	return out
}

// HelpEntry documents one subcommand; the router builds them from its table.
type HelpEntry struct {
	Usage, Summary string
	Examples       []string
}

// Help renders the usage of every subcommand.
func Help(l i18n.Locale, entries []HelpEntry) []slack.Block {
	var lines []string
	for _, e := range entries {
		lines = append(lines, fmt.Sprintf("`/partner %s` — %s", e.Usage, e.Summary))
	}
	var ex []string
	for _, e := range entries {
		for _, x := range e.Examples {
			ex = append(ex, "`/partner "+x+"`")
		}
	}
	out := []slack.Block{Header(i18n.T(l, "help.title"))}
	for i := 0; i < len(lines); i += 8 {
		out = append(out, Section(strings.Join(lines[i:min(len(lines), i+8)], "\n")))
	}
	return append(out, Context(i18n.T(l, "help.examples")+" "+strings.Join(ex, " · ")))
}

// HomeRow is one partner on the App Home tab.
type HomeRow struct {
	Partner coach.Partner
	Health  int
	Verdict coach.Verdict
	Next    *coach.Event
	// Due is the partner's next balance review, if one is scheduled, in the
	// viewer's time zone.
	Due *DueReminder
}

// DueReminder is when a partner's next balance review comes up.
type DueReminder struct {
	At time.Time
}

// Home renders the App Home: the user's partners, 15 a page (3 blocks each,
// well under the 100-block limit), with buttons to act.
func Home(l i18n.Locale, rows []HomeRow, page int, now time.Time) slack.HomeTabViewRequest {
	const perPage = 15
	out := []slack.Block{Header(i18n.T(l, "home.title"))}
	if len(rows) == 0 {
		out = append(out, Section(i18n.T(l, "home.empty")))
		return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: out}}
	}
	pages := (len(rows) + perPage - 1) / perPage
	page = min(max(page, 0), pages-1)
	for _, r := range rows[page*perPage : min(len(rows), (page+1)*perPage)] {
		next := i18n.T(l, "events.none_booked")
		if r.Next != nil {
			next = Escape(r.Next.Title) + " · " + Date(l, r.Next.Start) + linkSuffix(*r.Next)
		}
		due := i18n.T(l, "home.no_reminder")
		if r.Due != nil {
			due = i18n.T(l, "home.reminder", DateTime(l, r.Due.At))
		}
		out = append(out,
			Section(fmt.Sprintf("*%s* · %s · %d/100 · %s\n:calendar: %s\n:alarm_clock: %s", Escape(r.Partner.Name), i18n.T(l, "stage."+string(r.Partner.Stage)), r.Health,
				i18n.T(l, "balance.verdict."+string(r.Verdict)), next, due)),
			Actions("home:"+r.Partner.ID,
				Button(ActionOpenChecklist, i18n.T(l, "home.checklist_button"), r.Partner.ID, ""),
				Button(ActionLogContribution, i18n.T(l, "home.log_button"), r.Partner.ID, ""),
				Button(ActionBookWebinar, i18n.T(l, "home.webinar_button"), r.Partner.ID, "")),
			slack.NewDividerBlock())
	}
	if pages > 1 {
		var nav []slack.BlockElement
		if page > 1 {
			nav = append(nav, Button(ActionHomePage, i18n.T(l, "page.first"), "0", ""))
		}
		if page > 0 {
			nav = append(nav, Button(ActionHomePage, i18n.T(l, "home.prev"), fmt.Sprint(page-1), ""))
		}
		if page < pages-1 {
			nav = append(nav, Button(ActionHomePage, i18n.T(l, "home.next"), fmt.Sprint(page+1), ""))
		}
		if page < pages-2 {
			nav = append(nav, Button(ActionHomePage, i18n.T(l, "page.last"), fmt.Sprint(pages-1), ""))
		}
		out = append(out, Context(i18n.T(l, "list.page", page+1, pages)), Actions("home:nav", nav...))
	}
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: out}}
}
