package app_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/ops"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/slacksim"
	redisstore "github.com/partnercoach/partnercoach/storage/redis"
)

const (
	team         = "T0001"
	alice        = "U0ALICE"
	partnersChan = "C0PARTNERS"
)

// openStore is the test's own view of the app's Redis, to seed and inspect it.
func openStore(t *testing.T, url string) *redisstore.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := redisstore.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// everyAt returns an "@every" spec (aligned to the epoch, see remind.Parse)
// whose first occurrence after `from` comes within seconds of it and whose
// next one is at least two minutes later: saved with UpdatedAt now, a
// reminder that falls due once, at a moment of the test's choosing.
func everyAt(t *testing.T, from time.Time) (string, time.Time) {
	t.Helper()
	for s := from.Unix() + 1; s <= from.Unix()+30; s++ {
		for n := int64(120); n <= 86400; n++ {
			if s%n == 0 {
				return "@every " + strconv.FormatInt(n, 10) + "s", time.Unix(s, 0)
			}
		}
	}
	t.Fatal("no aligned interval found")
	return "", time.Time{}
}

// TestFaults_RedisKilledUnderLoad kills Redis (SIGKILL, AOF "always") while
// commands stream in, restarts it, and checks: every command is acked and
// answered within 3 s, an ephemeral "try again" during the outage; the app
// never stops; after the user retries what failed, the data holds each
// contribution once and every partner whole; and a reminder that fell due
// during the outage is delivered once afterwards.
func TestFaults_RedisKilledUnderLoad(t *testing.T) {
	rs := redistest.Start(t, redistest.AOF("always"))
	sim := slacksim.New()
	defer sim.Close()
	ctx := context.Background()

	// Seed a partner and a reminder due in the middle of the outage.
	store := openStore(t, rs.URL())
	now := time.Now()
	if err := store.CreatePartner(ctx, coach.Partner{TeamID: team, ID: "acme", Name: "Acme", Kind: coach.KindReseller,
		Stage: coach.StageActive, Owner: alice, Channel: partnersChan, CreatedAt: now, UpdatedAt: now, StageChangedAt: now}, nil); err != nil {
		t.Fatal(err)
	}
	const downFor = 5 * time.Second
	spec, dueAt := everyAt(t, now.Add(6*time.Second))
	killAt := dueAt.Add(-1500 * time.Millisecond)
	if err := store.SaveReminder(ctx, coach.Reminder{TeamID: team, ID: coach.ReminderID("acme", coach.ReminderBalance), PartnerID: "acme",
		Kind: coach.ReminderBalance, Spec: spec, Channel: partnersChan, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}

	r := startRunning(t, sim, map[string]string{"REDIS_URL": rs.URL()})
	defer func() {
		if _, err := r.stop(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	}()

	// Load: three users' worth of commands, one every 100 ms each, until
	// well after Redis is back.
	var load collector
	loadEnd := killAt.Add(downFor + 3*time.Second)
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Go(func() {
			for i := 0; time.Now().Before(loadEnd); i++ {
				var text string
				switch {
				case g < 2:
					text = fmt.Sprintf("log acme %s %d EUR lead load-%d-%d", []string{"got", "gave"}[g], 100+i, g, i)
				case i%2 == 0:
					text = fmt.Sprintf("add Load Partner %d", i)
				default:
					text = "list"
				}
				load.add(send(sim, alice, partnersChan, text))
				time.Sleep(100 * time.Millisecond)
			}
		})
	}
	time.Sleep(time.Until(killAt))
	rs.Kill()
	killedAt := time.Now()
	time.Sleep(downFor)
	if err := rs.Restart(); err != nil {
		t.Fatal(err)
	}
	restartedAt := time.Now()
	wg.Wait()
	r.alive()

	// Every command: acked, answered within 3 s; during the outage, an
	// ephemeral "try again".
	var slowest, slowestDown time.Duration
	var failed []*sent
	downAnswers := 0
	for _, s := range load.all() {
		if s.err != nil {
			t.Errorf("/partner %s: %v", s.text, s.err)
			continue
		}
		d, text := realReply(t, sim, s, 3*time.Second)
		if text == "" {
			t.Errorf("/partner %s (sent %v after the kill): no answer within 3 s; got %q", s.text, s.at.Sub(killedAt).Round(time.Millisecond), s.answer(sim))
			continue
		}
		slowest = max(slowest, d)
		if contains(text, "try again", "run the same command again", "Run the same command again") {
			failed = append(failed, s)
		}
		if s.at.After(killedAt) && s.at.Add(d).Before(restartedAt) {
			downAnswers++
			slowestDown = max(slowestDown, d)
			m := s.replies(sim)[len(s.replies(sim))-1]
			if !m.Ephemeral || !contains(text, "try again") {
				t.Errorf("/partner %s during the outage: got %q (ephemeral %v), want an ephemeral \"try again\"", s.text, text, m.Ephemeral)
			}
		}
	}
	if downAnswers == 0 {
		t.Fatal("no command was answered during the outage: the test did not test it")
	}
	st := acks(sim)
	if len(st.unacked) > 0 {
		t.Errorf("unacknowledged envelopes: %v", st.unacked)
	}
	if st.slowest > ackBound {
		t.Errorf("slowest ack %v: acks must not wait for Redis", st.slowest)
	}

	// Ready again once Redis is back.
	readyCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	waitReady(t, readyCtx, r.base)

	// The user retries what failed, as told.
	for _, s := range failed {
		again := send(sim, s.user, s.channel, s.text)
		_, text := realReply(t, sim, again, 5*time.Second)
		if contains(text, "try again", "exactly this command", "exactement cette commande") || text == "" {
			t.Errorf("retry of /partner %s: got %q", s.text, text)
		}
	}

	// Nothing half-written: each contribution once, indexed and stored alike;
	// every partner added has its four default reminders.
	notes := map[string]int{}
	cs, err := store.Contributions(ctx, team, "acme", time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		notes[c.Note]++
	}
	for _, s := range load.all() {
		if !strings.HasPrefix(s.text, "log ") {
			continue
		}
		note := s.text[strings.LastIndex(s.text, " ")+1:]
		if notes[note] != 1 {
			t.Errorf("contribution %s stored %d times, want 1", note, notes[note])
		}
	}
	// Lines are one hash field per month since schema 2: a line is written
	// whole or not at all, and nothing goes to the schema-1 keys any more.
	rdb := store.Client()
	zn, _ := rdb.ZCard(ctx, "pc:{"+team+"}:ledger:acme").Result()
	hn, _ := rdb.HLen(ctx, "pc:{"+team+"}:ledgerdata:acme").Result()
	if zn != 0 || hn != 0 {
		t.Errorf("schema-1 ledger keys hold %d and %d entries: this release must write only schema 2", zn, hn)
	}
	ps, err := store.Partners(ctx, team)
	if err != nil {
		t.Fatal(err)
	}
	rems, err := store.Reminders(ctx, team)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, rem := range rems {
		have[rem.ID] = true
	}
	for _, p := range ps {
		if p.ID == "acme" {
			continue
		}
		for _, k := range []coach.ReminderKind{coach.ReminderBalance, coach.ReminderWebinar, coach.ReminderEvent, coach.ReminderQuickWin} {
			if !have[coach.ReminderID(p.ID, k)] {
				t.Errorf("partner %s has no %s reminder: a half-done add", p.ID, k)
				for _, s := range load.all() {
					if strings.EqualFold(coach.Slug(strings.TrimPrefix(s.text, "add ")), p.ID) {
						for _, m := range s.replies(sim) {
							t.Logf("  answer to /partner %s at %v: %s", s.text, m.At.Sub(killedAt), m.Visible())
						}
					}
				}
			}
		}
	}

	// The reminder due during the outage goes out once, after it.
	reviews := func() []slacksim.Message {
		var out []slacksim.Message
		for _, m := range sim.Messages(partnersChan) {
			// The review itself, not its monthly thread's parent.
			if m.ResponseURL == "" && strings.Contains(m.Visible(), "Time to review the balance with Acme") {
				out = append(out, m)
			}
		}
		return out
	}
	waitUntil(t, sim, 30*time.Second, "the reminder due during the outage", func() bool { return len(reviews()) > 0 })
	deliveredAt := reviews()[0].At
	// A full reload after the delivery must not send it again.
	sweeps := r.metric(ops.MetricStoreLatency + `_count{op="Teams"}`)
	waitUntil(t, sim, 30*time.Second, "two more reminder sweeps", func() bool {
		return r.metric(ops.MetricStoreLatency+`_count{op="Teams"}`) >= sweeps+2
	})
	if n := len(reviews()); n != 1 {
		t.Errorf("the reminder due during the outage was posted %d times, want 1", n)
	}
	if !dueAt.After(killedAt) || !dueAt.Before(restartedAt) {
		t.Errorf("the reminder was due at %v, outside the outage [%v, %v]", dueAt, killedAt, restartedAt)
	}
	r.alive()
	t.Logf("FIGURES redis-kill: %d commands (%d answered during the %v outage, %d retried); slowest first answer %v, during the outage %v; slowest ack %v; reminder due %v after the kill, delivered %v after the restart",
		len(load.all()), downAnswers, restartedAt.Sub(killedAt).Round(time.Millisecond), len(failed), slowest.Round(time.Millisecond), slowestDown.Round(time.Millisecond),
		st.slowest.Round(time.Microsecond), dueAt.Sub(killedAt).Round(time.Millisecond), deliveredAt.Sub(restartedAt).Round(time.Millisecond))
}
