package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// SaveDeal creates or replaces a deal (one HSET).
func (s *Store) SaveDeal(ctx context.Context, d coach.Deal) error {
	k, err := teamAndPartner(d.TeamID, d.PartnerID)
	if err != nil {
		return err
	}
	if err := validField("deal", d.ID); err != nil {
		return err
	}
	return s.hset(ctx, "save deal", k.deals(d.PartnerID), d.ID, d, "")
}

// Deal returns one deal (one HGET).
func (s *Store) Deal(ctx context.Context, teamID, partnerID, id string) (coach.Deal, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return coach.Deal{}, err
	}
	data, err := s.rdb.HGet(ctx, k.deals(partnerID), id).Bytes()
	if errors.Is(err, goredis.Nil) {
		return coach.Deal{}, &coach.Error{Code: coach.ENOTFOUND, Key: "deal.not_found", Args: []any{id}}
	} else if err != nil {
		return coach.Deal{}, wrap("get deal", err)
	}
	var d coach.Deal
	if err := json.Unmarshal(data, &d); err != nil {
		return coach.Deal{}, fmt.Errorf("get deal %s: %w", id, err)
	}
	return d, nil
}

// Deals returns a partner's deals sorted by ID (one HGETALL).
func (s *Store) Deals(ctx context.Context, teamID, partnerID string) ([]coach.Deal, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	out, err := hgetall[coach.Deal](ctx, s, "list deals", k.deals(partnerID))
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b coach.Deal) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}
