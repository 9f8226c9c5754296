package coach

import "time"

// PartKind says whether a part of a deal is an organisation or a piece of the offer.
type PartKind string

const (
	PartParty     PartKind = "party"
	PartComponent PartKind = "component"
)

// Part is one party or component of a multi-party deal, with its chance of success.
type Part struct {
	Name   string   `json:"name"`
	Kind   PartKind `json:"kind"`
	Chance int      `json:"chance"` // percent, 1–100
}

// Deal is a named deal or project whose overall chance is the product of its
// parts' chances (pitfall 4).
type Deal struct {
	TeamID    string    `json:"team_id"`
	PartnerID string    `json:"partner_id"`
	ID        string    `json:"id"` // slug of the name, unique per partner
	Name      string    `json:"name"`
	Parts     []Part    `json:"parts"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}
