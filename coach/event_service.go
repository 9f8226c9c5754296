package coach

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// NewEvent is what a user gives to book a joint event.
type NewEvent struct {
	ID        string // empty: random; the bot passes a request-derived ID for idempotency
	PartnerID string
	Title     string
	Start     time.Time
	TimeZone  string
	Link      string
	Host      Host // empty: whose turn it is
	// AllowOverlap books it even when it overlaps another planned event of
	// the partner: the user was asked (IsOverlap) and confirmed.
	AllowOverlap bool
}

// BookEvent validates and stores a planned joint event.
func (s *Service) BookEvent(ctx context.Context, teamID, actor string, in NewEvent) (Event, error) {
	if err := requireTeam(teamID); err != nil {
		return Event{}, err
	}
	if err := validText("title", "event.title", in.Title, 1, 150); err != nil {
		return Event{}, err
	}
	loc, err := time.LoadLocation(in.TimeZone)
	if err != nil || in.TimeZone == "" {
		return Event{}, FieldError("tz", "event.tz.unknown", in.TimeZone)
	}
	now := s.now()
	if in.Start.IsZero() || in.Start.Before(now.Add(-5*time.Minute)) {
		return Event{}, FieldError("start", "event.start.past")
	}
	if _, err := ParseLink(in.Link); err != nil {
		return Event{}, err
	}
	events, err := s.store.Events(ctx, teamID, in.PartnerID)
	if err != nil {
		return Event{}, fmt.Errorf("book event: %w", err)
	}
	if in.Host == "" {
		in.Host = Summarize(events, now).Turn
	} else if !slices.Contains([]Host{HostUs, HostPartner, HostBoth}, in.Host) {
		return Event{}, FieldError("host", "event.host.unknown", in.Host)
	}
	if _, err := s.writablePartner(ctx, teamID, in.PartnerID); err != nil {
		return Event{}, fmt.Errorf("book event: %w", err)
	}
	if in.ID == "" {
		in.ID = newID()
	}
	if o := overlapping(events, in.Start, in.ID); o != nil && !in.AllowOverlap {
		return Event{}, overlapError(o)
	}
	e := Event{TeamID: teamID, PartnerID: in.PartnerID, ID: in.ID, Title: in.Title, Start: in.Start.In(loc),
		TimeZone: in.TimeZone, Link: in.Link, Host: in.Host, Status: EventPlanned, CreatedBy: actor, CreatedAt: now, UpdatedAt: now}
	if err := s.store.SaveEvent(ctx, e); err != nil {
		return Event{}, fmt.Errorf("book event: %w", err)
	}
	return e, nil
}

// SetEventStatus marks a joint event done or cancelled.
func (s *Service) SetEventStatus(ctx context.Context, teamID, partnerID, eventID string, st EventStatus) (Event, error) {
	if !slices.Contains([]EventStatus{EventPlanned, EventDone, EventCancelled}, st) {
		return Event{}, FieldError("status", "event.status.unknown", st)
	}
	events, err := s.store.Events(ctx, teamID, partnerID)
	if err != nil {
		return Event{}, fmt.Errorf("event status: %w", err)
	}
	for _, e := range events {
		if e.ID == eventID {
			e.Status, e.UpdatedAt = st, s.now()
			if err := s.store.SaveEvent(ctx, e); err != nil {
				return Event{}, fmt.Errorf("event status: %w", err)
			}
			return e, nil
		}
	}
	return Event{}, NewError(ENOTFOUND, "event.not_found")
}

// EventSummary reads a partner's events and summarises them.
func (s *Service) EventSummary(ctx context.Context, teamID, partnerID string) (EventSummary, error) {
	events, err := s.store.Events(ctx, teamID, partnerID)
	if err != nil {
		return EventSummary{}, fmt.Errorf("events of %s: %w", partnerID, err)
	}
	return Summarize(events, s.now()), nil
}
