package coach

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// RevisionAction is what a change did to a ledger entry.
type RevisionAction string

const (
	RevisionEdit   RevisionAction = "edit"
	RevisionDelete RevisionAction = "delete"
)

// Revision records one change to a ledger entry: who made it, when, what the
// entry was and what it became. The ledger keeps them beside the entries, so
// a correction is never a silent overwrite.
type Revision struct {
	ContributionID string         `json:"contribution_id"`
	Action         RevisionAction `json:"action"`
	By             string         `json:"by"` // Slack user ID
	At             time.Time      `json:"at"`
	Before         Contribution   `json:"before"`
	After          *Contribution  `json:"after,omitempty"` // nil for a delete
}

// validateContribution checks what a user typed for an entry, logged or
// edited alike.
func (s *Service) validateContribution(in NewContribution, now time.Time) error {
	if _, err := ParseDirection(string(in.Direction)); err != nil {
		return err
	}
	if _, err := ParseContributionKind(string(in.Kind)); err != nil {
		return err
	}
	if _, err := ParseCurrency(in.Amount.Currency); err != nil {
		return err
	}
	if in.Amount.Amount < 0 || in.Amount.Amount > MaxAmount {
		return FieldError("amount", "contribution.amount.range", int64(MaxAmount))
	}
	if in.Date.After(now.Add(24*time.Hour)) || in.Date.Year() < 2000 {
		return FieldError("date", "contribution.date.range")
	}
	if n := len([]rune(in.Note)); n > 500 {
		return FieldError("note", "contribution.note.too_long", n)
	}
	return nil
}

// Contribution returns one entry of a partner's ledger. ENOTFOUND if none.
func (s *Service) Contribution(ctx context.Context, teamID, partnerID, id string) (Contribution, error) {
	all, err := s.Ledger(ctx, teamID, partnerID)
	if err != nil {
		return Contribution{}, err
	}
	for _, c := range all {
		if c.ID == id {
			return c, nil
		}
	}
	return Contribution{}, NewError(ENOTFOUND, "contribution.not_found")
}

// LedgerEntries returns a partner's entries dated in the window ending now,
// newest first: what /partner ledger lists.
func (s *Service) LedgerEntries(ctx context.Context, teamID, partnerID string, w Window) ([]Contribution, error) {
	all, err := s.Ledger(ctx, teamID, partnerID)
	if err != nil {
		return nil, err
	}
	from := w.Start(s.now())
	out := make([]Contribution, 0, len(all))
	for _, c := range all {
		if !c.Date.Before(from) {
			out = append(out, c)
		}
	}
	slices.Reverse(out)
	return out, nil
}

// LedgerRevisions returns the changes made to a partner's ledger entries,
// oldest first.
func (s *Service) LedgerRevisions(ctx context.Context, teamID, partnerID string) ([]Revision, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	rs, err := s.store.Revisions(ctx, teamID, partnerID)
	if err != nil {
		return nil, fmt.Errorf("ledger revisions: %w", err)
	}
	return rs, nil
}

// mayChangeEntry lets the entry's author, the partner's owner and admins
// change an entry.
func (s *Service) mayChangeEntry(p Partner, c Contribution, actor string) error {
	if actor != "" && actor == c.Author {
		return nil
	}
	if err := s.mayManage(p, actor); err != nil {
		return &Error{Code: EFORBIDDEN, Key: "contribution.forbidden", Args: []any{c.Author, p.Name, p.Owner}}
	}
	return nil
}

// EntryToChange reads the partner and the entry, and checks actor may
// change it: what a form that edits or deletes the entry opens with.
func (s *Service) EntryToChange(ctx context.Context, teamID, actor, partnerID, id string) (Partner, Contribution, error) {
	if err := requireTeam(teamID); err != nil {
		return Partner{}, Contribution{}, err
	}
	p, err := s.store.Partner(ctx, teamID, partnerID)
	if err != nil {
		return Partner{}, Contribution{}, fmt.Errorf("change contribution: %w", err)
	}
	c, err := s.Contribution(ctx, teamID, partnerID, id)
	if err != nil {
		return Partner{}, Contribution{}, err
	}
	if err := s.mayChangeEntry(p, c, actor); err != nil {
		return Partner{}, Contribution{}, err
	}
	return p, c, nil
}

// EditContribution corrects an entry (its author, the partner's owner or an
// admin): the new values replace the old and the change is recorded with
// them, in one store operation. The entry keeps its ID, author and creation
// time; in.Date zero keeps its date.
func (s *Service) EditContribution(ctx context.Context, teamID, actor, partnerID, id string, in NewContribution) (Revision, error) {
	_, before, err := s.EntryToChange(ctx, teamID, actor, partnerID, id)
	if err != nil {
		return Revision{}, err
	}
	now := s.now()
	if in.Date.IsZero() {
		in.Date = before.Date
	}
	if err := s.validateContribution(in, now); err != nil {
		return Revision{}, err
	}
	after := before
	after.Direction, after.Kind, after.Amount, after.Date, after.Note = in.Direction, in.Kind, in.Amount, in.Date.UTC(), in.Note
	rev := Revision{ContributionID: id, Action: RevisionEdit, By: actor, At: now, Before: before, After: &after}
	if after == before {
		return rev, nil // nothing changed: nothing to record
	}
	if err := s.store.ReviseContribution(ctx, teamID, partnerID, rev); err != nil {
		return Revision{}, fmt.Errorf("edit contribution: %w", err)
	}
	return rev, nil
}

// DeleteContribution removes an entry (its author, the partner's owner or
// an admin) and records what it was, in one store operation. The Undo
// button of a "Logged" reply is this.
func (s *Service) DeleteContribution(ctx context.Context, teamID, actor, partnerID, id string) (Contribution, error) {
	_, before, err := s.EntryToChange(ctx, teamID, actor, partnerID, id)
	if err != nil {
		return Contribution{}, err
	}
	rev := Revision{ContributionID: id, Action: RevisionDelete, By: actor, At: s.now(), Before: before}
	if err := s.store.ReviseContribution(ctx, teamID, partnerID, rev); err != nil {
		return Contribution{}, fmt.Errorf("delete contribution: %w", err)
	}
	return before, nil
}

// FormatAmountPlain writes an amount as a plain number that ParseAmount
// reads back the same: "12500.50" (what an edit form starts with).
func FormatAmountPlain(m Money) string {
	digits := currencyDigits[m.Currency]
	if digits == 0 {
		return strconv.FormatInt(m.Amount, 10)
	}
	p := int64(1)
	for range digits {
		p *= 10
	}
	return fmt.Sprintf("%d.%0*d", m.Amount/p, digits, m.Amount%p)
}
