package coach

import "time"

// Template IDs shipped with the bot.
const (
	TemplateSelection = "selection" // choosing a partner: the twelve rules
	TemplateLaunch    = "launch"    // running it: the five pitfalls as concrete items
)

// Priority separates must-haves from nice-to-haves (rule 3).
type Priority string

const (
	MustHave   Priority = "must"
	NiceToHave Priority = "nice"
)

// Text is a user-facing string in each supported locale. EN is required.
type Text struct {
	EN string `json:"en"`
	FR string `json:"fr,omitempty"`
}

// In returns the text for a locale ("en", "fr", "fr-FR"…), falling back to English.
func (t Text) In(locale string) string {
	if len(locale) >= 2 && locale[:2] == "fr" && t.FR != "" {
		return t.FR
	}
	return t.EN
}

// Template is a named checklist; its items are data, not code.
type Template struct {
	ID    string         `json:"id"`
	Title Text           `json:"title"`
	Items []TemplateItem `json:"items"`
}

// TemplateItem is one checkable item of a template. ID is stable across
// versions: item states are stored by it.
type TemplateItem struct {
	ID       string   `json:"id"`
	Priority Priority `json:"priority"`
	Text     Text     `json:"text"`
	Why      Text     `json:"why"`
	Rule     string   `json:"rule"`            // e.g. "selection-3", "pitfall-5"
	Kinds    []Kind   `json:"kinds,omitempty"` // empty: applies to every kind
	// Evidence names the rule (EvidenceRules) by which the partner's records
	// tick the item by themselves; empty: only a person ticks it.
	Evidence string `json:"evidence,omitempty"`
	// Verdict marks the item that only restates the selection rule: the
	// verdict (Checklist.Decide) takes its place.
	Verdict bool `json:"verdict,omitempty"`
}

// ItemState is the state of one item for one partner.
type ItemState struct {
	ItemID string    `json:"item_id"`
	Done   bool      `json:"done"`
	By     string    `json:"by,omitempty"` // Slack user ID
	At     time.Time `json:"at,omitzero"`
	Note   string    `json:"note,omitempty"`
	// NotMet records a must-have the candidate misses (Done is then false).
	NotMet bool `json:"not_met,omitempty"`
	// Overruled records that a person unticked an item the records proved:
	// the evidence no longer ticks it.
	Overruled bool `json:"overruled,omitempty"`
}

// Checklist is a template applied to one partner with its item states.
type Checklist struct {
	Partner  Partner
	Template Template             // already filtered to the partner's kind
	States   map[string]ItemState // by item ID; a missing item is not done
	Evidence map[string]Evidence  // by item ID: what the records prove
}

// Progress counts done items per priority.
type Progress struct {
	MustDone, MustTotal int
	NiceDone, NiceTotal int
}
