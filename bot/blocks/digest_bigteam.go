package blocks

import (
	"fmt"
	"strings"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// DigestListMax is how many partners a digest lists one by one; above it,
// the digest sums up (issue 15).
const DigestListMax = 10

// DigestSummary sums up a big team in a few blocks: how many partners per
// balance verdict and per stage, then the DigestListMax most at risk
// (rows come weakest first), and how many more there are.
func DigestSummary(l i18n.Locale, rows []HomeRow, reminderID string) []slack.Block {
	verdicts := map[coach.Verdict]int{}
	stages := map[coach.Stage]int{}
	for _, r := range rows {
		v := r.Verdict
		if v == "" {
			v = coach.VerdictNoData
		}
		verdicts[v]++
		stages[r.Partner.Stage]++
	}
	var vs, ss []string
	for _, v := range []coach.Verdict{coach.VerdictLopsided, coach.VerdictLeaning, coach.VerdictBalanced, coach.VerdictNoData} {
		if n := verdicts[v]; n > 0 {
			vs = append(vs, i18n.T(l, "digest.count", i18n.T(l, "digest.verdict."+string(v)), n))
		}
	}
	for _, st := range coach.Stages {
		if n := stages[st]; n > 0 {
			ss = append(ss, i18n.T(l, "digest.count", i18n.T(l, "stage."+string(st)), n))
		}
	}
	out := []slack.Block{
		Header(i18n.T(l, "digest.title", len(rows))),
		Section(i18n.T(l, "digest.by_verdict", strings.Join(vs, " · ")) + "\n" + i18n.T(l, "digest.by_stage", strings.Join(ss, " · "))),
	}
	top := rows[:min(len(rows), DigestListMax)]
	lines := []string{i18n.T(l, "digest.most_at_risk", len(top))}
	for _, r := range top {
		lines = append(lines, fmt.Sprintf("%d/100 · *%s* · %s%s", r.Health, Escape(Truncate(r.Partner.Name, 80)),
			i18n.T(l, "stage."+string(r.Partner.Stage)), RiskText(l, r.Risks)))
	}
	out = append(out, Section(strings.Join(lines, "\n")))
	if rest := len(rows) - len(top); rest > 0 {
		out = append(out, Context(i18n.T(l, "digest.rest", rest)))
	}
	return append(out, Actions("digest", Button(ActionPause, i18n.T(l, "reminder.pause_button"), reminderID, "")))
}
