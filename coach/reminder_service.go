package coach

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// QuickWinDue reports whether a partner has been onboarding for
// QuickWinDays or more without a first deal (pitfall 3).
func QuickWinDue(p Partner, firstDeal, now time.Time) bool {
	return p.Stage == StageOnboarding && firstDeal.IsZero() && now.Sub(p.StageChangedAt) >= QuickWinDays*24*time.Hour
}

// EventsOn returns the planned events that start on the calendar day of
// `day` in loc (the day-before reminder asks for tomorrow's).
func EventsOn(events []Event, day time.Time, loc *time.Location) []Event {
	d := day.In(loc)
	start := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	end := start.AddDate(0, 0, 1)
	var out []Event
	for _, e := range events {
		if e.Status == EventPlanned && !e.Start.Before(start) && e.Start.Before(end) {
			out = append(out, e)
		}
	}
	return out
}

// SetReminder creates or replaces a reminder after validating it. The spec's
// syntax is checked by s.ValidateSpec (wired to the cron parser outside this
// package, which imports only the standard library).
func (s *Service) SetReminder(ctx context.Context, teamID, actor string, r Reminder) (Reminder, error) {
	if err := requireTeam(teamID); err != nil {
		return Reminder{}, err
	}
	if _, ok := LookupReminderKind(r.Kind); !ok {
		return Reminder{}, unknownReminderKind(string(r.Kind))
	}
	if r.Channel == "" {
		return Reminder{}, FieldError("channel", "reminder.channel.required")
	}
	if r.Spec == "" {
		return Reminder{}, FieldError("schedule", "reminder.schedule.required")
	}
	if s.ValidateSpec != nil {
		if err := s.ValidateSpec(r.Spec); err != nil {
			return Reminder{}, err
		}
	}
	if err := s.mayChangeReminder(ctx, teamID, actor, r); err != nil {
		return Reminder{}, fmt.Errorf("set reminder: %w", err)
	}
	r.TeamID, r.ID = teamID, ReminderID(r.PartnerID, r.Kind)
	r.UpdatedBy, r.UpdatedAt = actor, s.now()
	// A new schedule keeps what the user said before (a pause, a snooze)
	// and what the runner recorded (the last occurrence handled, so nothing
	// already sent comes back as a catch-up).
	existing, err := s.store.Reminders(ctx, teamID)
	if err != nil {
		return Reminder{}, fmt.Errorf("set reminder: %w", err)
	}
	for _, old := range existing {
		if old.ID == r.ID {
			r.Paused = r.Paused || old.Paused
			if r.SnoozedUntil.IsZero() {
				r.SnoozedUntil = old.SnoozedUntil
			}
			if r.LastOccurrence.IsZero() {
				r.LastOccurrence = old.LastOccurrence
			}
		}
	}
	if err := s.store.SaveReminder(ctx, r); err != nil {
		return Reminder{}, fmt.Errorf("set reminder: %w", err)
	}
	return r, nil
}

// Reminders lists a team's reminders sorted by ID, paused and snoozed ones included.
func (s *Service) Reminders(ctx context.Context, teamID string) ([]Reminder, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	rs, err := s.store.Reminders(ctx, teamID)
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	return rs, nil
}

func (s *Service) changeReminder(ctx context.Context, teamID, actor, id string, fn func(*Reminder)) (Reminder, error) {
	if err := requireTeam(teamID); err != nil {
		return Reminder{}, err
	}
	rs, err := s.store.Reminders(ctx, teamID)
	if err != nil {
		return Reminder{}, fmt.Errorf("reminder %s: %w", id, err)
	}
	i := slices.IndexFunc(rs, func(r Reminder) bool { return r.ID == id })
	if i < 0 {
		return Reminder{}, &Error{Code: ENOTFOUND, Key: "reminder.not_found", Args: []any{id}}
	}
	r := rs[i]
	if err := s.mayChangeReminder(ctx, teamID, actor, r); err != nil {
		return Reminder{}, fmt.Errorf("reminder %s: %w", id, err)
	}
	fn(&r)
	r.UpdatedBy, r.UpdatedAt = actor, s.now()
	if err := s.store.SaveReminder(ctx, r); err != nil {
		return Reminder{}, fmt.Errorf("reminder %s: %w", id, err)
	}
	return r, nil
}

