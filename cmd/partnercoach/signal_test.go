package main_test

import (
	"net"
	"os/exec"
	"strings"
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
	exited, logs := startReady(t, cmd, addr)

	terminate(t, cmd, exited, logs, 10*time.Second)
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
