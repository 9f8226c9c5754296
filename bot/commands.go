package bot

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

func (b *Bot) cmdHelp(ctx context.Context, c *call) error {
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Help(c.locale, helpEntries(c.locale)))
}

// cmdAdd: add <name…> [kind] [@owner] [#channel] (parseAdd); the form without arguments.
func (b *Bot) cmdAdd(ctx context.Context, c *call) error {
	if len(c.args) == 0 {
		meta := b.newMeta(ctx, blocks.ModalAddPartner, c.locale, c.user, c.channel, nil)
		return b.showForm(ctx, c.reply, c.team, c.user, c.triggerID, c.responseURL, meta, nil, c.cmd.usage)
	}
	in, err := parseAdd(c.args, c.user, c.channel)
	if err != nil {
		return err
	}
	// The same command sent again (a retry after "try again" whose write had
	// in fact landed) finds its own partner instead of "name taken".
	in.RequestID = b.operationID(c)
	res, err := b.addPartner(ctx, c.team, c.user, in)
	if err != nil {
		return err
	}
	return b.answerInternal(ctx, c, blocks.PartnerAdded(c.locale, c.user, res.Partner))
}

func (b *Bot) cmdList(ctx context.Context, c *call) error {
	filter := strings.Join(c.args, " ")
	// An owner or a channel, as Slack sends it (<@U…|name>, <#C…|name>) or
	// as a bare ID.
	if id, ok := userRef(filter); ok {
		filter = id
	} else if id, ok := channelRef(filter); ok {
		filter = id
	}
	bl, err := b.partnerList(ctx, c.locale, c.team, filter, strings.Join(c.args, " "), 0) // issue 15
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", bl)
}

func (b *Bot) cmdShow(ctx context.Context, c *call) error {
	p, _, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	ev, err := b.svc.EventSummary(ctx, c.team, p.ID)
	if err != nil {
		return err
	}
	in, err := b.svc.HealthInput(ctx, c.team, p)
	if err != nil {
		return err
	}
	h := coach.ScoreHealth(in, b.svc.Now())
	// Issue 16: health over the last 13 weeks on the card.
	weeks, err := b.svc.HealthWeeks(ctx, c.team, p.ID, coach.HealthChartWeeks, h)
	if err != nil {
		return err
	}
	card := append(blocks.PartnerCard(c.locale, p, &h, inZone(ev, b.userZone(ctx, c.user)), in.Decision), blocks.HealthChart(c.locale, weeks)...)
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", card)
}

// cmdChecklist posts the checklist in the channel for everyone to tick; in
// a channel shared with another organisation, to the asker privately.
func (b *Bot) cmdChecklist(ctx context.Context, c *call) error {
	p, rest, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	tpl := defaultTemplate(p)
	if len(rest) > 0 {
		if _, isMark := coach.ReadMark(rest[0]); !isMark {
			tpl, rest = rest[0], rest[1:]
		}
	}
	if len(rest) > 0 {
		return b.markItem(ctx, c, p, tpl, rest)
	}
	cl, err := b.svc.Checklist(ctx, c.team, p, tpl)
	if err != nil {
		return err
	}
	// Posted in the channel with the channel-wide language: English unless the
	// person asking reads French (checklists are shared, one language each).
	private, err := b.postChecklist(ctx, c.reply, c.team, c.channel, c.user, c.locale, cl)
	if err != nil {
		if notInChannel(err) {
			return usageError(c, "invite_me")
		}
		return err
	}
	if private {
		return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Notice(i18n.T(c.locale, "shared_channel.checklist_dm")))
	}
	return nil
}

// defaultTemplate is the checklist that fits the partner's stage: choosing
// it, or launching and running it.
func defaultTemplate(p coach.Partner) string {
	if p.Stage == coach.StageProspect || p.Stage == coach.StageEvaluating {
		return coach.TemplateSelection
	}
	return coach.TemplateLaunch
}

// notInChannel reports Slack's refusals to post where the bot is not.
func notInChannel(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "not_in_channel") || strings.Contains(err.Error(), "channel_not_found"))
}

// cmdLog: log <partner> gave|got <amount> <currency> <kind> [note…].
func (b *Bot) cmdLog(ctx context.Context, c *call) error {
	if len(c.args) == 0 {
		return b.showForm(ctx, c.reply, c.team, c.user, c.triggerID, c.responseURL, b.newMeta(ctx, blocks.ModalLog, c.locale, c.user, c.channel, nil), nil, c.cmd.usage)
	}
	p, rest, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return b.showForm(ctx, c.reply, c.team, c.user, c.triggerID, c.responseURL, b.newMeta(ctx, blocks.ModalLog, c.locale, c.user, c.channel, &p), nil, c.cmd.usage)
	}
	a, err := parseLog(rest)
	if err != nil {
		return err
	}
	// The same command sent again (a redelivered envelope, or a retry after
	// "try again" whose write had in fact landed) is stored once.
	in := coach.NewContribution{ID: b.operationID(c), Direction: a.dir, Kind: a.kind, Amount: a.amount, Note: a.note}
	res, err := b.logContribution(ctx, c.team, c.user, p, in)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Logged(c.locale, res.Partner, res.Contribution))
}

