package blocks

import (
	"errors"
	"strings"

	"github.com/partnercoach/partnercoach/coach"
)

// Action IDs of the bot's interactive elements.
const (
	ActionToggleItem      = "checklist.toggle"
	ActionMarkReviewed    = "balance.reviewed"
	ActionLogContribution = "balance.log"
	ActionOpenChecklist   = "home.checklist"
	ActionHomePage        = "home.page"
)

// ToggleValue is a checklist button's value: which item, and the state the
// click asks for (not "toggle"), so a click on a stale copy of the message is
// idempotent. The team never travels in a value: it comes from the payload.
type ToggleValue struct {
	PartnerID, TemplateID, ItemID string
	Done                          bool
	NotMet                        bool // a selection must-have the candidate misses
}

// Mark is the state the click asks for.
func (v ToggleValue) Mark() coach.Mark {
	switch {
	case v.Done:
		return coach.MarkMet
	case v.NotMet:
		return coach.MarkNotMet
	}
	return coach.MarkOpen
}

// Encode packs the value as "partner|template|item|1" (met), "…|0" (open)
// or "…|x" (not met).
func (v ToggleValue) Encode() string {
	d := "0"
	if v.Done {
		d = "1"
	} else if v.NotMet {
		d = "x"
	}
	return strings.Join([]string{v.PartnerID, v.TemplateID, v.ItemID, d}, "|")
}

// DecodeToggle reads a value packed by Encode, refusing anything else.
func DecodeToggle(s string) (ToggleValue, error) {
	parts := strings.Split(s, "|")
	if len(s) > 2000 || len(parts) != 4 || parts[0] == "" || parts[1] == "" || parts[2] == "" || (parts[3] != "0" && parts[3] != "1" && parts[3] != "x") {
		return ToggleValue{}, errors.New("malformed checklist button value")
	}
	return ToggleValue{PartnerID: parts[0], TemplateID: parts[1], ItemID: parts[2], Done: parts[3] == "1", NotMet: parts[3] == "x"}, nil
}
