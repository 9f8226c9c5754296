package redistest

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Cluster is a three-master Redis Cluster on loopback, no replicas.
type Cluster struct {
	Nodes []*Server
}

// Addrs lists the nodes' host:port.
func (c *Cluster) Addrs() []string {
	out := make([]string, 0, len(c.Nodes))
	for _, n := range c.Nodes {
		out = append(out, n.Addr())
	}
	return out
}

// FlushAll empties every node.
func (c *Cluster) FlushAll() error {
	for _, n := range c.Nodes {
		if err := n.FlushAll(); err != nil {
			return err
		}
	}
	return nil
}

// StartCluster starts three redis-server processes in cluster mode, joins
// them with redis-cli --cluster create, and waits until every node reports
// cluster_state:ok. The nodes are killed at the end of the test. It needs
// redis-cli on PATH and fails the test, saying so, without it.
func StartCluster(t testing.TB) *Cluster {
	t.Helper()
	if _, err := exec.LookPath("redis-cli"); err != nil {
		t.Fatalf("redistest: redis-cli is not on PATH, needed to build a cluster: %s", howToFix)
	}
	c := &Cluster{}
	for range 3 {
		dir := t.TempDir()
		n := Start(t, Args("--cluster-enabled", "yes", "--cluster-config-file", filepath.Join(dir, "nodes.conf"), "--cluster-node-timeout", "5000"))
		c.Nodes = append(c.Nodes, n)
	}
	args := append([]string{"--cluster", "create"}, c.Addrs()...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "redis-cli", args...).CombinedOutput(); err != nil {
		t.Fatalf("redistest: redis-cli --cluster create: %v\n%s", err, out)
	}
	// Slots are assigned at once but spread by gossip: until every node says
	// ok, a client may be sent to a node that does not yet know the layout.
	deadline := time.Now().Add(30 * time.Second)
	for _, n := range c.Nodes {
		for {
			info, err := do(endpoint{addr: n.Addr()}, "CLUSTER", "INFO")
			if err == nil && strings.Contains(info, "cluster_state:ok") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("redistest: cluster node %s never reached cluster_state:ok (%v):\n%s", n.Addr(), err, info)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return c
}
