package coach

import (
	"context"
	"fmt"
)

// An archived partner is read-only: its ledger, events, checklists, deals
// and stage stay as they were until it is restored. Its ID and name stay
// taken, so a new partner cannot take them.

// writable refuses changes to an archived partner's records, saying how to
// restore it.
func writable(p Partner) error {
	if p.Archived {
		return &Error{Code: EFORBIDDEN, Field: "partner", Key: "partner.archived.read_only", Args: []any{p.Name, p.ID}}
	}
	return nil
}

// writablePartner reads a partner that is about to change: ENOTFOUND if
// none, EFORBIDDEN if archived.
func (s *Service) writablePartner(ctx context.Context, teamID, partnerID string) (Partner, error) {
	p, err := s.store.Partner(ctx, teamID, partnerID)
	if err != nil {
		return Partner{}, err
	}
	return p, writable(p)
}

// Unarchive restores an archived partner (owner or admins only): it shows
// in lists and reminders again and its records can change.
func (s *Service) Unarchive(ctx context.Context, teamID, actor, partnerID string) (Partner, error) {
	p, err := s.updateManaged(ctx, teamID, actor, partnerID, func(p *Partner) error {
		if !p.Archived {
			return &Error{Code: EINVALID, Field: "partner", Key: "partner.not_archived", Args: []any{p.Name}}
		}
		p.Archived = false
		return nil
	})
	if err != nil {
		return Partner{}, fmt.Errorf("unarchive: %w", err)
	}
	return p, nil
}

// FindArchived resolves what a user typed to an archived partner, with
// FindPartner's rules applied to the archived ones only (prefixes included).
func (s *Service) FindArchived(ctx context.Context, teamID, query string) (Partner, error) {
	all, err := s.Partners(ctx, teamID)
	if err != nil {
		return Partner{}, err
	}
	var archived []Partner
	for _, p := range all {
		if p.Archived {
			p.Archived = false // so that MatchPartner takes prefixes and hints
			archived = append(archived, p)
		}
	}
	p, err := MatchPartner(archived, query)
	if err != nil {
		if ErrorCode(err) == ENOTFOUND {
			// Not archived, perhaps: FindPartner's answer says which it is.
			if q, ferr := MatchPartner(all, query); ferr == nil {
				return Partner{}, &Error{Code: EINVALID, Field: "partner", Key: "partner.not_archived", Args: []any{q.Name}}
			}
		}
		return Partner{}, err
	}
	p.Archived = true
	return p, nil
}
