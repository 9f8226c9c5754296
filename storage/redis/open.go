// Package redis is Partner Coach's store on Redis (go-redis v9), for one or
// more replicas sharing state.
//
// URL forms accepted by Open:
//
//	redis://[user:password@]host:port[/db]           one server
//	rediss://[user:password@]host:port[/db]          one server over TLS
//	redis+sentinel://[user:password@]host:port[,host:port…]/master-name[?db=N]
//	redis+cluster://[user:password@]host:port[,host:port…]
//
// Every key of a team starts with pc:{<team>}: — the braces are a Cluster hash
// tag, so all of a team's keys live in one slot and a team's multi-key
// operations (transactions, scripts) work on a Cluster.
package redis

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// Store is a coach.Store and coach.ClaimStore on Redis.
type Store struct {
	rdb goredis.UniversalClient
}

var (
	_ coach.Store      = (*Store)(nil)
	_ coach.ClaimStore = (*Store)(nil)
)

// Options tune the client. Zero values take the defaults below.
type Options struct {
	// DialTimeout, ReadTimeout and WriteTimeout bound every call, so an
	// unreachable Redis gives a clear error in a few seconds, never a hang.
	DialTimeout, ReadTimeout, WriteTimeout time.Duration
	PoolSize                               int
}

// Default timeouts.
const (
	DefaultDialTimeout = time.Second
	DefaultIOTimeout   = 2 * time.Second
)

const urlForms = "redis://host:6379/0, rediss://host:6380/0, redis+sentinel://host:26379,host2:26379/mymaster or redis+cluster://host1:7000,host2:7001"

// ParseURL turns a URL of one of the accepted forms into client options.
// Errors never repeat the URL, which may hold a password.
func ParseURL(raw string) (*goredis.UniversalOptions, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL is not a URL; use one of: %s", urlForms)
	}
	o := &goredis.UniversalOptions{}
	if u.User != nil {
		o.Username = u.User.Username()
		o.Password, _ = u.User.Password()
	}
	hosts := strings.Split(u.Host, ",")
	for _, h := range hosts {
		if h == "" {
			return nil, fmt.Errorf("REDIS_URL has an empty host; use one of: %s", urlForms)
		}
		if !strings.Contains(h, ":") {
			h += ":6379"
		}
		o.Addrs = append(o.Addrs, h)
	}
	path := strings.Trim(u.Path, "/")
	db := func(s string) error {
		if s == "" {
			return nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return fmt.Errorf("REDIS_URL database %q is not a number", s)
		}
		o.DB = n
		return nil
	}
	switch u.Scheme {
	case "redis", "rediss":
		if len(hosts) != 1 {
			return nil, fmt.Errorf("REDIS_URL: redis:// takes one host; for several use redis+sentinel:// or redis+cluster://")
		}
		if err := db(path); err != nil {
			return nil, err
		}
		if u.Scheme == "rediss" {
			o.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12, ServerName: u.Hostname()}
		}
	case "redis+sentinel":
		if path == "" {
			return nil, fmt.Errorf("REDIS_URL: redis+sentinel:// needs the master name as its path, e.g. redis+sentinel://host:26379/mymaster")
		}
		o.MasterName = path
		if err := db(u.Query().Get("db")); err != nil {
			return nil, err
		}
	case "redis+cluster":
		o.IsClusterMode = true
	default:
		return nil, fmt.Errorf("REDIS_URL scheme %q is not supported; use one of: %s", u.Scheme, urlForms)
	}
	return o, nil
}

// Open connects to Redis at url and checks it answers.
func Open(ctx context.Context, rawURL string, opts Options) (*Store, error) {
	o, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	o.DialTimeout = cmpOr(opts.DialTimeout, DefaultDialTimeout)
	o.ReadTimeout = cmpOr(opts.ReadTimeout, DefaultIOTimeout)
	o.WriteTimeout = cmpOr(opts.WriteTimeout, DefaultIOTimeout)
	o.PoolTimeout = o.ReadTimeout + time.Second
	o.PoolSize = opts.PoolSize
	o.MaxRetries = 1
	s := &Store{rdb: goredis.NewUniversalClient(o)}
	if err := s.Ping(ctx); err != nil {
		_ = s.rdb.Close()
		return nil, err
	}
	return s, nil
}

// NewWithClient wraps an existing client (tests add hooks to it).
func NewWithClient(rdb goredis.UniversalClient) *Store { return &Store{rdb: rdb} }

// Client exposes the underlying client, e.g. to add instrumentation hooks.
func (s *Store) Client() goredis.UniversalClient { return s.rdb }

func cmpOr(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// Ping checks Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	return wrap("ping", s.rdb.Ping(ctx).Err())
}

// Close closes the client's connections.
func (s *Store) Close() error { return s.rdb.Close() }

// wrap maps driver errors to coach errors: a reply error from Redis is a bug
// (internal), anything else — refused, timed out, closed — means Redis cannot
// be reached right now.
func wrap(op string, err error) error {
	var ce *coach.Error
	var re goredis.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce):
		return err
	case errors.Is(err, goredis.TxFailedErr):
		return err
	case errors.As(err, &re) && !strings.HasPrefix(re.Error(), "LOADING") && !strings.HasPrefix(re.Error(), "CLUSTERDOWN") && !strings.HasPrefix(re.Error(), "TRYAGAIN"):
		return fmt.Errorf("%s: %w", op, err)
	}
	return coach.Unavailable(op, err)
}
