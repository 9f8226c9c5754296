package blocks

import (
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// The living plan is written once, as titled sections of lines, then
// formatted either as canvas markdown (PlanMarkdown) or as a message
// (PlanMessage) where Slack refuses canvases. Both show the same content.

// planFormat is how one surface writes user text, bold and mentions.
type planFormat struct {
	text func(string) string // user text, made inert
	user func(string) string // a Slack user ID
}

// planSection is one titled part of the plan.
type planSection struct {
	title string
	lines []string
}

var (
	canvasFormat = planFormat{text: canvasEscape, user: canvasMention}
	mrkdwnFormat = planFormat{text: Escape, user: Mention}
)

// canvasEscaper makes user text inert in canvas markdown: every character
// that could start a format, a link, a heading or a mention is escaped with
// a backslash, and line breaks become spaces (one line stays one line).
var canvasEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "[", `\[`, "]", `\]`, "(", `\(`, ")", `\)`,
	"#", `\#`, "!", `\!`, "<", `\<`, ">", `\>`, "|", `\|`, "\n", " ", "\r", " ")

func canvasEscape(s string) string { return canvasEscaper.Replace(s) }

// canvasMention is a user mention in canvas markdown (![](@U…)), or
// escaped text for anything that is not a user ID.
func canvasMention(id string) string {
	if m := Mention(id); strings.HasPrefix(m, "<@") {
		return "![](@" + id + ")"
	}
	if id == "" {
		return "—"
	}
	return canvasEscape(id)
}

// planDoc writes the plan's title and sections in l with f.
func planDoc(l i18n.Locale, pl coach.Plan, f planFormat) (string, []planSection) {
	p := pl.Partner
	title := i18n.T(l, "plan.title", Truncate(p.Name, 120))
	profile := planSection{title: i18n.T(l, "plan.profile"), lines: []string{
		i18n.T(l, "plan.kind_stage", i18n.T(l, "kind."+string(p.Kind)), i18n.T(l, "stage."+string(p.Stage)), f.user(p.Owner)),
	}}
	if p.Profile == (coach.Profile{}) {
		profile.lines = append(profile.lines, i18n.T(l, "plan.profile.none", p.ID))
	}
	for _, kv := range [][2]string{{"profile.website", p.Profile.Website}, {"profile.customer_base", p.Profile.CustomerBase}, {"profile.business_model", p.Profile.BusinessModel}, {"profile.capacity", p.Profile.ExecutionCapacity}, {"profile.region", p.Profile.Region}, {"profile.notes", p.Profile.Notes}} {
		if kv[1] != "" {
			profile.lines = append(profile.lines, i18n.T(l, kv[0])+": "+f.text(Truncate(kv[1], 300)))
		}
	}

	verdict := planSection{title: i18n.T(l, "plan.verdict")}
	word := map[coach.HealthVerdict]string{coach.HealthGood: "plan.health.good", coach.HealthFair: "plan.health.fair", coach.HealthAtRisk: "plan.health.risk"}[pl.Health.Verdict()]
	if word != "" {
		verdict.lines = append(verdict.lines, i18n.T(l, "plan.health", pl.Health.Score, i18n.T(l, word)))
	}
	names := func(items []coach.TemplateItem) string {
		var out []string
		for _, it := range items {
			out = append(out, i18n.T(l, "quote", f.text(Truncate(it.Text.In(string(l)), 120))))
		}
		return strings.Join(out, ", ")
	}
	switch pl.Decision.Kind {
	case coach.DecisionGo:
		verdict.lines = append(verdict.lines, i18n.T(l, "plan.decision.go"))
	case coach.DecisionNotYet:
		verdict.lines = append(verdict.lines, i18n.T(l, "plan.decision.wait", names(pl.Decision.Open)))
	case coach.DecisionNoGo:
		verdict.lines = append(verdict.lines, i18n.T(l, "plan.decision.nogo", names(pl.Decision.Unmet)))
	}
	verdict.lines = append(verdict.lines, i18n.T(l, "balance.verdict."+balanceVerdictKey(pl.Balance)))

	commits := planSection{title: i18n.T(l, "plan.commitments")}
	for _, c := range pl.Commitments {
		who := f.text(Truncate(c.PersonName, 80))
		if c.Person != "" || who == "" {
			who = f.user(c.Person)
		}
		commits.lines = append(commits.lines, i18n.T(l, "plan.commit.line", f.text(Truncate(c.What, 200)),
			i18n.T(l, "plan.side."+c.Side), who, planDay(l, c.Due))+" · "+i18n.T(l, "plan.status."+c.Status))
	}
	if len(commits.lines) == 0 {
		commits.lines = []string{i18n.T(l, "plan.commit.none")}
	}

	events := planSection{title: i18n.T(l, "plan.events")}
	for _, e := range pl.NextEvents {
		events.lines = append(events.lines, f.text(Truncate(e.Title, 150))+" · "+planDayTime(l, e)+" · "+i18n.T(l, "host."+string(e.Host)))
	}
	if len(events.lines) == 0 {
		events.lines = []string{i18n.T(l, "plan.events.none")}
	}
	if pl.Turn != "" {
		events.lines = append(events.lines, i18n.T(l, "plan.turn."+string(pl.Turn)))
	}

	out := []planSection{profile, verdict, commits, events}
	review := planSection{title: i18n.T(l, "plan.review"), lines: []string{i18n.T(l, "plan.review.none")}}
	if r := pl.LastReview; r != nil {
		review.lines = []string{i18n.T(l, "plan.review.line", f.text(r.Quarter), r.Score)}
		for _, n := range r.Next {
			args := make([]any, len(n.Args))
			for i, a := range n.Args {
				args[i] = f.text(Truncate(a, 200))
			}
			if n.Code == coach.NextBookEvent && len(n.Args) == 1 {
				args[0] = i18n.T(l, "host."+n.Args[0])
			}
			review.lines = append(review.lines, i18n.T(l, "qbr.next."+n.Code, args...))
		}
	}
	out = append(out, review)
	return title, out
}

