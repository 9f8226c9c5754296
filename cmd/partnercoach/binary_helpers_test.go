package main_test

import (
	"bytes"
	"net/http"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"
)

// startReady starts the built binary and waits until its /readyz on addr
// says ready. It returns the channel its exit arrives on and its stderr.
func startReady(t *testing.T, cmd *exec.Cmd, addr string) (<-chan error, *syncWriter) {
	t.Helper()
	logs := &syncWriter{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	deadline := time.Now().Add(15 * time.Second)
	for {
		resp, err := client.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return exited, logs
			}
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			<-exited
			t.Fatalf("not ready within 15 s; logs:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// terminate sends SIGTERM and waits up to within for an exit 0, failing the
// test otherwise; it returns how long the exit took.
func terminate(t *testing.T, cmd *exec.Cmd, exited <-chan error, logs *syncWriter, within time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v, want 0; logs:\n%s", err, logs.String())
		}
	case <-time.After(within):
		_ = cmd.Process.Kill()
		<-exited
		t.Fatalf("still running %v after SIGTERM; logs:\n%s", within, logs.String())
	}
	return time.Since(start)
}

// syncWriter collects the child's stderr while the test reads it.
type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}