// mayChangeReminder applies the settings rule: a partner's reminders are
// changed (schedule, pause, resume, snooze) by its owner or an admin. The
// team digest belongs to no partner: any member may turn it on or off in a
// channel, as anyone may post there.
func (s *Service) mayChangeReminder(ctx context.Context, teamID, actor string, r Reminder) error {
	if r.PartnerID == "" {
		return nil
	}
	p, err := s.store.Partner(ctx, teamID, r.PartnerID)
	if err != nil {
		return err
	}
	return s.mayManage(p, actor)
}

// PauseReminder stops a reminder until it is resumed.
func (s *Service) PauseReminder(ctx context.Context, teamID, actor, id string) (Reminder, error) {
	return s.changeReminder(ctx, teamID, actor, id, func(r *Reminder) { r.Paused = true })
}

// ResumeReminder restarts a paused reminder; what it missed is not replayed.
func (s *Service) ResumeReminder(ctx context.Context, teamID, actor, id string) (Reminder, error) {
	return s.changeReminder(ctx, teamID, actor, id, func(r *Reminder) { r.Paused = false })
}

// SnoozeReminder skips occurrences until `until`, when the reminder comes up once more.
func (s *Service) SnoozeReminder(ctx context.Context, teamID, actor, id string, until time.Time) (Reminder, error) {
	if !until.After(s.now()) {
		return Reminder{}, FieldError("until", "reminder.snooze.past")
	}
	return s.changeReminder(ctx, teamID, actor, id, func(r *Reminder) { r.SnoozedUntil = until.UTC() })
}

// ReminderDue gathers what a reminder's rule reads and applies it: ok is
// false when it has nothing to say (its partner gone, archived or ended, or
// its kind's rule silent), so the caller posts nothing. loc is the team's
// time zone, what "tomorrow" means for the event reminder.
func (s *Service) ReminderDue(ctx context.Context, r Reminder, loc *time.Location) (f ReminderFacts, ok bool, err error) {
	kind, known := LookupReminderKind(r.Kind)
	if !known || kind.TeamWide != (r.PartnerID == "") {
		return f, false, nil
	}
	f = ReminderFacts{Now: s.now(), Loc: loc}
	if r.PartnerID != "" {
		p, err := s.store.Partner(ctx, r.TeamID, r.PartnerID)
		if ErrorCode(err) == ENOTFOUND {
			return f, false, nil
		} else if err != nil {
			return f, false, fmt.Errorf("reminder %s: %w", r.ID, err)
		}
		if p.Archived || p.Stage == StageEnded {
			return f, false, nil
		}
		f.Partner = p
		if kind.Nudge {
			replaced, err := s.digestIn(ctx, r.TeamID, r.Channel)
			if err != nil || replaced {
				return f, false, err
			}
		}
		if kind.Needs&NeedsEvents != 0 {
			if f.Events, err = s.store.Events(ctx, r.TeamID, p.ID); err != nil {
				return f, false, fmt.Errorf("reminder %s: %w", r.ID, err)
			}
		}
		if kind.Needs&NeedsCommitments != 0 {
			if f.Commitments, err = s.store.Commitments(ctx, r.TeamID, p.ID); err != nil {
				return f, false, fmt.Errorf("reminder %s: %w", r.ID, err)
			}
		}
		if kind.Needs&NeedsLedger != 0 {
			if f.Contributions, err = s.store.Contributions(ctx, r.TeamID, p.ID, time.Time{}, time.Time{}); err != nil {
				return f, false, fmt.Errorf("reminder %s: %w", r.ID, err)
			}
		}
	}
	return f, kind.Speaks(f), nil
}

// digestIn reports whether an active weekly digest posts to channel: it
// replaces the per-partner nudges there.
func (s *Service) digestIn(ctx context.Context, teamID, channel string) (bool, error) {
	rs, err := s.store.Reminders(ctx, teamID)
	if err != nil {
		return false, fmt.Errorf("reminders of %s: %w", teamID, err)
	}
	for _, d := range rs {
		if d.Kind == ReminderDigest && !d.Paused && d.Channel == channel {
			return true, nil
		}
	}
	return false, nil
}
