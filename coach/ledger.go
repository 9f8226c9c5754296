package coach

import "time"

// Direction says which side brought a contribution.
type Direction string

const (
	Gave Direction = "gave" // we brought it to the partner
	Got  Direction = "got"  // the partner brought it to us
)

// ContributionKind is what was brought.
type ContributionKind string

const (
	ContribLead         ContributionKind = "lead"
	ContribDeal         ContributionKind = "deal"
	ContribRevenue      ContributionKind = "revenue"
	ContribResale       ContributionKind = "resale"
	ContribCoMarketing  ContributionKind = "co-marketing"
	ContribIntroduction ContributionKind = "introduction"
)

// ContributionKinds lists every kind in display order.
var ContributionKinds = []ContributionKind{ContribLead, ContribDeal, ContribRevenue, ContribResale, ContribCoMarketing, ContribIntroduction}

// Money is an amount in minor units (cents) of an ISO 4217 currency. No floats.
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"` // upper-case ISO 4217 code, e.g. "EUR"
}

// Contribution is one line of the give-and-take ledger (pitfall 1).
type Contribution struct {
	TeamID    string           `json:"team_id"`
	PartnerID string           `json:"partner_id"`
	ID        string           `json:"id"` // chosen by the caller; adding an existing ID is a no-op
	Direction Direction        `json:"direction"`
	Kind      ContributionKind `json:"kind"`
	Amount    Money            `json:"amount"`
	Date      time.Time        `json:"date"`
	Note      string           `json:"note,omitempty"`
	Author    string           `json:"author"` // Slack user ID
	CreatedAt time.Time        `json:"created_at"`
}
