package bot_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/partnercoach/partnercoach/storage/storetest"
)

// Big teams (issue 15), through Slack: the real bot over Socket Mode
// against slacksim, on Redis.

// BenchmarkAdd10000 adds 10,000 partners through /partner add, 16 in
// flight, and reports how long they took and the adds per second at the
// start and at the end (each add must cost the same at 10,000 as at 50).
func BenchmarkAdd10000(b *testing.B) {
	for range b.N {
		e := start(b)
		const total, inFlight = 10_000, 16
		var n atomic.Int64
		var mu sync.Mutex
		done := make([]time.Duration, 0, total)
		begin := time.Now()
		var wg sync.WaitGroup
		for range inFlight {
			wg.Go(func() {
				for {
					i := n.Add(1)
					if i > total {
						return
					}
					res, err := e.sim.SlashCommand(context.Background(), alice, partners, "/partner", fmt.Sprintf("add Added Partner %05d", i))
					if err != nil {
						b.Error(err)
						return
					}
					ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
					err = e.sim.WaitFor(ctx, func() bool { return e.sim.ResponseUses(res.ResponseURL) > 0 })
					cancel()
					if err != nil {
						b.Error(err)
						return
					}
					mu.Lock()
					done = append(done, time.Since(begin))
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(begin)
		if _, count, err := e.svc.PartnersPage(context.Background(), "T0001", 0, 1); err != nil || count != total {
			b.Fatalf("%d partners stored after %d adds (%v)", count, total, err)
		}
		slices.Sort(done)
		rate := func(from, to int) float64 { return float64(to-from) / (done[to-1] - done[from]).Seconds() }
		b.ReportMetric(elapsed.Seconds(), "s-for-10000")
		b.ReportMetric(rate(0, 1000), "adds/s-first-1000")
		b.ReportMetric(rate(total-1000, total), "adds/s-last-1000")
		e.stop()
	}
}

// BenchmarkBigTeamCommands sends each command through Slack with 10,000
// partners in the team (seeded through the store) and reports the
// response latency, p50 and p99, one command at a time.
func BenchmarkBigTeamCommands(b *testing.B) {
	e := start(b)
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		b.Fatal(err)
	}
	storetest.SeedBigTeam(b, e.store, tpl, "T0001", time.Now())
	if _, err := e.svc.Standings(context.Background(), "T0001"); err != nil {
		b.Fatal(err)
	}
	named := func(i int) string { return fmt.Sprintf("Partner %05d International", (i%50)*200) }
	for _, c := range []struct {
		name string
		text func(i int) string
	}{
		{"List", func(int) string { return "list" }},
		{"ListFilter", func(int) string { return "list active" }},
		{"Show", func(i int) string { return "show " + named(i) }},
		{"Health", func(int) string { return "health" }},
		{"Balance", func(i int) string { return "balance " + named(i) }},
		{"Tip", func(i int) string { return "tip " + named(i) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			var lat []time.Duration
			for i := 0; b.Loop(); i++ {
				sent := time.Now()
				res, err := e.sim.SlashCommand(context.Background(), alice, partners, "/partner", c.text(i))
				if err != nil {
					b.Fatal(err)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				err = e.sim.WaitFor(ctx, func() bool { return e.sim.ResponseUses(res.ResponseURL) > 0 })
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(sent))
			}
			reportPercentiles(b, lat)
		})
	}
	// The weekly digest, as the reminder runner delivers it: a summary of
	// the 10,000 (counts per verdict and stage, the 10 most at risk). Each
	// one goes to a channel of its own: the bot posts at most one message a
	// second in a channel (Slack's limit), which would be all it measured.
	b.Run("Digest", func(b *testing.B) {
		digest := coach.Reminder{TeamID: "T0001", ID: coach.ReminderID("", coach.ReminderDigest), Kind: coach.ReminderDigest,
			Spec: "weekly", UpdatedAt: time.Now()}
		var lat []time.Duration
		for i := 0; b.Loop(); i++ {
			digest.Channel = fmt.Sprintf("C0DIGEST%04d", i)
			e.sim.AddChannel(slacksim.Channel{ID: digest.Channel, Name: "digest-" + strconv.Itoa(i), IsMember: true})
			before := e.sim.Succeeded("chat.postMessage")
			sent := time.Now()
			if ts, err := e.bot.DeliverReminder(context.Background(), remind.Due{Reminder: digest, At: []time.Time{sent}}); err != nil || ts == "" {
				b.Fatalf("digest posted as %q: %v", ts, err)
			}
			lat = append(lat, time.Since(sent))
			if e.sim.Succeeded("chat.postMessage") != before+1 {
				b.Fatal("the digest was not posted once")
			}
		}
		reportPercentiles(b, lat)
	})
	b.Run("HomePublish", func(b *testing.B) {
		var lat []time.Duration
		for i := 0; b.Loop(); i++ {
			before := e.sim.Succeeded("views.publish")
			sent := time.Now()
			if _, err := e.sim.OpenHome(context.Background(), alice); err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			err := e.sim.WaitFor(ctx, func() bool { return e.sim.Succeeded("views.publish") > before })
			cancel()
			if err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(sent))
		}
		reportPercentiles(b, lat)
	})
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(float64(len(lat))*p))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
