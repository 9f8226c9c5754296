package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

func sortByDate(cs []coach.Contribution) {
	slices.SortStableFunc(cs, func(a, b coach.Contribution) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

func (s *Store) hset(ctx context.Context, op, key, field string, v any, alsoTeam string) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	_, err = s.rdb.Pipelined(ctx, func(pipe goredis.Pipeliner) error {
		pipe.HSet(ctx, key, field, data)
		if alsoTeam != "" {
			pipe.SAdd(ctx, teamsKey, alsoTeam)
		}
		return nil
	})
	return wrap(op, err)
}

func hgetall[T any](ctx context.Context, s *Store, op, key string) ([]T, error) {
	all, err := s.rdb.HGetAll(ctx, key).Result()
	if err != nil {
		return nil, wrap(op, err)
	}
	out, err := decodeAll[T](all)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

func validField(what, id string) error {
	if id == "" || len(id) > 255 {
		return coach.Errorf(coach.EINVALID, "Invalid %s ID.", what)
	}
	return nil
}

// SaveEvent creates or replaces an event.
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

// Events returns a partner's events sorted by start.
func (s *Store) Events(ctx context.Context, teamID, partnerID string) ([]coach.Event, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	out, err := hgetall[coach.Event](ctx, s, "list events", k.events(partnerID))
	slices.SortStableFunc(out, func(a, b coach.Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, err
}

// SaveDeal creates or replaces a deal.
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

// Deal returns one deal.
func (s *Store) Deal(ctx context.Context, teamID, partnerID, id string) (coach.Deal, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return coach.Deal{}, err
	}
	data, err := s.rdb.HGet(ctx, k.deals(partnerID), id).Bytes()
	if errors.Is(err, goredis.Nil) {
		return coach.Deal{}, coach.Errorf(coach.ENOTFOUND, "No deal called %q.", id)
	} else if err != nil {
		return coach.Deal{}, wrap("get deal", err)
	}
	var d coach.Deal
	if err := json.Unmarshal(data, &d); err != nil {
		return coach.Deal{}, fmt.Errorf("get deal: %w", err)
	}
	return d, nil
}

// Deals returns a partner's deals sorted by ID.
func (s *Store) Deals(ctx context.Context, teamID, partnerID string) ([]coach.Deal, error) {
	k, err := teamAndPartner(teamID, partnerID)
	if err != nil {
		return nil, err
	}
	out, err := hgetall[coach.Deal](ctx, s, "list deals", k.deals(partnerID))
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

// SaveReminder creates or replaces a reminder and indexes its team.
func (s *Store) SaveReminder(ctx context.Context, r coach.Reminder) error {
	k, err := teamKeys(r.TeamID)
	if err != nil {
		return err
	}
	if err := validField("reminder", r.ID); err != nil || strings.ContainsAny(r.ID, "{}@") {
		return coach.Errorf(coach.EINVALID, "Invalid reminder ID %q.", r.ID)
	}
	return s.hset(ctx, "save reminder", k.reminders(), r.ID, r, r.TeamID)
}

// Reminders returns a team's reminders sorted by ID.
func (s *Store) Reminders(ctx context.Context, teamID string) ([]coach.Reminder, error) {
	k, err := teamKeys(teamID)
	if err != nil {
		return nil, err
	}
	out, err := hgetall[coach.Reminder](ctx, s, "list reminders", k.reminders())
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

// DeleteReminder removes a reminder.
func (s *Store) DeleteReminder(ctx context.Context, teamID, id string) error {
	k, err := teamKeys(teamID)
	if err != nil {
		return err
	}
	n, err := s.rdb.HDel(ctx, k.reminders(), id).Result()
	if err != nil {
		return wrap("delete reminder", err)
	}
	if n == 0 {
		return coach.Errorf(coach.ENOTFOUND, "There is no reminder %q.", id)
	}
	return nil
}

// Teams lists indexed teams, sorted.
func (s *Store) Teams(ctx context.Context) ([]string, error) {
	out, err := s.rdb.SMembers(ctx, teamsKey).Result()
	if err != nil {
		return nil, wrap("teams", err)
	}
	sort.Strings(out)
	return out, nil
}
