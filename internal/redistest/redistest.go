// Package redistest runs private redis-server processes for tests: on a free
// loopback port, with their own data directory, so a test can stop, kill and
// restart them and turn persistence on.
//
// The model is one shared server per test binary, handing each test a
// database of its own:
//
//	func TestMain(m *testing.M) { redistest.Main(m) }
//
//	func TestX(t *testing.T) {
//		url := redistest.New(t) // an empty database on the shared server
//		…
//	}
//
// Tests that kill, restart or reconfigure Redis start a private server with
// Start; failover tests start a primary with replicas and three Sentinels
// (StartSentinel) or a Cluster with a replica per master
// (StartClusterWithReplicas), kill a primary and wait for its successor. Set PARTNERCOACH_TEST_REDIS_URL to run the shared-server tests
// against an existing server instead (its database is flushed by New).
//
// A missing redis-server fails the test with how to fix it; nothing here
// skips, so a machine without Redis cannot pass the suite by accident.
package redistest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
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

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd has exited
}

// Option adds redis-server configuration, e.g. AOF("always").
type Option func(*[]string)

// AOF turns on the append-only file with the given fsync policy ("always",
// "everysec"), so a restart keeps acknowledged writes: all of them with
// "always", all but about the last second with "everysec".
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

// StartServer starts a private redis-server with its data in dir, on a free
// loopback port. The caller stops it.
func StartServer(dir string, opts ...Option) (*Server, error) {
	if _, err := exec.LookPath("redis-server"); err != nil {
		return nil, fmt.Errorf("redistest: redis-server is not on PATH: %s", howToFix)
	}
	var last error
	// The free port is only free until we bind it: another process may take
	// it in between, so a collision picks another port.
	for range 5 {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		// No RDB snapshots and no AOF unless asked: tests choose their durability.
		args := []string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir,
			"--save", "", "--appendonly", "no", "--daemonize", "no",
			"--loglevel", "warning", "--logfile", filepath.Join(dir, "redis.log")}
		for _, o := range opts {
			o(&args)
		}
		if len(args) > 0 && args[len(args)-1] == sentinelMark {
			// A Sentinel reads (and rewrites) a config file of its own, which
			// must come first.
			conf := filepath.Join(dir, "sentinel-"+strconv.Itoa(port)+".conf")
			if err := os.WriteFile(conf, nil, 0o600); err != nil {
				return nil, err
			}
			args = append([]string{conf, "--sentinel"}, args[:len(args)-1]...)
		}
		s := &Server{Port: port, Dir: dir, args: args}
		if last = s.start(); last == nil {
			return s, nil
		} else if !errors.Is(last, errPortInUse) {
			return nil, last
		}
	}
	return nil, last
}

var errPortInUse = errors.New("port already in use")

func (s *Server) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd := exec.Command("redis-server", s.args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	dieWithParent(cmd.SysProcAttr)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("redistest: start redis-server: %w (%s)", err, howToFix)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	s.cmd, s.done = cmd, done
	if err := waitReady(s.Addr(), done, 10*time.Second); err != nil {
		s.killLocked()
		log, _ := os.ReadFile(filepath.Join(s.Dir, "redis.log"))
		if strings.Contains(string(log), "Address already in use") {
			return fmt.Errorf("redistest: %s: %w", s.Addr(), errPortInUse)
		}
		return fmt.Errorf("redistest: redis-server on %s did not come up: %w\nredis.log:\n%s", s.Addr(), err, log)
	}
	return nil
}

// Addr is host:port.
func (s *Server) Addr() string { return "127.0.0.1:" + strconv.Itoa(s.Port) }

// URL is the server's redis:// URL, database 0.
func (s *Server) URL() string { return "redis://" + s.Addr() + "/0" }

// Kill stops the server abruptly (SIGKILL): nothing is flushed, as in a
// crash or a lost machine. It returns once the process has exited.
func (s *Server) Kill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.killLocked()
}

func (s *Server) killLocked() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.done
	s.cmd = nil
}

// Pause stops the server in its tracks (SIGSTOP): connections stay open and
// what clients send waits in the socket until Resume, as in a stalled
// machine or a long fork. Commands sent meanwhile time out on the client's
// side yet may still run once resumed: their outcome is unknown.
func (s *Server) Pause() error { return s.signal(syscall.SIGSTOP) }

// Resume lets a paused server go on (SIGCONT).
func (s *Server) Resume() error { return s.signal(syscall.SIGCONT) }

func (s *Server) signal(sig syscall.Signal) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return errors.New("redistest: the server is not running")
	}
	return s.cmd.Process.Signal(sig)
}

// Stop shuts the server down gracefully (SIGTERM: Redis fsyncs its AOF and
// exits), killing it if it has not exited within 10 s.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
		s.cmd = nil
	case <-time.After(10 * time.Second):
		s.killLocked()
	}
}

// Restart starts the server again on the same port and directory. A server
// still running is killed first (SIGKILL, not a graceful stop), so what a
// restart keeps is what survives a crash; call Stop first for a clean one.
func (s *Server) Restart() error {
	s.Kill()
	return s.start()
}

// FlushAll empties every database of the server.
func (s *Server) FlushAll() error {
	_, err := do(endpoint{addr: s.Addr()}, "FLUSHALL")
	return err
}

// waitReady waits until the server answers PING, and gives up at once if the
// process exits (a bad argument, a port in use).
func waitReady(addr string, exited <-chan struct{}, within time.Duration) error {
	deadline := time.Now().Add(within)
	var last error
	for time.Now().Before(deadline) {
		if _, last = do(endpoint{addr: addr}, "PING"); last == nil {
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("redis-server exited: %w", last)
		case <-time.After(20 * time.Millisecond):
		}
	}
	return last
}
