package coach

import (
	"context"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"
)

// Progress counts done items per priority.
func (c Checklist) Progress() Progress {
	var p Progress
	for _, it := range c.Template.Items {
		if it.Verdict {
			continue
		}
		done := c.MarkOf(it.ID).Mark == MarkMet
		if it.Priority == MustHave {
			p.MustTotal++
			if done {
				p.MustDone++
			}
		} else {
			p.NiceTotal++
			if done {
				p.NiceDone++
			}
		}
	}
	return p
}

// MissingMustHaves lists the must-have items not done yet (rule 3).
func (c Checklist) MissingMustHaves() []TemplateItem {
	var out []TemplateItem
	for _, it := range c.Template.Items {
		if it.Priority == MustHave && !it.Verdict && c.MarkOf(it.ID).Mark != MarkMet {
			out = append(out, it)
		}
	}
	return out
}

// Checklist returns a template applied to a partner with its current states.
func (s *Service) Checklist(ctx context.Context, teamID string, p Partner, templateID string) (Checklist, error) {
	if err := requireTeam(teamID); err != nil {
		return Checklist{}, err
	}
	tpl, err := s.Templates.Get(templateID)
	if err != nil {
		return Checklist{}, err
	}
	states, err := s.store.ItemStates(ctx, teamID, p.ID, tpl.ID)
	if err != nil {
		return Checklist{}, fmt.Errorf("checklist %s of %s: %w", tpl.ID, p.ID, err)
	}
	c := Checklist{Partner: p, Template: ForKind(tpl, p.Kind), States: states}
	if c.Evidence, err = s.itemEvidence(ctx, teamID, p, c.Template); err != nil {
		return Checklist{}, err
	}
	return c, nil
}

// itemEvidence reads the records a template's evidence rules need, and only
// when one of its items names a rule.
func (s *Service) itemEvidence(ctx context.Context, teamID string, p Partner, t Template) (map[string]Evidence, error) {
	need := map[string]bool{}
	for _, it := range t.Items {
		if it.Evidence != "" {
			need[it.Evidence] = true
		}
	}
	if len(need) == 0 {
		return map[string]Evidence{}, nil
	}
	f := EvidenceFacts{Now: s.now()}
	var err error
	if need[EvidenceJointEvent] {
		if f.Events, err = s.store.Events(ctx, teamID, p.ID); err != nil {
			return nil, fmt.Errorf("evidence of %s: %w", p.ID, err)
		}
	}
	if need[EvidenceFirstDeal] || need[EvidenceDealsCounted] {
		if f.Contributions, err = s.store.Contributions(ctx, teamID, p.ID, time.Time{}, time.Time{}); err != nil {
			return nil, fmt.Errorf("evidence of %s: %w", p.ID, err)
		}
	}
	if need[EvidenceDealParts] {
		if f.Deals, err = s.store.Deals(ctx, teamID, p.ID); err != nil {
			return nil, fmt.Errorf("evidence of %s: %w", p.ID, err)
		}
	}
	if need[EvidenceBalanceReview] {
		rs, err := s.store.Reminders(ctx, teamID)
		if err != nil {
			return nil, fmt.Errorf("evidence of %s: %w", p.ID, err)
		}
		for _, r := range rs {
			if r.PartnerID == p.ID {
				f.Reminders = append(f.Reminders, r)
			}
		}
	}
	return ChecklistEvidence(t, f), nil
}

// SetItem marks one item done or not done and returns the whole checklist as
// of right after the write. The caller says which state it wants (not
// "toggle"), so a repeated or stale click changes nothing more.
func (s *Service) SetItem(ctx context.Context, teamID, actor string, p Partner, templateID, itemID string, done bool, note string) (Checklist, error) {
	m := MarkOpen
	if done {
		m = MarkMet
	}
	return s.SetMark(ctx, teamID, actor, p, templateID, itemID, m, note)
}

// SetMark sets one item met, not met or open, with an optional note, and
// returns the whole checklist as of right after the write. "Not met" is for
// the selection checklist's must-haves only. Opening an item the records
// prove overrules the evidence: it stays open until a person ticks it.
func (s *Service) SetMark(ctx context.Context, teamID, actor string, p Partner, templateID, itemID string, m Mark, note string) (Checklist, error) {
	if err := requireTeam(teamID); err != nil {
		return Checklist{}, err
	}
	if err := writable(p); err != nil {
		return Checklist{}, err
	}
	tpl, err := s.Templates.Get(templateID)
	if err != nil {
		return Checklist{}, err
	}
	tpl = ForKind(tpl, p.Kind)
	i := slices.IndexFunc(tpl.Items, func(it TemplateItem) bool { return it.ID == itemID })
	if i < 0 {
		return Checklist{}, &Error{Code: ENOTFOUND, Field: "item", Key: "checklist.item.unknown", Args: []any{itemID, tpl.ID}}
	}
	item := tpl.Items[i]
	if _, ok := ParseMark(string(m)); !ok {
		return Checklist{}, FieldError("mark", "checklist.mark.unknown", string(m))
	}
	if m == MarkNotMet && !(Checklist{Template: tpl}).ThreeState(item) {
		return Checklist{}, FieldError("mark", "checklist.mark.not_met_must_have", item.ID)
	}
	if n := utf8.RuneCountInString(note); n > 500 {
		return Checklist{}, FieldError("note", "checklist.note.too_long", n)
	}
	// By and At record who last changed the item, ticking or unticking: an
	// item that goes back to not done should say who reopened it and when.
	st := ItemState{ItemID: itemID, Done: m == MarkMet, NotMet: m == MarkNotMet, Note: note, By: actor, At: s.now()}
	if m == MarkOpen && item.Evidence != "" {
		ev, err := s.itemEvidence(ctx, teamID, p, Template{ID: tpl.ID, Items: []TemplateItem{item}})
		if err != nil {
			return Checklist{}, err
		}
		_, st.Overruled = ev[item.ID]
	}
	states, err := s.store.SetItemState(ctx, teamID, p.ID, tpl.ID, st)
	if err != nil {
		return Checklist{}, fmt.Errorf("set item %s of %s: %w", itemID, p.ID, err)
	}
	c := Checklist{Partner: p, Template: tpl, States: states}
	if c.Evidence, err = s.itemEvidence(ctx, teamID, p, tpl); err != nil {
		return Checklist{}, err
	}
	return c, nil
}
