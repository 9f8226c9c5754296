package bot

import (
	"context"
	"strings"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

// rankedRows scores partners and ranks them weakest first: real risks
// first, then the lowest score (coach.RankWeakest). Ended and archived
// partners leave the ranking.
func (b *Bot) rankedRows(ctx context.Context, team string, ps []coach.Partner) ([]blocks.HomeRow, error) {
	now := b.svc.Now()
	standings := make([]coach.Standing, 0, len(ps))
	inputs := make(map[string]coach.HealthInput, len(ps))
	ins, err := b.svc.HealthInputs(ctx, team, ps)
	if err != nil {
		return nil, err
	}
	for _, in := range ins {
		inputs[in.Partner.ID] = in
		standings = append(standings, coach.StandingOf(in, now))
	}
	ranked := coach.RankWeakest(standings)
	rows := make([]blocks.HomeRow, 0, len(ranked))
	for _, s := range ranked {
		in := inputs[s.Partner.ID]
		rows = append(rows, blocks.HomeRow{Partner: s.Partner, Health: s.Health.Score, Verdict: in.Balance.Verdict, Next: in.Events.Next,
			Decision: in.Decision, Risks: s.Risks, LateCommitments: in.Commitments.Late})
	}
	return rows, nil
}

// markItem: checklist <partner> [template] met|not-met|open <item> [note…].
// The same use case as the checklist buttons (coach.Service.SetMark), with
// a note: how a person unticks an item the records ticked, saying why.
func (b *Bot) markItem(ctx context.Context, c *call, p coach.Partner, tpl string, args []string) error {
	m, ok := coach.ReadMark(args[0])
	if !ok || len(args) < 2 {
		return usageError(c, "checklist.mark_args")
	}
	cl, err := b.svc.SetMark(ctx, c.team, c.user, p, tpl, args[1], m, strings.Join(args[2:], " "))
	if err != nil {
		return err
	}
	text := args[1]
	for _, it := range cl.Template.Items {
		if it.ID == args[1] {
			text = it.Text.In(string(c.locale))
		}
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Notice(i18n.T(c.locale, "checklist.marked",
		i18n.T(c.locale, "quote", blocks.Escape(blocks.Truncate(text, 200))), i18n.T(c.locale, "mark."+string(m)))))
}
