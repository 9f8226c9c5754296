package slacksim

import (
	"encoding/json"
	"sort"
	"strings"
)

// Canvas is a channel canvas as the simulator keeps it: its markdown, as
// conversations.canvases.create and canvases.edit left it.
type Canvas struct {
	ID       string
	Channel  string
	Title    string
	Markdown string
	Edits    int // canvases.edit calls applied
	Deleted  bool
}

// MaxCanvasMarkdown is Slack's limit on a canvas's markdown content (1 MiB).
const MaxCanvasMarkdown = 1 << 20

// canvasState is the simulator's canvases, created on first use.
type canvasState struct {
	byID      map[string]*Canvas
	byChannel map[string]string // channel → its channel canvas ID
	refuse    string            // error code every canvas method answers; "" accepts
}

// RefuseCanvases makes every canvas method answer code from now on, as a
// workspace whose plan or settings refuse canvases would: for example
// "team_tier_cannot_create_channel_canvases" (free plans),
// "canvas_disabled_user_team" (switched off by an admin) or
// "missing_scope" (the app was installed without canvases:write). An
// empty code accepts canvases again.
func (s *Server) RefuseCanvases(code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.canvasesLocked().refuse = code
}

// ChannelCanvas returns the channel's canvas, if it has one.
func (s *Server) ChannelCanvas(channel string) (Canvas, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.canvasesLocked()
	c, ok := cs.byID[cs.byChannel[channel]]
	if !ok || c.Deleted {
		return Canvas{}, false
	}
	return *c, true
}

// Canvases returns every live canvas, by channel name order of creation.
func (s *Server) Canvases() []Canvas {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Canvas
	for _, c := range s.canvasesLocked().byID {
		if !c.Deleted {
			out = append(out, *c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (s *Server) canvasesLocked() *canvasState {
	if s.canvases == nil {
		s.canvases = &canvasState{byID: map[string]*Canvas{}, byChannel: map[string]string{}}
	}
	return s.canvases
}

// documentContent reads a document_content argument: {"type":"markdown",
// "markdown":"…"}. ok is false when it is not that shape.
func documentContent(raw string) (markdown string, ok bool) {
	var dc struct {
		Type     string  `json:"type"`
		Markdown *string `json:"markdown"`
	}
	if json.Unmarshal([]byte(raw), &dc) != nil || dc.Type != "markdown" || dc.Markdown == nil {
		return "", false
	}
	return *dc.Markdown, true
}

// dispatchCanvas answers the canvas methods; handled is false for any other
// method. Call with s.mu held.
func (s *Server) dispatchCanvas(r apiRequest) (resp map[string]any, errCode string, handled bool) {
	switch r.method {
	case "conversations.canvases.create", "canvases.edit", "canvases.delete":
	default:
		return nil, "", false
	}
	cs := s.canvasesLocked()
	if cs.refuse != "" {
		return nil, cs.refuse, true
	}
	switch r.method {
	case "conversations.canvases.create":
		ch, ok := s.channels[r.get("channel_id")]
		if !ok {
			return nil, "channel_not_found", true
		}
		if !ch.IsMember {
			return nil, "not_in_channel", true
		}
		if id := cs.byChannel[ch.ID]; id != "" && !cs.byID[id].Deleted {
			return nil, "channel_canvas_already_exists", true
		}
		md := ""
		if raw := r.get("document_content"); raw != "" {
			if md, ok = documentContent(raw); !ok {
				return nil, "invalid_arguments", true
			}
		}
		if len(md) > MaxCanvasMarkdown {
			return nil, "canvas_creation_failed", true
		}
		c := &Canvas{ID: s.nextID("F0CV"), Channel: ch.ID, Title: r.get("title"), Markdown: md}
		cs.byID[c.ID] = c
		cs.byChannel[ch.ID] = c.ID
		return map[string]any{"canvas_id": c.ID}, "", true
	case "canvases.edit":
		c, ok := cs.byID[r.get("canvas_id")]
		if !ok || c.Deleted {
			return nil, "canvas_not_found", true
		}
		var changes []struct {
			Operation       string          `json:"operation"`
			SectionID       string          `json:"section_id"`
			DocumentContent json.RawMessage `json:"document_content"`
		}
		if json.Unmarshal([]byte(r.get("changes")), &changes) != nil || len(changes) == 0 {
			return nil, "invalid_arguments", true
		}
		md := c.Markdown
		for _, ch := range changes {
			text, ok := documentContent(string(ch.DocumentContent))
			if !ok {
				return nil, "invalid_arguments", true
			}
			// Sections are not modelled: an operation naming one is refused,
			// the whole-document ones apply.
			if ch.SectionID != "" {
				return nil, "canvas_editing_failed", true
			}
			switch ch.Operation {
			case "replace":
				md = text
			case "insert_at_start":
				md = text + "\n" + md
			case "insert_at_end":
				md = strings.TrimRight(md, "\n") + "\n" + text
			default:
				return nil, "invalid_arguments", true
			}
		}
		if len(md) > MaxCanvasMarkdown {
			return nil, "canvas_editing_failed", true
		}
		c.Markdown = md
		c.Edits++
		return map[string]any{}, "", true
	default: // canvases.delete
		c, ok := cs.byID[r.get("canvas_id")]
		if !ok || c.Deleted {
			return nil, "canvas_not_found", true
		}
		c.Deleted = true
		if cs.byChannel[c.Channel] == c.ID {
			delete(cs.byChannel, c.Channel)
		}
		return map[string]any{}, "", true
	}
}
