package coach

import (
	"strings"
	"time"
)

// ReminderKind is what a reminder brings up. Every kind is a row of
// ReminderKinds; the bot has one message row per kind (bot/reminder_messages.go).
type ReminderKind string

const (
	ReminderBalance  ReminderKind = "balance"  // review the business balance (pitfall 2)
	ReminderWebinar  ReminderKind = "webinar"  // book a joint webinar (rule 6)
	ReminderEvent    ReminderKind = "event"    // the day before a booked event
	ReminderQuickWin ReminderKind = "quickwin" // onboarding without a first deal (pitfall 3)
	ReminderDigest   ReminderKind = "digest"   // weekly team digest, opt-in
	// A commitment's person, before it falls due (issue 16).
	ReminderCommitment ReminderKind = "commitment"
	// The quarterly joint review, sent privately to the owner (issue 16).
	ReminderQBR ReminderKind = "qbr"
)

// Default schedules: presets the reminder runner (package remind) understands,
// at 09:00 in the team's time zone. Presets exist because cron cannot say
// "first Monday of the month": robfig/cron, like Vixie cron, ORs the day of
// month and the day of week when both are restricted, so "0 9 1-7 * 1" would
// fire on every Monday and on the 1st to the 7th.
const (
	DefaultBalanceSchedule  = "monthly"   // first Monday of the month
	DefaultWebinarSchedule  = "weekly"    // checked every Monday; fires only when due
	DefaultEventSchedule    = "0 9 * * *" // checked daily; fires the day before a booked event
	DefaultQuickWinSchedule = "weekly"    // checked every Monday; fires after 60 days without a first deal
	DefaultDigestSchedule   = "0 9 * * 1" // opt-in, team-wide
)

// ReminderNeeds says which of a partner's records a kind's rule reads; the
// runner gathers only those.
type ReminderNeeds uint8

const (
	NeedsEvents      ReminderNeeds = 1 << iota // the partner's joint events
	NeedsLedger                                // the partner's contributions
	NeedsCommitments                           // the partner's commitments (issue 16)
)

// ReminderFacts is what the runner gathers before a reminder may speak.
type ReminderFacts struct {
	Partner       Partner        // zero for a team-wide reminder
	Events        []Event        // with NeedsEvents
	Contributions []Contribution // with NeedsLedger
	Commitments   []Commitment   // with NeedsCommitments
	Now           time.Time
	Loc           *time.Location // with NeedsEvents: the team's time zone, what "tomorrow" means
}

// ReminderKindDef is one row of the table of reminder kinds.
type ReminderKindDef struct {
	Kind     ReminderKind
	Aliases  []string // other words people type, as slugs (see Slug): English and French
	Schedule string   // the default schedule
	Default  bool     // a new partner gets it in its home channel
	TeamWide bool     // belongs to no partner: set with "remind <kind> <schedule>"
	Needs    ReminderNeeds
	// Speaks decides, from the gathered facts alone, whether a due
	// occurrence says anything: the checks keep quiet until the data calls
	// for them.
	Speaks func(ReminderFacts) bool
	// Nudge marks a per-partner nudge that a weekly digest in the same
	// channel replaces: the digest already says it, once for everyone.
	Nudge bool
	// ToOwner sends it privately to the partner's owner, wherever its
	// channel is: it holds internal figures (issue 16).
	ToOwner bool
}

