package slacksim

// users.lookupByEmail, as Slack answers it: the user whose profile has the
// address (matched ignoring case), users_not_found when nobody's has, and
// missing_scope when the app lacks users:read.email. And the value a modal's
// file_input carries in a view_submission.

import "strings"

// emailState keeps users' e-mail addresses; guarded by Server.mu.
type emailState struct {
	byUser    map[string]string
	denyScope bool // users:read.email not granted
}

// SetEmail gives user an e-mail address ("" removes it).
func (s *Server) SetEmail(user, email string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.emails.byUser == nil {
		s.emails.byUser = map[string]string{}
	}
	if email == "" {
		delete(s.emails.byUser, user)
		return
	}
	s.emails.byUser[user] = email
}

// DenyEmailLookup makes the app's token lack users:read.email (true) or
// have it again (false).
func (s *Server) DenyEmailLookup(deny bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.emails.denyScope = deny
}

// emailMethod answers users.lookupByEmail; ok is false for any other
// method. s.mu is held.
func (s *Server) emailMethod(r apiRequest) (resp map[string]any, errCode string, ok bool) {
	if r.method != "users.lookupByEmail" {
		return nil, "", false
	}
	if s.emails.denyScope {
		return map[string]any{"needed": "users:read.email", "provided": "commands,chat:write"}, "missing_scope", true
	}
	email := strings.TrimSpace(r.get("email"))
	if email == "" {
		return nil, "invalid_arguments", true
	}
	for id, e := range s.emails.byUser {
		u, known := s.users[id]
		if !known || !strings.EqualFold(e, email) {
			continue
		}
		team := u.TeamID
		if team == "" {
			team = s.TeamID
		}
		return map[string]any{"user": map[string]any{"id": u.ID, "name": u.Name, "tz": u.TZ, "team_id": team,
			"profile": map[string]any{"email": e}}}, "", true
	}
	return nil, "users_not_found", true
}

// FileInput is the state value of a file_input holding the files fileIDs,
// as a view_submission carries it: {"type":"file_input","files":[…]} with
// each file's object (url_private included). Unknown IDs are left out.
func (s *Server) FileInput(fileIDs ...string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	files := []any{}
	for _, id := range fileIDs {
		if f, ok := s.filesLocked().byID[id]; ok {
			files = append(files, s.fileJSON(f))
		}
	}
	return map[string]any{"type": "file_input", "files": files}
}
