package main_test

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/slacksim"
)

// TestSIGTERM_UnderLoad runs the real binary on Redis against a slow Slack
// (every answer takes 700 ms), sends SIGTERM while commands are being
// answered, and expects: exit 0 within SHUTDOWN_TIMEOUT, every command that
// was acknowledged answered, and each added partner stored.
func TestSIGTERM_UnderLoad(t *testing.T) {
	rs := redistest.Start(t)
	sim := slacksim.New()
	defer sim.Close()
	addr := freeAddr(t)
	const shutdownTimeout = 5 * time.Second
	cmd := exec.Command(binary(t))
	cmd.Env = []string{
		"SLACK_APP_TOKEN=" + slacksim.AppToken,
		"SLACK_BOT_TOKEN=" + slacksim.BotToken,
		"SLACK_API_URL=" + sim.URL(),
		"REDIS_URL=" + rs.URL(),
		"HTTP_ADDR=" + addr,
		"SHUTDOWN_TIMEOUT=" + shutdownTimeout.String(),
		"LOG_LEVEL=debug",
	}
	exited, logs := startReady(t, cmd, addr)

	sim.SetLatency(700 * time.Millisecond)
	type sent struct {
		name string
		res  slacksim.Result
		err  error
	}
	results := make([]sent, 6)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			results[i].name = fmt.Sprintf("Partner %d", i)
			results[i].res, results[i].err = sim.SlashCommand(context.Background(), "U0ALICE", "C0PARTNERS", "/partner", "add "+results[i].name)
		})
	}
	wg.Wait() // all acknowledged: the work is under way
	took := terminate(t, cmd, exited, logs, shutdownTimeout+5*time.Second)
	if took > shutdownTimeout+time.Second {
		t.Errorf("exited %v after SIGTERM, want within SHUTDOWN_TIMEOUT (%v)", took, shutdownTimeout)
	}
	var channel []string
	for _, m := range sim.Messages("C0PARTNERS") {
		channel = append(channel, m.Visible())
	}
	all := strings.Join(channel, "\n")
	for _, r := range results {
		if r.err != nil {
			t.Errorf("add %s: %v", r.name, r.err)
			continue
		}
		if !strings.Contains(all, "added *"+r.name+"*") {
			t.Errorf("add %s, in flight at SIGTERM, was never answered; channel:\n%s", r.name, all)
		}
	}
	if !strings.Contains(logs.String(), `"msg":"stopped"`) {
		t.Errorf("no orderly stop in the logs:\n%s", logs.String())
	}
	t.Logf("FIGURES sigterm: exit 0 %v after SIGTERM with %d commands in flight, all answered", took.Round(time.Millisecond), len(results))
}
