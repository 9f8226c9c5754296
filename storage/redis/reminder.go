package redis

import (
	"context"
	"slices"
	"strings"

	"github.com/partnercoach/partnercoach/coach"
)

// SaveReminder creates or replaces a reminder and, in the same round trip,
// records its team in pc:teams so the runner finds it.
func (s *Store) SaveReminder(ctx context.Context, r coach.Reminder) error {
	k, err := teamKeys(r.TeamID)
	if err != nil {
		return err
	}
	if err := validReminderID(r.ID); err != nil {
		return err
	}
	return s.hset(ctx, "save reminder", k.reminders(), r.ID, r, r.TeamID)
}

// validReminderID refuses IDs that would break the key schema: '@'
// separates the reminder from the occurrence time in claim keys, and braces
// would move the hash tag.
func validReminderID(id string) error {
	if err := validField("reminder", id); err != nil || strings.ContainsAny(id, "{}@") {
		return coach.NewError(coach.EINVALID, "reminder.id.invalid", id)
	}
	return nil
}

// Reminders returns a team's reminders sorted by ID (one HGETALL).
func (s *Store) Reminders(ctx context.Context, teamID string) ([]coach.Reminder, error) {
	k, err := teamKeys(teamID)
	if err != nil {
		return nil, err
	}
	out, err := hgetall[coach.Reminder](ctx, s, "list reminders", k.reminders())
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b coach.Reminder) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// DeleteReminder removes a reminder (one HDEL).
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
		return coach.NewError(coach.ENOTFOUND, "reminder.not_found", id)
	}
	return s.ack(ctx, "delete reminder", k.reminders())
}

// Teams lists the teams that have reminders, sorted.
func (s *Store) Teams(ctx context.Context) ([]string, error) {
	out, err := s.rdb.SMembers(ctx, teamsKey).Result()
	if err != nil {
		return nil, wrap("teams", err)
	}
	slices.Sort(out)
	return out, nil
}
