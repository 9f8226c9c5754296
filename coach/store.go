package coach

import (
	"context"
	"time"
)

// Store keeps everything Partner Coach knows. Every method is scoped by the
// Slack team ID and never reads or writes another team's data.
//
// Implementations translate their driver's failures into *Error: ENOTFOUND for a
// missing record, ECONFLICT for a lost race, EUNAVAILABLE when the backend
// cannot be reached (within a bounded time, never a hang).
// storage/storetest holds the conformance suite every implementation passes.
type Store interface {
	PartnerStore
	ChecklistStore
	ChecklistPostStore
	LedgerStore
	EventStore
	DealStore
	ReminderStore
	ClaimStore
	PostSlotStore
	ThreadStore
	// Issue 17: a spreadsheet import applied whole or not at all.
	ImportStore
	// Issue 16: weekly health snapshots (health_history.go).
	HealthStore
	CommitmentStore // the joint plan (issue 16)
	// Big teams (issue 15): lookups through an index, kept standings.
	PartnerIndexStore
	StandingStore

	// Ping reports whether the backend answers.
	Ping(ctx context.Context) error
	// Close releases the store; the store is unusable afterwards.
	Close() error
}

// PostSlotStore keeps each channel's posting pace for every replica that
// shares the store, so that together they keep to Slack's one message per
// second per channel. A store serving one process may keep it in memory.
type PostSlotStore interface {
	// ReservePost books the channel's next slot, interval after the last one
	// booked by anyone, and returns how long to wait for it.
	ReservePost(ctx context.Context, channel string, interval time.Duration) (time.Duration, error)
	// PushBackPosts moves the channel's next slot to at least d from now (a
	// 429's Retry-After).
	PushBackPosts(ctx context.Context, channel string, d time.Duration) error
}

// PartnerStore keeps partners.
type PartnerStore interface {
	// CreatePartner stores a new partner with its reminders in one atomic
	// step: both or neither. ECONFLICT, with nothing written, if the team
	// already has a partner with that ID.
	CreatePartner(ctx context.Context, p Partner, reminders []Reminder) error
	// Partner returns one partner by ID, archived or not. ENOTFOUND if none.
	Partner(ctx context.Context, teamID, id string) (Partner, error)
	// Partners returns every partner of a team, archived included, sorted by ID.
	Partners(ctx context.Context, teamID string) ([]Partner, error)
	// UpdatePartner reads the partner, applies fn and writes the result
	// atomically. A concurrent update makes it retry (fn may run more than
	// once); after a few lost races it returns ECONFLICT. An error from fn
	// aborts the update and is returned as is. fn must not change TeamID or ID.
	UpdatePartner(ctx context.Context, teamID, id string, fn func(*Partner) error) (Partner, error)
}

// ChecklistStore keeps per-partner checklist item states.
type ChecklistStore interface {
	// ItemStates returns the states recorded for one partner's checklist, by
	// item ID. An untouched checklist gives an empty map.
	ItemStates(ctx context.Context, teamID, partnerID, templateID string) (map[string]ItemState, error)
	// SetItemState records one item's state and returns every state of that
	// checklist as of right after the write, in one atomic step: concurrent
	// writes to different items never lose each other. An item already in
	// st.Done's state (one never set counts as not done) is left as it is,
	// who and when included: a click on an old copy of a checklist changes
	// nothing that is already so.
	SetItemState(ctx context.Context, teamID, partnerID, templateID string, st ItemState) (map[string]ItemState, error)
}