// ReminderKinds is the table of reminder kinds, in the order they are listed.
var ReminderKinds = []ReminderKindDef{
	{Kind: ReminderBalance, Aliases: []string{"review", "bilan", "revue"}, Schedule: DefaultBalanceSchedule, Default: true,
		Needs: NeedsLedger, Speaks: BalanceToReview},
	{Kind: ReminderWebinar, Aliases: []string{"webinars", "webinaire", "webinaires"}, Schedule: DefaultWebinarSchedule, Default: true,
		Needs: NeedsEvents, Speaks: webinarSpeaks, Nudge: true},
	{Kind: ReminderEvent, Aliases: []string{"events", "evenement", "evenements"}, Schedule: DefaultEventSchedule, Default: true,
		Needs: NeedsEvents, Speaks: func(f ReminderFacts) bool { return len(EventsTomorrow(f)) > 0 }},
	{Kind: ReminderQuickWin, Aliases: []string{"quick-win", "quickwins", "quick-wins", "victoire-rapide", "gain-rapide"}, Schedule: DefaultQuickWinSchedule, Default: true,
		Needs: NeedsLedger, Speaks: quickWinSpeaks, Nudge: true},
	{Kind: ReminderDigest, Aliases: []string{"resume"}, Schedule: DefaultDigestSchedule, TeamWide: true,
		Speaks: always},
	// Issue 16: added to a partner with its first commitment (not Default,
	// so partners without a plan keep the reminders they had).
	{Kind: ReminderCommitment, Aliases: []string{"commitments", "commit", "engagement", "engagements"}, Schedule: DefaultCommitmentSchedule,
		Needs: NeedsCommitments, Speaks: commitmentSpeaks},
	// Issue 16: the quarterly review, first Monday of each quarter, to the owner.
	{Kind: ReminderQBR, Aliases: []string{"quarterly-review", "quarterly", "revue-trimestrielle", "trimestrielle"}, Schedule: DefaultQBRSchedule, Default: true,
		Speaks: qbrSpeaks, ToOwner: true},
}

// DefaultQBRSchedule is the first Monday of each quarter (a remind preset).
const DefaultQBRSchedule = "quarterly"

// qbrSpeaks: a running partnership gets its quarterly review; one still
// being chosen, ended or archived does not.
func qbrSpeaks(f ReminderFacts) bool {
	p := f.Partner
	return !p.Archived && p.Stage != StageEnded && !Choosing(p.Stage)
}

func always(ReminderFacts) bool { return true }

// BalanceToReview reports whether a balance review has something to
// review: a contribution logged or dated since the last review (ever, when
// there was none). With nothing new the review is skipped.
func BalanceToReview(f ReminderFacts) bool {
	since := f.Partner.ReviewedAt
	for _, c := range f.Contributions {
		if since.IsZero() || c.CreatedAt.After(since) || c.Date.After(since) {
			return true
		}
	}
	return false
}

func webinarSpeaks(f ReminderFacts) bool {
	return WebinarDue(Summarize(f.Events, f.Now), f.Now, DefaultQuietDays, DefaultLookaheadDays)
}

func quickWinSpeaks(f ReminderFacts) bool {
	_, first := CountDeals(f.Contributions)
	return QuickWinDue(f.Partner, first, f.Now)
}

// EventsTomorrow returns the planned events of the gathered ones that start
// tomorrow in the team's time zone.
func EventsTomorrow(f ReminderFacts) []Event {
	loc := f.Loc
	if loc == nil {
		loc = time.UTC
	}
	return EventsOn(f.Events, f.Now.AddDate(0, 0, 1), loc)
}

// LookupReminderKind returns the row of kind k.
func LookupReminderKind(k ReminderKind) (ReminderKindDef, bool) {
	for _, d := range ReminderKinds {
		if d.Kind == k {
			return d, true
		}
	}
	return ReminderKindDef{}, false
}

// ParseReminderKind reads a kind from a word people type: its name or one
// of its aliases, in any case, with or without accents ("Bilan", "évènement").
func ParseReminderKind(word string) (ReminderKind, error) {
	slug := Slug(word)
	for _, d := range ReminderKinds {
		if slug == string(d.Kind) {
			return d.Kind, nil
		}
		for _, a := range d.Aliases {
			if slug == a {
				return d.Kind, nil
			}
		}
	}
	return "", unknownReminderKind(word)
}

func unknownReminderKind(word string) error {
	return FieldError("kind", "reminder.kind.unknown", word, strings.Join(ReminderKindNames(), ", "))
}

// ReminderKindNames lists every kind's name, in table order.
func ReminderKindNames() []string {
	names := make([]string, len(ReminderKinds))
	for i, d := range ReminderKinds {
		names[i] = string(d.Kind)
	}
	return names
}

// DefaultReminders are the reminders a new partner gets in its home channel:
// the table's Default kinds. The webinar, event and quick-win ones are
// checks: they speak only when the data says so.
func DefaultReminders(p Partner, now time.Time) []Reminder {
	var out []Reminder
	for _, d := range ReminderKinds {
		if d.Default && !d.TeamWide {
			out = append(out, Reminder{TeamID: p.TeamID, ID: ReminderID(p.ID, d.Kind), PartnerID: p.ID, Kind: d.Kind, Spec: d.Schedule, Channel: p.Channel, UpdatedAt: now})
		}
	}
	return out
}
