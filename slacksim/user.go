package slacksim

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

func (s *Server) issue(channel, user, messageTS string) (trigger, respURL string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	trigger = s.nextID("trig.")
	s.triggers[trigger] = s.Now()
	s.triggerUser[trigger] = user
	id := s.nextID("r")
	s.responses[id] = responseURL{channel: channel, user: user, messageTS: messageTS}
	return trigger, s.http.URL + "/response/" + id
}

// userTeam is the team a user belongs to: the simulator's, unless the user
// was added as a member of another organisation.
func (s *Server) userTeam(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u, ok := s.users[user]; ok && u.TeamID != "" {
		return u.TeamID
	}
	return s.TeamID
}

func (s *Server) channelName(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.channels[id]; ok {
		return c.Name
	}
	return ""
}

// SlashCommand types `command text` as user in channel: the payload Slack
// builds, sent as a slash_commands envelope; it returns once acknowledged.
func (s *Server) SlashCommand(ctx context.Context, user, channel, command, text string) (Result, error) {
	return s.SlashCommandEdited(ctx, user, channel, command, text, nil)
}

// SlashCommandEdited is SlashCommand with the payload changed by edit before
// it is sent, as a test of payloads Slack might send differently.
func (s *Server) SlashCommandEdited(ctx context.Context, user, channel, command, text string, edit func(payload map[string]any)) (Result, error) {
	trigger, respURL := s.issue(channel, user, "")
	payload := map[string]any{
		"token": "sim-verification-token", "team_id": s.TeamID, "team_domain": "sim", "enterprise_id": "",
		"channel_id": channel, "channel_name": s.channelName(channel), "user_id": user, "user_name": user,
		"command": command, "text": text, "response_url": respURL, "trigger_id": trigger,
		"api_app_id": "A0SIM", "is_enterprise_install": "false", "user_team": s.userTeam(user),
	}
	if edit != nil {
		edit(payload)
	}
	res, err := s.deliver(ctx, "slash_commands", payload)
	res.ResponseURL, res.TriggerID = respURL, trigger
	return res, err
}

// ResponseUses is how many times the app posted to a response_url: the
// number of answers to the command or click that carried it.
func (s *Server) ResponseUses(responseURL string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.responses[strings.TrimPrefix(responseURL, s.http.URL+"/response/")].uses
}

// Click presses the element with actionID (and value, when several share the
// action ID) in a message, sending the block_actions payload Slack would.
func (s *Server) Click(ctx context.Context, user string, msg Message, actionID, value string) (Result, error) {
	action, blockID, err := findAction(msg.Blocks, actionID, value)
	if err != nil {
		return Result{}, err
	}
	action["block_id"] = blockID
	action["action_ts"] = s.actionTS()
	return s.deliverClick(ctx, s.blockActions(user, msg, []any{action}))
}

// deliverClick sends an interactive payload and notes its response_url and
// trigger in the result.
func (s *Server) deliverClick(ctx context.Context, payload map[string]any) (Result, error) {
	res, err := s.deliver(ctx, "interactive", payload)
	res.ResponseURL, _ = payload["response_url"].(string)
	res.TriggerID, _ = payload["trigger_id"].(string)
	return res, err
}

// blockActions is a block_actions payload as Slack builds it, for actions
// on msg: its channel and ts, a trigger and a response_url of its own.
func (s *Server) blockActions(user string, msg Message, actions []any) map[string]any {
	trigger, respURL := s.issue(msg.Channel, user, msg.TS)
	p := s.interaction("block_actions", user, trigger)
	p["response_url"] = respURL
	p["container"] = map[string]any{"type": "message", "message_ts": msg.TS, "channel_id": msg.Channel, "is_ephemeral": msg.Ephemeral}
	p["channel"] = map[string]any{"id": msg.Channel, "name": s.channelName(msg.Channel)}
	m := map[string]any{"type": "message", "ts": msg.TS, "text": msg.Text, "blocks": json.RawMessage(nonEmpty(msg.Blocks)), "user": msg.User, "team": s.TeamID}
	if msg.User == BotUser {
		m["bot_id"] = BotID
	}
	p["message"] = m
	p["actions"] = actions
	return p
}

// interaction is what every interactive payload of type typ starts with.
func (s *Server) interaction(typ, user, trigger string) map[string]any {
	p := map[string]any{
		"type": typ, "team": map[string]any{"id": s.TeamID, "domain": "sim"},
		"user":       map[string]any{"id": user, "username": user, "team_id": s.userTeam(user)},
		"api_app_id": "A0SIM", "token": "sim-verification-token",
	}
	if trigger != "" {
		p["trigger_id"] = trigger
	}
	return p
}

// actionTS is an action_ts as Slack writes it.
func (s *Server) actionTS() string { return fmt.Sprintf("%d.000000", s.clock().Unix()) }

func nonEmpty(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("[]")
	}
	return b
}

// findAction locates an interactive element by action ID (and value).
func findAction(blocks json.RawMessage, actionID, value string) (map[string]any, string, error) {
	var bs []map[string]any
	if err := json.Unmarshal(nonEmpty(blocks), &bs); err != nil {
		return nil, "", err
	}
	match := func(el map[string]any) bool {
		return el["action_id"] == actionID && (value == "" || el["value"] == value)
	}
	for _, b := range bs {
		blockID, _ := b["block_id"].(string)
		var els []any
		if acc, ok := b["accessory"].(map[string]any); ok {
			els = append(els, acc)
		}
		if list, ok := b["elements"].([]any); ok {
			els = append(els, list...)
		}
		for _, e := range els {
			if el, ok := e.(map[string]any); ok && match(el) {
				out := map[string]any{"action_id": actionID, "type": el["type"], "value": el["value"]}
				if t, ok := el["text"]; ok {
					out["text"] = t
				}
				return out, blockID, nil
			}
		}
	}
	return nil, "", fmt.Errorf("slacksim: no element with action_id %q and value %q in the message", actionID, value)
}

// OpenHome opens the App Home tab as user: an app_home_opened event.
func (s *Server) OpenHome(ctx context.Context, user string) (Result, error) {
	payload := map[string]any{
		"token": "sim-verification-token", "team_id": s.TeamID, "api_app_id": "A0SIM", "type": "event_callback",
		"event_id": s.eventID(), "event_time": s.clock().Unix(),
		"event": map[string]any{"type": "app_home_opened", "user": user, "channel": "D0" + user, "tab": "home", "event_ts": fmt.Sprintf("%d.000000", s.clock().Unix())},
	}
	return s.deliver(ctx, "events_api", payload)
}

func (s *Server) eventID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nextID("Ev")
}
