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

// Checklist renders a partner's checklist: progress, the selection verdict,
// then each item with buttons asking for the other states. One section per
// item plus, for the selection must-haves (met, not met or open), a row of
// buttons keeps the largest template (12 items) well under 50 blocks. The
// item that only restates the selection rule gives way to the verdict.
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
	if c.Template.ID == coach.TemplateSelection {
		out = append(out, Section(DecisionText(l, c.Decide())))
	}
	for _, group := range []coach.Priority{coach.MustHave, coach.NiceToHave} {
		out = append(out, slack.NewDividerBlock(), Context("*"+i18n.T(l, "checklist.group."+string(group))+"*"))
		for _, it := range c.Template.Items {
			if it.Priority != group || it.Verdict {
				continue
			}
			out = append(out, checklistItem(l, c, it)...)
		}
	}
	return out
}

// checklistItem is one item: its mark, text, why, who or what set it, and
// the buttons for the other states.
func checklistItem(l i18n.Locale, c coach.Checklist, it coach.TemplateItem) []slack.Block {
	m := c.MarkOf(it.ID)
	st := m.State
	marks := map[coach.Mark]string{coach.MarkOpen: "⬜", coach.MarkMet: "✅", coach.MarkNotMet: "❌"}
	text := fmt.Sprintf("%s %s\n_%s_", marks[m.Mark], Escape(it.Text.In(string(l))), Escape(it.Why.In(string(l))))
	var by string
	switch {
	case m.ByEvidence:
		by = ":mag: " + EvidenceText(l, m.Evidence)
	case m.Mark == coach.MarkMet:
		by = i18n.T(l, "checklist.done_by", Mention(st.By), Date(l, st.At))
	case m.Mark == coach.MarkNotMet:
		by = i18n.T(l, "checklist.not_met_by", Mention(st.By), Date(l, st.At))
	case m.HasEvidence && st.Overruled:
		by = i18n.T(l, "checklist.overruled_by", Mention(st.By), Date(l, st.At), EvidenceText(l, m.Evidence))
	}
	if by != "" {
		text += "\n" + by
		if st.Note != "" && !m.ByEvidence {
			text += " — " + Escape(Truncate(st.Note, 200))
		}
	}
	if m.ByEvidence {
		text += "\n" + i18n.T(l, "checklist.untick_hint", Escape(c.Partner.ID), Escape(c.Template.ID), Escape(it.ID))
	}
	val := func(to coach.Mark) string {
		return ToggleValue{PartnerID: c.Partner.ID, TemplateID: c.Template.ID, ItemID: it.ID, Done: to == coach.MarkMet, NotMet: to == coach.MarkNotMet}.Encode()
	}
	if !c.ThreeState(it) {
		to, label := coach.MarkMet, i18n.T(l, "checklist.mark_done")
		if m.Mark == coach.MarkMet {
			to, label = coach.MarkOpen, i18n.T(l, "checklist.undo")
		}
		sec := slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(Button(ActionToggleItem, label, val(to), "")))
		sec.BlockID = "item:" + it.ID
		return []slack.Block{sec}
	}
	sec := slack.NewSectionBlock(mrkdwn(text), nil, nil)
	sec.BlockID = "item:" + it.ID
	var buttons []slack.BlockElement
	if m.Mark != coach.MarkMet {
		buttons = append(buttons, Button(ActionToggleItem, i18n.T(l, "checklist.met"), val(coach.MarkMet), slack.StylePrimary))
	}
	if m.Mark != coach.MarkNotMet {
		buttons = append(buttons, Button(ActionToggleItem, i18n.T(l, "checklist.not_met"), val(coach.MarkNotMet), slack.StyleDanger))
	}
	if m.Mark != coach.MarkOpen {
		buttons = append(buttons, Button(ActionToggleItem, i18n.T(l, "checklist.reopen"), val(coach.MarkOpen), ""))
	}
	return []slack.Block{sec, Actions("mark:"+it.ID, buttons...)}
}

// DecisionText is the selection verdict in one line, naming the items
// that decide it.
func DecisionText(l i18n.Locale, d coach.Decision) string {
	names := func(items []coach.TemplateItem) string {
		var out []string
		for _, it := range items {
			out = append(out, i18n.T(l, "quote", Escape(Truncate(it.Text.In(string(l)), 120))))
		}
		return strings.Join(out, ", ")
	}
	switch d.Kind {
	case coach.DecisionGo:
		return i18n.T(l, "decision.go")
	case coach.DecisionNoGo:
		return i18n.T(l, "decision.no_go", names(d.Unmet))
	default:
		return i18n.T(l, "decision.not_yet", names(d.Open))
	}
}

