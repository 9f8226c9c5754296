package redistest

import (
	"strings"
	"testing"
)

func TestMain(m *testing.M) { Main(m) }

func mustDo(t *testing.T, ep endpoint, args ...string) string {
	t.Helper()
	got, err := do(ep, args...)
	if err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	return got
}

func TestRestart(t *testing.T) {
	t.Run("AOFAlwaysSurvivesKill", func(t *testing.T) {
		s := Start(t, AOF("always"))
		mustDo(t, endpoint{addr: s.Addr()}, "SET", "k", "v")
		port := s.Port
		if err := s.Restart(); err != nil { // kills first
			t.Fatal(err)
		}
		if s.Port != port {
			t.Fatalf("port changed from %d to %d", port, s.Port)
		}
		if got := mustDo(t, endpoint{addr: s.Addr()}, "GET", "k"); got != "v" {
			t.Fatalf("after kill and restart: got %q, want %q", got, "v")
		}
	})
	t.Run("EverysecSurvivesStop", func(t *testing.T) {
		s := Start(t, AOF("everysec"))
		mustDo(t, endpoint{addr: s.Addr()}, "SET", "k", "v")
		s.Stop() // graceful: the AOF is fsynced on SIGTERM
		if err := s.Restart(); err != nil {
			t.Fatal(err)
		}
		if got := mustDo(t, endpoint{addr: s.Addr()}, "GET", "k"); got != "v" {
			t.Fatalf("after stop and restart: got %q, want %q", got, "v")
		}
	})
	// Without AOF nothing survives: the options above are what keeps data.
	t.Run("NoPersistenceLosesData", func(t *testing.T) {
		s := Start(t)
		mustDo(t, endpoint{addr: s.Addr()}, "SET", "k", "v")
		if err := s.Restart(); err != nil {
			t.Fatal(err)
		}
		if got := mustDo(t, endpoint{addr: s.Addr()}, "GET", "k"); got != "" {
			t.Fatalf("got %q after a restart without persistence, want nothing", got)
		}
	})
	t.Run("KillIsDown", func(t *testing.T) {
		s := Start(t)
		s.Kill()
		if _, err := do(endpoint{addr: s.Addr()}, "PING"); err == nil {
			t.Fatal("PING answered after Kill")
		}
		s.Kill() // twice is harmless
	})
}

func TestFlushAll(t *testing.T) {
	s := Start(t)
	mustDo(t, endpoint{addr: s.Addr(), db: 3}, "SET", "k", "v")
	if err := s.FlushAll(); err != nil {
		t.Fatal(err)
	}
	if got := mustDo(t, endpoint{addr: s.Addr(), db: 3}, "DBSIZE"); got != "0" {
		t.Fatalf("DBSIZE after FlushAll: got %s, want 0", got)
	}
}

func TestNew(t *testing.T) {
	a, b := New(t), New(t)
	if a == b && !sharedEnv {
		t.Fatalf("two calls gave the same database %s", a)
	}
	epA, _ := parseURL(a)
	epB, _ := parseURL(b)
	mustDo(t, epA, "SET", "k", "a")
	if sharedEnv {
		return // one external database: isolation is not promised
	}
	if got := mustDo(t, epB, "GET", "k"); got != "" {
		t.Fatalf("a key written through %s is visible through %s", a, b)
	}
	if c := New(t); mustDo(t, mustParse(t, c), "DBSIZE") != "0" {
		t.Fatalf("New gave a database that is not empty")
	}
}

func mustParse(t *testing.T, url string) endpoint {
	t.Helper()
	ep, err := parseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	return ep
}

func TestStartServer_NotInstalled(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := StartServer(t.TempDir())
	if err == nil {
		t.Fatal("started without redis-server on PATH")
	}
	for _, want := range []string{"apt-get install redis-server", EnvURL} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestParseURL(t *testing.T) {
	ep := mustParse(t, "redis://user:secret@db.example:6380/15")
	if ep != (endpoint{addr: "db.example:6380", user: "user", password: "secret", db: 15}) {
		t.Fatalf("got %+v", ep)
	}
	if ep := mustParse(t, "rediss://db.example"); ep.addr != "db.example:6379" || !ep.tls {
		t.Fatalf("got %+v", ep)
	}
	for _, bad := range []string{"http://x", "redis://:secret@h/x", "redis://"} {
		if _, err := parseURL(bad); err == nil || strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: got %v, want an error without the password", bad, err)
		}
	}
}

func TestStartCluster(t *testing.T) {
	c := StartCluster(t)
	for _, n := range c.Nodes {
		info := mustDo(t, endpoint{addr: n.Addr()}, "CLUSTER", "INFO")
		for _, want := range []string{"cluster_state:ok", "cluster_slots_assigned:16384", "cluster_known_nodes:3", "cluster_size:3"} {
			if !strings.Contains(info, want) {
				t.Fatalf("node %s: CLUSTER INFO lacks %s:\n%s", n.Addr(), want, info)
			}
		}
	}
}
