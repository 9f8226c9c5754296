package coach

import "time"

// ReminderID names a partner's reminder of a kind, or a team-wide one when
// partnerID is empty.
func ReminderID(partnerID string, k ReminderKind) string {
	if partnerID == "" {
		return "team:" + string(k)
	}
	return partnerID + ":" + string(k)
}

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

// DefaultReminders are the reminders a new partner gets in its home channel.
// The webinar, event and quick-win ones are checks: they speak only when the
// data says so.
func DefaultReminders(p Partner, now time.Time) []Reminder {
	mk := func(k ReminderKind, spec string) Reminder {
		return Reminder{TeamID: p.TeamID, ID: ReminderID(p.ID, k), PartnerID: p.ID, Kind: k, Spec: spec, Channel: p.Channel, UpdatedAt: now}
	}
	return []Reminder{
		mk(ReminderBalance, DefaultBalanceSchedule),
		mk(ReminderWebinar, DefaultWebinarSchedule),
		mk(ReminderEvent, DefaultEventSchedule),
		mk(ReminderQuickWin, DefaultQuickWinSchedule),
	}
}
