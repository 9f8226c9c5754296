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
	var lat latencies
	var n atomic.Int64
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range inFlight {
		wg.Go(func() {
			for n.Add(1) <= int64(b.N) {
				if !listAndWait(b, e, &lat) {
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	lat.report(b, elapsed)
}

// BenchmarkCommandsPaced sends the same commands at a fixed rate (an open
// loop, at most 16 in flight) instead of as fast as the machine allows.
//
// BenchmarkCommands runs the simulator, Redis and the bot flat out on the
// same cores. Go's scheduler then looks at the network only when its run
// queues are empty, or every 10 ms from sysmon, so a frame that has arrived
// waits for the queue and the ack's p99 measures the saturation more than
// the bot. This benchmark shows the ack at loads below saturation.
func BenchmarkCommandsPaced(b *testing.B) {
	for _, rate := range []int{500, 1000, 2000} {
		b.Run(fmt.Sprintf("rate=%d", rate), func(b *testing.B) {
			e := start(b)
			for i := range 20 {
				e.command(alice, partners, fmt.Sprintf("add Bench Partner %02d", i))
			}
			const maxInFlight = 16
			slots := make(chan struct{}, maxInFlight)
			interval := time.Second / time.Duration(rate)
			var lat latencies
			var wg sync.WaitGroup
			var full atomic.Int64 // sends that had to wait for a free slot
			b.ResetTimer()
			begin := time.Now()
			for i := range b.N {
				time.Sleep(time.Until(begin.Add(time.Duration(i) * interval)))
				select {
				case slots <- struct{}{}:
				default:
					full.Add(1)
					slots <- struct{}{}
				}
				wg.Go(func() {
					defer func() { <-slots }()
					listAndWait(b, e, &lat)
				})
			}
			wg.Wait()
			elapsed := time.Since(begin)
			b.StopTimer()
			lat.report(b, elapsed)
			b.ReportMetric(float64(full.Load()), "waited-for-slot")
		})
	}
}

// listAndWait sends one /partner list, waits for its own reply (its
// response_url used, so in-flight counts are exact) and records both
// latencies. It reports false after a failure.
func listAndWait(b *testing.B, e *env, lat *latencies) bool {
	sent := time.Now()
	res, err := e.sim.SlashCommand(context.Background(), alice, partners, "/partner", "list")
	if err != nil {
		b.Error(err)
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.sim.WaitFor(ctx, func() bool { return e.sim.ResponseUses(res.ResponseURL) > 0 }); err != nil {
		b.Error(err)
		return false
	}
	lat.add(res.AckLatency, time.Since(sent))
	return true
}

// latencies collects each command's ack and response latency.
type latencies struct {
	mu          sync.Mutex
	acks, resps []time.Duration
}

func (l *latencies) add(ack, resp time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acks = append(l.acks, ack)
	l.resps = append(l.resps, resp)
}

func (l *latencies) report(b *testing.B, elapsed time.Duration) {
	if len(l.acks) == 0 {
		return
	}
	slices.Sort(l.acks)
	slices.Sort(l.resps)
	pct := func(d []time.Duration, p float64) float64 {
		return float64(d[min(len(d)-1, int(float64(len(d))*p))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(l.acks, 0.50), "ack-p50-ms")
	b.ReportMetric(pct(l.acks, 0.99), "ack-p99-ms")
	b.ReportMetric(pct(l.resps, 0.50), "resp-p50-ms")
	b.ReportMetric(pct(l.resps, 0.99), "resp-p99-ms")
	b.ReportMetric(float64(len(l.acks))/elapsed.Seconds(), "cmds/s")
}