// partnerAndWindow reads "<partner> [window]" (balance, ledger); the window
// defaults to the last 12 months.
func (b *Bot) partnerAndWindow(ctx context.Context, c *call) (coach.Partner, coach.Window, error) {
	p, rest, err := b.findPartner(ctx, c)
	if err != nil {
		return coach.Partner{}, coach.Window{}, err
	}
	w := coach.DefaultWindow
	if len(rest) > 0 {
		if w, err = coach.ParseWindow(strings.Join(rest, " ")); err != nil {
			return coach.Partner{}, coach.Window{}, err
		}
	}
	return p, w, nil
}

// cmdBalance posts the balance for the channel, or only to the asker where
// the channel is shared with another organisation.
func (b *Bot) cmdBalance(ctx context.Context, c *call) error {
	p, w, err := b.partnerAndWindow(ctx, c)
	if err != nil {
		return err
	}
	// Issue 16: give-and-take by month, a chart before the buttons; the
	// balance and the months from one read of the window.
	bal, months, err := b.svc.BalanceByMonth(ctx, c.team, p.ID, w)
	if err != nil {
		return err
	}
	return b.answerFigures(ctx, c, blocks.WithChart(blocks.Balance(c.locale, p, bal, w), blocks.GiveTakeChart(c.locale, months)))
}

// answerFigures shows internal figures: to the channel, unless it is shared
// with another organisation, where only the asker sees them, and is told why.
func (b *Bot) answerFigures(ctx context.Context, c *call, bl []slack.Block) error {
	if b.lookups.externallyShared(ctx, c.channel) {
		bl = append(bl, blocks.Context(i18n.T(c.locale, "shared_channel")))
		return b.respond(ctx, c.reply, c.responseURL, "ephemeral", bl)
	}
	return b.respond(ctx, c.reply, c.responseURL, "in_channel", bl)
}

// cmdWebinar: webinar <partner> <date> <time> [title…] (parseWebinar), in
// the user's time zone.
func (b *Bot) cmdWebinar(ctx context.Context, c *call) error {
	if len(c.args) == 0 {
		return b.showForm(ctx, c.reply, c.team, c.user, c.triggerID, c.responseURL, b.newMeta(ctx, blocks.ModalWebinar, c.locale, c.user, c.channel, nil), nil, c.cmd.usage)
	}
	p, rest, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	meta := b.newMeta(ctx, blocks.ModalWebinar, c.locale, c.user, c.channel, &p)
	// Without a date and a time, the form asks for them with pickers,
	// keeping what was given.
	if len(rest) < 2 {
		vals := blocks.Form{}
		if len(rest) == 1 {
			loc, _ := zone(meta)
			if d, err := coach.ParseDate(rest[0], b.svc.Now(), loc); err == nil {
				vals[blocks.FieldDate] = d.Format(time.DateOnly)
			}
		}
		return b.showForm(ctx, c.reply, c.team, c.user, c.triggerID, c.responseURL, meta, vals, c.cmd.usage)
	}
	var loc *time.Location
	loc, meta.TZ = zone(meta)
	start, title, err := parseWebinar(rest, b.svc.Now(), loc)
	if err != nil {
		return err
	}
	res, err := b.bookWebinar(ctx, c.team, c.user, c.locale, p, coach.NewEvent{ID: b.operationID(c), Title: title, Start: start, TimeZone: meta.TZ})
	if err != nil {
		return err
	}
	return b.answerInternal(ctx, c, blocks.EventBookedWithLink(c.locale, res.Partner, res.Event))
}

func (b *Bot) cmdEvents(ctx context.Context, c *call) error {
	p, rest, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return b.eventAction(ctx, c, p, rest)
	}
	s, err := b.svc.EventSummary(ctx, c.team, p.ID)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.EventList(c.locale, p, inZone(s, b.userZone(ctx, c.user))))
}

