package app_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/ops"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/slacksim"
)

// TestFaults_ShutdownUnderLoad stops the app as main does on SIGTERM
// (cancel Run, then Close) while commands are being answered and reminders
// are being delivered through a slow Slack: the commands in flight are
// answered, the shutdown takes no longer than SHUTDOWN_TIMEOUT, no reminder
// claim is left held, and a replica started afterwards delivers the
// reminders the first did not get to — each exactly once overall.
func TestFaults_ShutdownUnderLoad(t *testing.T) {
	rs := redistest.Start(t)
	ctx := context.Background()
	store := openStore(t, rs.URL())
	names := []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"}
	now := time.Now()
	spec, dueAt := everyAt(t, now.Add(3*time.Second))
	for _, n := range names {
		id := strings.ToLower(n)
		if err := store.CreatePartner(ctx, coach.Partner{TeamID: team, ID: id, Name: n, Kind: coach.KindReseller, Stage: coach.StageActive,
			Owner: alice, Channel: partnersChan, CreatedAt: now, UpdatedAt: now, StageChangedAt: now}, nil); err != nil {
			t.Fatal(err)
		}
		// Something to review: a review with nothing new is skipped.
		if err := store.AddContribution(ctx, coach.Contribution{TeamID: team, PartnerID: id, ID: "c1", Direction: coach.Got, Kind: coach.ContribDeal,
			Amount: coach.Money{Amount: 100, Currency: "EUR"}, Date: now, Author: alice, CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
		// All due at once in one channel: Slack's pace of one post a second
		// there spreads them over several seconds.
		if err := store.SaveReminder(ctx, coach.Reminder{TeamID: team, ID: coach.ReminderID(id, coach.ReminderBalance), PartnerID: id,
			Kind: coach.ReminderBalance, Spec: spec, Channel: partnersChan, UpdatedAt: now}); err != nil {
			t.Fatal(err)
		}
	}
	sim := slacksim.New()
	defer sim.Close()
	r := startRunning(t, sim, map[string]string{"REDIS_URL": rs.URL()})

	// Slack is slow: every answer and every post takes 700 ms.
	sim.SetLatency(700 * time.Millisecond)
	time.Sleep(time.Until(dueAt.Add(1200 * time.Millisecond)))
	var inflight []*sent
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			s := send(sim, alice, partnersChan, fmt.Sprintf("log alpha got %d EUR lead at-shutdown-%d", 20+i, i))
			mu.Lock()
			inflight = append(inflight, s)
			mu.Unlock()
		})
	}
	wg.Wait() // acked: the work is under way
	took, err := r.stop()
	if err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if limit := r.cfg.ShutdownTimeout + time.Second; took > limit {
		t.Errorf("shutdown took %v, want at most %v", took, limit)
	}
	for _, s := range inflight {
		if s.err != nil {
			t.Fatalf("%s: %v", s.text, s.err)
		}
		if _, text := realReply(t, sim, s, time.Second); !strings.Contains(text, "Logged") {
			t.Errorf("/partner %s, in flight at shutdown: answer %q, want it finished", s.text, text)
		}
	}

	// No claim left held: each occurrence is either sent or free again.
	keys, err := store.Client().Keys(ctx, "pc:{"+team+"}:occ:*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if !strings.Contains(k, ":occ:cmd.") { // command dedupe claims expire on their own
			t.Errorf("reminder claim still held after shutdown: %s", k)
		}
	}
	reviews := func() map[string]int {
		out := map[string]int{}
		for _, m := range sim.Messages(partnersChan) {
			if m.ResponseURL != "" {
				continue
			}
			for _, n := range names {
				// The review itself, not its monthly thread's parent.
				if strings.Contains(m.Visible(), "Time to review the balance with "+n) {
					out[n]++
				}
			}
		}
		return out
	}
	before := len(reviews())
	if before == len(names) {
		t.Fatal("every reminder went out before the shutdown: the test did not test it")
	}

	// A replica started afterwards delivers what was left, once.
	sim.SetLatency(0)
	startedAt := time.Now()
	r2 := startRunning(t, sim, map[string]string{"REDIS_URL": rs.URL()})
	readyAfter := time.Since(startedAt)
	defer func() {
		if _, err := r2.stop(); err != nil {
			t.Errorf("second shutdown: %v", err)
		}
	}()
	waitUntil(t, sim, 30*time.Second, "every reminder", func() bool { return len(reviews()) == len(names) })
	sweeps := r2.metric(ops.MetricStoreLatency + `_count{op="Teams"}`)
	waitUntil(t, sim, 30*time.Second, "another reminder sweep", func() bool {
		return r2.metric(ops.MetricStoreLatency+`_count{op="Teams"}`) >= sweeps+1
	})
	for n, c := range reviews() {
		if c != 1 {
			t.Errorf("%s's reminder posted %d times, want 1", n, c)
		}
	}
	t.Logf("FIGURES shutdown: stopped in %v (SHUTDOWN_TIMEOUT %v) with %d commands in flight, all answered; %d of %d reminders out before it, the rest released and sent once by the next replica, ready %v after it started",
		took.Round(time.Millisecond), r.cfg.ShutdownTimeout, len(inflight), before, len(names), readyAfter.Round(time.Millisecond))
}
