package redis_test

import (
	"context"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/storage/redis"
	"github.com/partnercoach/partnercoach/storage/storetest"
)

func TestMain(m *testing.M) { redistest.Main(m) }

func mustOpen(t testing.TB, url string) *redis.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := redis.Open(ctx, url, redis.Options{})
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	return s
}

// flushed opens a store on url after emptying its database, as each
// conformance test starts from nothing.
func flushed(t testing.TB, url string) coach.Store {
	t.Helper()
	s := mustOpen(t, url)
	if err := s.Client().FlushDB(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

func closedPortURL(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return "redis://" + addr + "/0"
}

func TestConformance_Single(t *testing.T) {
	url := redistest.SharedURL(t)
	storetest.Run(t, storetest.Harness{
		New: func(t testing.TB) coach.Store { return flushed(t, url) },
		Unreachable: func(t testing.TB) coach.Store {
			// Open pings, so build the store over a server that then goes away.
			srv := redistest.Start(t)
			s := mustOpen(t, srv.URL())
			srv.Kill()
			return s
		},
	})
}

// TestConformance_Durable runs the suite against a private server with
// appendfsync always that the durability test kills (SIGKILL, no flush on
// exit) and restarts: everything acknowledged must still be there.
func TestConformance_Durable(t *testing.T) {
	srv := redistest.Start(t, redistest.AOF("always"))
	storetest.Run(t, storetest.Harness{
		New: func(t testing.TB) coach.Store { return flushed(t, srv.URL()) },
		Reopen: func(t testing.TB, s coach.Store) coach.Store {
			_ = s.Close()
			if err := srv.Restart(); err != nil {
				t.Fatal(err)
			}
			return mustOpen(t, srv.URL())
		},
	})
}

// TestConformance_Cluster proves the hash-tag key design on a real
// three-master cluster: any cross-slot operation would fail here.
func TestConformance_Cluster(t *testing.T) {
	c := redistest.StartCluster(t)
	url := "redis+cluster://" + strings.Join(c.Addrs(), ",")
	storetest.Run(t, storetest.Harness{
		New: func(t testing.TB) coach.Store {
			s := mustOpen(t, url)
			for _, n := range c.Nodes {
				one := mustOpen(t, n.URL())
				if err := one.Client().FlushAll(context.Background()).Err(); err != nil {
					t.Fatal(err)
				}
				_ = one.Close()
			}
			return s
		},
	})
}

func TestOpen_Unreachable(t *testing.T) {
	start := time.Now()
	_, err := redis.Open(context.Background(), closedPortURL(t), redis.Options{})
	if coach.ErrorCode(err) != coach.EUNAVAILABLE {
		t.Fatalf("got %v, want EUNAVAILABLE", err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("took %v: an unreachable Redis must fail fast, not hang", took)
	}
}

func TestParseURL(t *testing.T) {
	type shape struct {
		addrs   []string
		master  string
		db      int
		user    string
		tls     bool
		cluster bool
	}
	shapeOf := func(c *redis.Config) shape {
		switch {
		case c.Sentinel != nil:
			return shape{c.Sentinel.SentinelAddrs, c.Sentinel.MasterName, c.Sentinel.DB, c.Sentinel.Username, c.Sentinel.TLSConfig != nil, false}
		case c.Cluster != nil:
			return shape{c.Cluster.Addrs, "", 0, c.Cluster.Username, c.Cluster.TLSConfig != nil, true}
		default:
			return shape{[]string{c.Single.Addr}, "", c.Single.DB, c.Single.Username, c.Single.TLSConfig != nil, false}
		}
	}
	for _, tt := range []struct {
		name, url string
		want      shape
	}{
		{"Single", "redis://127.0.0.1:6379/3", shape{addrs: []string{"127.0.0.1:6379"}, db: 3}},
		{"SingleDefaultPort", "redis://cache", shape{addrs: []string{"cache:6379"}}},
		{"TLS", "rediss://user:secret@cache:6380/0", shape{addrs: []string{"cache:6380"}, user: "user", tls: true}},
		{"SentinelQueryDB", "redis+sentinel://:pw@s1:26379,s2:26379/mymaster?db=2", shape{addrs: []string{"s1:26379", "s2:26379"}, master: "mymaster", db: 2}},
		{"SentinelPathDB", "redis+sentinel://s1,s2:26380/mymaster/4", shape{addrs: []string{"s1:26379", "s2:26380"}, master: "mymaster", db: 4}},
		{"Cluster", "redis+cluster://n1:7000,n2:7001,n3:7002", shape{addrs: []string{"n1:7000", "n2:7001", "n3:7002"}, cluster: true}},
		{"ClusterTLS", "rediss+cluster://u:p@n1:7000,n2", shape{addrs: []string{"n1:7000", "n2:6379"}, user: "u", tls: true, cluster: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := redis.ParseURL(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, shapeOf(c), cmp.AllowUnexported(shape{})); diff != "" {
				t.Fatalf("ParseURL(%q) (-want +got):\n%s", tt.url, diff)
			}
		})
	}
	for _, bad := range []string{"http://x", "redis://a:1,b:2/0", "redis+sentinel://s1:26379", "redis://:hunter2@h/notanumber", "::", "redis+cluster://:hunter2@n1/3", "redis+sentinel://:hunter2@s1/m/x/y", "redis+foo://h"} {
		t.Run("Err/"+bad, func(t *testing.T) {
			_, err := redis.ParseURL(bad)
			if err == nil {
				t.Fatal("accepted")
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Fatalf("error echoes the password: %v", err)
			}
		})
	}
}

func TestKeys_RejectBreakout(t *testing.T) {
	s := flushed(t, redistest.SharedURL(t))
	defer s.Close()
	for _, team := range []string{"T}{x", "T:1", ""} {
		_, err := s.Partners(context.Background(), team)
		if coach.ErrorCode(err) != coach.EINVALID {
			t.Fatalf("team %q: got %v, want EINVALID", team, err)
		}
	}
}

func redistestURL(t testing.TB) string { return redistest.SharedURL(t) }

// TestSetLogger: go-redis's complaints while Redis is down go to our logger
// (at debug level), not to stderr.
func TestSetLogger(t *testing.T) {
	var buf strings.Builder
	redis.SetLogger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { redis.SetLogger(slog.New(slog.DiscardHandler)) })
	_, _ = redis.Open(context.Background(), closedPortURL(t), redis.Options{})
	if !strings.Contains(buf.String(), "component=go-redis") || !strings.Contains(buf.String(), "level=DEBUG") {
		t.Fatalf("go-redis did not log through slog:\n%s", buf.String())
	}
}
