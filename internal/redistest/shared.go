package redistest

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// sharedDatabases is how many databases the shared server has, so that each
// test of a binary gets a database no earlier test has touched.
const sharedDatabases = 1024

var (
	sharedOnce sync.Once
	shared     *Server
	sharedURL  string
	sharedEnv  bool // sharedURL came from EnvURL
	sharedErr  error
	nextDB     atomic.Int64
)

func startShared() {
	if u := os.Getenv(EnvURL); u != "" {
		if _, sharedErr = parseURL(u); sharedErr == nil {
			sharedURL, sharedEnv = u, true
		}
		return
	}
	dir, err := os.MkdirTemp("", "partnercoach-redis-")
	if err != nil {
		sharedErr = err
		return
	}
	shared, sharedErr = StartServer(dir, Args("--databases", strconv.Itoa(sharedDatabases)))
	if sharedErr == nil {
		sharedURL = shared.URL()
	}
}

// SharedURL returns the URL of the server shared by the tests of one binary:
// PARTNERCOACH_TEST_REDIS_URL when set, else a private redis-server started
// on first use and stopped by Main. Tests using it directly flush what they
// need; New hands out an empty database instead.
func SharedURL(t testing.TB) string {
	t.Helper()
	sharedOnce.Do(startShared)
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedURL
}

// New returns the URL of an empty database for one test. On the private
// shared server each call gets the next of its 1024 databases, flushed, so
// tests (parallel ones too) do not see each other's keys. On a server given
// by PARTNERCOACH_TEST_REDIS_URL it flushes that URL's database and returns
// it: tests on an external server share one database and must not run in
// parallel.
func New(t testing.TB) string {
	t.Helper()
	url := SharedURL(t)
	ep, err := parseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	if !sharedEnv {
		// Database 0 is left to SharedURL users.
		ep.db = 1 + int(nextDB.Add(1)-1)%(sharedDatabases-1)
		url = "redis://" + ep.addr + "/" + strconv.Itoa(ep.db)
	}
	if _, err := do(ep, "FLUSHDB"); err != nil {
		t.Fatalf("redistest: flush database %d: %v", ep.db, err)
	}
	return url
}

// Main runs the tests and then stops the shared server. Use it from TestMain:
//
//	func TestMain(m *testing.M) { redistest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Kill()
		if err := os.RemoveAll(shared.Dir); err != nil {
			fmt.Fprintln(os.Stderr, "redistest:", err)
		}
	}
	os.Exit(code)
}
