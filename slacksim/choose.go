package slacksim

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
)

// Choose picks values in a selection element of a message — checkboxes (the
// values ticked now), radio buttons, an overflow menu, a static, user or
// conversation select, a date or time picker — sending the block_actions
// payload Slack would: the element's selected_option(s), selected_date,
// selected_time, selected_user or selected_conversation.
func (s *Server) Choose(ctx context.Context, user string, msg Message, actionID string, values ...string) (Result, error) {
	el, blockID, err := findElement(msg.Blocks, actionID)
	if err != nil {
		return Result{}, err
	}
	action, err := selection(el, values)
	if err != nil {
		return Result{}, err
	}
	action["action_id"], action["block_id"] = actionID, blockID
	action["action_ts"] = s.actionTS()
	return s.deliverClick(ctx, s.blockActions(user, msg, []any{action}))
}

// findElement locates an interactive element by action ID.
func findElement(blocks json.RawMessage, actionID string) (map[string]any, string, error) {
	var bs []map[string]any
	if err := json.Unmarshal(nonEmpty(blocks), &bs); err != nil {
		return nil, "", err
	}
	for _, b := range bs {
		blockID, _ := b["block_id"].(string)
		var els []any
		if acc, ok := b["accessory"].(map[string]any); ok {
			els = append(els, acc)
		}
		if el, ok := b["element"].(map[string]any); ok {
			els = append(els, el)
		}
		if list, ok := b["elements"].([]any); ok {
			els = append(els, list...)
		}
		for _, e := range els {
			if el, ok := e.(map[string]any); ok && el["action_id"] == actionID {
				return el, blockID, nil
			}
		}
	}
	return nil, "", fmt.Errorf("slacksim: no element with action_id %q", actionID)
}

// selection is the action object for values picked in el, with the options
// as the app defined them (Slack sends the whole option object back).
func selection(el map[string]any, values []string) (map[string]any, error) {
	typ, _ := el["type"].(string)
	out := map[string]any{"type": typ}
	one := func() (string, error) {
		if len(values) != 1 {
			return "", fmt.Errorf("slacksim: a %s takes one value, got %d", typ, len(values))
		}
		return values[0], nil
	}
	switch typ {
	case "checkboxes", "multi_static_select":
		opts := []any{}
		for _, v := range values {
			o, err := findOption(el, v)
			if err != nil {
				return nil, err
			}
			opts = append(opts, o)
		}
		out["selected_options"] = opts
	case "radio_buttons", "static_select", "overflow":
		v, err := one()
		if err != nil {
			return nil, err
		}
		o, err := findOption(el, v)
		if err != nil {
			return nil, err
		}
		out["selected_option"] = o
	case "datepicker", "timepicker", "users_select", "conversations_select", "channels_select":
		v, err := one()
		if err != nil {
			return nil, err
		}
		field := map[string]string{"datepicker": "selected_date", "timepicker": "selected_time", "users_select": "selected_user",
			"conversations_select": "selected_conversation", "channels_select": "selected_channel"}[typ]
		out[field] = v
	default:
		return nil, fmt.Errorf("slacksim: %q is not a selection element (use Click for buttons)", typ)
	}
	return out, nil
}

func findOption(el map[string]any, value string) (any, error) {
	var groups []any
	groups = append(groups, el["options"])
	if gs, ok := el["option_groups"].([]any); ok {
		for _, g := range gs {
			if gm, ok := g.(map[string]any); ok {
				groups = append(groups, gm["options"])
			}
		}
	}
	for _, g := range groups {
		opts, _ := g.([]any)
		for _, o := range opts {
			if om, ok := o.(map[string]any); ok && om["value"] == value {
				return om, nil
			}
		}
	}
	return nil, fmt.Errorf("slacksim: no option with value %q", value)
}

// Users returns the workspace's members, sorted by name.
func (s *Server) Users() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]User, 0, len(s.users))
	for _, u := range s.users {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Channels returns the workspace's channels, sorted by name.
func (s *Server) Channels() []Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Channel, 0, len(s.channels))
	for _, c := range s.channels {
		if !c.isIM() { // the app's DMs are not channels to pick or list
			out = append(out, *c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
