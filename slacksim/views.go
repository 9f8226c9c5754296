package slacksim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Modals as Slack keeps them: each user has at most one stack of up to three
// views (views.open starts it, views.push adds to it, a submission's
// response_action decides what happens to it).

// maxStack is Slack's limit: the root view and two pushed ones.
const maxStack = 3

// View is one open modal as the user sees it.
type View struct {
	ID     string
	JSON   json.RawMessage   // the view as the app last sent it
	Errors map[string]string // block_id → message, from a response_action "errors"
}

// ViewState is what a user has entered in a modal, in the shape of Slack's
// view.state.values: block_id → action_id → value object, e.g.
// {"type":"plain_text_input","value":"Acme"},
// {"type":"datepicker","selected_date":"2026-12-10"},
// {"type":"timepicker","selected_time":"14:00"},
// {"type":"static_select","selected_option":{"text":{…},"value":"reseller"}},
// {"type":"users_select","selected_user":"U0ALICE"},
// {"type":"conversations_select","selected_conversation":"C0PARTNERS"}.
type ViewState map[string]map[string]map[string]any

// ViewOutcome is what a submission led to, as the user sees it.
type ViewOutcome struct {
	Result
	// Action is the response_action the app acked with ("" when none).
	Action string
	// Errors are the inline errors shown under the inputs (Action "errors").
	Errors map[string]string
	// Open is the user's modal stack after the submission, bottom first.
	Open []View
}

// ErrNoSuchView is returned for a view the user does not have open.
var ErrNoSuchView = errors.New("slacksim: no such open view for this user")

type openView struct {
	id     string
	user   string
	json   json.RawMessage
	errors map[string]string
	// version counts the app's updates of the view: Slack's view.hash
	// changes with each one and is stable in between.
	version int
}

// openModal handles views.open and views.push; call with s.mu held.
func (s *Server) openModal(r apiRequest, push bool) (map[string]any, string) {
	trigger := r.get("trigger_id")
	issued, ok := s.triggers[trigger]
	if !ok {
		return nil, "invalid_trigger_id"
	}
	if s.Now().Sub(issued) > s.triggerTTL {
		return nil, "expired_trigger_id"
	}
	user := s.triggerUser[trigger]
	if push {
		if len(s.stacks[user]) == 0 {
			return nil, "not_found"
		}
		if len(s.stacks[user]) >= maxStack {
			return nil, "push_limit_reached"
		}
	}
	view := json.RawMessage(r.get("view"))
	resp, errCode := s.storeView(view, SurfaceModal, "")
	if errCode != "" {
		return nil, errCode
	}
	id := resp["view"].(map[string]any)["id"].(string)
	ov := &openView{id: id, user: user, json: view}
	if push {
		s.stacks[user] = append(s.stacks[user], ov)
	} else {
		// Opening a modal while one is open starts a new stack in its place.
		s.closeStack(user)
		s.stacks[user] = []*openView{ov}
	}
	return resp, ""
}

// updateModal handles views.update by view_id; call with s.mu held.
func (s *Server) updateModal(r apiRequest) (map[string]any, string) {
	id := r.get("view_id")
	ov := s.findOpen(id)
	if ov == nil {
		return nil, "not_found"
	}
	view := json.RawMessage(r.get("view"))
	resp, errCode := s.storeView(view, SurfaceModal, id)
	if errCode != "" {
		return nil, errCode
	}
	ov.json, ov.errors = view, nil
	ov.version++
	return resp, ""
}

func (s *Server) findOpen(id string) *openView {
	for _, stack := range s.stacks {
		for _, ov := range stack {
			if ov.id == id {
				return ov
			}
		}
	}
	return nil
}

func (s *Server) closeStack(user string) {
	for _, ov := range s.stacks[user] {
		delete(s.views, ov.id)
	}
	delete(s.stacks, user)
}

// ModalStack returns the user's open modals, bottom first.
func (s *Server) ModalStack(user string) []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stackLocked(user)
}

func (s *Server) stackLocked(user string) []View {
	var out []View
	for _, ov := range s.stacks[user] {
		v := View{ID: ov.id, JSON: ov.json}
		if len(ov.errors) > 0 {
			v.Errors = map[string]string{}
			for k, e := range ov.errors {
				v.Errors[k] = e
			}
		}
		out = append(out, v)
	}
	return out
}

// viewPayload is the "view" object of an interaction payload: the view as
// the app sent it, plus the fields Slack adds.
func (s *Server) viewPayload(ov *openView, state ViewState) (map[string]any, error) {
	var v map[string]any
	if err := json.Unmarshal(ov.json, &v); err != nil {
		return nil, err
	}
	if state == nil {
		state = ViewState{}
	}
	v["id"] = ov.id
	v["team_id"] = s.TeamID
	v["app_id"] = "A0SIM"
	v["bot_id"] = BotID
	v["state"] = map[string]any{"values": state}
	v["hash"] = fmt.Sprintf("%s.%d", ov.id, ov.version)
	stack := s.stacks[ov.user]
	v["root_view_id"] = stack[0].id
	for i, x := range stack {
		if x == ov && i > 0 {
			v["previous_view_id"] = stack[i-1].id
		}
	}
	return v, nil
}

