package coach

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// CommitmentLeadDays are the days before the due day on which a
// commitment's person is told: two days before, and on the day.
var CommitmentLeadDays = []int{2, 0}

// DefaultCommitmentSchedule checks the plan every day at 09:00.
const DefaultCommitmentSchedule = "0 9 * * *"

// CommitmentsDueSoon returns the open commitments whose due day is one of
// CommitmentLeadDays away from now, soonest first.
func CommitmentsDueSoon(cs []Commitment, now time.Time) []Commitment {
	var out []Commitment
	for _, c := range cs {
		if c.Status == CommitmentOpen && slices.Contains(CommitmentLeadDays, c.DueIn(now)) {
			out = append(out, c)
		}
	}
	SortCommitments(out)
	return out
}

func commitmentSpeaks(f ReminderFacts) bool { return len(CommitmentsDueSoon(f.Commitments, f.Now)) > 0 }

// ensureCommitmentReminder gives the partner its daily commitment check,
// in its home channel, when it has none yet: a partner added before
// commitments existed gets it with its first commitment. The reminder
// says nothing unless a commitment falls due.
func (s *Service) ensureCommitmentReminder(ctx context.Context, p Partner, actor string) error {
	id := ReminderID(p.ID, ReminderCommitment)
	rs, err := s.store.Reminders(ctx, p.TeamID)
	if err != nil {
		return fmt.Errorf("commitment reminder: %w", err)
	}
	if slices.ContainsFunc(rs, func(r Reminder) bool { return r.ID == id }) || p.Channel == "" {
		return nil
	}
	r := Reminder{TeamID: p.TeamID, ID: id, PartnerID: p.ID, Kind: ReminderCommitment, Spec: DefaultCommitmentSchedule,
		Channel: p.Channel, UpdatedBy: actor, UpdatedAt: s.now()}
	if err := s.store.SaveReminder(ctx, r); err != nil {
		return fmt.Errorf("commitment reminder: %w", err)
	}
	return nil
}
