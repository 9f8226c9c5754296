package coach

import (
	"context"
	"fmt"
	"slices"
	"unicode/utf8"
)

// Progress counts done items per priority.
func (c Checklist) Progress() Progress {
	var p Progress
	for _, it := range c.Template.Items {
		done := c.States[it.ID].Done
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
		if it.Priority == MustHave && !c.States[it.ID].Done {
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
	return Checklist{Partner: p, Template: ForKind(tpl, p.Kind), States: states}, nil
}

// SetItem marks one item done or not done and returns the whole checklist as
// of right after the write. The caller says which state it wants (not
// "toggle"), so a repeated or stale click changes nothing more.
func (s *Service) SetItem(ctx context.Context, teamID, actor string, p Partner, templateID, itemID string, done bool, note string) (Checklist, error) {
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
	if !slices.ContainsFunc(tpl.Items, func(it TemplateItem) bool { return it.ID == itemID }) {
		return Checklist{}, &Error{Code: ENOTFOUND, Field: "item", Key: "checklist.item.unknown", Args: []any{itemID, tpl.ID}}
	}
	if n := utf8.RuneCountInString(note); n > 500 {
		return Checklist{}, FieldError("note", "checklist.note.too_long", n)
	}
	// By and At record who last changed the item, ticking or unticking: an
	// item that goes back to not done should say who reopened it and when.
	st := ItemState{ItemID: itemID, Done: done, Note: note, By: actor, At: s.now()}
	states, err := s.store.SetItemState(ctx, teamID, p.ID, tpl.ID, st)
	if err != nil {
		return Checklist{}, fmt.Errorf("set item %s of %s: %w", itemID, p.ID, err)
	}
	return Checklist{Partner: p, Template: tpl, States: states}, nil
}
