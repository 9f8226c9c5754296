package main_test

import (
	"bytes"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/slacksim"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestSIGTERM runs the real binary against the Slack simulator, waits until
// it is ready, sends SIGTERM and expects an orderly exit 0.
func TestSIGTERM(t *testing.T) {
	sim := slacksim.New()
	defer sim.Close()
	addr := freeAddr(t)
	cmd := exec.Command(binary(t))
	cmd.Env = []string{
		"SLACK_APP_TOKEN=" + slacksim.AppToken,
		"SLACK_BOT_TOKEN=" + slacksim.BotToken,
		"SLACK_API_URL=" + sim.URL(),
		"DATA_PATH=" + t.TempDir() + "/pc.db",
		"HTTP_ADDR=" + addr,
		"LOG_LEVEL=debug",
	}
	var logs bytes.Buffer
	cmd.Stderr = &logs
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
				break
			}
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			<-exited
			t.Fatalf("not ready within 15 s; logs:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v, want 0; logs:\n%s", err, logs.String())
		}
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
		t.Fatalf("still running 10 s after SIGTERM; logs:\n%s", logs.String())
	}
	out := logs.String()
	if !strings.Contains(out, `"msg":"stopped"`) {
		t.Errorf("no orderly stop in the logs:\n%s", out)
	}
	for _, secret := range []string{slacksim.AppToken, slacksim.BotToken} {
		if strings.Contains(out, secret) {
			t.Errorf("a token appears in the logs:\n%s", out)
		}
	}
}
