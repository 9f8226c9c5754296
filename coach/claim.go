package coach

import (
	"context"
	"time"
)

// Occurrence is one firing of a reminder, identified by its scheduled time —
// never by the time a replica noticed it — so that replicas with skewed clocks
// agree on its key.
type Occurrence struct {
	TeamID     string
	ReminderID string
	At         time.Time
}

// ClaimStatus is the outcome of a claim attempt.
type ClaimStatus string

const (
	ClaimTaken ClaimStatus = "taken" // the caller holds the occurrence now and must deliver it
	ClaimSent  ClaimStatus = "sent"  // already delivered; Claim.MessageTS says where
	ClaimHeld  ClaimStatus = "held"  // another live replica holds it
)

// Claim is the result of ClaimStore.Claim.
type Claim struct {
	Status    ClaimStatus
	Holder    string // the holder when Status is ClaimHeld
	MessageTS string // the posted message when Status is ClaimSent
}

// ClaimStore lets several replicas deliver each reminder occurrence once.
//
// A claim is a lease: a holder that dies stops renewing it, and after the lease
// another replica's Claim takes it over. Delivery is then recorded with the
// posted message's ts and never repeated. (A replica that posts and dies before
// MarkSent can still cause a second post: Slack offers no idempotent post.)
type ClaimStore interface {
	// Claim tries to take occ for holder for the lease duration. Claiming an
	// occurrence the caller already holds renews the lease.
	Claim(ctx context.Context, occ Occurrence, holder string, lease time.Duration) (Claim, error)
	// MarkSent records occ as delivered in message ts and drops the claim. It
	// is idempotent.
	MarkSent(ctx context.Context, occ Occurrence, holder, ts string) error
	// Release gives up holder's claim on occ without marking it sent, so
	// another replica may take it at once (on shutdown or a failed send).
	Release(ctx context.Context, occ Occurrence, holder string) error
}