// EvidenceText says what the records prove, in the reader's language.
func EvidenceText(l i18n.Locale, ev coach.Evidence) string {
	switch ev.Rule + "." + ev.Fact {
	case coach.EvidenceJointEvent + "." + coach.FactBooked:
		return i18n.T(l, "evidence.event_booked", i18n.T(l, "quote", Escape(Truncate(ev.Name, 100))), Date(l, ev.At))
	case coach.EvidenceJointEvent + "." + coach.FactHeld:
		return i18n.T(l, "evidence.event_held", i18n.T(l, "quote", Escape(Truncate(ev.Name, 100))), Date(l, ev.At))
	case coach.EvidenceFirstDeal + "." + coach.FactLogged:
		return i18n.T(l, "evidence.first_deal", Date(l, ev.At))
	case coach.EvidenceDealsCounted + "." + coach.FactCounted:
		return i18n.T(l, "evidence.deals_counted", i18n.Count(l, "n.deal", ev.Count), Date(l, ev.At))
	case coach.EvidenceBalanceReview + "." + coach.FactScheduled:
		return i18n.T(l, "evidence.review_scheduled", Schedule(l, ev.Name))
	case coach.EvidenceDealParts + "." + coach.FactListed:
		return i18n.T(l, "evidence.deal_parts", i18n.T(l, "quote", Escape(Truncate(ev.Name, 100))), i18n.Count(l, "n.part", ev.Count))
	}
	return i18n.T(l, "evidence.other")
}

// Schedule names a reminder's schedule: a preset in the reader's language
// ("every Monday at 9:00"), anything else (a cron spec) as written.
func Schedule(l i18n.Locale, spec string) string {
	switch p := strings.ToLower(strings.TrimSpace(spec)); p {
	case "fortnightly":
		return i18n.T(l, "schedule.biweekly")
	case "weekly", "biweekly", "monthly", "quarterly":
		return i18n.T(l, "schedule."+p)
	}
	return i18n.T(l, "schedule.spec", EscapeCode(spec))
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
func PartnerCard(l i18n.Locale, p coach.Partner, h *coach.Health, ev coach.EventSummary, d ...coach.Decision) []slack.Block {
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
	// The selection verdict: internal, like the figures, and worth reading
	// while the partner is being chosen or whenever it rules them out.
	if h != nil && len(d) > 0 && d[0].Kind != "" && (coach.Choosing(p.Stage) || d[0].Kind == coach.DecisionNoGo) {
		out = append(out, Section("*"+i18n.T(l, "field.decision")+"* "+DecisionText(l, d[0])))
	}
	if p.Profile != (coach.Profile{}) {
		var lines []string
		for _, f := range [][2]string{{"profile.website", p.Profile.Website}, {"profile.customer_base", p.Profile.CustomerBase}, {"profile.business_model", p.Profile.BusinessModel}, {"profile.capacity", p.Profile.ExecutionCapacity}, {"profile.region", p.Profile.Region}, {"profile.notes", p.Profile.Notes}} {
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
		if part.Max == 0 { // a penalty only (late commitments): no points to win
			lines = append(lines, fmt.Sprintf("*%s* %d — %s", part.Label.In(string(l)), part.Points, part.Explain.In(string(l))))
			continue
		}
		lines = append(lines, fmt.Sprintf("*%s* %d/%d — %s", part.Label.In(string(l)), part.Points, part.Max, part.Explain.In(string(l))))
	}
	return []slack.Block{Header(Truncate(i18n.T(l, "health.title", p.Name, h.Score), 150)), Section(strings.Join(lines, "\n"))}
}

// HealthRow is one partner's line in a team-wide health view.
type HealthRow struct {
	Partner coach.Partner
	Score   int
	Risks   []coach.Risk
}

// RiskText names a partner's risks, or nothing when it has none.
func RiskText(l i18n.Locale, risks []coach.Risk) string {
	if len(risks) == 0 {
		return ""
	}
	var out []string
	for _, r := range risks {
		out = append(out, i18n.T(l, "risk."+string(r)))
	}
	return " · :warning: " + strings.Join(out, ", ")
}

// HealthList renders the first page of every partner's score (see HealthListPage).
func HealthList(l i18n.Locale, rows []HealthRow) []slack.Block { return HealthListPage(l, rows, 0) }

// Tips renders coaching lines.
func Tips(l i18n.Locale, p coach.Partner, tips []coach.Tip) []slack.Block {
	out := []slack.Block{Header(Truncate(i18n.T(l, "tips.title", p.Name), 150))}
	for _, t := range tips {
		out = append(out, Section(":bulb: "+t.Text.In(string(l))))
		if t.Rule != "" {
			out = append(out, Context(i18n.T(l, "tips.source", i18n.T(l, "rule."+t.Rule))))
		}
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
	// Decision is the selection verdict; Risks what puts the partner first
	// in "weakest first".
	Decision coach.Decision
	Risks    []coach.Risk
	// LateCommitments counts the joint plan's late items (issue 16).
	LateCommitments int
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
		line := fmt.Sprintf("*%s* · %s · %d/100 · %s%s\n:calendar: %s\n:alarm_clock: %s", Escape(r.Partner.Name), i18n.T(l, "stage."+string(r.Partner.Stage)), r.Health,
			i18n.T(l, "balance.verdict."+string(r.Verdict)), RiskText(l, r.Risks), next, due)
		if r.Decision.Kind != "" && (coach.Choosing(r.Partner.Stage) || r.Decision.Kind == coach.DecisionNoGo) {
			line += "\n" + DecisionText(l, r.Decision)
		}
		if r.LateCommitments > 0 { // issue 16
			line += "\n" + i18n.T(l, "home.commitments_late", r.LateCommitments)
		}
		out = append(out,
			Section(line),
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
