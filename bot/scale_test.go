package bot_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/logcheck"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/partnercoach/partnercoach/slacksim"
	"go.uber.org/goleak"
)

// scaleSize is one run's size.
type scaleSize struct {
	Commands    int           // slash commands and clicks, all users together
	Users       int           // virtual users typing at once, one channel each
	Reminders   int           // reminders, one channel each
	RemindEvery time.Duration // their period
	Occurrences int           // reminder occurrences the run lasts for, at least
	KillEvery   time.Duration // mean time between two kills
}

// The CI size (TestScale_ReplicasKilled) still kills replicas, abruptly and
// gracefully, and checks 0 lost and 0 duplicated; the full size
// (BenchmarkScale_ReplicasKilled) is the one reported in docs/reliability.md.
var (
	scaleCI   = scaleSize{Commands: 1_000, Users: 12, Reminders: 10, RemindEvery: 2 * time.Second, Occurrences: 100, KillEvery: 600 * time.Millisecond}
	scaleFull = scaleSize{Commands: 10_000, Users: 40, Reminders: 25, RemindEvery: 5 * time.Second, Occurrences: 1_000, KillEvery: 1500 * time.Millisecond}
)

// scaleFigures is what one run measured.
type scaleFigures struct {
	Commands, Answered, Failed        int
	Kills, Stops                      int
	KillsDuringLoad                   int // kills while commands were being sent
	InFlightAcked, InFlightNotAcked   int // lost with a killed replica: acknowledged / not
	StopNotAcked                      int // sent to a replica stopping gracefully, never acknowledged
	AckLostAnswered                   int // never acknowledged, yet answered (the ack died with the socket)
	AnsweredUnseen                    int // answered in Slack, but the bot's request failed on its side
	LateNotices                       int // "still working on it" notices before a slow answer
	RefusedRepeats                    int // commands answered "already done" (same text moments ago)
	Retries, RetriesRefused           int // commands typed again after no answer; of those, refused as repeats
	Unexplained                       int // no answer, and no kill to blame
	Lost, Duplicated                  int // confirmed changes missing from the store / stored twice
	AppliedUnconfirmed                int // changes stored although the user got no answer
	DuplicateAnswers                  int
	Occurrences, ReminderPosts        int
	ReminderLost, ReminderDuplicated  int
	ReminderExposed                   int // occurrences posted by a replica killed before it recorded them
	SweptAtEnd                        int // occurrences only the final sweep delivered
	MaxReminderDelay                  time.Duration
	LoadTime, Total                   time.Duration
	CommandsPerSecond                 float64
	PerIncarnation                    map[string]int
	FirstErr                          string
	ReminderOrphans, UnmatchedOrphans int
}

// TestScale_ReplicasKilled runs three replicas of the bot on one Redis behind
// the Slack simulator, which sends each envelope to one random connection.
// Virtual users send a mix of /partner commands and checklist clicks while
// reminders fire every second; replicas are killed at random — abruptly
// (their Redis and Slack calls fail from that instant, their socket drops,
// nothing drains) or gracefully (as on SIGTERM) — and restarted. Then:
//
//   - every command got exactly one answer, except those in flight on a
//     replica killed abruptly (Slack does not redeliver a slash command: the
//     user sees no answer) — they are counted;
//   - every change the user was told succeeded is in the store, and none is
//     stored twice (unique notes and titles);
//   - every reminder occurrence was posted, and none twice, except where a
//     replica was killed between posting and recording the post (counted:
//     Slack has no idempotent post).
func TestScale_ReplicasKilled(t *testing.T) {
	logFigures(t, runScale(t, scaleCI))
}

// BenchmarkScale_ReplicasKilled runs the full size: 10,000 commands and at
// least 1,000 reminder occurrences, with the same checks.
//
//	go test -run '^$' -bench Scale -benchtime 1x -timeout 30m ./bot/
func BenchmarkScale_ReplicasKilled(b *testing.B) {
	for range b.N {
		f := runScale(b, scaleFull)
		logFigures(b, f)
		b.ReportMetric(f.CommandsPerSecond, "cmds/s")
		b.ReportMetric(float64(f.Kills+f.Stops), "kills")
		b.ReportMetric(float64(f.Lost+f.ReminderLost), "lost")
		b.ReportMetric(float64(f.Duplicated), "duplicated")
		b.ReportMetric(float64(f.ReminderDuplicated), "reminders-twice")
		b.ReportMetric(float64(f.InFlightAcked+f.InFlightNotAcked+f.StopNotAcked), "unanswered")
	}
}

