package coach

import "time"

// Host says who runs a joint event.
type Host string

const (
	HostUs      Host = "us"
	HostPartner Host = "partner"
	HostBoth    Host = "both"
)

// EventStatus is where a joint event stands.
type EventStatus string

const (
	EventPlanned   EventStatus = "planned"
	EventDone      EventStatus = "done"
	EventCancelled EventStatus = "cancelled"
)

// Event is a joint webinar or event with a partner (rule 6: quality time together).
type Event struct {
	TeamID    string      `json:"team_id"`
	PartnerID string      `json:"partner_id"`
	ID        string      `json:"id"`
	Title     string      `json:"title"`
	Start     time.Time   `json:"start"`
	TimeZone  string      `json:"tz"` // IANA name the start was given in, e.g. "Europe/Paris"
	Link      string      `json:"link,omitempty"`
	Host      Host        `json:"host"`
	Status    EventStatus `json:"status"`
	CreatedBy string      `json:"created_by"`
	CreatedAt time.Time   `json:"created_at"`
	UpdatedAt time.Time   `json:"updated_at"`
}
