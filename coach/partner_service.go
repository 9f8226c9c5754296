package coach

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NewPartner is what a user gives to add a partner.
type NewPartner struct {
	Name    string
	Kind    Kind   // empty: reseller, the most common kind for a channel team
	Owner   string // empty: the user adding it
	Channel string
	Stage   Stage // empty: prospect
	Profile Profile
	// RequestID names this request (the same for a retry of it): adding
	// again what the same request already added returns that partner.
	RequestID string
}

// MaxNameLen bounds partner, deal and part names so they fit Slack's headers.
const MaxNameLen = 80

func validText(field, key string, s string, minLen, maxLen int) error {
	// Args carry only the figures: what the text is is in the key, so a
	// translation never has to splice a word into its sentence.
	n := utf8.RuneCountInString(s)
	if n < minLen {
		return &Error{Code: EINVALID, Field: field, Key: key + ".required"}
	}
	if n > maxLen {
		return &Error{Code: EINVALID, Field: field, Key: key + ".too_long", Args: []any{n, maxLen}}
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }) {
		return &Error{Code: EINVALID, Field: field, Key: key + ".control"}
	}
	return nil
}

func requireTeam(teamID string) error {
	if teamID == "" {
		return NewError(EINVALID, "team.required")
	}
	return nil
}

// AddPartner creates a partner with a slug ID unique in the team, together
// with its default reminders in one store operation: no partner ever exists
// without them. A retry of the same request (in.RequestID) whose first try
// did store the partner returns it, whoever the owner is.
func (s *Service) AddPartner(ctx context.Context, teamID, actor string, in NewPartner) (Partner, error) {
	if err := requireTeam(teamID); err != nil {
		return Partner{}, err
	}
	name, err := ParsePartnerName(in.Name)
	if err != nil {
		return Partner{}, err
	}
	in.Name = name
	id := Slug(in.Name)
	if in.Kind == "" {
		in.Kind = KindReseller
	} else if _, err := ParseKind(string(in.Kind)); err != nil {
		return Partner{}, err
	}
	if in.Stage == "" {
		in.Stage = StageProspect
	} else if _, err := ParseStage(string(in.Stage)); err != nil {
		return Partner{}, err
	}
	if in.Owner == "" {
		in.Owner = actor
	}
	if err := validProfile(in.Profile); err != nil {
		return Partner{}, err
	}
	if in.Channel == "" {
		// Its reminders and checklists go there: a partner without one
		// would be a partner without reminders.
		return Partner{}, FieldError("channel", "partner.channel.required")
	}
	now := s.now()
	p := Partner{TeamID: teamID, ID: id, Name: in.Name, Kind: in.Kind, Stage: in.Stage, Owner: in.Owner,
		Channel: in.Channel, Profile: in.Profile, CreatedAt: now, UpdatedAt: now, StageChangedAt: now, RequestID: in.RequestID}
	reminders := DefaultReminders(p, now)
	for i := range reminders {
		reminders[i].UpdatedBy = actor
	}
	err = s.store.CreatePartner(ctx, p, reminders)
	if ErrorCode(err) == ECONFLICT {
		return s.addedBefore(ctx, p, err)
	} else if err != nil {
		return Partner{}, fmt.Errorf("add partner: %w", err)
	}
	return p, nil
}

// addedBefore answers an add whose partner ID is taken: by the same request
// (a retry after an unknown outcome: the first try did store it, with its
// reminders, in one step) it is the same success; otherwise the name is taken.
func (s *Service) addedBefore(ctx context.Context, p Partner, conflict error) (Partner, error) {
	existing, err := s.store.Partner(ctx, p.TeamID, p.ID)
	if err != nil {
		return Partner{}, fmt.Errorf("add partner: %w", err)
	}
	if p.RequestID != "" && existing.RequestID == p.RequestID {
		return existing, nil
	}
	if existing.Archived {
		// The name stays taken while archived: say so, and how to restore it.
		return Partner{}, &Error{Code: ECONFLICT, Field: "name", Key: "partner.exists.archived", Args: []any{existing.Name, existing.ID}, Err: conflict}
	}
	return Partner{}, &Error{Code: ECONFLICT, Field: "name", Key: "partner.exists", Args: []any{p.Name, p.ID}, Err: conflict}
}

func validProfile(p Profile) error {
	for _, f := range []struct{ field, v string }{
		{"customer_base", p.CustomerBase}, {"business_model", p.BusinessModel},
		{"execution_capacity", p.ExecutionCapacity}, {"region", p.Region}, {"website", p.Website},
	} {
		if err := validText(f.field, "partner.profile", f.v, 0, 300); err != nil {
			return err
		}
	}
	return validText("notes", "partner.notes", p.Notes, 0, 2000)
}

// FindPartner resolves what a user typed to one partner: the exact ID, then
// the name ignoring case, then a unique prefix of an active partner's ID or
// name, and last a unique prefix of an archived one (so that a change to it
// is refused with how to restore it).
func (s *Service) FindPartner(ctx context.Context, teamID, query string) (Partner, error) {
	if err := requireTeam(teamID); err != nil {
		return Partner{}, err
	}
	q := strings.TrimSpace(query)
	if q == "" {
		return Partner{}, FieldError("partner", "partner.query.required")
	}
	return s.findIndexed(ctx, teamID, q)
}

