package slacksim

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Slack Connect: a channel shared with another organisation, and the app's
// direct messages.

// ShareChannel shares the channel with another organisation (team), as an
// admin accepting a Slack Connect invitation does: conversations.info
// reports is_ext_shared from then on, and the app gets a channel_shared
// event. It returns once the event is acknowledged.
func (s *Server) ShareChannel(ctx context.Context, channel, team string) (Result, error) {
	s.mu.Lock()
	c, ok := s.channels[channel]
	if ok {
		c.IsExtShared = true
		s.notify()
	}
	s.mu.Unlock()
	if !ok {
		return Result{}, fmt.Errorf("slacksim: no channel %s", channel)
	}
	return s.sendEvent(ctx, map[string]any{"type": "channel_shared", "connected_team_id": team, "channel": channel, "event_ts": eventTS()})
}

// UnshareChannel disconnects the other organisation: is_ext_shared turns
// false and the app gets a channel_unshared event naming the team that
// left.
func (s *Server) UnshareChannel(ctx context.Context, channel, team string) (Result, error) {
	s.mu.Lock()
	c, ok := s.channels[channel]
	if ok {
		c.IsExtShared = false
		s.notify()
	}
	s.mu.Unlock()
	if !ok {
		return Result{}, fmt.Errorf("slacksim: no channel %s", channel)
	}
	return s.sendEvent(ctx, map[string]any{"type": "channel_unshared", "previously_connected_team_id": team, "channel": channel, "is_ext_shared": false, "event_ts": eventTS()})
}

// sendEvent wraps an inner event in the Events API envelope Slack sends.
func (s *Server) sendEvent(ctx context.Context, event map[string]any) (Result, error) {
	payload := map[string]any{
		"token": "sim-verification-token", "team_id": s.TeamID, "api_app_id": "A0SIM", "type": "event_callback",
		"event_id": s.eventID(), "event_time": time.Now().Unix(), "event": event,
	}
	return s.deliver(ctx, "events_api", payload)
}

func eventTS() string { return fmt.Sprintf("%d.000000", time.Now().Unix()) }

// DM is the ID of the app's direct message with user ("D0" + user ID), the
// conversation chat.postMessage posts to when given a user ID as channel.
func DM(user string) string { return "D0" + user }

func (c *Channel) isIM() bool { return strings.HasPrefix(c.ID, "D0") }

// openDM turns a chat.postMessage to a user ID into a post in the app's DM
// with that user, opening it on first use, as Slack does (the message lands
// in the app's Messages tab). Call with s.mu held.
func (s *Server) openDM(r apiRequest) {
	user := r.get("channel")
	if _, ok := s.users[user]; !ok {
		return
	}
	id := DM(user)
	if _, ok := s.channels[id]; !ok {
		s.channels[id] = &Channel{ID: id, Name: user, IsMember: true}
	}
	r.set("channel", id)
}

// set replaces a parameter, whichever encoding it came in.
func (r apiRequest) set(key, v string) {
	delete(r.json, key)
	r.form.Set(key, v)
}
