package coach

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// EventLength is how long a joint event is taken to last when checking
// that two bookings of one partner do not overlap.
const EventLength = time.Hour

// overlapping returns a planned event of events (other than exceptID)
// that would overlap one starting at start, or nil.
func overlapping(events []Event, start time.Time, exceptID string) *Event {
	for i, e := range events {
		if e.ID == exceptID || e.Status != EventPlanned {
			continue
		}
		if d := e.Start.Sub(start); d < EventLength && d > -EventLength {
			return &events[i]
		}
	}
	return nil
}

// overlapError asks the user to confirm a booking that overlaps other.
func overlapError(other *Event) error {
	return &Error{Code: ECONFLICT, Field: "start", Key: "event.overlap", Args: []any{other.Title}}
}

// IsOverlap reports whether err is a booking refused because it overlaps
// another event of the partner: sending it again with AllowOverlap books it.
func IsOverlap(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Key == "event.overlap"
}

// findEvent returns one of a partner's events, with all of them.
func (s *Service) findEvent(ctx context.Context, teamID, partnerID, eventID string) (Event, []Event, error) {
	if err := requireTeam(teamID); err != nil {
		return Event{}, nil, err
	}
	events, err := s.store.Events(ctx, teamID, partnerID)
	if err != nil {
		return Event{}, nil, fmt.Errorf("events: %w", err)
	}
	for _, e := range events {
		if e.ID == eventID {
			return e, events, nil
		}
	}
	return Event{}, nil, NewError(ENOTFOUND, "event.not_found")
}

// CancelEvent cancels a planned joint event. Cancelling one already
// cancelled changes nothing; a cancelled event no longer counts for whose
// turn it is to host.
func (s *Service) CancelEvent(ctx context.Context, teamID, actor, partnerID, eventID string) (Event, error) {
	if _, err := s.writablePartner(ctx, teamID, partnerID); err != nil {
		return Event{}, fmt.Errorf("cancel event: %w", err)
	}
	e, _, err := s.findEvent(ctx, teamID, partnerID, eventID)
	if err != nil {
		return Event{}, err
	}
	switch e.Status {
	case EventCancelled:
		return e, nil
	case EventDone:
		return Event{}, NewError(EINVALID, "event.cancel.held", e.Title)
	}
	if !e.Start.After(s.now()) {
		return Event{}, NewError(EINVALID, "event.cancel.held", e.Title)
	}
	e.Status, e.UpdatedAt = EventCancelled, s.now()
	if err := s.store.SaveEvent(ctx, e); err != nil {
		return Event{}, fmt.Errorf("cancel event: %w", err)
	}
	return e, nil
}

// EventChange is what rescheduling a planned event changes: its start
// (given in TimeZone), and, when not empty, its title, host and link.
type EventChange struct {
	Start        time.Time
	TimeZone     string
	Title        string
	Host         Host
	Link         string
	AllowOverlap bool // the user confirmed a time that overlaps another event
}

// RescheduleEvent moves a planned future event. A new time overlapping
// another planned event of the partner is refused (IsOverlap) unless the
// change says the user confirmed it.
func (s *Service) RescheduleEvent(ctx context.Context, teamID, actor, partnerID, eventID string, ch EventChange) (Event, error) {
	if _, err := s.writablePartner(ctx, teamID, partnerID); err != nil {
		return Event{}, fmt.Errorf("reschedule event: %w", err)
	}
	e, events, err := s.findEvent(ctx, teamID, partnerID, eventID)
	if err != nil {
		return Event{}, err
	}
	now := s.now()
	if e.Status != EventPlanned || !e.Start.After(now) {
		return Event{}, NewError(EINVALID, "event.reschedule.not_planned", e.Title)
	}
	if ch.TimeZone == "" {
		ch.TimeZone = e.TimeZone
	}
	loc, err := time.LoadLocation(ch.TimeZone)
	if err != nil {
		return Event{}, FieldError("tz", "event.tz.unknown", ch.TimeZone)
	}
	if ch.Start.IsZero() || !ch.Start.After(now) {
		return Event{}, FieldError("start", "event.start.past")
	}
	if ch.Title != "" {
		if err := validText("title", "event.title", ch.Title, 1, MaxTitleLen); err != nil {
			return Event{}, err
		}
		e.Title = ch.Title
	}
	if ch.Host != "" {
		if _, err := ParseHost(string(ch.Host)); err != nil {
			return Event{}, err
		}
		e.Host = ch.Host
	}
	if ch.Link != "" {
		if _, err := ParseLink(ch.Link); err != nil {
			return Event{}, err
		}
		e.Link = ch.Link
	}
	if o := overlapping(events, ch.Start, e.ID); o != nil && !ch.AllowOverlap {
		return Event{}, overlapError(o)
	}
	e.Start, e.TimeZone, e.UpdatedAt = ch.Start.In(loc), ch.TimeZone, now
	if err := s.store.SaveEvent(ctx, e); err != nil {
		return Event{}, fmt.Errorf("reschedule event: %w", err)
	}
	return e, nil
}
