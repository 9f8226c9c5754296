package slacksim

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// apiRequest is one Web API call: form values or a JSON body, as slack-go sends them.
type apiRequest struct {
	method string
	token  string
	form   url.Values
	json   map[string]json.RawMessage
}

func (r apiRequest) get(key string) string {
	if v := r.form.Get(key); v != "" {
		return v
	}
	if raw, ok := r.json[key]; ok {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return string(raw)
	}
	return ""
}

func (s *Server) serveAPI(w http.ResponseWriter, req *http.Request) {
	method := strings.TrimPrefix(req.URL.Path, "/api/")
	r := apiRequest{method: method, form: url.Values{}}
	body, _ := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if strings.HasPrefix(req.Header.Get("Content-Type"), "application/json") {
		_ = json.Unmarshal(body, &r.json)
	} else {
		r.form, _ = url.ParseQuery(string(body))
	}
	r.token = strings.TrimPrefix(req.Header.Get("Authorization"), "Bearer ")
	if r.token == "" {
		r.token = r.get("token")
	}

	s.wait(req)
	if fn := s.takeBefore(method); fn != nil {
		fn()
	}
	s.mu.Lock()
	f, failing := s.takeFault(method, body)
	retry, limited := s.limits[method]
	if !limited && method == "chat.postMessage" && s.pace > 0 && r.token == BotToken {
		ch := r.get("channel")
		now := time.Now()
		if last, ok := s.lastPost[ch]; ok && now.Sub(last) < s.pace {
			retry, limited = time.Second, true
		} else {
			s.lastPost[ch] = now
		}
	}
	s.mu.Unlock()
	if failing && !f.applied {
		s.record(method, strconv.Itoa(f.status))
		writeFault(w, f)
		return
	}
	if limited {
		w.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())))
		w.WriteHeader(http.StatusTooManyRequests)
		s.record(method, "ratelimited")
		_ = json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "ratelimited"})
		return
	}
	want := BotToken
	if method == "apps.connections.open" {
		want = AppToken
	}
	var resp map[string]any
	var errCode string
	if r.token != want {
		errCode = "invalid_auth"
	} else if s.isRevoked(r.token) {
		errCode = "token_revoked"
	} else {
		resp, errCode = s.dispatch(r)
	}
	if failing { // applied, but the answer is lost
		s.record(method, strconv.Itoa(f.status))
		writeFault(w, f)
		return
	}
	s.record(method, errCode)
	if errCode != "" {
		resp = map[string]any{"ok": false, "error": errCode}
		if strings.HasPrefix(errCode, "invalid_blocks") {
			resp = map[string]any{"ok": false, "error": "invalid_blocks", "errors": strings.Split(strings.TrimPrefix(errCode, "invalid_blocks:"), "\n")}
		}
	} else {
		resp["ok"] = true
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func (s *Server) record(method, errCode string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, Call{Method: method, At: time.Now(), Error: errCode})
	s.notify()
}

