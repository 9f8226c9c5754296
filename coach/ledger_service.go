package coach

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// NewContribution is what a user logs in the ledger.
type NewContribution struct {
	// ID makes logging idempotent: the bot derives it from the Slack request so
	// a resubmitted command adds nothing. Empty: a random ID.
	ID        string
	PartnerID string
	Direction Direction
	Kind      ContributionKind
	Amount    Money
	Date      time.Time // zero: now
	Note      string
}

func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// LogContribution validates and stores one contribution.
func (s *Service) LogContribution(ctx context.Context, teamID, actor string, in NewContribution) (Contribution, error) {
	if err := requireTeam(teamID); err != nil {
		return Contribution{}, err
	}
	now := s.now()
	if in.Date.IsZero() {
		in.Date = now
	}
	if err := s.validateContribution(in, now); err != nil {
		return Contribution{}, err
	}
	if in.ID == "" {
		in.ID = newID()
	} else if len(in.ID) > 64 || strings.ContainsAny(in.ID, " :{}|") {
		return Contribution{}, NewError(EINVALID, "contribution.id.invalid")
	}
	if _, err := s.writablePartner(ctx, teamID, in.PartnerID); err != nil {
		return Contribution{}, fmt.Errorf("log contribution: %w", err)
	}
	c := Contribution{TeamID: teamID, PartnerID: in.PartnerID, ID: in.ID, Direction: in.Direction, Kind: in.Kind,
		Amount: in.Amount, Date: in.Date.UTC(), Note: in.Note, Author: actor, CreatedAt: now}
	if err := s.store.AddContribution(ctx, c); err != nil {
		return Contribution{}, fmt.Errorf("log contribution: %w", err)
	}
	return c, nil
}

// Balance computes the give-and-take over a window ending now. Deals are
// numbered over the whole history, so it reads the full ledger.
func (s *Service) Balance(ctx context.Context, teamID, partnerID string, w Window) (Balance, error) {
	now := s.now()
	return s.balanceFrom(ctx, teamID, partnerID, w.Start(now), now)
}

// BalanceSince computes the give-and-take since a time (the last review).
func (s *Service) BalanceSince(ctx context.Context, teamID, partnerID string, since time.Time) (Balance, error) {
	return s.balanceFrom(ctx, teamID, partnerID, since, s.now())
}

func (s *Service) balanceFrom(ctx context.Context, teamID, partnerID string, from, to time.Time) (Balance, error) {
	if err := requireTeam(teamID); err != nil {
		return Balance{}, err
	}
	// The window's months only: a long ledger's older lines are not read.
	in, err := s.store.Contributions(ctx, teamID, partnerID, from, to.Add(time.Nanosecond))
	if err != nil {
		return Balance{}, fmt.Errorf("balance of %s: %w", partnerID, err)
	}
	return ComputeBalance(in, from, to.Add(time.Nanosecond), s.Thresholds), nil
}
