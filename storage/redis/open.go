package redis

import (
	"context"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/storage/internal/recordcache"
	goredis "github.com/redis/go-redis/v9"
)

// The whole contract coach declares, claims and posting slots included.
var _ coach.Store = (*Store)(nil)

// Store is a coach.Store on Redis.
type Store struct {
	rdb goredis.UniversalClient
	// decoded keeps partners already decoded, by their stored JSON: every
	// command that names a partner reads all of the team's partners.
	decoded *recordcache.Cache[coach.Partner]
	// acks waits for replicas after the writes users are told about (ack.go).
	acks *acker
	// last is the last standings read per team (standings.go, issue 15).
	last lastStandings
}

// decodedPartners bounds the partner cache of one store (a few MB).
const decodedPartners = 10_000

var (
	_ coach.Store      = (*Store)(nil)
	_ coach.ClaimStore = (*Store)(nil)
)

// Default timeouts: short, because the bot answers Slack within seconds and
// an unreachable Redis must turn into "try again" quickly, never a hang.
const (
	DefaultDialTimeout = time.Second
	DefaultIOTimeout   = 2 * time.Second
)

// Option configures Open.
type Option interface{ apply(*Options) }

// Options tune the client. It is itself an Option, so
// Open(ctx, url, redis.Options{PoolSize: 20}) works. Zero fields keep the
// defaults; options given in the URL's query win over these.
type Options struct {
	// DialTimeout, ReadTimeout and WriteTimeout bound each attempt.
	DialTimeout, ReadTimeout, WriteTimeout time.Duration
	// PoolSize is the number of connections per node (go-redis default: 10 per CPU).
	PoolSize int

	// replicaAcks is set by WithReplicaAcks (ack.go).
	replicaAcks    int
	replicaAcksSet bool
}

func (o Options) apply(dst *Options) {
	dst.DialTimeout = cmp(o.DialTimeout, dst.DialTimeout)
	dst.ReadTimeout = cmp(o.ReadTimeout, dst.ReadTimeout)
	dst.WriteTimeout = cmp(o.WriteTimeout, dst.WriteTimeout)
	if o.PoolSize > 0 {
		dst.PoolSize = o.PoolSize
	}
}

type optionFunc func(*Options)

func (f optionFunc) apply(o *Options) { f(o) }

// WithTimeout bounds dialing, reading and writing with d.
func WithTimeout(d time.Duration) Option {
	return optionFunc(func(o *Options) { o.DialTimeout, o.ReadTimeout, o.WriteTimeout = d, d, d })
}

// WithPoolSize sets the number of connections per node.
func WithPoolSize(n int) Option { return optionFunc(func(o *Options) { o.PoolSize = n }) }

// Open connects to Redis at rawURL (see the package comment for the forms)
// and checks that it answers: an unreachable Redis is EUNAVAILABLE.
func Open(ctx context.Context, rawURL string, opts ...Option) (*Store, error) {
	cfg, err := ParseURL(rawURL)
	if err != nil {
		return nil, &coach.Error{Code: coach.EINVALID, Key: "store.url.invalid", Err: err}
	}
	o := Options{DialTimeout: DefaultDialTimeout, ReadTimeout: DefaultIOTimeout, WriteTimeout: DefaultIOTimeout}
	for _, opt := range opts {
		opt.apply(&o)
	}
	acks := &acker{mode: AutoReplicaAcks, timeout: DefaultReplicaAckTimeout}
	if o.replicaAcksSet {
		acks.mode = o.replicaAcks
	}
	if o.ReadTimeout > 0 {
		// WAIT must answer before the client gives up on the connection.
		acks.timeout = min(acks.timeout, o.ReadTimeout/2)
	}
	s := &Store{rdb: cfg.client(o), decoded: recordcache.New[coach.Partner](decodedPartners), acks: acks}
	if err := wrap("open redis: ping", s.rdb.Ping(ctx).Err()); err != nil {
		_ = s.rdb.Close()
		return nil, err
	}
	return s, nil
}

// client builds the go-redis client, filling in what the URL left unset.
func (c *Config) client(o Options) goredis.UniversalClient {
	// One retry absorbs a pooled connection the server closed (a restart, a
	// failover); more would multiply the time an outage takes to report.
	// DialerRetries is 1 for the same reason: go-redis dials 5 times by default.
	bound := func(dial, read, write, pool *time.Duration, retries, dialRetries, size *int) {
		*dial = cmp(*dial, o.DialTimeout)
		*read = cmp(*read, o.ReadTimeout)
		*write = cmp(*write, o.WriteTimeout)
		*pool = cmp(*pool, *read+*dial)
		if *retries == 0 {
			*retries = 1
		}
		if *dialRetries == 0 {
			*dialRetries = 1
		}
		if *size == 0 {
			*size = o.PoolSize
		}
	}
	switch {
	case c.Sentinel != nil:
		x := c.Sentinel
		bound(&x.DialTimeout, &x.ReadTimeout, &x.WriteTimeout, &x.PoolTimeout, &x.MaxRetries, &x.DialerRetries, &x.PoolSize)
		return goredis.NewFailoverClient(x)
	case c.Cluster != nil:
		x := c.Cluster
		bound(&x.DialTimeout, &x.ReadTimeout, &x.WriteTimeout, &x.PoolTimeout, &x.MaxRetries, &x.DialerRetries, &x.PoolSize)
		return goredis.NewClusterClient(x)
	default:
		x := c.Single
		bound(&x.DialTimeout, &x.ReadTimeout, &x.WriteTimeout, &x.PoolTimeout, &x.MaxRetries, &x.DialerRetries, &x.PoolSize)
		return goredis.NewClient(x)
	}
}

// cmp returns d if set (non-zero; negative means "no timeout" to go-redis),
// else def.
func cmp(d, def time.Duration) time.Duration {
	if d != 0 {
		return d
	}
	return def
}

// Client exposes the underlying client, e.g. to add instrumentation hooks
// or to flush a test database.
func (s *Store) Client() goredis.UniversalClient { return s.rdb }

// Ping checks Redis answers. On a Cluster every master must answer: a
// PING sent to any one node would say ready while a master is down and its
// slots unserved, and not ready while a replica loads its copy.
func (s *Store) Ping(ctx context.Context) error {
	if c, ok := s.rdb.(*goredis.ClusterClient); ok {
		return wrap("ping", c.ForEachMaster(ctx, func(ctx context.Context, m *goredis.Client) error {
			return m.Ping(ctx).Err()
		}))
	}
	return wrap("ping", s.rdb.Ping(ctx).Err())
}

// Close closes the client's connections.
func (s *Store) Close() error { return s.rdb.Close() }