// dispatch answers one authenticated call: the response fields, or an error code.
func (s *Server) dispatch(r apiRequest) (_ map[string]any, errCode string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.notify()
	defer func() {
		// Recorded before waiters wake: whoever sees the change sees the post.
		if errCode == "" {
			s.keepPost(r)
		}
	}()
	switch r.method {
	case "auth.test":
		return map[string]any{"url": "https://sim.example/", "team": "Sim", "team_id": s.TeamID, "user": "partner-coach", "user_id": BotUser, "bot_id": BotID}, ""
	case "apps.connections.open":
		u := strings.Replace(s.http.URL, "http://", "ws://", 1) + "/ws?ticket=" + s.nextID("tk")
		return map[string]any{"url": u}, ""
	case "chat.postMessage", "chat.postEphemeral":
		if r.method == "chat.postMessage" {
			s.openDM(r)
		}
		ch, ok := s.channels[r.get("channel")]
		if !ok {
			return nil, "channel_not_found"
		}
		if !ch.IsMember {
			return nil, "not_in_channel"
		}
		blocks := json.RawMessage(r.get("blocks"))
		if errs := ValidateBlocks(SurfaceMessage, blocks); len(errs) > 0 {
			return nil, "invalid_blocks:" + strings.Join(errs, "\n")
		}
		if r.get("text") == "" && len(blocks) == 0 {
			return nil, "no_text"
		}
		m := &Message{Channel: ch.ID, TS: s.nextTS(), User: BotUser, Text: r.get("text"), Blocks: blocks, At: time.Now()}
		var parent *Message
		if ts := r.get("thread_ts"); ts != "" && r.method == "chat.postMessage" {
			// A reply to a reply joins its thread: Slack threads are one level deep.
			if parent = s.find(ch.ID, ts); parent != nil && parent.ThreadTS != "" {
				parent = s.find(ch.ID, parent.ThreadTS)
			}
			if parent == nil || parent.Ephemeral || parent.Deleted {
				return nil, "thread_not_found"
			}
			m.ThreadTS = parent.TS
		}
		if r.method == "chat.postEphemeral" {
			if _, ok := s.users[r.get("user")]; !ok {
				return nil, "user_not_in_channel"
			}
			m.Ephemeral, m.To = true, r.get("user")
			s.addMessage(m)
			s.ephemeralCount[m.To]++
			return map[string]any{"message_ts": m.TS}, ""
		}
		s.addMessage(m)
		msg := map[string]any{"text": m.Text, "ts": m.TS}
		if parent != nil {
			parent.ReplyCount++
			parent.LatestReply = m.TS
			msg["thread_ts"] = parent.TS
		}
		return map[string]any{"channel": ch.ID, "ts": m.TS, "message": msg}, ""
	case "chat.update":
		m := s.find(r.get("channel"), r.get("ts"))
		if m == nil || m.Ephemeral || m.Deleted {
			return nil, "message_not_found"
		}
		if m.User != BotUser {
			return nil, "cant_update_message"
		}
		blocks := json.RawMessage(r.get("blocks"))
		if errs := ValidateBlocks(SurfaceMessage, blocks); len(errs) > 0 {
			return nil, "invalid_blocks:" + strings.Join(errs, "\n")
		}
		m.Text, m.Blocks = r.get("text"), blocks
		m.Edited++
		return map[string]any{"channel": m.Channel, "ts": m.TS, "text": m.Text}, ""
	case "chat.delete":
		m := s.find(r.get("channel"), r.get("ts"))
		if m == nil || m.Deleted {
			return nil, "message_not_found"
		}
		m.Deleted = true
		return map[string]any{"channel": m.Channel, "ts": m.TS}, ""
	case "views.open":
		return s.openModal(r, false)
	case "views.push":
		return s.openModal(r, true)
	case "views.update":
		return s.updateModal(r)
	case "views.publish":
		u := r.get("user_id")
		if _, ok := s.users[u]; !ok {
			return nil, "user_not_found"
		}
		view := json.RawMessage(r.get("view"))
		if errs := ValidateBlocks(SurfaceHome, blockField(view)); len(errs) > 0 {
			return nil, "invalid_blocks:" + strings.Join(errs, "\n")
		}
		s.homes[u] = view
		if s.homeIDs[u] == "" {
			s.homeIDs[u] = s.nextID("VH")
		}
		return map[string]any{"view": map[string]any{"id": s.homeIDs[u], "type": "home"}}, ""
	case "users.info":
		u, ok := s.users[r.get("user")]
		if !ok {
			return nil, "user_not_found"
		}
		team := u.TeamID
		if team == "" {
			team = s.TeamID
		}
		user := map[string]any{"id": u.ID, "name": u.Name, "tz": u.TZ, "team_id": team}
		if r.get("include_locale") == "true" {
			user["locale"] = u.Locale
		}
		return map[string]any{"user": user}, ""
	case "conversations.replies":
		// The parent first, then its replies, oldest first (one page).
		root := s.find(r.get("channel"), r.get("ts"))
		if root == nil || root.Ephemeral || root.Deleted {
			return nil, "thread_not_found"
		}
		if root.ThreadTS != "" {
			root = s.find(root.Channel, root.ThreadTS)
		}
		msgs := []map[string]any{threadJSON(root)}
		for _, m := range s.messages {
			if m.Channel == root.Channel && m.ThreadTS == root.TS && !m.Deleted && !m.Ephemeral {
				msgs = append(msgs, threadJSON(m))
			}
		}
		return map[string]any{"messages": msgs, "has_more": false}, ""
	case "functions.completeSuccess", "functions.completeError":
		return s.completeFunction(r)
	case "conversations.info":
		c, ok := s.channels[r.get("channel")]
		if !ok {
			return nil, "channel_not_found"
		}
		info := map[string]any{"id": c.ID, "name": c.Name, "is_channel": !c.isIM(), "is_im": c.isIM(), "is_member": c.IsMember, "is_ext_shared": c.IsExtShared}
		if c.isIM() {
			info["user"] = strings.TrimPrefix(c.ID, "D0")
		}
		return map[string]any{"channel": info}, ""
	}
	// Files and conversations.open (files.go).
	if resp, code, ok := s.filesMethod(r); ok {
		return resp, code
	}
	// users.lookupByEmail (lookup_email.go).
	if resp, code, ok := s.emailMethod(r); ok {
		return resp, code
	}
	// Canvases (canvases.go).
	if resp, code, ok := s.dispatchCanvas(r); ok {
		return resp, code
	}
	return nil, "unknown_method"
}

