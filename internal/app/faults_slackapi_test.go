package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/slacksim"
)

// checklists are the checklist messages posted in the channel (through
// chat.postMessage, not a response_url).
func checklists(sim *slacksim.Server) []slacksim.Message {
	var out []slacksim.Message
	for _, m := range sim.Messages(partnersChan) {
		if m.ResponseURL == "" && strings.Contains(m.Visible(), "Must-haves") {
			out = append(out, m)
		}
	}
	return out
}

// TestFaults_SlackAPI: Slack answers slowly, rate-limits in storms, or fails
// with 5xx. Acks stay immediate (they go over the socket); calls that set a
// state (chat.update, views.publish) are retried with backoff; new messages
// are sent again only when Slack surely did not take them (429), never after
// a 5xx; nothing appears twice; and when something could not be done the
// user is told what to do.
func TestFaults_SlackAPI(t *testing.T) {
	sim := slacksim.New()
	defer sim.Close()
	r := startRunning(t, sim, nil)
	defer func() {
		if _, err := r.stop(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	}()
	if _, text := realReply(t, sim, send(sim, alice, partnersChan, "add Acme"), 5*time.Second); !strings.Contains(text, "Acme") {
		t.Fatalf("add: %q", text)
	}

	t.Run("Latency2s", func(t *testing.T) {
		sim.SetLatency(2 * time.Second)
		defer sim.SetLatency(0)
		s := send(sim, alice, partnersChan, "log acme got 10 EUR lead slow-slack")
		d, text := realReply(t, sim, s, 15*time.Second)
		if !strings.Contains(text, "Logged") {
			t.Fatalf("answer %q", text)
		}
		if n := len(s.replies(sim)); n > 2 {
			t.Errorf("%d replies, want the answer (and at most one notice)", n)
		}
		t.Logf("FIGURES slack latency 2s: ack %v, answer after %v", s.res.AckLatency.Round(time.Microsecond), d.Round(time.Millisecond))
	})

	t.Run("RateLimitStorm", func(t *testing.T) {
		// chat.postMessage refuses for 2.5 s: the checklist goes out once, late.
		sim.RateLimit("chat.postMessage", time.Second)
		lift := time.AfterFunc(2500*time.Millisecond, func() { sim.RateLimit("chat.postMessage", 0) })
		defer lift.Stop()
		before := len(checklists(sim))
		s := send(sim, alice, partnersChan, "checklist acme launch")
		waitUntil(t, sim, 15*time.Second, "the checklist after the storm", func() bool { return len(checklists(sim)) > before })
		posted := checklists(sim)[len(checklists(sim))-1]
		t.Logf("FIGURES slack 429 storm 2.5s on chat.postMessage: checklist posted after %v", posted.At.Sub(s.at).Round(time.Millisecond))

		// chat.update and the response_url refuse too: a click still lands,
		// and a command's answer still arrives, once each.
		sim.RateLimit("chat.update", time.Second)
		time.AfterFunc(1500*time.Millisecond, func() { sim.RateLimit("chat.update", 0) })
		if _, err := sim.Click(context.Background(), alice, posted, "checklist.toggle", "acme|launch|lau-first-deal|1"); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, sim, 15*time.Second, "the click to show", func() bool {
			for _, m := range checklists(sim) {
				if m.TS == posted.TS {
					return strings.Contains(m.Visible(), "Must-haves 1/")
				}
			}
			return false
		})
		sim.FailNextContaining(slacksim.MethodResponseURL, "Logged", http.StatusTooManyRequests, 2, false)
		s = send(sim, alice, partnersChan, "log acme got 11 EUR lead storm")
		if _, text := realReply(t, sim, s, 10*time.Second); !strings.Contains(text, "Logged") || answers(s.replies(sim)) != 1 {
			t.Errorf("answer through a rate-limited response_url: %d answers, last %q", answers(s.replies(sim)), text)
		}

		// A storm longer than the retries: nothing posted, the user told.
		sim.RateLimit("chat.postMessage", time.Second)
		defer sim.RateLimit("chat.postMessage", 0)
		before = len(checklists(sim))
		s = send(sim, alice, partnersChan, "checklist acme selection")
		d, text := realReply(t, sim, s, 20*time.Second)
		if !strings.Contains(text, "try again") || len(checklists(sim)) != before {
			t.Errorf("endless storm: got %q and %d new checklists, want a try-again and none", text, len(checklists(sim))-before)
		}
		t.Logf("FIGURES slack endless 429 on chat.postMessage: user told after %v", d.Round(time.Millisecond))
	})

	t.Run("ServerErrors", func(t *testing.T) {
		// A 5xx after the post went through: not posted again; the user is
		// told to check before trying again.
		before := len(checklists(sim))
		sim.FailNext("chat.postMessage", http.StatusInternalServerError, 1, true)
		s := send(sim, alice, partnersChan, "cl acme launch") // not the text above: that one was just done
		_, text := realReply(t, sim, s, 10*time.Second)
		if !strings.Contains(text, "can't tell whether it went through") {
			t.Errorf("after a 5xx on the post: %q", text)
		}
		time.Sleep(500 * time.Millisecond)
		if n := len(checklists(sim)) - before; n != 1 {
			t.Errorf("the checklist appears %d times after a 5xx that had posted it, want 1", n)
		}
		// The user checks, sees it, and does not resend. Had it not gone
		// through, the same command sent again works at once:
		sim.FailNext("chat.postMessage", http.StatusServiceUnavailable, 1, false)
		before = len(checklists(sim))
		first := send(sim, alice, partnersChan, "checklist acme selection")
		if _, text := realReply(t, sim, first, 10*time.Second); !strings.Contains(text, "can't tell whether it went through") {
			t.Errorf("after a 5xx on the post: %q", text)
		}
		send(sim, alice, partnersChan, "checklist acme selection")
		waitUntil(t, sim, 10*time.Second, "the checklist sent again", func() bool { return len(checklists(sim)) > before })
		time.Sleep(300 * time.Millisecond)
		if n := len(checklists(sim)) - before; n != 1 {
			t.Errorf("%d checklists after a 5xx and one resend, want 1", n)
		}

		// Updates are idempotent: a 503 twice, then the click lands once.
		msg := checklists(sim)[len(checklists(sim))-1]
		sim.FailNext("chat.update", http.StatusServiceUnavailable, 2, false)
		if _, err := sim.Click(context.Background(), alice, msg, "checklist.toggle", "acme|selection|sel-"+firstItem(t, msg)+"|1"); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, sim, 10*time.Second, "the click after two 503s", func() bool {
			for _, m := range sim.Messages(partnersChan) {
				if m.TS == msg.TS {
					return m.Edited > msg.Edited
				}
			}
			return false
		})

		// The App Home is a publish: a 502 twice, then it shows.
		sim.FailNext("views.publish", http.StatusBadGateway, 2, false)
		if _, err := sim.OpenHome(context.Background(), alice); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, sim, 10*time.Second, "the home tab after two 502s", func() bool { return sim.Home(alice) != nil })

		// The answer to a log is lost (response_url 503): the contribution
		// is stored once, and the user is told it is done.
		sim.FailNextContaining(slacksim.MethodResponseURL, "Logged", http.StatusServiceUnavailable, 1, false)
		s = send(sim, alice, partnersChan, "log acme got 12 EUR lead lost-answer")
		if _, text := realReply(t, sim, s, 10*time.Second); !strings.Contains(text, "It's done") {
			t.Errorf("after a lost answer: %q", text)
		}
		// The user resends anyway: it is not logged twice.
		s = send(sim, alice, partnersChan, "log acme got 12 EUR lead lost-answer")
		if _, text := realReply(t, sim, s, 10*time.Second); !strings.Contains(text, "exact command") {
			t.Errorf("resend after a lost answer: %q", text)
		}
	})

	st := acks(sim)
	if len(st.unacked) > 0 || st.slowest > ackBound {
		t.Errorf("acks: %d unacked, slowest %v: acks must not wait for the Web API", len(st.unacked), st.slowest)
	}
	// Nothing twice: every message in the channel is distinct.
	seen := map[string]int{}
	for _, m := range sim.Messages(partnersChan) {
		if seen[m.TS]++; seen[m.TS] > 1 {
			t.Errorf("message %s twice", m.TS)
		}
	}
	t.Logf("FIGURES slack api: %d envelopes, slowest ack %v", st.n, st.slowest.Round(time.Microsecond))
	r.alive()
}

// firstItem is the item ID of a selection checklist's first button.
func firstItem(t *testing.T, m slacksim.Message) string {
	t.Helper()
	raw := string(m.Blocks)
	i := strings.Index(raw, `acme|selection|sel-`)
	if i < 0 {
		t.Fatalf("no selection item in %s", raw)
	}
	rest := raw[i+len(`acme|selection|sel-`):]
	return rest[:strings.Index(rest, "|")]
}

// answers counts the replies that are not the "still working" notice.
func answers(ms []slacksim.Message) int {
	n := 0
	for _, m := range ms {
		if !strings.Contains(m.Visible(), stillWorking) {
			n++
		}
	}
	return n
}