// LedgerStore keeps the give-and-take ledger.
type LedgerStore interface {
	// AddContribution stores a contribution. Adding an ID that the partner's
	// ledger already holds changes nothing and returns nil, so a retried or
	// duplicated command has one effect.
	AddContribution(ctx context.Context, c Contribution) error
	// DeleteContribution removes one contribution. ENOTFOUND if none.
	DeleteContribution(ctx context.Context, teamID, partnerID, id string) error
	// Contributions returns a partner's contributions dated in [from, to),
	// oldest first. A zero from or to leaves that end open.
	Contributions(ctx context.Context, teamID, partnerID string, from, to time.Time) ([]Contribution, error)
	// ReviseContribution applies one change to an entry and records it, in
	// one atomic step: it replaces the entry with *rev.After (an edit, its
	// date may move) or removes it (rev.After nil, a delete), and appends rev
	// to the partner's audit trail. Nothing is written when the entry is
	// gone (ENOTFOUND) or no longer equals rev.Before (ECONFLICT: someone
	// changed it meanwhile).
	ReviseContribution(ctx context.Context, teamID, partnerID string, rev Revision) error
	// Revisions returns a partner's audit trail, oldest first.
	Revisions(ctx context.Context, teamID, partnerID string) ([]Revision, error)

	// ContributionsAfter returns at most limit of a partner's contributions
	// that come strictly after the cursor, in Contributions' order (date,
	// then ID); the zero cursor starts at the beginning. Paging with the
	// last line's cursor reads a ledger of any size in bounded memory
	// (exports). limit < 1 is read as 1.
	ContributionsAfter(ctx context.Context, teamID, partnerID string, after LedgerCursor, limit int) ([]Contribution, error)
}

// EventStore keeps joint events.
type EventStore interface {
	// SaveEvent creates or replaces an event by ID.
	SaveEvent(ctx context.Context, e Event) error
	// Events returns a partner's events, every status, sorted by start time.
	Events(ctx context.Context, teamID, partnerID string) ([]Event, error)
}

// DealStore keeps multi-party deals for the complexity check.
type DealStore interface {
	// SaveDeal creates or replaces a deal by ID.
	SaveDeal(ctx context.Context, d Deal) error
	// Deal returns one deal. ENOTFOUND if none.
	Deal(ctx context.Context, teamID, partnerID, id string) (Deal, error)
	// Deals returns a partner's deals sorted by ID.
	Deals(ctx context.Context, teamID, partnerID string) ([]Deal, error)
}

// ReminderStore keeps reminder schedules.
type ReminderStore interface {
	// SaveReminder creates or replaces a reminder by ID.
	SaveReminder(ctx context.Context, r Reminder) error
	// Reminders returns every reminder of a team sorted by ID.
	Reminders(ctx context.Context, teamID string) ([]Reminder, error)
	// DeleteReminder removes a reminder. ENOTFOUND if none.
	DeleteReminder(ctx context.Context, teamID, id string) error
	// Teams returns the ID of every team that has created a partner or saved
	// a reminder, sorted; the reminder runner walks them.
	Teams(ctx context.Context) ([]string, error)
}

// CommitmentStore keeps the joint plan's commitments (one record each).
type CommitmentStore interface {
	// AddCommitment stores a new commitment. Adding an ID that the partner
	// already has changes nothing and returns nil, so a retried request has
	// one effect.
	AddCommitment(ctx context.Context, c Commitment) error
	// Commitment returns one commitment. ENOTFOUND if none.
	Commitment(ctx context.Context, teamID, partnerID, id string) (Commitment, error)
	// Commitments returns a partner's commitments, every status, sorted by
	// due day, then ID.
	Commitments(ctx context.Context, teamID, partnerID string) ([]Commitment, error)
	// UpdateCommitment reads the commitment, applies fn and writes the
	// result atomically, as UpdatePartner does (retries on a concurrent
	// change, ECONFLICT after a few lost races, fn's error returned as is,
	// ENOTFOUND if none). fn must not change TeamID, PartnerID or ID.
	UpdateCommitment(ctx context.Context, teamID, partnerID, id string, fn func(*Commitment) error) (Commitment, error)
	// DeleteCommitment removes a commitment and returns it as it was, in
	// one atomic step. ENOTFOUND if none.
	DeleteCommitment(ctx context.Context, teamID, partnerID, id string) (Commitment, error)
}
