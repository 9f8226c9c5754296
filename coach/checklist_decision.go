package coach

// Mark is where one item stands: met (ticked), not met, or open.
type Mark string

const (
	MarkOpen   Mark = "open"
	MarkMet    Mark = "met"
	MarkNotMet Mark = "not-met" // a must-have the candidate misses: it rules the candidate out
)

// ParseMark reads a mark's stored name.
func ParseMark(s string) (Mark, bool) {
	switch Mark(s) {
	case MarkOpen, MarkMet, MarkNotMet:
		return Mark(s), true
	}
	return "", false
}

// Marked is one item's mark and what set it: a person (State.By) or the
// records (Evidence, when ByEvidence).
type Marked struct {
	Mark       Mark
	State      ItemState
	Evidence   Evidence
	ByEvidence bool
	// HasEvidence says the records prove the item, even when a person has
	// overruled them.
	HasEvidence bool
}

// MarkOf says where item id stands. A person's tick or "not met" wins;
// otherwise evidence ticks the item, unless a person unticked it while the
// evidence was there.
func (c Checklist) MarkOf(id string) Marked {
	st := c.States[id]
	ev, has := c.Evidence[id]
	m := Marked{Mark: MarkOpen, State: st, Evidence: ev, HasEvidence: has}
	switch {
	case st.Done:
		m.Mark = MarkMet
	case st.NotMet:
		m.Mark = MarkNotMet
	case has && !st.Overruled:
		m.Mark, m.ByEvidence = MarkMet, true
	}
	return m
}

// ThreeState reports whether an item can be marked "not met": the
// must-haves of the selection checklist, where a miss rules a candidate out.
func (c Checklist) ThreeState(it TemplateItem) bool {
	return c.Template.ID == TemplateSelection && it.Priority == MustHave && !it.Verdict
}

// DecisionKind is the selection verdict.
type DecisionKind string

const (
	DecisionGo     DecisionKind = "go"      // every must-have met
	DecisionNotYet DecisionKind = "not-yet" // none unmet, some open
	DecisionNoGo   DecisionKind = "no-go"   // a must-have is not met
)

// Decision is the selection verdict with the items that decide it (rule 3):
// a missing must-have rules the candidate out, whatever its nice-to-haves.
type Decision struct {
	Kind  DecisionKind
	Open  []TemplateItem // must-haves still open (Not yet)
	Unmet []TemplateItem // must-haves not met (No-go)
}

// Decide gives the verdict over the checklist's must-haves. The item that
// only restates the rule (Verdict) takes no part: the verdict replaces it.
func (c Checklist) Decide() Decision {
	var d Decision
	for _, it := range c.Template.Items {
		if it.Priority != MustHave || it.Verdict {
			continue
		}
		switch c.MarkOf(it.ID).Mark {
		case MarkNotMet:
			d.Unmet = append(d.Unmet, it)
		case MarkOpen:
			d.Open = append(d.Open, it)
		}
	}
	switch {
	case len(d.Unmet) > 0:
		d.Kind = DecisionNoGo
	case len(d.Open) > 0:
		d.Kind = DecisionNotYet
	default:
		d.Kind = DecisionGo
	}
	return d
}

// ReadMark reads a mark from a word people type, in English or French,
// with or without accents: met, done, rempli; not-met, unmet, non-rempli;
// open, undo, ouvert.
func ReadMark(word string) (Mark, bool) {
	switch Slug(word) {
	case "met", "done", "yes", "rempli", "fait", "oui":
		return MarkMet, true
	case "not-met", "unmet", "no", "non-rempli", "non":
		return MarkNotMet, true
	case "open", "undo", "untick", "ouvert", "rouvrir", "decocher":
		return MarkOpen, true
	}
	return "", false
}

// MarkKey is what a store compares to tell a repeated click (the same
// state asked for again: nothing to write, who set it and when stay) from
// a change: done, not met, overruled and the note.
func MarkKey(st ItemState) string {
	b := func(v bool) string {
		if v {
			return "1"
		}
		return "0"
	}
	return b(st.Done) + "|" + b(st.NotMet) + "|" + b(st.Overruled) + "|" + st.Note
}
