package bot

import (
	"context"
	"log/slog"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/slack-go/slack"
)

// reminderMessage is what the bot says for one reminder kind, once the
// kind's rule (coach.ReminderKinds) has decided it speaks.
type reminderMessage struct {
	// keys are the catalog keys the message reads, besides
	// "reminder.kind.<kind>" (the kind's name in lists and notices).
	keys []string
	// build renders the message; nil blocks mean nothing to post.
	build func(b *Bot, ctx context.Context, d delivery) ([]slack.Block, error)
	// deliver, when set, posts instead of build: to people rather than to
	// the reminder's channel (the commitment reminder's direct messages).
	deliver func(b *Bot, ctx context.Context, due remind.Due, d delivery) (string, error)
}

// delivery is one due reminder with the facts gathered for its rule.
type delivery struct {
	r     coach.Reminder
	facts coach.ReminderFacts
	at    []time.Time // the occurrences it stands for, several after a catch-up
	l     i18n.Locale
}

// reminderMessages is the bot's row of each kind: the one place delivery
// depends on the kind.
var reminderMessages = map[coach.ReminderKind]reminderMessage{
	coach.ReminderBalance: {
		keys: []string{"review.title", "review.caught_up", "review.shared", "review.tip.us_ahead", "review.tip.partner_ahead",
			"balance.gave", "balance.got", "balance.reviewed_button", "review.since", "review.since.nothing", "review.totals", "balance.business", "balance.pipeline", "balance.co_marketing", "balance.flow", "balance.nothing", "balance.log_button", "reminder.snooze_button", "reminder.pause_button"},
		build: (*Bot).balanceReview,
	},
	coach.ReminderWebinar: {
		keys: []string{"nudge.title", "nudge.body", "nudge.book_button", "events.no_last", "events.last", "reminder.snooze_button", "reminder.pause_button"},
		build: func(b *Bot, _ context.Context, d delivery) ([]slack.Block, error) {
			return blocks.WebinarNudge(d.l, d.facts.Partner, coach.Summarize(d.facts.Events, d.facts.Now), d.r.ID), nil
		},
	},
	coach.ReminderEvent: {
		keys: []string{"event_tomorrow.title", "event_tomorrow.line"},
		build: func(b *Bot, _ context.Context, d delivery) ([]slack.Block, error) {
			return blocks.EventTomorrow(d.l, d.facts.Partner, coach.EventsTomorrow(d.facts), d.facts.Loc), nil
		},
	},
	coach.ReminderQuickWin: {
		keys: []string{"quickwin.title", "quickwin.body", "reminder.snooze_button", "reminder.pause_button"},
		build: func(b *Bot, _ context.Context, d delivery) ([]slack.Block, error) {
			p := d.facts.Partner
			return blocks.QuickWinNudge(d.l, p, int(d.facts.Now.Sub(p.StageChangedAt).Hours()/24), d.r.ID), nil
		},
	},
	coach.ReminderCommitment: { // issue 16: to each commitment's person
		keys: []string{"commit.remind.title", "commit.remind.today", "commit.remind.in_days", "commit.done_button", "commit.due", "commit.late"},
		build: func(b *Bot, _ context.Context, d delivery) ([]slack.Block, error) {
			return blocks.CommitmentDue(d.l, d.facts.Partner, coach.CommitmentsDueSoon(d.facts.Commitments, d.facts.Now), d.facts.Now), nil
		},
		deliver: (*Bot).deliverCommitments,
	},
	coach.ReminderDigest: {
		keys:  []string{"digest.title", "events.more", "events.none_booked", "reminder.pause_button"},
		build: (*Bot).digest,
	},
}

// balanceReview is what changed since the last review with the running
// totals; in a channel shared with another organisation it has no figures.
func (b *Bot) balanceReview(ctx context.Context, d delivery) ([]slack.Block, error) {
	p := d.facts.Partner
	rev, err := b.svc.ReviewFor(ctx, d.r.TeamID, p)
	if err != nil {
		return nil, err
	}
	return blocks.BalanceReview(d.l, p, rev, d.r.ID, len(d.at), b.lookups.externallyShared(ctx, d.r.Channel)), nil
}

// digest sums up every active partner of the team in one message.
// In a channel shared with another organisation it posts nothing: a digest
// is all internal figures.
func (b *Bot) digest(ctx context.Context, d delivery) ([]slack.Block, error) {
	r := d.r
	if b.lookups.externallyShared(ctx, r.Channel) {
		b.log.Warn("digest not posted: the channel is shared with another organisation", slog.String("channel", r.Channel))
		return nil, nil
	}
	rows, err := b.standingRows(ctx, r.TeamID, nil) // issue 15: kept standings
	if err != nil {
		return nil, err
	}
	if len(rows) > blocks.DigestListMax { // issue 15: a big team is summed up
		return blocks.DigestSummary(d.l, rows, r.ID), nil
	}
	return blocks.Digest(d.l, rows, r.ID), nil
}
