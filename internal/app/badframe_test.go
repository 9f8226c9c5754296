package app_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/slacksim"
)

// TestBadFrame: a frame from Slack that cannot be decoded is logged at warn
// level (its cause, truncated) and counted in /metrics, never dropped
// silently, and the connection serves on.
func TestBadFrame(t *testing.T) {
	sim := slacksim.New()
	defer sim.Close()
	r := startRunning(t, sim, nil)

	if n := sim.SendRawFrame([]byte(`{"type":"slash_commands", not json` + strings.Repeat("x", 5000))); n != 1 {
		t.Fatalf("frame sent on %d connections, want 1", n)
	}
	want := regexp.MustCompile(`partnercoach_socket_envelopes_total\{outcome="ignored",type="incoming_error"\} 1`)
	var metrics string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if _, metrics = httpGet(t, r.base+"/metrics"); want.MatchString(metrics) {
			break
		}
	}
	if !want.MatchString(metrics) {
		t.Errorf("/metrics does not count the frame:\n%s", grepLines(metrics, "envelopes_total"))
	}
	var line string
	for _, l := range strings.Split(r.logs.String(), "\n") {
		if strings.Contains(l, "could not be decoded") {
			line = l
		}
	}
	if !strings.Contains(line, `"level":"WARN"`) || len(line) > 600 {
		t.Errorf("the log line is not a short warning: %q", line)
	}

	// The connection is still up: a command is answered.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := sim.SlashCommand(ctx, "U0ALICE", "C0PARTNERS", "/partner", "help"); err != nil {
		t.Fatalf("a command after the bad frame: %v", err)
	}
	if _, err := r.stop(); err != nil {
		t.Error(err)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
