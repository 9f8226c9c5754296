package slacksim

import (
	"context"
	"encoding/json"
)

// Crafted payloads: tests of bad input and tampering send what Slack would
// relay from a broken or hostile client (unknown action IDs, values the bot
// never wrote, wrong JSON types, oversized text), which Click cannot build.

// Action is one element of a crafted block_actions payload.
type Action struct {
	ActionID, Value, BlockID string
}

// BlockActions sends a block_actions payload for actions on the message msg
// (its channel and ts; a zero Message stands for a click outside any
// message). edit, when not nil, may change the payload before it is sent,
// to give a field the wrong type for instance. The response_url and trigger
// are issued as for a real click.
func (s *Server) BlockActions(ctx context.Context, user string, msg Message, actions []Action, edit func(payload map[string]any)) (Result, error) {
	acts := make([]any, 0, len(actions))
	for _, a := range actions {
		block := a.BlockID
		if block == "" {
			block = "crafted"
		}
		acts = append(acts, map[string]any{"action_id": a.ActionID, "block_id": block, "type": "button", "value": a.Value, "action_ts": s.actionTS()})
	}
	payload := s.blockActions(user, msg, acts)
	if edit != nil {
		edit(payload)
	}
	return s.deliverClick(ctx, payload)
}

// Post is one surface the app sent and Slack accepted: a message (posted,
// updated, or through a response_url), a modal or an App Home view.
type Post struct {
	Method  string // Web API method, "response_url", or "response_action update|push" (a view_submission's ack)
	Channel string
	User    string // the recipient of an ephemeral message, or the Home's user
	Text    string // a message's top-level text (Slack reads it as mrkdwn)
	Blocks  json.RawMessage
	View    json.RawMessage // views.*, and views from a view_submission's ack
}

// Posts returns every surface accepted so far, oldest first, including
// versions later replaced by an update.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// keepPost records an accepted Web API call that shows something; call with s.mu held.
func (s *Server) keepPost(r apiRequest) {
	switch r.method {
	case "chat.postMessage", "chat.postEphemeral", "chat.update":
		s.posts = append(s.posts, Post{Method: r.method, Channel: r.get("channel"), User: r.get("user"), Text: r.get("text"), Blocks: json.RawMessage(r.get("blocks"))})
	case "views.open", "views.push", "views.update", "views.publish":
		s.posts = append(s.posts, Post{Method: r.method, User: r.get("user_id"), View: json.RawMessage(r.get("view"))})
	}
}
