package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/slack-go/slack"
)

// remindUsage is the usage of remind and reminders, from the table of
// kinds: "remind <partner> balance|webinar|… <schedule> | remind digest
// <schedule>" and "reminders [partner] | reminders pause|resume <partner> balance|webinar|…".
func remindUsage() (remind, reminders string) {
	var partner, team []string
	for _, d := range coach.ReminderKinds {
		if d.TeamWide {
			team = append(team, " | remind "+string(d.Kind)+" <schedule>")
		} else {
			partner = append(partner, string(d.Kind))
		}
	}
	kinds := strings.Join(partner, "|")
	return "remind <partner> " + kinds + " <schedule>" + strings.Join(team, ""),
		"reminders [partner] | reminders pause|resume <partner> " + kinds
}

// partnerReminderKind reads the kind of one partner's reminder: a team-wide
// kind (the digest) is set without a partner.
func partnerReminderKind(c *call, word string) (coach.ReminderKind, error) {
	kind, err := coach.ParseReminderKind(word)
	if err != nil {
		return "", err
	}
	if d, _ := coach.LookupReminderKind(kind); d.TeamWide {
		return "", usageError(c, "remind_team_wide", word, string(kind))
	}
	return kind, nil
}

// cmdRemind: remind <partner> <kind> <schedule…>, posted to the partner's
// home channel (or here when it has none).
func (b *Bot) cmdRemind(ctx context.Context, c *call) error {
	// remind digest <schedule>: the team-wide digest, posted in this channel.
	if len(c.args) > 0 && isDigest(c.args[0]) {
		if len(c.args) < 2 {
			return usageError(c, "remind_args")
		}
		if b.lookups.externallyShared(ctx, c.channel) {
			return usageError(c, "digest_shared")
		}
		r, err := b.svc.SetReminder(ctx, c.team, c.user, coach.Reminder{Kind: coach.ReminderDigest, Spec: strings.Join(c.args[1:], " "), Channel: c.channel})
		if err != nil {
			return err
		}
		return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Notice(i18n.T(c.locale, "remind.digest_set", blocks.Schedule(c.locale, r.Spec), b.nextTime(ctx, c, r))))
	}
	p, rest, err := b.findPartner(ctx, c)
	if err != nil {
		return err
	}
	if len(rest) < 2 {
		return usageError(c, "remind_args")
	}
	kind, err := partnerReminderKind(c, rest[0])
	if err != nil {
		return err
	}
	channel := p.Channel
	if channel == "" {
		channel = c.channel
	}
	r, err := b.svc.SetReminder(ctx, c.team, c.user, coach.Reminder{PartnerID: p.ID, Kind: kind, Spec: strings.Join(rest[1:], " "), Channel: channel})
	if err != nil {
		return err
	}
	bl := blocks.Notice(i18n.T(c.locale, "remind.set", i18n.T(c.locale, "reminder.kind."+string(r.Kind)),
		blocks.Escape(p.Name), blocks.Schedule(c.locale, r.Spec), b.nextTime(ctx, c, r)))
	if r.Paused {
		bl = append(bl, blocks.Context(i18n.T(c.locale, "remind.still_paused", blocks.Escape(p.ID), string(r.Kind))))
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", bl)
}

// isDigest reports whether word names the team digest ("digest", "résumé").
func isDigest(word string) bool {
	k, err := coach.ParseReminderKind(word)
	return err == nil && k == coach.ReminderDigest
}

// nextTime renders a reminder's next occurrence in the user's time zone.
func (b *Bot) nextTime(ctx context.Context, c *call, r coach.Reminder) string {
	s, err := remind.Parse(r.Spec, b.defaultTZ())
	if err != nil {
		return "—"
	}
	next := s.Next(b.svc.Now())
	if r.SnoozedUntil.After(next) {
		next = r.SnoozedUntil
	}
	def, _ := time.LoadLocation(b.defaultTZ())
	return blocks.DateTime(c.locale, next.In(b.lookups.zone(ctx, c.user, def)))
}

func (b *Bot) defaultTZ() string {
	if b.cfg.DefaultTZ == "" {
		return "UTC"
	}
	return b.cfg.DefaultTZ
}