// openViewPayload finds the user's open view and builds its payload with a
// fresh trigger, as Slack does for every interaction.
func (s *Server) openViewPayload(user, viewID string, state ViewState) (*openView, map[string]any, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ov, err := s.userOpen(user, viewID)
	if err != nil {
		return nil, nil, "", err
	}
	view, err := s.viewPayload(ov, state)
	if err != nil {
		return nil, nil, "", err
	}
	trigger := s.nextID("trig.")
	s.triggers[trigger] = s.Now()
	s.triggerUser[trigger] = user
	return ov, view, trigger, nil
}

func (s *Server) userOpen(user, viewID string) (*openView, error) {
	for _, ov := range s.stacks[user] {
		if ov.id == viewID {
			return ov, nil
		}
	}
	return nil, fmt.Errorf("%w: %s has no view %s", ErrNoSuchView, user, viewID)
}

// SubmitView presses the modal's submit button with state as the entered
// values, sending the view_submission payload Slack would, and applies the
// response_action of the ack: "errors" keeps the view open with the errors
// under the inputs, "update" replaces it, "push" stacks a new one, "clear"
// closes the whole stack, and no action closes the submitted view.
func (s *Server) SubmitView(ctx context.Context, user, viewID string, state ViewState) (out ViewOutcome, err error) {
	return s.SubmitViewEdited(ctx, user, viewID, state, nil)
}

// SubmitViewEdited is SubmitView with edit, when not nil, free to change the
// payload before it is sent: a field of the wrong type, for instance.
func (s *Server) SubmitViewEdited(ctx context.Context, user, viewID string, state ViewState, edit func(payload map[string]any)) (out ViewOutcome, err error) {
	ov, view, trigger, err := s.openViewPayload(user, viewID, state)
	if err != nil {
		return ViewOutcome{}, err
	}
	payload := s.interaction("view_submission", user, trigger)
	payload["view"], payload["response_urls"] = view, []any{}
	if edit != nil {
		edit(payload)
	}
	res, err := s.deliver(ctx, "interactive", payload)
	out.Result = res
	if err != nil {
		// Slack shows "We had some trouble connecting" and keeps the modal.
		out.Open = s.ModalStack(user)
		return out, err
	}
	var ack struct {
		Action string            `json:"response_action"`
		Errors map[string]string `json:"errors"`
		View   json.RawMessage   `json:"view"`
	}
	if len(res.Ack) > 0 && string(res.Ack) != "null" {
		if err := json.Unmarshal(res.Ack, &ack); err != nil {
			return out, fmt.Errorf("slacksim: view_submission ack payload is not JSON: %w", err)
		}
	}
	out.Action = ack.Action
	s.mu.Lock()
	defer func() {
		out.Open = s.stackLocked(user)
		s.notify()
		s.mu.Unlock()
	}()
	if s.findOpen(viewID) == nil {
		return out, nil // closed meanwhile (a views.open replaced the stack)
	}
	switch ack.Action {
	case "":
		s.popTo(user, viewID)
	case "clear":
		s.closeStack(user)
	case "errors":
		if err := s.checkErrorKeys(ov, ack.Errors); err != nil {
			return out, err
		}
		ov.errors, out.Errors = ack.Errors, ack.Errors
	case "update", "push":
		if errs := ValidateBlocks(SurfaceModal, blockField(ack.View)); len(errs) > 0 {
			return out, fmt.Errorf("slacksim: response_action %s with invalid blocks: %v", ack.Action, errs)
		}
		s.posts = append(s.posts, Post{Method: "response_action " + ack.Action, User: user, View: ack.View})
		if ack.Action == "update" {
			ov.json, ov.errors = ack.View, nil
			ov.version++
			s.views[ov.id] = ack.View
			break
		}
		if len(s.stacks[user]) >= maxStack {
			return out, errors.New("slacksim: response_action push beyond Slack's three views")
		}
		id := s.nextID("V")
		s.views[id] = ack.View
		s.stacks[user] = append(s.stacks[user], &openView{id: id, user: user, json: ack.View})
	default:
		return out, fmt.Errorf("slacksim: unknown response_action %q", ack.Action)
	}
	return out, nil
}

// popTo closes viewID and every view stacked above it.
func (s *Server) popTo(user, viewID string) {
	stack := s.stacks[user]
	for i, ov := range stack {
		if ov.id == viewID {
			for _, x := range stack[i:] {
				delete(s.views, x.id)
			}
			s.stacks[user] = stack[:i]
			break
		}
	}
	if len(s.stacks[user]) == 0 {
		delete(s.stacks, user)
	}
}