func logFigures(t testing.TB, f scaleFigures) {
	t.Logf("commands %d in %v (%.0f/s): answered %d, failure answers %d, refused as repeats %d, late notices %d", f.Commands, f.LoadTime.Round(time.Millisecond), f.CommandsPerSecond, f.Answered, f.Failed, f.RefusedRepeats, f.LateNotices)
	t.Logf("kills %d abrupt + %d graceful (%d while commands were sent); envelopes per incarnation %v", f.Kills, f.Stops, f.KillsDuringLoad, f.PerIncarnation)
	t.Logf("no answer, in flight on a killed replica: %d acknowledged, %d not acknowledged; not acknowledged by a replica stopping gracefully: %d; ack lost but answered: %d; unexplained: %d",
		f.InFlightAcked, f.InFlightNotAcked, f.StopNotAcked, f.AckLostAnswered, f.Unexplained)
	t.Logf("users typed unanswered commands again %d times; %d of those were refused as repeats (done, or still under way)", f.Retries, f.RetriesRefused)
	t.Logf("store: lost %d, duplicated %d, applied without a success answer %d; duplicate answers %d; answers the bot did not know arrived %d", f.Lost, f.Duplicated, f.AppliedUnconfirmed, f.DuplicateAnswers, f.AnsweredUnseen)
	t.Logf("reminders: %d occurrences in %d posts; lost %d, duplicated %d, exposed (killed between post and record) %d, orphan posts %d (unmatched %d), swept at the end %d, max delay %v",
		f.Occurrences, f.ReminderPosts, f.ReminderLost, f.ReminderDuplicated, f.ReminderExposed, f.ReminderOrphans, f.UnmatchedOrphans, f.SweptAtEnd, f.MaxReminderDelay.Round(time.Millisecond))
	t.Logf("total %v", f.Total.Round(time.Millisecond))
}

const scaleTeam = "T0001"

