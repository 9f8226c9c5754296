package redis_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/partnercoach/partnercoach/storage/storetest"
	goredis "github.com/redis/go-redis/v9"
)

// roundTripCounter counts network round trips: one per command sent alone,
// one per pipeline or transaction however many commands it carries.
type roundTripCounter struct{ n atomic.Int64 }

func (c *roundTripCounter) DialHook(next goredis.DialHook) goredis.DialHook { return next }
func (c *roundTripCounter) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error {
		c.n.Add(1)
		return next(ctx, cmd)
	}
}
func (c *roundTripCounter) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []goredis.Cmder) error {
		c.n.Add(1)
		return next(ctx, cmds)
	}
}

func BenchmarkHotPaths(b *testing.B) {
	s := flushed(b, redistestURL(b))
	defer s.Close()
	counter := &roundTripCounter{}
	s.(interface {
		Client() goredis.UniversalClient
	}).Client().AddHook(counter)
	storetest.Bench(b, s, counter.n.Load)
}
