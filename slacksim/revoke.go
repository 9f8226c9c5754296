package slacksim

// RevokeToken revokes a token (BotToken or AppToken), as a workspace admin
// uninstalling the app or regenerating its token would: every Web API call
// made with it is then answered {"ok":false,"error":"token_revoked"}, and a
// revoked app token cannot open a Socket Mode connection.
func (s *Server) RevokeToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.revoked == nil {
		s.revoked = map[string]bool{}
	}
	s.revoked[token] = true
}

func (s *Server) isRevoked(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.revoked[token]
}
