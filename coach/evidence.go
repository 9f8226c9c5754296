package coach

import (
	"slices"
	"time"
)

// Evidence rules: what a template item's `evidence` field may name. Each is a
// fact the partner's records can prove, so the item ticks itself.
const (
	EvidenceJointEvent    = "joint-event"    // a joint event booked or held (rule 6)
	EvidenceFirstDeal     = "first-deal"     // a deal logged in the ledger (pitfall 3)
	EvidenceBalanceReview = "balance-review" // a balance review reminder active (pitfall 2)
	EvidenceDealParts     = "deal-parts"     // a deal with its parties and components (pitfall 4)
	EvidenceDealsCounted  = "deals-counted"  // deals counted one by one in the ledger (pitfall 3)
)

// EvidenceRules lists every rule a template may name.
var EvidenceRules = []string{EvidenceJointEvent, EvidenceFirstDeal, EvidenceBalanceReview, EvidenceDealParts, EvidenceDealsCounted}

// Evidence is what proves an item: its rule, which fact ("booked", "held",
// "logged", "scheduled", "listed", "counted"), when, and a name or count
// the bot words in the reader's language.
type Evidence struct {
	Rule  string
	Fact  string
	At    time.Time // zero when the fact has no date
	Name  string    // an event's title, a deal's name, a schedule
	Count int       // parts of a deal, deals counted
}

// Fact names of Evidence.Fact.
const (
	FactBooked    = "booked"
	FactHeld      = "held"
	FactLogged    = "logged"
	FactScheduled = "scheduled"
	FactListed    = "listed"
	FactCounted   = "counted"
)

// EvidenceFacts are a partner's records that evidence reads.
type EvidenceFacts struct {
	Events        []Event
	Contributions []Contribution
	Deals         []Deal
	Reminders     []Reminder // the partner's own
	Commitments   []Commitment
	Now           time.Time
}

// FindEvidence reports whether the facts prove the rule, and how. Pure:
// the same records always give the same answer.
func FindEvidence(rule string, f EvidenceFacts) (Evidence, bool) {
	switch rule {
	case EvidenceJointEvent:
		s := Summarize(f.Events, f.Now)
		if s.Next != nil {
			return Evidence{Rule: rule, Fact: FactBooked, At: s.Next.Start, Name: s.Next.Title}, true
		}
		if s.Last != nil {
			return Evidence{Rule: rule, Fact: FactHeld, At: s.Last.Start, Name: s.Last.Title}, true
		}
	case EvidenceFirstDeal:
		if marks, first := CountDeals(f.Contributions); len(marks) > 0 {
			return Evidence{Rule: rule, Fact: FactLogged, At: first, Count: len(marks)}, true
		}
	case EvidenceDealsCounted:
		if marks, _ := CountDeals(f.Contributions); len(marks) > 0 {
			return Evidence{Rule: rule, Fact: FactCounted, At: marks[len(marks)-1].Contribution.Date, Count: len(marks)}, true
		}
	case EvidenceBalanceReview:
		for _, r := range f.Reminders {
			if r.Kind == ReminderBalance && !r.Paused {
				return Evidence{Rule: rule, Fact: FactScheduled, Name: r.Spec}, true
			}
		}
	case EvidenceDealParts:
		// The deal with the most parts is the one that best shows the
		// parties and components were thought through.
		var best *Deal
		for i, d := range f.Deals {
			if len(d.Parts) >= 2 && (best == nil || len(d.Parts) > len(best.Parts)) {
				best = &f.Deals[i]
			}
		}
		if best != nil {
			return Evidence{Rule: rule, Fact: FactListed, At: best.UpdatedAt, Name: best.Name, Count: len(best.Parts)}, true
		}
	}
	return Evidence{}, false
}

// ChecklistEvidence finds the evidence of each item of t that names a rule
// the facts prove, by item ID.
func ChecklistEvidence(t Template, f EvidenceFacts) map[string]Evidence {
	out := map[string]Evidence{}
	for _, it := range t.Items {
		if it.Evidence == "" {
			continue
		}
		if ev, ok := FindEvidence(it.Evidence, f); ok {
			out[it.ID] = ev
		}
	}
	return out
}

func knownEvidenceRule(rule string) bool { return slices.Contains(EvidenceRules, rule) }
