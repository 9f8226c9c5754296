package app_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/slacksim"
)

// notesIn counts the acme contributions whose note is note.
func notesIn(t *testing.T, url, note string) int {
	t.Helper()
	cs, err := openStore(t, url).Contributions(context.Background(), team, "acme", time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cs {
		if c.Note == note {
			n++
		}
	}
	return n
}

// TestFaults_Duplicates: the same envelope delivered twice (same envelope_id,
// same trigger_id and response_url) and the same command typed again (a new
// trigger_id), on one replica and across two sharing Redis, have one effect.
func TestFaults_Duplicates(t *testing.T) {
	rs := redistest.Start(t)
	url := rs.URL()

	t.Run("SameEnvelope", func(t *testing.T) {
		sim := slacksim.New()
		defer sim.Close()
		r := startRunning(t, sim, map[string]string{"REDIS_URL": url})
		defer func() {
			if _, err := r.stop(); err != nil {
				t.Errorf("shutdown: %v", err)
			}
		}()
		realReply(t, sim, send(sim, alice, partnersChan, "add Acme"), 5*time.Second)

		// A command, delivered twice.
		s := send(sim, alice, partnersChan, "log acme got 5 EUR lead same-envelope")
		if _, err := sim.Redeliver(context.Background(), s.res.EnvelopeID); err != nil {
			t.Fatal(err)
		}
		realReply(t, sim, s, 5*time.Second)
		time.Sleep(500 * time.Millisecond)
		if n := answers(s.replies(sim)); n != 1 {
			t.Errorf("a command delivered twice got %d answers, want 1", n)
		}
		if n := notesIn(t, url, "same-envelope"); n != 1 {
			t.Errorf("a command delivered twice was stored %d times, want 1", n)
		}

		// A click, delivered twice: one redraw.
		send(sim, alice, partnersChan, "checklist acme launch")
		waitUntil(t, sim, 5*time.Second, "the checklist", func() bool { return len(checklists(sim)) == 1 })
		msg := checklists(sim)[0]
		res, err := sim.Click(context.Background(), alice, msg, "checklist.toggle", "acme|launch|lau-first-deal|1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sim.Redeliver(context.Background(), res.EnvelopeID); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, sim, 5*time.Second, "the redraw", func() bool { return checklists(sim)[0].Edited >= 1 })
		time.Sleep(500 * time.Millisecond)
		if e := checklists(sim)[0].Edited; e != 1 {
			t.Errorf("a click delivered twice redrew the message %d times, want 1", e)
		}

		// An Events API envelope retried (Slack's own redelivery): one publish.
		before := sim.Succeeded("views.publish")
		home, err := sim.OpenHome(context.Background(), alice)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sim.Redeliver(context.Background(), home.EnvelopeID); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, sim, 5*time.Second, "the home tab", func() bool { return sim.Succeeded("views.publish") > before })
		time.Sleep(500 * time.Millisecond)
		if n := sim.Succeeded("views.publish") - before; n != 1 {
			t.Errorf("app_home_opened delivered twice published %d times, want 1", n)
		}
		if st := acks(sim); len(st.unacked) > 0 {
			t.Errorf("unacked: %v (every copy is acknowledged)", st.unacked)
		}
	})

	t.Run("ResubmittedAcrossReplicas", func(t *testing.T) {
		sim := slacksim.New()
		defer sim.Close()
		// Two replicas on one Redis: Slack spreads envelopes over both sockets.
		r1 := startRunning(t, sim, map[string]string{"REDIS_URL": url})
		r2 := startRunning(t, sim, map[string]string{"REDIS_URL": url})
		defer func() {
			for _, r := range []*running{r1, r2} {
				if _, err := r.stop(); err != nil {
					t.Errorf("shutdown: %v", err)
				}
			}
		}()
		waitUntil(t, sim, 5*time.Second, "two sockets", func() bool { return sim.Connections() == 2 })

		// Each command typed twice at once (the user saw nothing and
		// resubmitted): a new trigger_id each time.
		texts := []string{"add Globex"}
		for i := range 6 {
			texts = append(texts, fmt.Sprintf("log acme got %d EUR deal resubmitted-%d", 10+i, i))
		}
		pairs := make([][2]*sent, len(texts))
		var wg sync.WaitGroup
		for i, text := range texts {
			for j := range 2 {
				wg.Go(func() { pairs[i][j] = send(sim, alice, partnersChan, text) })
			}
		}
		wg.Wait()
		for i, text := range texts {
			var answers []string
			for _, s := range pairs[i] {
				_, a := realReply(t, sim, s, 5*time.Second)
				answers = append(answers, a)
			}
			dups := 0
			for _, a := range answers {
				if strings.Contains(a, "exact command") {
					dups++
				}
			}
			if dups != 1 {
				t.Errorf("/partner %s sent twice: answers %q, want one done and one duplicate notice", text, answers)
			}
			if note, ok := strings.CutPrefix(text[strings.LastIndex(text, " ")+1:], "resubmitted-"); ok {
				if n := notesIn(t, url, "resubmitted-"+note); n != 1 {
					t.Errorf("/partner %s sent twice: stored %d times, want 1", text, n)
				}
			}
		}
		// Posting a checklist again changes nothing: it is one more copy,
		// kept in step with the other, never refused as a repeat.
		var cl [2]*sent
		for j := range 2 {
			wg.Go(func() { cl[j] = send(sim, alice, partnersChan, "checklist acme selection") })
		}
		wg.Wait()
		for _, s := range cl {
			if _, a := realReply(t, sim, s, 5*time.Second); strings.Contains(a, "exact command") {
				t.Errorf("a checklist posted again was refused as a repeat: %q", a)
			}
		}
		if n := len(checklists(sim)); n != 2 {
			t.Errorf("a checklist command sent twice posted %d checklists, want 2 copies", n)
		}
		added := 0
		for _, m := range sim.Messages(partnersChan) {
			if strings.Contains(m.Visible(), "added *Globex*") {
				added++
			}
		}
		if added != 1 {
			t.Errorf("an add sent twice was announced %d times, want 1", added)
		}
		t.Logf("FIGURES duplicates: %d commands sent twice across 2 replicas, one effect each", len(texts))
	})
}