// inZone puts each event's time back in the zone it was booked in (else the
// asker's), for the dates' fallback text; Slack shows every reader their own
// zone anyway. A stored time keeps only its offset: "+0100", not "CET".
func inZone(s coach.EventSummary, asker *time.Location) coach.EventSummary {
	move := func(e *coach.Event) *coach.Event {
		if e == nil {
			return nil
		}
		c := *e
		zone := asker
		if loc, err := time.LoadLocation(c.TimeZone); err == nil && c.TimeZone != "" {
			zone = loc
		}
		c.Start = c.Start.In(zone)
		return &c
	}
	s.Last, s.Next = move(s.Last), move(s.Next)
	up := make([]coach.Event, len(s.Upcoming))
	for i := range s.Upcoming {
		up[i] = *move(&s.Upcoming[i])
	}
	s.Upcoming = up
	return s
}

// cmdComplexity: complexity <partner> <deal>: <part> [party|component] <n>%, …
func (b *Bot) cmdComplexity(ctx context.Context, c *call) error {
	if len(c.args) == 0 {
		return b.showForm(ctx, c.reply, c.team, c.user, c.triggerID, c.responseURL, b.newMeta(ctx, blocks.ModalComplexity, c.locale, c.user, c.channel, nil), nil, c.cmd.usage)
	}
	p, rest, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	name, partsText, ok := strings.Cut(strings.Join(rest, " "), ":")
	if !ok || strings.TrimSpace(partsText) == "" {
		// No parts inline: the form lists them, filled in from the deal
		// when it exists already.
		return b.complexityForm(ctx, c, p, strings.TrimSpace(name))
	}
	name, parts, err := parseComplexity(rest)
	if err != nil {
		return err
	}
	res, err := b.analyseDeal(ctx, c.team, c.user, p, name, parts)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Complexity(c.locale, res.Partner, res.Deal, res.Analysis))
}

// complexityForm opens the deal form for p, with deal's parts when it exists.
func (b *Bot) complexityForm(ctx context.Context, c *call, p coach.Partner, deal string) error {
	meta := b.newMeta(ctx, blocks.ModalComplexity, c.locale, c.user, c.channel, &p)
	vals := blocks.Form{blocks.FieldDeal: deal}
	if id := coach.Slug(deal); id != "" {
		d, err := b.svc.Deal(ctx, c.team, p.ID, id)
		switch {
		case err == nil:
			vals[blocks.FieldDeal] = d.Name
			meta.Rows = len(d.Parts) + 1
			for i, part := range d.Parts {
				vals[blocks.PartField(i+1, "name")] = part.Name
				vals[blocks.PartField(i+1, "kind")] = string(part.Kind)
				vals[blocks.PartField(i+1, "chance")] = strconv.Itoa(part.Chance)
			}
		case coach.ErrorCode(err) != coach.ENOTFOUND:
			return err
		}
	}
	return b.showForm(ctx, c.reply, c.team, c.user, c.triggerID, c.responseURL, meta, vals, c.cmd.usage)
}

func (b *Bot) cmdHealth(ctx context.Context, c *call) error {
	if len(c.args) > 0 {
		p, _, err := b.findPartner(ctx, c)
		if err != nil {
			return err
		}
		h, err := b.svc.Health(ctx, c.team, p)
		if err != nil {
			return err
		}
		return b.answerFigures(ctx, c, blocks.Health(c.locale, p, h))
	}
	rows, err := b.healthRows(ctx, c.team)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Notice(i18n.T(c.locale, "list.empty")))
	}
	return b.answerFigures(ctx, c, blocks.HealthListPage(c.locale, rows, 0))
}

// healthRows is every partner's health score, weakest first: real risks
// first, ended and archived partners left out (see standingRows).
func (b *Bot) healthRows(ctx context.Context, team string) ([]blocks.HealthRow, error) {
	ranked, err := b.standingRows(ctx, team, nil) // issue 15: kept standings
	if err != nil {
		return nil, err
	}
	rows := make([]blocks.HealthRow, 0, len(ranked))
	for _, r := range ranked {
		rows = append(rows, blocks.HealthRow{Partner: r.Partner, Score: r.Health, Risks: r.Risks})
	}
	return rows, nil
}

func (b *Bot) cmdTip(ctx context.Context, c *call) error {
	p, _, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	tips, err := b.svc.Tips(ctx, c.team, p)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Tips(c.locale, p, tips))
}

func (b *Bot) cmdStage(ctx context.Context, c *call) error {
	p, rest, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	st, err := parseStage(rest)
	if err != nil {
		return err
	}
	p, err = b.svc.SetStage(ctx, c.team, c.user, p.ID, st)
	if err != nil {
		return err
	}
	return b.answerInternal(ctx, c, blocks.StageSet(c.locale, p))
}

func (b *Bot) cmdArchive(ctx context.Context, c *call) error {
	p, _, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	p, err = b.svc.Archive(ctx, c.team, c.user, p.ID)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Archived(c.locale, p))
}
