package bot_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkCommandsAt50 sends each command that reads partners through
// Slack with 50 partners in the team (each with a few ledger lines), 16 in
// flight: the small team's figures, which the big-team work (issue 15) must
// keep (compare with benchstat against an older build).
func BenchmarkCommandsAt50(b *testing.B) {
	e := start(b)
	for i := range 50 {
		e.command(alice, partners, fmt.Sprintf("add Bench Partner %02d", i))
		for j, dir := range []string{"got", "gave", "got"} {
			e.command(alice, partners, fmt.Sprintf("log bench-partner-%02d %s %d EUR deal", i, dir, 1000*(j+1)))
		}
	}
	named := func(i int64) string { return fmt.Sprintf("bench-partner-%02d", i%50) }
	for _, c := range []struct {
		name string
		text func(i int64) string
	}{
		{"List", func(int64) string { return "list" }},
		{"Show", func(i int64) string { return "show " + named(i) }},
		{"Health", func(int64) string { return "health" }},
		{"Balance", func(i int64) string { return "balance " + named(i) }},
		{"Tip", func(i int64) string { return "tip " + named(i) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			const inFlight = 16
			var lat latencies
			var n atomic.Int64
			start := time.Now()
			var wg sync.WaitGroup
			for range inFlight {
				wg.Go(func() {
					for {
						i := n.Add(1)
						if i > int64(b.N) {
							return
						}
						sent := time.Now()
						res, err := e.sim.SlashCommand(context.Background(), alice, partners, "/partner", c.text(i))
						if err != nil {
							b.Error(err)
							return
						}
						ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
						err = e.sim.WaitFor(ctx, func() bool { return e.sim.ResponseUses(res.ResponseURL) > 0 })
						cancel()
						if err != nil {
							b.Error(err)
							return
						}
						lat.add(res.AckLatency, time.Since(sent))
					}
				})
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			lat.report(b, elapsed)
		})
	}
}
