package coach

import "time"

// Reminder is a schedule kept as data; the runner (another package) fires it.
type Reminder struct {
	TeamID    string       `json:"team_id"`
	ID        string       `json:"id"`                   // e.g. "acme-cloud:balance", "team:digest"
	PartnerID string       `json:"partner_id,omitempty"` // empty for team-wide reminders
	Kind      ReminderKind `json:"kind"`
	// Spec is a robfig/cron v3 spec, time zone included ("CRON_TZ=Europe/Paris 0 9 * * 1").
	Spec         string    `json:"spec"`
	Channel      string    `json:"channel"`
	Paused       bool      `json:"paused,omitempty"`
	SnoozedUntil time.Time `json:"snoozed_until,omitzero"`
	// LastOccurrence is the scheduled time of the last occurrence handled.
	LastOccurrence time.Time `json:"last_occurrence,omitzero"`
	UpdatedBy      string    `json:"updated_by,omitempty"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// ReminderID names a partner's reminder of a kind, or a team-wide one when
// partnerID is empty.
func ReminderID(partnerID string, k ReminderKind) string {
	if partnerID == "" {
		return "team:" + string(k)
	}
	return partnerID + ":" + string(k)
}