// cmdReminders lists reminders (of one partner, or all), or pauses and
// resumes one: reminders pause|resume <partner> <kind>.
func (b *Bot) cmdReminders(ctx context.Context, c *call) error {
	if len(c.args) > 0 && (strings.EqualFold(c.args[0], "pause") || strings.EqualFold(c.args[0], "resume")) {
		verb := strings.ToLower(c.args[0])
		sub := *c
		sub.args = c.args[1:]
		p, rest, err := b.findPartner(ctx, &sub)
		if err != nil {
			return err
		}
		if len(rest) == 0 {
			return usageError(c, "remind_args")
		}
		kind, err := partnerReminderKind(c, rest[0])
		if err != nil {
			return err
		}
		id := coach.ReminderID(p.ID, kind)
		if verb == "pause" {
			_, err = b.svc.PauseReminder(ctx, c.team, c.user, id)
		} else {
			_, err = b.svc.ResumeReminder(ctx, c.team, c.user, id)
		}
		if err != nil {
			return err
		}
		return b.respond(ctx, c.reply, c.responseURL, "ephemeral", blocks.Notice(i18n.T(c.locale, "reminders."+verb+"d", i18n.T(c.locale, "reminder.kind."+string(kind)), blocks.Escape(p.Name))))
	}
	only := ""
	if len(c.args) > 0 {
		p, _, err := b.findPartner(ctx, c)
		if err != nil {
			return err
		}
		only = p.ID
	}
	out, err := b.remindersPage(ctx, c, only, 0)
	if err != nil {
		return err
	}
	return b.respond(ctx, c.reply, c.responseURL, "ephemeral", out)
}

// remindersPerPage is how many reminders a page of /partner reminders lists.
const remindersPerPage = 45

// remindersPage renders a page of the team's reminders (only one partner's
// when only is set), with the buttons that reach the other pages.
func (b *Bot) remindersPage(ctx context.Context, c *call, only string, page int) ([]slack.Block, error) {
	rs, err := b.svc.Reminders(ctx, c.team)
	if err != nil {
		return nil, err
	}
	// An archived partner's reminders never fire: leave them out.
	ps, err := b.svc.Partners(ctx, c.team)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, p := range ps {
		if !p.Archived {
			names[p.ID] = p.Name
		}
	}
	var lines []string
	for _, r := range rs {
		if only != "" && r.PartnerID != only {
			continue
		}
		name := ""
		if r.PartnerID != "" {
			var ok bool
			if name, ok = names[r.PartnerID]; !ok {
				continue
			}
		}
		state := i18n.T(c.locale, "reminders.next", b.nextTime(ctx, c, r))
		if r.Paused {
			state = i18n.T(c.locale, "reminders.paused_state")
		}
		what := i18n.T(c.locale, "reminder.kind."+string(r.Kind))
		if name != "" { // the digest has no partner
			what = "*" + blocks.Escape(name) + "* · " + what
		}
		where := "<#" + blocks.Escape(r.Channel) + ">"
		if def, _ := coach.LookupReminderKind(r.Kind); def.ToOwner {
			where = i18n.T(c.locale, "reminders.to_owner") // sent privately, not in the channel
		}
		lines = append(lines, fmt.Sprintf("• %s · %s · %s · %s", what,
			blocks.Schedule(c.locale, r.Spec), where, state))
	}
	if len(lines) == 0 {
		return blocks.Notice(i18n.T(c.locale, "reminders.none")), nil
	}
	pages := blocks.Pages(len(lines), remindersPerPage)
	page = min(max(page, 0), pages-1)
	lines = lines[page*remindersPerPage : min(len(lines), (page+1)*remindersPerPage)]
	out := blocks.Notice("*" + i18n.T(c.locale, "reminders.title") + "*")
	for i := 0; i < len(lines); i += 15 {
		out = append(out, blocks.Section(strings.Join(lines[i:min(len(lines), i+15)], "\n")))
	}
	return append(out, blocks.Pager(c.locale, blocks.ActionRemindersPage, page, pages, only)...), nil
}
