package coach

import (
	"context"
	"fmt"
	"time"
)

// ChecklistPost is one posted copy of a partner's checklist: a checklist
// may be posted in several channels, or again later, and every copy is
// brought up to date when an item changes.
type ChecklistPost struct {
	Channel string    `json:"channel"`
	TS      string    `json:"ts"`
	Locale  string    `json:"locale,omitempty"` // the language it was posted in
	At      time.Time `json:"at"`
}

// MaxChecklistPosts bounds the copies remembered per checklist: the most
// recent ones are kept.
const MaxChecklistPosts = 20

// ChecklistPostStore remembers where a checklist was posted.
type ChecklistPostStore interface {
	// AddChecklistPost records a posted copy (the same channel and ts again
	// changes nothing), keeping the MaxChecklistPosts most recent.
	AddChecklistPost(ctx context.Context, teamID, partnerID, templateID string, post ChecklistPost) error
	// ChecklistPosts returns the copies recorded, most recent first.
	ChecklistPosts(ctx context.Context, teamID, partnerID, templateID string) ([]ChecklistPost, error)
}

// RecordChecklistPost remembers a copy of p's checklist posted at channel/ts.
func (s *Service) RecordChecklistPost(ctx context.Context, teamID, partnerID, templateID string, post ChecklistPost) error {
	if err := requireTeam(teamID); err != nil {
		return err
	}
	if post.Channel == "" || post.TS == "" {
		return NewError(EINVALID, "checklist.post.invalid")
	}
	if post.At.IsZero() {
		post.At = s.now()
	}
	if err := s.store.AddChecklistPost(ctx, teamID, partnerID, templateID, post); err != nil {
		return fmt.Errorf("record checklist post: %w", err)
	}
	return nil
}

// ChecklistPosts returns the copies of p's checklist posted, most recent first.
func (s *Service) ChecklistPosts(ctx context.Context, teamID, partnerID, templateID string) ([]ChecklistPost, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	ps, err := s.store.ChecklistPosts(ctx, teamID, partnerID, templateID)
	if err != nil {
		return nil, fmt.Errorf("checklist posts: %w", err)
	}
	return ps, nil
}
