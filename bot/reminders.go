package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/partnercoach/partnercoach/bot/blocks"
	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/slack-go/slack"
)

// Pacer spaces posts per channel (Slack takes about one message per second
// per channel); remind.Pacer implements it.
type Pacer interface {
	Wait(ctx context.Context, channel string) error
	PushBack(channel string, d time.Duration)
}

// DeliverReminder posts one due reminder to its channel and returns the
// message ts; ("", nil) means there was nothing to say (a webinar nudge
// while a joint event is recent or booked, an archived partner). d.At holds
// the occurrences it stands for, several after a catch-up. It is a
// remind.Deliver: right before posting it confirms d's claim (postPaced).
func (b *Bot) DeliverReminder(ctx context.Context, d remind.Due) (string, error) {
	r, at := d.Reminder, d.At
	if r.PartnerID == "" {
		if r.Kind != coach.ReminderDigest {
			return "", nil
		}
		return b.deliverDigest(ctx, d, r)
	}
	p, err := b.svc.Store.Partner(ctx, r.TeamID, r.PartnerID)
	if coach.ErrorCode(err) == coach.ENOTFOUND {
		return "", nil
	} else if err != nil {
		return "", err
	}
	if p.Archived || p.Stage == coach.StageEnded {
		return "", nil
	}
	l := i18n.EN // channel messages speak the workspace's default language
	var bl []slack.Block
	switch r.Kind {
	case coach.ReminderBalance:
		since := p.ReviewedAt
		if since.IsZero() {
			since = coach.DefaultWindow.Start(b.svc.Now())
		}
		bal, err := b.svc.BalanceSince(ctx, r.TeamID, p.ID, since)
		if err != nil {
			return "", err
		}
		bl = blocks.BalanceReview(l, p, bal, r.ID, len(at), b.lookups.externallyShared(ctx, r.Channel))
	case coach.ReminderWebinar:
		s, err := b.svc.EventSummary(ctx, r.TeamID, p.ID)
		if err != nil {
			return "", err
		}
		if !coach.WebinarDue(s, b.svc.Now(), coach.DefaultQuietDays, coach.DefaultLookaheadDays) {
			return "", nil
		}
		bl = blocks.WebinarNudge(l, p, s, r.ID)
	case coach.ReminderEvent:
		events, err := b.svc.Store.Events(ctx, r.TeamID, p.ID)
		if err != nil {
			return "", err
		}
		loc, err := time.LoadLocation(b.defaultTZ())
		if err != nil {
			loc = time.UTC
		}
		tomorrow := coach.EventsOn(events, b.svc.Now().AddDate(0, 0, 1), loc)
		if len(tomorrow) == 0 {
			return "", nil
		}
		bl = blocks.EventTomorrow(l, p, tomorrow, loc)
	case coach.ReminderQuickWin:
		all, err := b.svc.Store.Contributions(ctx, r.TeamID, p.ID, time.Time{}, time.Time{})
		if err != nil {
			return "", err
		}
		if _, first := coach.CountDeals(all); !coach.QuickWinDue(p, first, b.svc.Now()) {
			return "", nil
		}
		bl = blocks.QuickWinNudge(l, p, int(b.svc.Now().Sub(p.StageChangedAt).Hours()/24), r.ID)
	default:
		return "", nil
	}
	return b.postPaced(ctx, d, r.Channel, bl)
}

// deliverDigest sums up every active partner of the team in one message.
// In a channel shared with another organisation it posts nothing: a digest
// is all internal figures.
func (b *Bot) deliverDigest(ctx context.Context, d remind.Due, r coach.Reminder) (string, error) {
	if b.lookups.externallyShared(ctx, r.Channel) {
		b.log.Warn("digest not posted: the channel is shared with another organisation", slog.String("channel", r.Channel))
		return "", nil
	}
	ps, err := b.svc.ListPartners(ctx, r.TeamID, "")
	if err != nil {
		return "", err
	}
	rows := make([]blocks.HomeRow, 0, len(ps))
	for _, p := range ps {
		in, err := b.svc.HealthInput(ctx, r.TeamID, p)
		if err != nil {
			return "", err
		}
		rows = append(rows, blocks.HomeRow{Partner: p, Health: coach.ScoreHealth(in, b.svc.Now()).Score, Verdict: in.Balance.Verdict, Next: in.Events.Next})
	}
	return b.postPaced(ctx, d, r.Channel, blocks.Digest(i18n.EN, rows, r.ID))
}

// postTimeout bounds one reminder post once it has started.
const postTimeout = 10 * time.Second

// postPaced posts d at the channel's pace. A 429 means Slack did not post, so
// waiting Retry-After and posting again cannot duplicate; any other failure
// is returned without a retry, because a post whose outcome is unknown
// might have gone through.
func (b *Bot) postPaced(ctx context.Context, d remind.Due, channel string, bl []slack.Block) (string, error) {
	for attempt := 0; ; attempt++ {
		if err := b.pacer.Wait(ctx, channel); err != nil {
			return "", err
		}
		// The wait can be long: make sure no other replica took the
		// occurrence over meanwhile.
		if err := d.Confirm(ctx); err != nil {
			return "", fmt.Errorf("post reminder to %s: %w", channel, err)
		}
		// Once the post is on its way, a shutdown does not cut it short: its
		// outcome would be unknown, and the occurrence recorded as done
		// without being posted. postTimeout still bounds it.
		pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), postTimeout)
		ts, err := b.post(pctx, nil, channel, bl)
		cancel()
		var rl *slack.RateLimitedError
		if errors.As(err, &rl) && attempt < 5 {
			b.log.Warn("rate limited; waiting", slog.String("channel", channel), slog.Duration("retry_after", rl.RetryAfter))
			b.pacer.PushBack(channel, rl.RetryAfter)
			continue
		}
		var apiErr slack.SlackErrorResponse
		var statusErr slack.StatusCodeError
		switch {
		case err == nil:
			return ts, nil
		case errors.As(err, &apiErr), errors.As(err, &rl), errors.As(err, &statusErr) && statusErr.Code < 500:
			// Slack answered and did not post: safe to retry later.
			return "", fmt.Errorf("post reminder to %s: %w", channel, err)
		default:
			// No clear answer (timeout, reset, 5xx): it may have posted.
			return "", fmt.Errorf("post reminder to %s: %w: %w", channel, remind.ErrOutcomeUnknown, err)
		}
	}
}

// ensureDefaultReminders gives a new partner its default reminders in its
// home channel (allowed to whoever added it, whoever owns it).
func (b *Bot) ensureDefaultReminders(ctx context.Context, team, actor string, p coach.Partner) error {
	return b.svc.SetDefaultReminders(ctx, team, actor, p)
}
