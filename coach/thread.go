package coach

import (
	"context"
	"fmt"
	"time"
)

// Thread is where one partner's scheduled messages of a month go in a
// channel: a parent message, kept current, and the messages as replies.
type Thread struct {
	TeamID    string       `json:"team_id"`
	Channel   string       `json:"channel"`
	PartnerID string       `json:"partner_id"`
	Month     string       `json:"month"` // "2026-12", in the team's time zone
	ParentTS  string       `json:"parent_ts"`
	Lines     []ThreadLine `json:"lines,omitempty"` // what was posted in it, oldest first
}

// ThreadLine is one scheduled message posted in a thread.
type ThreadLine struct {
	Kind ReminderKind `json:"kind"`
	TS   string       `json:"ts"`
	At   time.Time    `json:"at"`
}

// ThreadStore keeps the threads of scheduled messages.
type ThreadStore interface {
	// Thread returns the thread of a partner's month in a channel.
	// ENOTFOUND if none.
	Thread(ctx context.Context, teamID, channel, partnerID, month string) (Thread, error)
	// SaveThread stores t. With create it stores t only if no thread is
	// stored under its key yet, and returns the stored one either way: two
	// replicas opening the same thread agree on one parent. Without create
	// it replaces the stored thread.
	SaveThread(ctx context.Context, t Thread, create bool) (Thread, error)
}

// ThreadMonth names the month a thread gathers, in loc.
func ThreadMonth(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2006-01")
}

// Thread returns the thread of a partner's month in a channel (ENOTFOUND if none).
func (s *Service) Thread(ctx context.Context, teamID, channel, partnerID, month string) (Thread, error) {
	if err := requireTeam(teamID); err != nil {
		return Thread{}, err
	}
	t, err := s.store.Thread(ctx, teamID, channel, partnerID, month)
	if err != nil && ErrorCode(err) != ENOTFOUND {
		return Thread{}, fmt.Errorf("thread of %s in %s: %w", partnerID, channel, err)
	}
	return t, err
}

// OpenThread records a new thread whose parent was just posted, and
// returns the thread stored: another replica's when it opened one first.
func (s *Service) OpenThread(ctx context.Context, t Thread) (Thread, error) {
	if err := requireTeam(t.TeamID); err != nil {
		return Thread{}, err
	}
	got, err := s.store.SaveThread(ctx, t, true)
	if err != nil {
		return Thread{}, fmt.Errorf("open thread of %s in %s: %w", t.PartnerID, t.Channel, err)
	}
	return got, nil
}

// AddToThread records one more message posted in a thread.
func (s *Service) AddToThread(ctx context.Context, t Thread, line ThreadLine) (Thread, error) {
	if err := requireTeam(t.TeamID); err != nil {
		return Thread{}, err
	}
	t.Lines = append(t.Lines, line)
	got, err := s.store.SaveThread(ctx, t, false)
	if err != nil {
		return Thread{}, fmt.Errorf("add to thread of %s in %s: %w", t.PartnerID, t.Channel, err)
	}
	return got, nil
}
