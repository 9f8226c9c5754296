package coach

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// CommitSide says who keeps a commitment of the joint plan.
type CommitSide string

const (
	CommitUs      CommitSide = "us"
	CommitPartner CommitSide = "partner"
	CommitBoth    CommitSide = "both"
)

// CommitSides lists the sides in the order they are offered.
var CommitSides = []CommitSide{CommitUs, CommitPartner, CommitBoth}

// CommitmentStatus is where a commitment stands.
type CommitmentStatus string

const (
	CommitmentOpen    CommitmentStatus = "open"
	CommitmentDone    CommitmentStatus = "done"
	CommitmentDropped CommitmentStatus = "dropped"
)

// CommitmentStatuses lists every status.
var CommitmentStatuses = []CommitmentStatus{CommitmentOpen, CommitmentDone, CommitmentDropped}

// Commitment is one item of the joint plan with a partner: something one
// side (or both) promised to do by a day. Due is that day's midnight in the
// zone of whoever set it; the commitment is late once that day is over.
type Commitment struct {
	TeamID    string     `json:"team_id"`
	PartnerID string     `json:"partner_id"`
	ID        string     `json:"id"`
	Side      CommitSide `json:"side"`
	// Person keeps it: a Slack user ID (reminded before it falls due) in
	// Person, or a free name (someone at the partner) in PersonName.
	Person     string           `json:"person,omitempty"`
	PersonName string           `json:"person_name,omitempty"`
	Title      string           `json:"title"`
	Due        time.Time        `json:"due"`
	Status     CommitmentStatus `json:"status"`
	CreatedBy  string           `json:"created_by"`
	CreatedAt  time.Time        `json:"created_at"`
	UpdatedBy  string           `json:"updated_by"`
	UpdatedAt  time.Time        `json:"updated_at"`
	// DoneAt is when it was ticked done (zero unless Status is done).
	DoneAt time.Time `json:"done_at,omitzero"`
}

// Late reports whether the commitment is still open after its due day.
func (c Commitment) Late(now time.Time) bool {
	return c.Status == CommitmentOpen && !now.Before(c.Due.AddDate(0, 0, 1))
}

// DueIn returns how many whole days are left until the due day, seen in the
// due day's own zone: 0 on the day, negative once late.
func (c Commitment) DueIn(now time.Time) int {
	n := now.In(c.Due.Location())
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, c.Due.Location())
	due := time.Date(c.Due.Year(), c.Due.Month(), c.Due.Day(), 0, 0, 0, 0, c.Due.Location())
	return int(math.Round(due.Sub(today).Hours() / 24)) // a DST day has 23 or 25 hours
}

// CommitmentCounts sums up a partner's commitments.
type CommitmentCounts struct {
	Open, Done, Dropped, Late int
}

// CountCommitments counts cs by status, and the open ones that are late.
func CountCommitments(cs []Commitment, now time.Time) CommitmentCounts {
	var n CommitmentCounts
	for _, c := range cs {
		switch c.Status {
		case CommitmentOpen:
			n.Open++
			if c.Late(now) {
				n.Late++
			}
		case CommitmentDone:
			n.Done++
		case CommitmentDropped:
			n.Dropped++
		}
	}
	return n
}

// LateCommitments returns the open commitments past their due day, the
// most overdue first.
func LateCommitments(cs []Commitment, now time.Time) []Commitment {
	var out []Commitment
	for _, c := range cs {
		if c.Late(now) {
			out = append(out, c)
		}
	}
	SortCommitments(out)
	return out
}

// SortCommitments orders by due day, then ID (the order stores return).
func SortCommitments(cs []Commitment) {
	slices.SortStableFunc(cs, func(a, b Commitment) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// MaxCommitmentTitleLen bounds a commitment's title.
const MaxCommitmentTitleLen = 150

// MaxPersonNameLen bounds a free person name.
const MaxPersonNameLen = 80

// validCommitment checks what a user gave for a commitment.
func validCommitment(c Commitment) error {
	if !slices.Contains(CommitSides, c.Side) {
		return FieldError("side", "commitment.side.unknown", string(c.Side))
	}
	if err := validText("title", "commitment.title", c.Title, 1, MaxCommitmentTitleLen); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(c.PersonName); n > MaxPersonNameLen {
		return FieldError("person", "commitment.person.too_long", n, MaxPersonNameLen)
	}
	if strings.ContainsFunc(c.PersonName, func(r rune) bool { return r < ' ' }) || len(c.Person) > 32 {
		return FieldError("person", "commitment.person.invalid")
	}
	if c.Due.IsZero() {
		return FieldError("due", "commitment.due.required")
	}
	return nil
}
