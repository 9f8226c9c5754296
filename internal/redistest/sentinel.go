package redistest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sentinelMark, as the last argument, starts the server as a Sentinel.
const sentinelMark = "\x00sentinel"

// SentinelMaster is the master name the Sentinels of StartSentinel watch.
const SentinelMaster = "mymaster"

// Sentinel is a primary, its replicas and three Sentinels on loopback, as
// started by StartSentinel.
type Sentinel struct {
	// Data holds the data nodes: Data[0] starts as the primary, the others
	// as its replicas. Roles change with failovers: ask Primary.
	Data      []*Server
	Sentinels []*Server
}

// SentinelOptions tune StartSentinel.
type SentinelOptions struct {
	// Replicas is the number of replicas of the primary (default 1).
	Replicas int
	// DownAfter is how long a primary must not answer before the Sentinels
	// call it down (default 1 s, short yet above the stalls of a loaded
	// test machine; production uses several seconds).
	DownAfter time.Duration
	// Data adds configuration to every data node, e.g. AOF("everysec").
	Data []Option
}

// StartSentinel starts a primary, its replicas (one by default) and three
// Sentinels with a quorum of two, waits until the replicas are in sync and
// every Sentinel knows the others and the replicas, and kills everything at
// the end of the test. Clients connect with URL.
func StartSentinel(t testing.TB, o SentinelOptions) *Sentinel {
	t.Helper()
	if o.Replicas == 0 {
		o.Replicas = 1
	}
	if o.DownAfter == 0 {
		o.DownAfter = time.Second
	}
	s := &Sentinel{}
	primary := Start(t, o.Data...)
	s.Data = append(s.Data, primary)
	for range o.Replicas {
		opts := append([]Option{Args("--replicaof", "127.0.0.1", strconv.Itoa(primary.Port))}, o.Data...)
		s.Data = append(s.Data, Start(t, opts...))
	}
	for range 3 {
		s.Sentinels = append(s.Sentinels, Start(t, Args(
			"--sentinel", "monitor", SentinelMaster, "127.0.0.1", strconv.Itoa(primary.Port), "2",
			"--sentinel", "down-after-milliseconds", SentinelMaster, strconv.FormatInt(o.DownAfter.Milliseconds(), 10),
			"--sentinel", "failover-timeout", SentinelMaster, "10000",
			"--sentinel", "parallel-syncs", SentinelMaster, "1",
			sentinelMark)))
	}
	if err := s.WaitHealthy(30 * time.Second); err != nil {
		t.Fatal(err)
	}
	return s
}

// URL is the redis+sentinel:// URL of every Sentinel, database 0.
func (s *Sentinel) URL() string {
	addrs := make([]string, 0, len(s.Sentinels))
	for _, n := range s.Sentinels {
		addrs = append(addrs, n.Addr())
	}
	return "redis+sentinel://" + strings.Join(addrs, ",") + "/" + SentinelMaster + "/0"
}

// Primary returns the data node the Sentinels currently name as primary
// (the answer of the first Sentinel that answers).
func (s *Sentinel) Primary() (*Server, error) {
	var last error
	for _, n := range s.Sentinels {
		out, err := do(endpoint{addr: n.Addr()}, "SENTINEL", "get-master-addr-by-name", SentinelMaster)
		if err != nil {
			last = err
			continue
		}
		host, port, _ := strings.Cut(out, "\n")
		for _, d := range s.Data {
			if d.Addr() == host+":"+port {
				return d, nil
			}
		}
		return nil, fmt.Errorf("redistest: the Sentinels name %s:%s, not one of ours", host, port)
	}
	return nil, fmt.Errorf("redistest: no Sentinel answers: %w", last)
}

