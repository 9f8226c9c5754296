package main_test

import (
	"bytes"
	"net/http"
	"os/exec"
	"sync"
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