// MatchPartner applies FindPartner's rules to a list.
func MatchPartner(all []Partner, q string) (Partner, error) {
	slug := Slug(q)
	for _, p := range all {
		if p.ID == slug || strings.EqualFold(p.Name, q) {
			return p, nil
		}
	}
	var matches []Partner
	for _, p := range all {
		if !p.Archived && slug != "" && (strings.HasPrefix(p.ID, slug) || strings.HasPrefix(strings.ToLower(p.Name), strings.ToLower(q))) {
			matches = append(matches, p)
		}
	}
	if len(matches) == 0 && slug != "" {
		// No active partner starts so: one archived partner that does is
		// the one meant, so that a change to it is refused with how to
		// restore it, rather than "no partner called …".
		var archived []Partner
		for _, p := range all {
			if p.Archived && (strings.HasPrefix(p.ID, slug) || strings.HasPrefix(strings.ToLower(p.Name), strings.ToLower(q))) {
				archived = append(archived, p)
			}
		}
		if len(archived) == 1 {
			return archived[0], nil
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		names := make([]string, 0, len(all))
		for _, p := range all {
			if !p.Archived {
				names = append(names, p.Name)
			}
		}
		if c := Closest(q, names); c != "" {
			return Partner{}, &Error{Code: ENOTFOUND, Field: "partner", Key: "partner.not_found.hint", Args: []any{q, c}}
		}
		return Partner{}, &Error{Code: ENOTFOUND, Field: "partner", Key: "partner.not_found", Args: []any{q}}
	}
	names := make([]string, len(matches))
	for i, p := range matches {
		names[i] = p.Name
	}
	list := strings.Join(names, ", ")
	return Partner{}, &Error{Code: EAMBIGUOUS, Field: "partner", Key: "partner.ambiguous", Args: []any{q, list}}
}

// ListPartners returns active partners whose name contains filter, or whose
// kind, stage or owner equals it, sorted by name.
//
// The partners come from the kept standings (issue 15): each summary holds
// its partner as of the partner's current records generation, so a big
// team's filter reads what the last ranking already decoded, not every
// partner record again.
func (s *Service) ListPartners(ctx context.Context, teamID, filter string) ([]Partner, error) {
	sums, err := s.Standings(ctx, teamID)
	if err != nil {
		return nil, fmt.Errorf("list partners: %w", err)
	}
	f := strings.ToLower(strings.TrimSpace(filter))
	kind, _ := ParseKind(f)
	stage, _ := ParseStage(f)
	// Matched by pointer with the name folded once: a big team's list
	// copies only the partners it returns.
	type match struct {
		key string
		p   *Partner
	}
	var matches []match
	for _, sum := range sums {
		p := &sum.Partner
		if p.Archived {
			continue
		}
		key := strings.ToLower(p.Name)
		if f == "" || strings.Contains(key, f) || (kind != "" && p.Kind == kind) ||
			(stage != "" && p.Stage == stage) || strings.EqualFold(p.Owner, filter) || strings.EqualFold(p.Channel, filter) {
			matches = append(matches, match{key, p})
		}
	}
	slices.SortFunc(matches, func(a, b match) int { return strings.Compare(a.key, b.key) })
	out := make([]Partner, len(matches))
	for i, m := range matches {
		out[i] = *m.p
	}
	return out, nil
}

// mayManage refuses actors that are neither the owner nor an admin.
func (s *Service) mayManage(p Partner, actor string) error {
	if actor == p.Owner || s.IsAdmin(actor) {
		return nil
	}
	return &Error{Code: EFORBIDDEN, Key: "partner.forbidden", Args: []any{p.Name, p.Owner}}
}

// updateManaged checks the actor may manage the partner, then applies fn atomically.
func (s *Service) updateManaged(ctx context.Context, teamID, actor, partnerID string, fn func(*Partner) error) (Partner, error) {
	if err := requireTeam(teamID); err != nil {
		return Partner{}, err
	}
	return s.store.UpdatePartner(ctx, teamID, partnerID, func(p *Partner) error {
		if err := s.mayManage(*p, actor); err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
		p.UpdatedAt = s.now()
		return nil
	})
}

// SetStage moves a partner to another stage (owner or admins only).
func (s *Service) SetStage(ctx context.Context, teamID, actor, partnerID string, st Stage) (Partner, error) {
	if _, err := ParseStage(string(st)); err != nil {
		return Partner{}, err
	}
	return s.updateManaged(ctx, teamID, actor, partnerID, func(p *Partner) error {
		if err := writable(*p); err != nil {
			return err
		}
		if p.Stage != st {
			p.Stage, p.StageChangedAt = st, s.now()
		}
		return nil
	})
}

// Archive hides a partner from lists and reminders (owner or admins only).
func (s *Service) Archive(ctx context.Context, teamID, actor, partnerID string) (Partner, error) {
	return s.updateManaged(ctx, teamID, actor, partnerID, func(p *Partner) error {
		p.Archived = true
		return nil
	})
}

// UpdateProfile replaces a partner's profile (owner or admins only).
func (s *Service) UpdateProfile(ctx context.Context, teamID, actor, partnerID string, pr Profile) (Partner, error) {
	if err := validProfile(pr); err != nil {
		return Partner{}, err
	}
	return s.updateManaged(ctx, teamID, actor, partnerID, func(p *Partner) error {
		p.Profile = pr
		return nil
	})
}

// MarkReviewed records that the balance was reviewed with the partner (pitfall 2).
// Anyone on the team may do it.
func (s *Service) MarkReviewed(ctx context.Context, teamID, actor, partnerID string) (Partner, error) {
	if err := requireTeam(teamID); err != nil {
		return Partner{}, err
	}
	return s.store.UpdatePartner(ctx, teamID, partnerID, func(p *Partner) error {
		p.ReviewedAt, p.ReviewedBy, p.UpdatedAt = s.now(), actor, s.now()
		return nil
	})
}
