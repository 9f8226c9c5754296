package bot_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/bot"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/partnercoach/partnercoach/slacksim"
	"github.com/partnercoach/partnercoach/storage/redis"
)

type noPacer struct{}

func (noPacer) Wait(context.Context, string) error { return nil }
func (noPacer) PushBack(string, time.Duration)     {}

// BenchmarkReminderDispatch: 10,000 partners whose balance reviews fall due
// at the same moment, spread over 1,000 channels (10 per channel), delivered
// through the simulator by 1 or 3 replicas sharing one Redis. "pacing=none":
// no limits anywhere; otherwise Slack's one message per second per channel
// is enforced by the simulator (429s) and respected by the bot's pacer, so
// the floor is about 10 s (10 messages in each channel): "local" paces each
// replica on its own, "shared" paces the replicas together through Redis
// (as the app does with REDIS_URL).
//
//	go test -run '^$' -bench ReminderDispatch -benchtime 1x ./bot/
func BenchmarkReminderDispatch(b *testing.B) {
	const partnersN, channelsN = 10_000, 1_000
	url := redistest.SharedURL(b)
	for _, tc := range []struct {
		replicas int
		pacing   string
	}{{1, "none"}, {3, "none"}, {1, "local"}, {3, "local"}, {3, "shared"}} {
		b.Run(fmt.Sprintf("replicas=%d/pacing=%s", tc.replicas, tc.pacing), func(b *testing.B) {
			ctx := context.Background()
			sim := slacksim.New()
			defer sim.Close()
			for i := range channelsN {
				sim.AddChannel(slacksim.Channel{ID: fmt.Sprintf("C%04d", i), Name: fmt.Sprintf("p%04d", i), IsMember: true})
			}
			seed, err := redis.Open(ctx, url, redis.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer seed.Close()
			if err := seed.Client().FlushDB(ctx).Err(); err != nil {
				b.Fatal(err)
			}
			base := time.Date(2026, 11, 30, 9, 30, 0, 0, time.UTC)
			for i := range partnersN {
				ch := fmt.Sprintf("C%04d", i%channelsN)
				p := coach.Partner{TeamID: "T0001", ID: fmt.Sprintf("p%05d", i), Name: fmt.Sprintf("Partner %05d", i), Kind: coach.KindReseller, Stage: coach.StageActive, Owner: alice, Channel: ch}
				if err := seed.CreatePartner(ctx, p, nil); err != nil {
					b.Fatal(err)
				}
				r := coach.Reminder{TeamID: "T0001", ID: coach.ReminderID(p.ID, coach.ReminderBalance), PartnerID: p.ID, Kind: coach.ReminderBalance, Spec: "@every 1h", Channel: ch, UpdatedAt: base.Add(-24 * time.Hour)}
				if err := seed.SaveReminder(ctx, r); err != nil {
					b.Fatal(err)
				}
			}
			if tc.pacing != "none" {
				sim.PaceChannels(time.Second)
			}
			tpl, _ := coach.LoadTemplates("")
			quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
			var runners []*remind.Runner
			for i := range tc.replicas {
				store, err := redis.Open(ctx, url, redis.Options{PoolSize: 64})
				if err != nil {
					b.Fatal(err)
				}
				defer store.Close()
				svc := coach.NewService(store, tpl, nil)
				svc.Now = func() time.Time { return base }
				cfg := bot.Config{BotToken: slacksim.BotToken, AppToken: slacksim.AppToken, APIURL: sim.URL(), Service: svc, Logger: quiet, Workers: 64}
				switch tc.pacing {
				case "none":
					cfg.Pacer = noPacer{}
				case "local":
					cfg.Pacer = remind.NewPacer()
				case "shared":
					cfg.Pacer = remind.NewSharedPacer(store, quiet)
				}
				bt, err := bot.New(cfg)
				if err != nil {
					b.Fatal(err)
				}
				runners = append(runners, &remind.Runner{Reminders: store, Claims: store, Holder: fmt.Sprintf("r%d", i), Logger: quiet,
					Grace: 45 * time.Minute, Reload: 2 * time.Second, Lease: 10 * time.Minute, Concurrency: 2048, Now: func() time.Time { return base },
					Deliver: func(ctx context.Context, d remind.Due) (string, error) {
						return bt.DeliverReminder(ctx, d)
					}})
			}
			b.ResetTimer()
			start := time.Now()
			var wg sync.WaitGroup
			for _, r := range runners {
				wg.Go(func() {
					if err := r.Start(ctx); err != nil {
						b.Error(err)
					}
				})
			}
			wg.Wait() // each Start delivers what is due before returning
			count := func() (posted, limited int) {
				for _, c := range sim.Calls() {
					if c.Method == "chat.postMessage" {
						if c.Error == "" {
							posted++
						} else if c.Error == "ratelimited" {
							limited++
						}
					}
				}
				return
			}
			// Posts that ran out of 429 retries were released; the reload
			// sweep (every 2 s here) takes them again.
			wctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
			_ = sim.WaitFor(wctx, func() bool { p, _ := count(); return p >= partnersN })
			cancel()
			elapsed := time.Since(start)
			b.StopTimer()
			for _, r := range runners {
				<-r.Stop().Done()
			}
			posted, limited := count()
			if posted != partnersN {
				b.Fatalf("posted %d reviews, want exactly %d", posted, partnersN)
			}
			b.ReportMetric(elapsed.Seconds(), "dispatch-s")
			b.ReportMetric(float64(posted)/elapsed.Seconds(), "msgs/s")
			b.ReportMetric(float64(limited), "429s")
		})
	}
}
