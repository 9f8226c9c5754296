package coach

import (
	"context"
	"fmt"
	"time"
)

// Reads and store services the adapters need, each through the Service so
// that the Service stays the only door to data: the bot, the reminder runner
// and the pacer hold a *Service (or an interface of their own that it
// satisfies), never a Store.

// Partner returns one partner by ID, archived or not.
func (s *Service) Partner(ctx context.Context, teamID, id string) (Partner, error) {
	if err := requireTeam(teamID); err != nil {
		return Partner{}, err
	}
	p, err := s.store.Partner(ctx, teamID, id)
	if err != nil {
		return Partner{}, fmt.Errorf("partner %s: %w", id, err)
	}
	return p, nil
}

// Partners returns every partner of a team, archived included, sorted by ID:
// what FindPartner matches a query against.
func (s *Service) Partners(ctx context.Context, teamID string) ([]Partner, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	ps, err := s.store.Partners(ctx, teamID)
	if err != nil {
		return nil, fmt.Errorf("partners: %w", err)
	}
	return ps, nil
}

// Deal returns one of a partner's deals. ENOTFOUND if none.
func (s *Service) Deal(ctx context.Context, teamID, partnerID, id string) (Deal, error) {
	if err := requireTeam(teamID); err != nil {
		return Deal{}, err
	}
	d, err := s.store.Deal(ctx, teamID, partnerID, id)
	if err != nil {
		return Deal{}, fmt.Errorf("deal %s: %w", id, err)
	}
	return d, nil
}

// Events returns a partner's joint events, every status, by start time.
func (s *Service) Events(ctx context.Context, teamID, partnerID string) ([]Event, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	es, err := s.store.Events(ctx, teamID, partnerID)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return es, nil
}

// Ledger returns a partner's whole ledger, oldest first.
func (s *Service) Ledger(ctx context.Context, teamID, partnerID string) ([]Contribution, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	cs, err := s.store.Contributions(ctx, teamID, partnerID, time.Time{}, time.Time{})
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	return cs, nil
}

// Teams lists the teams that have partners or reminders: the reminder
// runner walks them.
func (s *Service) Teams(ctx context.Context) ([]string, error) { return s.store.Teams(ctx) }

// Claim takes an occurrence (a reminder's, or a request's for dedupe) for
// holder for the lease; see ClaimStore.
func (s *Service) Claim(ctx context.Context, occ Occurrence, holder string, lease time.Duration) (Claim, error) {
	return s.store.Claim(ctx, occ, holder, lease)
}

// MarkSent records occ as delivered in message ts; see ClaimStore.
func (s *Service) MarkSent(ctx context.Context, occ Occurrence, holder, ts string) error {
	return s.store.MarkSent(ctx, occ, holder, ts)
}

// Release gives up holder's claim on occ; see ClaimStore.
func (s *Service) Release(ctx context.Context, occ Occurrence, holder string) error {
	return s.store.Release(ctx, occ, holder)
}

// ReservePost books a channel's next posting slot; see PostSlotStore.
func (s *Service) ReservePost(ctx context.Context, channel string, interval time.Duration) (time.Duration, error) {
	return s.store.ReservePost(ctx, channel, interval)
}

// PushBackPosts delays a channel's next posting slot; see PostSlotStore.
func (s *Service) PushBackPosts(ctx context.Context, channel string, d time.Duration) error {
	return s.store.PushBackPosts(ctx, channel, d)
}

// Ping reports whether the store answers (for readiness).
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }
