package coach

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// lookupLimit is how many partners a prefix may bring back from the index:
// more than one active is already ambiguous, and the answer lists them.
const lookupLimit = 50

// findIndexed applies MatchPartner's rules to the partners the index gives
// for q, so that naming a partner costs the same in a team of 10,000 as
// of 50; only a name not found reads the names, for a hint.
func (s *Service) findIndexed(ctx context.Context, teamID, q string) (Partner, error) {
	cands, err := s.PartnerCandidates(ctx, teamID, q)
	if err != nil {
		return Partner{}, err
	}
	p, err := MatchPartner(cands, q)
	if ErrorCode(err) != ENOTFOUND {
		return p, err
	}
	names, nerr := s.PartnerNames(ctx, teamID)
	if nerr != nil {
		return Partner{}, nerr
	}
	if c, err := s.closestActive(ctx, teamID, q, names); err != nil {
		return Partner{}, err
	} else if c != "" {
		return Partner{}, &Error{Code: ENOTFOUND, Field: "partner", Key: "partner.not_found.hint", Args: []any{q, c}}
	}
	return Partner{}, &Error{Code: ENOTFOUND, Field: "partner", Key: "partner.not_found", Args: []any{q}}
}

// closestActive is the name closest to q among active partners: the index
// knows names, not who is archived, so an archived guess is dropped and
// the next one tried.
func (s *Service) closestActive(ctx context.Context, teamID, q string, names []string) (string, error) {
	for range 20 {
		c := Closest(q, names)
		if c == "" {
			return "", nil
		}
		ps, err := s.PartnerCandidates(ctx, teamID, c)
		if err != nil {
			return "", err
		}
		for _, p := range ps {
			if !p.Archived && strings.EqualFold(p.Name, c) {
				return c, nil
			}
		}
		names = slices.DeleteFunc(names, func(n string) bool { return n == c })
	}
	return "", nil
}

// PartnerCandidates returns the partners q may name (see
// PartnerIndexStore.LookupPartners), for MatchPartner.
func (s *Service) PartnerCandidates(ctx context.Context, teamID, q string) ([]Partner, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, nil
	}
	ps, err := s.store.LookupPartners(ctx, teamID, q, lookupLimit)
	if err != nil {
		return nil, fmt.Errorf("find partner: %w", err)
	}
	return ps, nil
}

// leadingLimit bounds the partners that the first word of a command may
// bring back in one lookup (LeadingCandidates).
const leadingLimit = 200

// LeadingCandidates returns, in one lookup, every partner that a run of
// words starting with first may name: a name of several words starts with
// its first word, and its ID with that word's slug. complete is false when
// the lookup hit its bound (a very common first word): the caller then
// looks each run up on its own.
func (s *Service) LeadingCandidates(ctx context.Context, teamID, first string) (ps []Partner, complete bool, err error) {
	if err := requireTeam(teamID); err != nil {
		return nil, false, err
	}
	first = strings.TrimSpace(first)
	if first == "" {
		return nil, false, nil
	}
	ps, err = s.store.LookupPartners(ctx, teamID, first, leadingLimit)
	if err != nil {
		return nil, false, fmt.Errorf("find partner: %w", err)
	}
	// The store brings back up to the bound per kind of match (names, IDs)
	// beside the exact ones: fewer than the bound in all means none was cut.
	return ps, len(ps) < leadingLimit, nil
}

// PartnerNames returns every partner's name, sorted ignoring case: what a
// name not found is compared with for a hint.
func (s *Service) PartnerNames(ctx context.Context, teamID string) ([]string, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	names, err := s.store.PartnerNames(ctx, teamID)
	if err != nil {
		return nil, fmt.Errorf("partner names: %w", err)
	}
	return names, nil
}

// PartnersPage returns a page of the team's active partners in name
// order, and how many there are.
func (s *Service) PartnersPage(ctx context.Context, teamID string, offset, limit int) ([]Partner, int, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, 0, err
	}
	ps, n, err := s.store.PartnersPage(ctx, teamID, offset, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("list partners: %w", err)
	}
	return ps, n, nil
}

// IndexKey is the order of names in the partner index: the name in lower
// case. Stores sort and match prefixes on it.
func IndexKey(name string) string { return strings.ToLower(name) }