// WaitPromotion waits until the Sentinels name a primary other than old,
// and that node says it is a primary; it returns the new primary.
func (s *Sentinel) WaitPromotion(old *Server, within time.Duration) (*Server, error) {
	deadline := time.Now().Add(within)
	for {
		p, err := s.Primary()
		if err == nil && p != old {
			if role, err := do(endpoint{addr: p.Addr()}, "ROLE"); err == nil && strings.HasPrefix(role, "master") {
				return p, nil
			}
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("redistest: no new primary within %s (last: %v, %v)", within, p, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// WaitHealthy waits until the current primary streams to every other data
// node that runs, each in sync, and every Sentinel sees them and its two
// peers: the state in which a failover can happen again.
func (s *Sentinel) WaitHealthy(within time.Duration) error {
	deadline := time.Now().Add(within)
	var last error
	for time.Now().Before(deadline) {
		if last = s.healthy(); last == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("redistest: Sentinel setup not healthy within %s: %w", within, last)
}

func (s *Sentinel) healthy() error {
	p, err := s.Primary()
	if err != nil {
		return err
	}
	running := 0
	for _, d := range s.Data {
		if d != p && d.Running() {
			running++
		}
	}
	info, err := do(endpoint{addr: p.Addr()}, "INFO", "replication")
	if err != nil {
		return err
	}
	if !strings.Contains(info, "role:master") {
		return errors.New("the named primary is not a master yet")
	}
	if n := infoField(info, "connected_slaves"); n != strconv.Itoa(running) {
		return fmt.Errorf("primary has %s replicas connected, want %d", n, running)
	}
	for _, d := range s.Data {
		if d == p || !d.Running() {
			continue
		}
		ri, err := do(endpoint{addr: d.Addr()}, "INFO", "replication")
		if err != nil {
			return err
		}
		if infoField(ri, "master_link_status") != "up" || infoField(ri, "master_sync_in_progress") != "0" {
			return fmt.Errorf("replica %s not in sync", d.Addr())
		}
	}
	for _, n := range s.Sentinels {
		m, err := do(endpoint{addr: n.Addr()}, "SENTINEL", "master", SentinelMaster)
		if err != nil {
			return err
		}
		if v := fieldAfter(m, "num-other-sentinels"); v != "2" {
			return fmt.Errorf("sentinel %s knows %s other sentinels", n.Addr(), v)
		}
		if v := fieldAfter(m, "num-slaves"); v != strconv.Itoa(len(s.Data)-1) {
			return fmt.Errorf("sentinel %s knows %s replicas", n.Addr(), v)
		}
		if v := fieldAfter(m, "flags"); v != "master" {
			return fmt.Errorf("sentinel %s sees the primary as %s", n.Addr(), v)
		}
	}
	return nil
}

// Running reports whether the server's process is up.
func (s *Server) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cmd != nil
}

// infoField reads "name:value" from INFO's text.
func infoField(info, name string) string {
	for line := range strings.SplitSeq(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), name+":"); ok {
			return v
		}
	}
	return ""
}

// fieldAfter reads a flattened name/value list (SENTINEL MASTER's answer).
func fieldAfter(list, name string) string {
	parts := strings.Split(list, "\n")
	for i := 0; i+1 < len(parts); i += 2 {
		if parts[i] == name {
			return parts[i+1]
		}
	}
	return ""
}

// Rejoin restarts a killed data node as a replica of the current primary,
// as an orchestrator restarting it would after asking the Sentinels who
// leads (a node restarted on its own comes up as an empty primary, which
// the Sentinels turn into a replica only after about eight seconds).
func (s *Sentinel) Rejoin(old *Server) error {
	p, err := s.Primary()
	if err != nil {
		return err
	}
	if p == old {
		return errors.New("redistest: the node to rejoin is still the primary")
	}
	old.mu.Lock()
	args := old.args
	old.args = append(append([]string(nil), args...), "--replicaof", "127.0.0.1", strconv.Itoa(p.Port))
	old.mu.Unlock()
	err = old.Restart()
	old.mu.Lock()
	old.args = args
	old.mu.Unlock()
	return err
}
