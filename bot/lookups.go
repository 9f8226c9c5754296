package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/slack-go/slack"
)

// lookups caches what the bot asks Slack about users and channels: a user's
// locale and whether a channel is shared with another organisation. Both
// change rarely, and users.info and conversations.info are rate limited.
type lookups struct {
	api *slack.Client
	log *slog.Logger
	ttl time.Duration

	mu      sync.Mutex
	locales map[string]cached[i18n.Locale]
	zones   map[string]cached[*time.Location]
	teams   map[string]string // user → their Slack team, from users.info
	shared  map[string]cached[bool]
}

type cached[T any] struct {
	v  T
	at time.Time
}

func newLookups(api *slack.Client, log *slog.Logger) *lookups {
	return &lookups{api: api, log: log, ttl: time.Hour, locales: map[string]cached[i18n.Locale]{}, zones: map[string]cached[*time.Location]{}, teams: map[string]string{}, shared: map[string]cached[bool]{}}
}

// locale is the user's language; English when Slack cannot tell us.
func (c *lookups) locale(ctx context.Context, user string) i18n.Locale {
	c.mu.Lock()
	if e, ok := c.locales[user]; ok && time.Since(e.at) < c.ttl {
		c.mu.Unlock()
		return e.v
	}
	c.mu.Unlock()
	u, err := c.api.GetUserInfoContext(ctx, user, slack.GetUserInfoOptionIncludeLocale(true))
	l := i18n.EN
	var zone *time.Location
	var team string
	if err != nil {
		c.log.Warn("users.info failed; answering in English", slog.String("user", user), slog.Any("error", err))
	} else {
		l = i18n.FromSlack(u.Locale)
		zone, _ = time.LoadLocation(u.TZ)
		team = u.TeamID
	}
	c.mu.Lock()
	if len(c.locales) >= maxCachedUsers {
		c.forgetExpired()
	}
	c.locales[user] = cached[i18n.Locale]{v: l, at: time.Now()}
	c.zones[user] = cached[*time.Location]{v: zone, at: time.Now()}
	c.teams[user] = team
	c.mu.Unlock()
	return l
}

// maxCachedUsers bounds the user caches: past it, expired entries go, and
// if all are fresh (a flood of user IDs), the whole cache goes.
const maxCachedUsers = 10_000

// forgetExpired trims the user caches; call with c.mu held.
func (c *lookups) forgetExpired() {
	for u, e := range c.locales {
		if time.Since(e.at) >= c.ttl {
			delete(c.locales, u)
			delete(c.zones, u)
			delete(c.teams, u)
		}
	}
	if len(c.locales) >= maxCachedUsers {
		clear(c.locales)
		clear(c.zones)
		clear(c.teams)
	}
}

// team is the user's Slack team from users.info; "" when Slack did not say.
func (c *lookups) team(ctx context.Context, user string) string {
	c.locale(ctx, user) // fills the cache
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.teams[user]
}

// zone is the user's time zone from their Slack profile, or def.
func (c *lookups) zone(ctx context.Context, user string, def *time.Location) *time.Location {
	c.locale(ctx, user) // fills the cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if z := c.zones[user].v; z != nil {
		return z
	}
	return def
}

// sharedTTL is how long a channel's shared status is trusted: older, it is
// checked again before anything internal is posted. channel_shared and
// channel_unshared events update it at once (setShared).
const sharedTTL = time.Minute

// externallyShared reports whether a channel is shared with another
// organisation; when unsure it says yes, so no internal figure leaks. A
// user ID as channel is the app's direct message with that user: private.
func (c *lookups) externallyShared(ctx context.Context, channel string) bool {
	if isUserID(channel) {
		return false
	}
	c.mu.Lock()
	if e, ok := c.shared[channel]; ok && time.Since(e.at) < sharedTTL {
		c.mu.Unlock()
		return e.v
	}
	c.mu.Unlock()
	info, err := c.api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: channel})
	if err != nil {
		c.log.Warn("conversations.info failed; treating the channel as shared", slog.String("channel", channel), slog.Any("error", err))
		c.forgetShared(channel)
		return true
	}
	c.setShared(channel, info.IsExtShared)
	return info.IsExtShared
}

// setShared records a channel's shared status, as read or as a
// channel_shared or channel_unshared event told it.
func (c *lookups) setShared(channel string, shared bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.shared) >= maxCachedUsers {
		clear(c.shared)
	}
	c.shared[channel] = cached[bool]{v: shared, at: time.Now()}
}

// forgetShared drops what is known of a channel: the next post checks again.
func (c *lookups) forgetShared(channel string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.shared, channel)
}

// isUserID reports whether id names a user (U… or W…), which chat.postMessage
// takes as the app's direct message with them.
func isUserID(id string) bool {
	return len(id) > 1 && (id[0] == 'U' || id[0] == 'W')
}
