package bot

import (
	"context"
	"strings"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
)

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
