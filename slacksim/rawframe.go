package slacksim

import "github.com/gorilla/websocket"

// SendRawFrame writes frame as is, as one text message, to every open
// Socket Mode connection, and returns how many got it: for testing a
// client's handling of a frame it cannot decode (not JSON, a field of the
// wrong type). Slack sends no such frame on purpose; a proxy or a bug might.
func (s *Server) SendRawFrame(frame []byte) int {
	s.mu.Lock()
	conns := make([]*socketConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	n := 0
	for _, c := range conns {
		c.wmu.Lock()
		err := c.ws.WriteMessage(websocket.TextMessage, frame)
		c.wmu.Unlock()
		if err == nil {
			n++
		}
	}
	return n
}
