package coach

import (
	"context"
	"time"
)

// ReviewSince is what changed in a partner's ledger since its last balance
// review, beside the running totals: what the next review shows.
type ReviewSince struct {
	// Reviewed is when the last review was marked, zero if never; By who.
	Reviewed time.Time
	By       string
	// Added sums the entries logged since the review (whatever their date);
	// Edited and Deleted count the corrections made since.
	Added   Balance
	Edited  int
	Deleted int
	// Totals is the balance over the default window ending now, and
	// LedgerSize the number of entries in the whole ledger.
	Totals     Balance
	LedgerSize int
}

// Changed reports whether anything was logged or corrected since the review.
func (r ReviewSince) Changed() bool { return r.Added.Entries+r.Edited+r.Deleted > 0 }

// ReviewFor gathers what the balance review of p shows.
func (s *Service) ReviewFor(ctx context.Context, teamID string, p Partner) (ReviewSince, error) {
	all, err := s.Ledger(ctx, teamID, p.ID)
	if err != nil {
		return ReviewSince{}, err
	}
	now := s.now()
	out := ReviewSince{Reviewed: p.ReviewedAt, By: p.ReviewedBy, LedgerSize: len(all),
		Totals: ComputeBalance(all, DefaultWindow.Start(now), now.Add(time.Nanosecond), s.Thresholds)}
	if p.ReviewedAt.IsZero() {
		return out, nil
	}
	var added []Contribution
	for _, c := range all {
		if c.CreatedAt.After(p.ReviewedAt) {
			added = append(added, c)
		}
	}
	out.Added = ComputeBalance(added, time.Time{}, now.Add(100*365*24*time.Hour), s.Thresholds)
	revs, err := s.LedgerRevisions(ctx, teamID, p.ID)
	if err != nil {
		return ReviewSince{}, err
	}
	for _, r := range revs {
		if !r.At.After(p.ReviewedAt) {
			continue
		}
		if r.Action == RevisionDelete {
			out.Deleted++
		} else {
			out.Edited++
		}
	}
	return out, nil
}
