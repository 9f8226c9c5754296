package redistest

import (
	"strings"
	"testing"
	"time"
)

// TestSentinelFailover kills the primary and sees the Sentinels promote the
// replica, then brings the old primary back as the new one's replica.
func TestSentinelFailover(t *testing.T) {
	s := StartSentinel(t, SentinelOptions{})
	if !strings.HasPrefix(s.URL(), "redis+sentinel://127.0.0.1:") || !strings.HasSuffix(s.URL(), "/"+SentinelMaster+"/0") {
		t.Fatalf("URL = %q", s.URL())
	}
	old, err := s.Primary()
	if err != nil {
		t.Fatal(err)
	}
	if old != s.Data[0] {
		t.Fatalf("primary is %s, want the first data node %s", old.Addr(), s.Data[0].Addr())
	}
	if _, err := do(endpoint{addr: old.Addr()}, "SET", "k", "v"); err != nil {
		t.Fatal(err)
	}
	// (WAIT would count this connection's writes, and do dials anew: wait
	// for the replica to have it instead.)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if v, _ := do(endpoint{addr: s.Data[1].Addr()}, "GET", "k"); v == "v" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the replica never got k")
		}
	}
	start := time.Now()
	old.Kill()
	p, err := s.WaitPromotion(old, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("promoted %s in %s", p.Addr(), time.Since(start).Round(time.Millisecond))
	if v, err := do(endpoint{addr: p.Addr()}, "GET", "k"); err != nil || v != "v" {
		t.Fatalf("new primary GET k = %q, %v", v, err)
	}
	if err := s.Rejoin(old); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitHealthy(30 * time.Second); err != nil {
		t.Fatal(err)
	}
	// The old primary is back in the set: a replica, or the primary again
	// if the Sentinels failed over once more (a loaded machine can make a
	// short down-after fire); either way one leads and the other follows.
	now, err := s.Primary()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range s.Data {
		if role, _ := do(endpoint{addr: d.Addr()}, "ROLE"); d != now && !strings.HasPrefix(role, "slave") {
			t.Fatalf("%s is %q, want a replica of %s", d.Addr(), role, now.Addr())
		}
	}
}

// TestClusterReplicaFailover kills the master of a key's slot and sees its
// replica take the slot over.
func TestClusterReplicaFailover(t *testing.T) {
	c := StartClusterWithReplicas(t, 0)
	if len(c.Nodes) != 6 {
		t.Fatalf("%d nodes, want 6", len(c.Nodes))
	}
	key := "pc:{T1}:partners"
	old, err := c.MasterFor(key)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	old.Kill()
	m, err := c.WaitFailover(key, old, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("slot of %s moved to %s in %s", key, m.Addr(), time.Since(start).Round(time.Millisecond))
	if err := old.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitReplicasInSync(30 * time.Second); err != nil {
		t.Fatal(err)
	}
}
