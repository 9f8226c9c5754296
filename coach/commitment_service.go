package coach

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// NewCommitment is what a user gives for a commitment, to add one or to
// change one (EditCommitment replaces these fields).
type NewCommitment struct {
	ID         string // empty: random; the bot passes a request-derived ID for idempotency
	PartnerID  string
	Side       CommitSide
	Person     string // Slack user ID, or empty
	PersonName string // free name when Person is empty
	Title      string
	Due        time.Time
}

// AddCommitment validates and stores an open commitment. Its due day may
// not be over already. Adding an ID that exists changes nothing (a retried
// request has one effect).
func (s *Service) AddCommitment(ctx context.Context, teamID, actor string, in NewCommitment) (Commitment, error) {
	if err := requireTeam(teamID); err != nil {
		return Commitment{}, err
	}
	now := s.now()
	c := Commitment{TeamID: teamID, PartnerID: in.PartnerID, ID: in.ID, Side: in.Side, Person: in.Person, PersonName: in.PersonName,
		Title: in.Title, Due: in.Due, Status: CommitmentOpen, CreatedBy: actor, CreatedAt: now, UpdatedBy: actor, UpdatedAt: now}
	if c.Person != "" {
		c.PersonName = ""
	}
	if err := validCommitment(c); err != nil {
		return Commitment{}, err
	}
	if c.Late(now) {
		return Commitment{}, FieldError("due", "commitment.due.past")
	}
	p, err := s.writablePartner(ctx, teamID, in.PartnerID)
	if err != nil {
		return Commitment{}, fmt.Errorf("add commitment: %w", err)
	}
	if err := s.ensureCommitmentReminder(ctx, p, actor); err != nil {
		return Commitment{}, err
	}
	if c.ID == "" {
		c.ID = newID()
	}
	if err := s.store.AddCommitment(ctx, c); err != nil {
		return Commitment{}, fmt.Errorf("add commitment: %w", err)
	}
	return c, nil
}

// EditCommitment replaces what a user gives of a commitment (side, person,
// title, due day) and returns it before and after. A new due day may not be
// over already; an unchanged one may (a late commitment keeps its day).
func (s *Service) EditCommitment(ctx context.Context, teamID, actor, partnerID, id string, in NewCommitment) (before, after Commitment, err error) {
	now := s.now()
	before, after, err = s.updateCommitment(ctx, teamID, actor, partnerID, id, func(c *Commitment) error {
		// The same calendar day, read in another zone, is not a move: the
		// commitment keeps its due instant.
		moved := c.Due.Format(time.DateOnly) != in.Due.Format(time.DateOnly)
		c.Side, c.Person, c.PersonName, c.Title = in.Side, in.Person, in.PersonName, in.Title
		if moved {
			c.Due = in.Due
		}
		if c.Person != "" {
			c.PersonName = ""
		}
		if err := validCommitment(*c); err != nil {
			return err
		}
		if moved && !now.Before(c.Due.AddDate(0, 0, 1)) {
			return FieldError("due", "commitment.due.past")
		}
		return nil
	})
	if err != nil {
		return Commitment{}, Commitment{}, fmt.Errorf("edit commitment: %w", err)
	}
	return before, after, nil
}

// SetCommitmentStatus ticks a commitment done, drops it or reopens it, and
// returns it before and after: setting the before's status again is the undo.
func (s *Service) SetCommitmentStatus(ctx context.Context, teamID, actor, partnerID, id string, st CommitmentStatus) (before, after Commitment, err error) {
	if !slices.Contains(CommitmentStatuses, st) {
		return Commitment{}, Commitment{}, FieldError("status", "commitment.status.unknown", string(st))
	}
	now := s.now()
	before, after, err = s.updateCommitment(ctx, teamID, actor, partnerID, id, func(c *Commitment) error {
		if c.Status == st {
			return nil
		}
		c.Status = st
		c.DoneAt = time.Time{}
		if st == CommitmentDone {
			c.DoneAt = now
		}
		return nil
	})
	if err != nil {
		return Commitment{}, Commitment{}, fmt.Errorf("commitment status: %w", err)
	}
	return before, after, nil
}

func (s *Service) updateCommitment(ctx context.Context, teamID, actor, partnerID, id string, fn func(*Commitment) error) (before, after Commitment, err error) {
	if err := requireTeam(teamID); err != nil {
		return Commitment{}, Commitment{}, err
	}
	if _, err := s.writablePartner(ctx, teamID, partnerID); err != nil {
		return Commitment{}, Commitment{}, err
	}
	now := s.now()
	after, err = s.store.UpdateCommitment(ctx, teamID, partnerID, id, func(c *Commitment) error {
		before = *c
		if err := fn(c); err != nil {
			return err
		}
		if *c != before {
			c.UpdatedBy, c.UpdatedAt = actor, now
		}
		return nil
	})
	return before, after, err
}

// DeleteCommitment removes a commitment and returns it, so that
// RestoreCommitment can undo the deletion.
func (s *Service) DeleteCommitment(ctx context.Context, teamID, actor, partnerID, id string) (Commitment, error) {
	if err := requireTeam(teamID); err != nil {
		return Commitment{}, err
	}
	if _, err := s.writablePartner(ctx, teamID, partnerID); err != nil {
		return Commitment{}, fmt.Errorf("delete commitment: %w", err)
	}
	c, err := s.store.DeleteCommitment(ctx, teamID, partnerID, id)
	if err != nil {
		return Commitment{}, fmt.Errorf("delete commitment: %w", err)
	}
	return c, nil
}

// RestoreCommitment puts back a deleted commitment as it was (the undo of
// DeleteCommitment). Nothing changes if one with its ID exists.
func (s *Service) RestoreCommitment(ctx context.Context, teamID, actor string, c Commitment) (Commitment, error) {
	if err := requireTeam(teamID); err != nil {
		return Commitment{}, err
	}
	c.TeamID = teamID
	if err := validCommitment(c); err != nil || c.ID == "" {
		return Commitment{}, NewError(EINVALID, "commitment.restore.invalid")
	}
	if _, err := s.writablePartner(ctx, teamID, c.PartnerID); err != nil {
		return Commitment{}, fmt.Errorf("restore commitment: %w", err)
	}
	if err := s.store.AddCommitment(ctx, c); err != nil {
		return Commitment{}, fmt.Errorf("restore commitment: %w", err)
	}
	return c, nil
}

// Commitment returns one commitment. ENOTFOUND if none.
func (s *Service) Commitment(ctx context.Context, teamID, partnerID, id string) (Commitment, error) {
	c, err := s.store.Commitment(ctx, teamID, partnerID, id)
	if err != nil {
		return Commitment{}, fmt.Errorf("commitment %s: %w", id, err)
	}
	return c, nil
}

// CommitmentsFor returns a partner's commitments, every status, by due day.
func (s *Service) CommitmentsFor(ctx context.Context, teamID, partnerID string) ([]Commitment, error) {
	cs, err := s.store.Commitments(ctx, teamID, partnerID)
	if err != nil {
		return nil, fmt.Errorf("commitments of %s: %w", partnerID, err)
	}
	return cs, nil
}
