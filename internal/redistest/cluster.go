package redistest

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Cluster is a three-master Redis Cluster on loopback, with or without a
// replica per master.
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
	return startCluster(t, 0, 5*time.Second)
}

// StartClusterWithReplicas starts three masters, each with a replica, with
// a short cluster-node-timeout (nodeTimeout; 1 s when zero) so that a
// killed master's replica takes over within seconds. It waits until every
// replica is in sync.
func StartClusterWithReplicas(t testing.TB, nodeTimeout time.Duration) *Cluster {
	t.Helper()
	if nodeTimeout == 0 {
		nodeTimeout = time.Second
	}
	c := startCluster(t, 1, nodeTimeout)
	if err := c.WaitReplicasInSync(30 * time.Second); err != nil {
		t.Fatal(err)
	}
	return c
}

func startCluster(t testing.TB, replicas int, nodeTimeout time.Duration) *Cluster {
	t.Helper()
	if _, err := exec.LookPath("redis-cli"); err != nil {
		t.Fatalf("redistest: redis-cli is not on PATH, needed to build a cluster: %s", howToFix)
	}
	c := &Cluster{}
	for range 3 * (1 + replicas) {
		dir := t.TempDir()
		n := Start(t, Args("--cluster-enabled", "yes", "--cluster-config-file", filepath.Join(dir, "nodes.conf"),
			"--cluster-node-timeout", strconv.FormatInt(nodeTimeout.Milliseconds(), 10)))
		c.Nodes = append(c.Nodes, n)
	}
	args := append([]string{"--cluster", "create"}, c.Addrs()...)
	args = append(args, "--cluster-replicas", strconv.Itoa(replicas), "--cluster-yes")
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

// URL is the redis+cluster:// URL of every node.
func (c *Cluster) URL() string { return "redis+cluster://" + strings.Join(c.Addrs(), ",") }

// clusterNode is one line of CLUSTER NODES.
type clusterNode struct {
	id, addr, master string
	flags            []string
	slots            [][2]int
}

func (n clusterNode) is(flag string) bool {
	for _, f := range n.flags {
		if f == flag {
			return true
		}
	}
	return false
}

// nodes asks the first live node for CLUSTER NODES.
func (c *Cluster) nodes() ([]clusterNode, error) {
	var last error
	for _, s := range c.Nodes {
		if !s.Running() {
			continue
		}
		out, err := do(endpoint{addr: s.Addr()}, "CLUSTER", "NODES")
		if err != nil {
			last = err
			continue
		}
		var list []clusterNode
		for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
			f := strings.Fields(line)
			if len(f) < 8 {
				continue
			}
			addr, _, _ := strings.Cut(f[1], "@")
			n := clusterNode{id: f[0], addr: addr, flags: strings.Split(f[2], ","), master: f[3]}
			for _, r := range f[8:] {
				lo, hi, ok := strings.Cut(r, "-")
				if !ok {
					hi = lo
				}
				a, err1 := strconv.Atoi(lo)
				b, err2 := strconv.Atoi(hi)
				if err1 == nil && err2 == nil {
					n.slots = append(n.slots, [2]int{a, b})
				}
			}
			list = append(list, n)
		}
		return list, nil
	}
	return nil, fmt.Errorf("redistest: no cluster node answers: %v", last)
}

func (c *Cluster) server(addr string) *Server {
	for _, s := range c.Nodes {
		if s.Addr() == addr {
			return s
		}
	}
	return nil
}

// MasterFor returns the node that a live node says serves key's slot.
func (c *Cluster) MasterFor(key string) (*Server, error) {
	var slotText string
	var err error
	for _, s := range c.Nodes {
		if s.Running() {
			if slotText, err = do(endpoint{addr: s.Addr()}, "CLUSTER", "KEYSLOT", key); err == nil {
				break
			}
		}
	}
	if err != nil {
		return nil, err
	}
	slot, err := strconv.Atoi(slotText)
	if err != nil {
		return nil, fmt.Errorf("redistest: CLUSTER KEYSLOT said %q", slotText)
	}
	list, err := c.nodes()
	if err != nil {
		return nil, err
	}
	for _, n := range list {
		if !n.is("master") || n.is("fail") {
			continue
		}
		for _, r := range n.slots {
			if slot >= r[0] && slot <= r[1] {
				if s := c.server(n.addr); s != nil {
					return s, nil
				}
			}
		}
	}
	return nil, fmt.Errorf("redistest: no live master serves slot %d", slot)
}

// WaitFailover waits until a node other than old serves key's slot as a
// master and the cluster says ok; it returns the new master.
func (c *Cluster) WaitFailover(key string, old *Server, within time.Duration) (*Server, error) {
	deadline := time.Now().Add(within)
	for {
		m, err := c.MasterFor(key)
		if err == nil && m != old {
			info, err := do(endpoint{addr: m.Addr()}, "CLUSTER", "INFO")
			if err == nil && strings.Contains(info, "cluster_state:ok") {
				return m, nil
			}
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("redistest: no new master for %q within %s (%v)", key, within, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// WaitReplicasInSync waits until every running master has as many replicas
// connected and in sync as the layout gives it, and every live node says
// cluster_state:ok.
func (c *Cluster) WaitReplicasInSync(within time.Duration) error {
	deadline := time.Now().Add(within)
	var last error
	for time.Now().Before(deadline) {
		if last = c.inSync(); last == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("redistest: cluster replicas not in sync within %s: %w", within, last)
}

func (c *Cluster) inSync() error {
	list, err := c.nodes()
	if err != nil {
		return err
	}
	for _, n := range list {
		s := c.server(n.addr)
		if s == nil || !s.Running() {
			continue
		}
		info, err := do(endpoint{addr: s.Addr()}, "CLUSTER", "INFO")
		if err != nil {
			return err
		}
		if !strings.Contains(info, "cluster_state:ok") {
			return fmt.Errorf("node %s: cluster not ok", n.addr)
		}
		if n.is("fail") || n.is("fail?") {
			return fmt.Errorf("node %s flagged %v", n.addr, n.flags)
		}
		if n.is("slave") {
			ri, err := do(endpoint{addr: s.Addr()}, "INFO", "replication")
			if err != nil {
				return err
			}
			if infoField(ri, "master_link_status") != "up" || infoField(ri, "master_sync_in_progress") != "0" {
				return fmt.Errorf("replica %s not in sync", n.addr)
			}
		}
	}
	return nil
}
