package redis

import (
	"context"
	"slices"
	"strings"

	"github.com/partnercoach/partnercoach/coach"
)

// SaveEvent creates or replaces an event (one HSET).
func (s *Store) SaveEvent(ctx context.Context, e coach.Event) error {
	k, err := teamAndPartner(e.TeamID, e.PartnerID)
	if err != nil {
		return err
	}
	if err := validField("event", e.ID); err != nil {
		return err
	}
	return s.hset(ctx, "save event", k.events(e.PartnerID), e.ID, e, "")
}

// Events returns a partner's events sorted by start, then ID (one HGETALL).
func (s *Store) Events(ctx context.Context, teamID, partnerID string) ([]coach.Event, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	out, err := hgetall[coach.Event](ctx, s, "list events", k.events(partnerID))
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b coach.Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}
