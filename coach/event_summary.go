package coach

import (
	"slices"
	"time"
)

// Joint-activity thresholds for the webinar nudge (rule 6).
const (
	DefaultQuietDays     = 90 // no joint event in this many days…
	DefaultLookaheadDays = 30 // …and none booked in this many: nudge
)

// EventSummary is what the history of joint events says.
type EventSummary struct {
	Last          *Event  // latest past event that was not cancelled
	Next          *Event  // earliest planned future event
	Upcoming      []Event // planned future events, soonest first
	Turn          Host    // who should host the next one
	DaysSinceLast int     // -1 when there was none
}

// Summarize derives last, next and whose turn it is from the events. The turn
// alternates: after an event we hosted it is the partner's turn, and the other
// way round; after a co-hosted one, or with no history, it is ours, because
// proving value before asking for more is how trust is earned (pitfall 2).
func Summarize(events []Event, now time.Time) EventSummary {
	sorted := slices.Clone(events)
	slices.SortFunc(sorted, func(a, b Event) int { return a.Start.Compare(b.Start) })
	s := EventSummary{Turn: HostUs, DaysSinceLast: -1}
	for i := range sorted {
		e := sorted[i]
		if e.Status == EventCancelled {
			continue
		}
		if !e.Start.After(now) {
			s.Last = &sorted[i]
		} else if e.Status == EventPlanned {
			s.Upcoming = append(s.Upcoming, e)
		}
	}
	if len(s.Upcoming) > 0 {
		s.Next = &s.Upcoming[0]
	}
	if s.Last != nil {
		s.DaysSinceLast = int(now.Sub(s.Last.Start).Hours() / 24)
	}
	// The host of the most recent non-cancelled event, booked or past, decides.
	latest := s.Last
	if n := len(s.Upcoming); n > 0 {
		latest = &s.Upcoming[n-1]
	}
	if latest != nil && latest.Host == HostUs {
		s.Turn = HostPartner
	}
	return s
}

// WebinarDue reports whether a joint-webinar nudge is due: nothing together in
// the last quietDays and nothing booked in the next lookaheadDays.
func WebinarDue(s EventSummary, now time.Time, quietDays, lookaheadDays int) bool {
	if s.Last != nil && s.DaysSinceLast < quietDays {
		return false
	}
	return s.Next == nil || s.Next.Start.After(now.AddDate(0, 0, lookaheadDays))
}
