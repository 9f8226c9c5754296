package main_test

import (
	"net"
	"strings"
	"testing"
)

// TestSandboxAddrInUse: a taken address exits 2 at once with one line that
// says so and how to pick another.
func TestSandboxAddrInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	r := run(t, nil, "sandbox", "--addr", ln.Addr().String())
	if r.code != 2 {
		t.Errorf("exit %d, want 2", r.code)
	}
	want := "partnercoach sandbox: --addr " + ln.Addr().String() + " is already in use"
	if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, want) || !strings.Contains(r.stderr, "--addr 127.0.0.1:8081") {
		t.Errorf("stderr %q; want one line starting %q that suggests another address", r.stderr, want)
	}
}