// balanceVerdictKey names the balance.verdict.* line for b.
func balanceVerdictKey(b coach.Balance) string {
	switch b.Verdict {
	case coach.VerdictBalanced:
		return "balanced"
	case coach.VerdictLeaning:
		return "leaning"
	case coach.VerdictLopsided:
		return "lopsided"
	}
	return "none"
}

func planDay(l i18n.Locale, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return i18n.Day(l, t)
}

// planDayTime is an event's start in its own zone, written out (a canvas
// has no <!date> token).
func planDayTime(l i18n.Locale, e coach.Event) string {
	t := e.Start
	if loc, err := time.LoadLocation(e.TimeZone); err == nil && e.TimeZone != "" {
		t = t.In(loc)
	}
	return i18n.DayTime(l, t)
}

// PlanMarkdown is the plan as canvas markdown.
func PlanMarkdown(l i18n.Locale, pl coach.Plan) string {
	title, sections := planDoc(l, pl, canvasFormat)
	var b strings.Builder
	b.WriteString("# " + canvasEscape(title) + "\n")
	for _, s := range sections {
		b.WriteString("\n## " + s.title + "\n")
		for _, line := range s.lines {
			b.WriteString("- " + line + "\n")
		}
	}
	b.WriteString("\n" + i18n.T(l, "plan.footer", pl.Partner.ID) + "\n")
	return b.String()
}

// PlanTitle is the canvas's title.
func PlanTitle(l i18n.Locale, pl coach.Plan) string {
	return Truncate(i18n.T(l, "plan.title", pl.Partner.Name), 150)
}

// PlanMessage is the plan as a message, where Slack refuses canvases.
func PlanMessage(l i18n.Locale, pl coach.Plan) []slack.Block {
	title, sections := planDoc(l, pl, mrkdwnFormat)
	out := []slack.Block{Header(Truncate(title, 150))}
	for _, s := range sections {
		out = append(out, Section("*"+s.title+"*\n• "+strings.Join(s.lines, "\n• ")))
	}
	return append(out, Context(i18n.T(l, "plan.footer", Escape(pl.Partner.ID))))
}