// checkErrorKeys refuses errors keyed by anything but an input block of the
// view: Slack rejects such an ack and the user sees a generic failure.
func (s *Server) checkErrorKeys(ov *openView, errs map[string]string) error {
	if len(errs) == 0 {
		return errors.New("slacksim: response_action errors with no errors")
	}
	var bs []map[string]any
	_ = json.Unmarshal(nonEmpty(blockField(ov.json)), &bs)
	inputs := map[string]bool{}
	for _, b := range bs {
		if id, _ := b["block_id"].(string); b["type"] == "input" && id != "" {
			inputs[id] = true
		}
	}
	for k := range errs {
		if !inputs[k] {
			return fmt.Errorf("slacksim: response_action errors names %q, which is not an input block of the view", k)
		}
	}
	return nil
}

// ClickInView presses an element of an open modal (a button, a select),
// sending the block_actions payload Slack would, with the view's current
// state. It has no response_url: apps answer with views.update or views.push.
func (s *Server) ClickInView(ctx context.Context, user, viewID, actionID, value string, state ViewState) (Result, error) {
	return s.ClickInViewEdited(ctx, user, viewID, actionID, value, state, nil)
}

// ClickInViewEdited is ClickInView with the payload changed by edit before
// it is sent: a tampered click.
func (s *Server) ClickInViewEdited(ctx context.Context, user, viewID, actionID, value string, state ViewState, edit func(payload map[string]any)) (Result, error) {
	_, view, trigger, err := s.openViewPayload(user, viewID, state)
	if err != nil {
		return Result{}, err
	}
	// The payload holds a copy of the blocks, safe to read unlocked.
	blocks, err := json.Marshal(view["blocks"])
	if err != nil {
		return Result{}, err
	}
	action, blockID, err := findAction(blocks, actionID, value)
	if err != nil {
		return Result{}, err
	}
	action["block_id"], action["action_ts"] = blockID, s.actionTS()
	payload := s.interaction("block_actions", user, trigger)
	payload["container"] = map[string]any{"type": "view", "view_id": viewID}
	payload["view"], payload["actions"] = view, []any{action}
	if edit != nil {
		edit(payload)
	}
	return s.deliverClick(ctx, payload)
}

// CloseView is the user pressing the modal's close button: the stack closes,
// and the app gets view_closed if the view asked for notify_on_close.
func (s *Server) CloseView(ctx context.Context, user, viewID string) error {
	s.mu.Lock()
	ov, err := s.userOpen(user, viewID)
	if err != nil {
		s.mu.Unlock()
		return err
	}
	var notify struct {
		NotifyOnClose bool `json:"notify_on_close"`
	}
	_ = json.Unmarshal(ov.json, &notify)
	view, _ := s.viewPayload(ov, nil)
	s.closeStack(user)
	s.notify()
	s.mu.Unlock()
	if !notify.NotifyOnClose {
		return nil
	}
	payload := s.interaction("view_closed", user, "")
	payload["view"], payload["is_cleared"] = view, false
	_, err = s.deliver(ctx, "interactive", payload)
	return err
}

// ClickInHome presses an element of the user's App Home tab, sending the
// block_actions payload Slack would: a view container, no channel and no
// response_url (apps answer with views.publish, or a modal).
func (s *Server) ClickInHome(ctx context.Context, user, actionID, value string) (Result, error) {
	s.mu.Lock()
	home, id := s.homes[user], s.homeIDs[user]
	if home == nil {
		s.mu.Unlock()
		return Result{}, fmt.Errorf("slacksim: %s has no App Home published", user)
	}
	trigger := s.nextID("trig.")
	s.triggers[trigger] = s.Now()
	s.triggerUser[trigger] = user
	s.mu.Unlock()
	action, blockID, err := findAction(blockField(home), actionID, value)
	if err != nil {
		return Result{}, err
	}
	action["block_id"], action["action_ts"] = blockID, s.actionTS()
	var view map[string]any
	if err := json.Unmarshal(home, &view); err != nil {
		return Result{}, err
	}
	view["id"], view["team_id"], view["app_id"], view["type"], view["bot_id"] = id, s.TeamID, "A0SIM", "home", BotID
	view["state"] = map[string]any{"values": map[string]any{}}
	payload := s.interaction("block_actions", user, trigger)
	payload["container"] = map[string]any{"type": "view", "view_id": id}
	payload["view"], payload["actions"] = view, []any{action}
	return s.deliverClick(ctx, payload)
}

// SetTriggerLifetime changes how long a trigger_id stays valid (Slack: 3 s),
// e.g. to 0 so that every views.open finds its trigger expired.
func (s *Server) SetTriggerLifetime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.triggerTTL = d
}
