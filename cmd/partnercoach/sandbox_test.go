package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSandbox runs `partnercoach sandbox --demo` as a visitor would, reads
// the demo's partners from the page's state, then stops it with SIGTERM.
func TestSandbox(t *testing.T) {
	cmd := exec.Command(binary(t), "sandbox", "--addr", "127.0.0.1:0", "--data", filepath.Join(t.TempDir(), "sb.db"), "--demo")
	cmd.Env = []string{} // the sandbox needs no variable
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, stdout)
		exited <- cmd.Wait()
	}()
	var url string
	select {
	case line := <-lines:
		_, rest, ok := strings.Cut(line, "open ")
		url, _, _ = strings.Cut(rest, " ")
		if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
			_ = cmd.Process.Kill()
			t.Fatalf("first line %q does not give the page's address; stderr:\n%s", line, stderr.String())
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("no address within 30 s; stderr:\n%s", stderr.String())
	}

	resp, err := http.Get(url + "api/state?user=U0ALICE&view=C0PARTNERS")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"Nimbus Cloud", "Globex Integration"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the demo's %s is not on the page: %s", want, body)
		}
	}
	page, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if !strings.Contains(string(html), "acme-shared") || !strings.Contains(string(html), "/partner checklist &lt;partner&gt;") {
		t.Errorf("the page lacks the channels or the usage hint:\n%s", html)
	}

	// A page left open: a long poll waiting for a change when Ctrl-C comes.
	var st struct{ ETag string }
	_ = json.Unmarshal(body, &st)
	go func() {
		if resp, err := http.Get(url + "api/state?user=U0ALICE&view=C0PARTNERS&since=" + st.ETag); err == nil {
			resp.Body.Close()
		}
	}()
	time.Sleep(200 * time.Millisecond)

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil { // a long poll held past the shutdown timeout exits 1
			t.Errorf("exit after SIGTERM: %v, want 0; stderr:\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("still running 15 s after SIGTERM; stderr:\n%s", stderr.String())
	}
}
