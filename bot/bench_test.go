package bot_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkCommands sends /partner commands through the simulator, 16 in
// flight, and reports ack latency (envelope sent → ack read by Slack) and
// response latency (envelope sent → the reply reached Slack), p50 and p99.
func BenchmarkCommands(b *testing.B) {
	e := start(b)
	for i := range 20 {
		e.command(alice, partners, fmt.Sprintf("add Bench Partner %02d", i))
	}
	const inFlight = 16
	var acks, resps []time.Duration
	var mu sync.Mutex
	var n atomic.Int64
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range inFlight {
		wg.Go(func() {
			for n.Add(1) <= int64(b.N) {
				sent := time.Now()
				before := e.sim.EphemeralCount(alice)
				res, err := e.sim.SlashCommand(context.Background(), alice, partners, "/partner", "list")
				if err != nil {
					b.Error(err)
					return
				}
				// The reply is any new ephemeral for alice; with 16 in flight
				// we only need one more than before to time this command's.
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				err = e.sim.WaitFor(ctx, func() bool { return e.sim.EphemeralCount(alice) > before })
				cancel()
				if err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				acks = append(acks, res.AckLatency)
				resps = append(resps, time.Since(sent))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if len(acks) == 0 {
		return
	}
	slices.Sort(acks)
	slices.Sort(resps)
	pct := func(d []time.Duration, p float64) float64 {
		return float64(d[min(len(d)-1, int(float64(len(d))*p))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(acks, 0.50), "ack-p50-ms")
	b.ReportMetric(pct(acks, 0.99), "ack-p99-ms")
	b.ReportMetric(pct(resps, 0.50), "resp-p50-ms")
	b.ReportMetric(pct(resps, 0.99), "resp-p99-ms")
	b.ReportMetric(float64(len(acks))/elapsed.Seconds(), "cmds/s")
}