func runScale(t testing.TB, size scaleSize) scaleFigures {
	began := time.Now()
	url := redistest.SharedURL(t)
	leaks := goleak.IgnoreCurrent()
	ctx := context.Background()
	sim := slacksim.New()
	seed, tpl := freshStore(t, url)

	// Reminders: one partner and one reminder per channel, from t0.
	t0 := time.Now().Truncate(time.Second)
	var rems []coach.Reminder
	for i := range size.Reminders {
		ch := fmt.Sprintf("CR%03d", i)
		sim.AddChannel(slacksim.Channel{ID: ch, Name: fmt.Sprintf("rem-%03d", i), IsMember: true})
		p := coach.Partner{TeamID: scaleTeam, ID: fmt.Sprintf("rem-%03d", i), Name: fmt.Sprintf("Rem %03d", i), Kind: coach.KindReseller,
			Stage: coach.StageActive, Owner: alice, Channel: ch, CreatedAt: t0}
		if err := seed.CreatePartner(ctx, p, nil); err != nil {
			t.Fatal(err)
		}
		// Something to review: a balance review with nothing new is skipped.
		if err := seed.AddContribution(ctx, coach.Contribution{TeamID: scaleTeam, PartnerID: p.ID, ID: "c1", Direction: coach.Got, Kind: coach.ContribDeal,
			Amount: coach.Money{Amount: 100, Currency: "EUR"}, Date: t0, Author: alice, CreatedAt: t0}); err != nil {
			t.Fatal(err)
		}
		r := coach.Reminder{TeamID: scaleTeam, ID: coach.ReminderID(p.ID, coach.ReminderBalance), PartnerID: p.ID, Kind: coach.ReminderBalance,
			Spec: "@every " + size.RemindEvery.String(), Channel: ch, UpdatedAt: t0}
		if err := seed.SaveReminder(ctx, r); err != nil {
			t.Fatal(err)
		}
		rems = append(rems, r)
	}
	users := make([]*vuser, size.Users)
	for i := range users {
		u := &vuser{id: fmt.Sprintf("U%04d", 1000+i), channel: fmt.Sprintf("CW%03d", i), rng: rand.New(rand.NewPCG(uint64(i), 7)), lists: map[string]checklist{}}
		sim.AddUser(slacksim.User{ID: u.id, Name: "user" + u.id, Locale: "en-US", TZ: "Europe/Paris"})
		sim.AddChannel(slacksim.Channel{ID: u.channel, Name: "work-" + u.id, IsMember: true})
		users[i] = u
	}

	w := newWire()
	// Every replica's and runner's log lines, checked for tokens at the end.
	logs := &logcheck.Capture{}
	t.Cleanup(func() { logs.Check(t, slacksim.BotToken, slacksim.AppToken) })
	rs := &replicaSet{sim: sim, w: w, redis: url, tpl: tpl, lease: 3 * time.Second, reload: time.Second, grace: 15 * time.Second,
		current: map[string]*incarnation{}, starts: map[string]int{}, quiet: logs.Logger()}
	names := []string{"r1", "r2", "r3"}
	for _, n := range names {
		if _, err := rs.start(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	waitCtx, cancelWait := context.WithTimeout(ctx, 15*time.Second)
	if err := sim.WaitFor(waitCtx, func() bool { return len(rs.live()) == 3 && sim.Connections() == 3 }); err != nil {
		t.Fatalf("three replicas never connected: %v", err)
	}
	cancelWait()

	// The load.
	ld := &load{sim: sim, w: w, recs: make(chan *cmdRec, 4*size.Commands+size.Users)} // each typed at most 3 more times
	ld.remaining.Store(int64(size.Commands))
	loadStart := time.Now()
	var typing sync.WaitGroup
	for _, u := range users {
		typing.Go(func() { ld.run(ctx, u) })
	}
	minEnd := t0.Add(time.Duration(size.Occurrences/size.Reminders+1) * size.RemindEvery)

	stopKilling := make(chan struct{})
	killed := make(chan killTally, 1)
	go func() { killed <- rs.killAtRandom(ctx, t, names, size.KillEvery, stopKilling) }()
	typing.Wait()
	loadEnd := time.Now()
	loadTime := loadEnd.Sub(loadStart)
	for time.Now().Before(minEnd) {
		time.Sleep(100 * time.Millisecond)
	}
	close(stopKilling)
	tally := <-killed
	// Let takeovers of claims held by killed replicas happen (lease + reload).
	if d := time.Until(tally.last.Add(rs.lease + rs.reload + 500*time.Millisecond)); d > 0 {
		time.Sleep(d)
	}
	for _, n := range names {
		if rs.running(n) {
			rs.kill(n, false)
		}
	}
	rs.wait()
	tEnd := time.Now()
	// A final sweep at tEnd delivers what the last graceful stops released.
	if err := sweep(ctx, rs, tEnd, t0); err != nil {
		t.Fatal(err)
	}
	close(ld.recs)
	var recs []*cmdRec
	for c := range ld.recs {
		recs = append(recs, c)
	}

	f := scaleFigures{Commands: len(recs), Kills: tally.abrupt, Stops: tally.graceful, KillsDuringLoad: tally.before(loadEnd), LoadTime: loadTime, PerIncarnation: map[string]int{}}
	f.CommandsPerSecond = float64(len(recs)) / loadTime.Seconds()
	checkCommands(t, sim, w, seed, recs, users, &f)
	checkReminders(t, sim, w, rems, t0, tEnd, &f)

	_ = seed.Close()
	sim.Close()
	f.Total = time.Since(began)
	if err := goleak.Find(leaks); err != nil {
		t.Errorf("goroutines left behind: %v", err)
	}
	return f
}

// sweep runs one more replica whose clock stops at tEnd and whose window
// reaches back to t0: it delivers any occurrence left unsent.
func sweep(ctx context.Context, rs *replicaSet, tEnd, t0 time.Time) error {
	in := &incarnation{name: "sweep", finished: make(chan struct{}), marked: map[string]bool{}}
	// Its bot never connects: only its Web API client is used.
	if err := rs.wire(ctx, in); err != nil {
		return err
	}
	defer func() {
		_ = in.store.Close()
		in.http.CloseIdleConnections()
	}()
	store := in.store
	rs.mu.Lock()
	rs.all = append(rs.all, in)
	rs.mu.Unlock()
	r := &remind.Runner{Reminders: store, Claims: markClaims{store, in}, Holder: "sweep", Logger: rs.quiet,
		Lease: rs.lease, Reload: time.Hour, Grace: tEnd.Sub(t0) + time.Second, MaxCatchUp: 1 << 20,
		Now: func() time.Time { return tEnd },
		Deliver: func(ctx context.Context, d remind.Due) (string, error) {
			a := &attempt{in: in, reminder: d.Reminder.ID, channel: d.Reminder.Channel, at: d.At, begin: time.Now()}
			ts, err := in.bot.DeliverReminder(ctx, d)
			rs.w.mu.Lock()
			a.end, a.ts, a.err = time.Now(), ts, err
			rs.w.attempts = append(rs.w.attempts, a)
			rs.w.mu.Unlock()
			return ts, err
		}}
	if err := r.Start(ctx); err != nil {
		return err
	}
	<-r.Stop().Done()
	close(in.finished)
	return nil
}
