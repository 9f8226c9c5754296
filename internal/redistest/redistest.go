// Package redistest runs private redis-server processes for tests: on a free
// loopback port, with their own data directory, so a test can stop, kill and
// restart them and turn persistence on. Set PARTNERCOACH_TEST_REDIS_URL to
// use an existing server instead for tests that do not need to control it.
package redistest

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// EnvURL names the variable holding an existing server's URL.
const EnvURL = "PARTNERCOACH_TEST_REDIS_URL"

const howToFix = "install redis-server (Debian: apt-get install redis-server redis-tools) so it is on PATH, or set " + EnvURL + "=redis://host:port/15 to use a running server"

// Server is one private redis-server process.
type Server struct {
	Port int
	Dir  string
	args []string

	mu  sync.Mutex
	cmd *exec.Cmd
}

// Option adds redis-server configuration, e.g. AOF("always").
type Option func(*[]string)

// AOF turns on the append-only file with the given fsync policy
// ("always", "everysec"), so a restart keeps acknowledged writes.
func AOF(fsync string) Option {
	return func(a *[]string) { *a = append(*a, "--appendonly", "yes", "--appendfsync", fsync) }
}

// Args adds raw redis-server arguments.
func Args(args ...string) Option { return func(a *[]string) { *a = append(*a, args...) } }

// Start starts a private redis-server that the test owns; it is killed at
// the end of the test. It fails the test, with how to fix it, when
// redis-server is not installed.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := StartServer(t.TempDir(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Kill)
	return s
}

// StartServer starts a private redis-server with its data in dir. The caller stops it.
func StartServer(dir string, opts ...Option) (*Server, error) {
	if _, err := exec.LookPath("redis-server"); err != nil {
		return nil, fmt.Errorf("redistest: redis-server is not on PATH: %s", howToFix)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	args := []string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning", "--logfile", filepath.Join(dir, "redis.log")}
	for _, o := range opts {
		o(&args)
	}
	s := &Server{Port: port, Dir: dir, args: args}
	return s, s.start()
}

func (s *Server) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd := exec.Command("redis-server", s.args...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("redistest: start redis-server: %w (%s)", err, howToFix)
	}
	s.cmd = cmd
	go func() { _ = cmd.Wait() }()
	if err := waitReady(s.Addr(), 10*time.Second); err != nil {
		log, _ := os.ReadFile(filepath.Join(s.Dir, "redis.log"))
		_ = cmd.Process.Kill()
		return fmt.Errorf("redistest: redis-server on %s did not come up: %w\n%s", s.Addr(), err, log)
	}
	return nil
}

// Addr is host:port.
func (s *Server) Addr() string { return "127.0.0.1:" + strconv.Itoa(s.Port) }

// URL is the server's redis:// URL.
func (s *Server) URL() string { return "redis://" + s.Addr() + "/0" }

// Kill stops the server abruptly (SIGKILL): nothing is flushed.
func (s *Server) Kill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		waitDown(s.Addr())
		s.cmd = nil
	}
}

// Restart kills the server and starts it again on the same port and directory.
func (s *Server) Restart() error {
	s.Kill()
	return s.start()
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady waits until the server answers PING.
func waitReady(addr string, within time.Duration) error {
	deadline := time.Now().Add(within)
	var last error
	for time.Now().Before(deadline) {
		if last = ping(addr); last == nil {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return last
}

func waitDown(addr string) {
	for range 250 {
		c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err != nil {
			return
		}
		_ = c.Close()
		time.Sleep(20 * time.Millisecond)
	}
}

func ping(addr string) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "+PONG") {
		return fmt.Errorf("PING answered %q", strings.TrimSpace(line))
	}
	return nil
}

var (
	sharedOnce sync.Once
	shared     *Server
	sharedURL  string
	sharedErr  error
)

// SharedURL returns the URL of a server shared by the tests of one binary:
// PARTNERCOACH_TEST_REDIS_URL when set, else one private redis-server started
// on first use and stopped by Main. Tests sharing it flush what they need.
func SharedURL(t testing.TB) string {
	t.Helper()
	sharedOnce.Do(func() {
		if u := os.Getenv(EnvURL); u != "" {
			sharedURL = u
			return
		}
		dir, err := os.MkdirTemp("", "partnercoach-redis-")
		if err != nil {
			sharedErr = err
			return
		}
		shared, sharedErr = StartServer(dir)
		if sharedErr == nil {
			sharedURL = shared.URL()
		}
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedURL
}

// Main runs the tests and then stops the shared server. Use it from TestMain:
//
//	func TestMain(m *testing.M) { redistest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Kill()
		_ = os.RemoveAll(shared.Dir)
	}
	os.Exit(code)
}

// Cluster is a three-master Redis Cluster on loopback.
type Cluster struct {
	Nodes []*Server
}

// Addrs lists the nodes' host:port.
func (c *Cluster) Addrs() []string {
	var out []string
	for _, n := range c.Nodes {
		out = append(out, n.Addr())
	}
	return out
}

// StartCluster starts three redis-server processes in cluster mode and joins
// them with redis-cli --cluster create. It needs redis-cli on PATH.
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
	deadline := time.Now().Add(30 * time.Second)
	for _, n := range c.Nodes {
		for {
			out, _ := exec.Command("redis-cli", "-p", strconv.Itoa(n.Port), "cluster", "info").Output()
			if strings.Contains(string(out), "cluster_state:ok") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("redistest: cluster node %s never reached cluster_state:ok:\n%s", n.Addr(), out)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	return c
}