// threadJSON is a message as conversations.replies lists it.
func threadJSON(m *Message) map[string]any {
	out := map[string]any{"type": "message", "user": m.User, "text": m.Text, "ts": m.TS}
	if len(m.Blocks) > 0 {
		out["blocks"] = m.Blocks
	}
	if m.ThreadTS != "" {
		out["thread_ts"] = m.ThreadTS
	} else if m.ReplyCount > 0 {
		out["thread_ts"] = m.TS
		out["reply_count"] = m.ReplyCount
		out["latest_reply"] = m.LatestReply
	}
	return out
}

func (s *Server) storeView(view json.RawMessage, surface Surface, id string) (map[string]any, string) {
	if len(view) > 250_000 {
		return nil, "view_too_large"
	}
	if errs := ValidateBlocks(surface, blockField(view)); len(errs) > 0 {
		return nil, "invalid_blocks:" + strings.Join(errs, "\n")
	}
	if id == "" {
		id = s.nextID("V")
	}
	s.views[id] = view
	return map[string]any{"view": map[string]any{"id": id, "type": "modal"}}, ""
}

func blockField(view json.RawMessage) json.RawMessage {
	var v struct {
		Blocks json.RawMessage `json:"blocks"`
	}
	_ = json.Unmarshal(view, &v)
	return v.Blocks
}

func (s *Server) find(channel, ts string) *Message {
	if ts == "" {
		return nil // a slash command's response_url has no message behind it
	}
	return s.messageAt[messageKey{channel, ts}]
}

// addMessage records a new message; s.mu must be held.
func (s *Server) addMessage(m *Message) {
	s.messages = append(s.messages, m)
	s.messageAt[messageKey{m.Channel, m.TS}] = m
}

// messageKey finds a message by channel and ts, as chat.update and
// response_url replacements do, without scanning every message.
type messageKey struct{ channel, ts string }

// serveResponseURL applies a response_url post: ephemeral by default,
// in_channel on request, replace_original to update the clicked message.
func (s *Server) serveResponseURL(w http.ResponseWriter, req *http.Request) {
	id := strings.TrimPrefix(req.URL.Path, "/response/")
	raw, _ := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	var body struct {
		Text            string          `json:"text"`
		Blocks          json.RawMessage `json:"blocks"`
		ResponseType    string          `json:"response_type"`
		ReplaceOriginal bool            `json:"replace_original"`
		DeleteOriginal  bool            `json:"delete_original"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	s.wait(req)
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.notify()
	f, failing := s.takeFault(MethodResponseURL, raw)
	if failing && !f.applied {
		writeFault(w, f)
		return
	}
	r, ok := s.responses[id]
	if !ok || r.uses >= 5 {
		http.Error(w, "expired_url", http.StatusNotFound)
		return
	}
	if errs := ValidateBlocks(SurfaceMessage, body.Blocks); len(errs) > 0 {
		http.Error(w, "invalid_blocks", http.StatusBadRequest)
		return
	}
	r.uses++
	s.responses[id] = r
	s.posts = append(s.posts, Post{Method: "response_url", Channel: r.channel, User: r.user, Text: body.Text, Blocks: body.Blocks})
	if orig := s.find(r.channel, r.messageTS); orig != nil && (body.ReplaceOriginal || body.DeleteOriginal) {
		orig.Deleted = body.DeleteOriginal
		orig.Text, orig.Blocks = body.Text, body.Blocks
		orig.Edited++
	} else {
		m := &Message{Channel: r.channel, TS: s.nextTS(), User: BotUser, Text: body.Text, Blocks: body.Blocks, ResponseURL: s.http.URL + "/response/" + id, At: time.Now()}
		if body.ResponseType != "in_channel" {
			m.Ephemeral, m.To = true, r.user
			s.ephemeralCount[m.To]++
		}
		s.addMessage(m)
	}
	if failing {
		writeFault(w, f)
		return
	}
	_, _ = fmt.Fprint(w, "ok")
}
