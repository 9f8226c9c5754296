package redis_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/storage/redis"
	"github.com/partnercoach/partnercoach/storage/storetest"
)

// BenchmarkHotPaths_Replicated runs the hot paths on a primary with one
// replica, with the replica acknowledgement off (0: the cost before it
// existed) and on (auto: every write the user is told about waits for the
// replica): the difference is its latency cost (docs/reliability.md).
func BenchmarkHotPaths_Replicated(b *testing.B) {
	primary := redistest.Start(b)
	replica := redistest.Start(b, redistest.Args("--replicaof", "127.0.0.1", strconv.Itoa(primary.Port)))
	waitReplicaLink(b, replica)
	for _, mode := range []struct {
		name string
		acks int
	}{{"ack=0", 0}, {"ack=auto", redis.AutoReplicaAcks}} {
		b.Run(mode.name, func(b *testing.B) {
			ctx := context.Background()
			s, err := redis.Open(ctx, primary.URL(), redis.WithReplicaAcks(mode.acks))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if err := s.Client().FlushDB(ctx).Err(); err != nil {
				b.Fatal(err)
			}
			counter := &roundTripCounter{}
			s.Client().AddHook(counter)
			storetest.Bench(b, s, counter.n.Load)
		})
	}
}

func waitReplicaLink(b testing.TB, replica *redistest.Server) {
	b.Helper()
	s, err := redis.Open(context.Background(), replica.URL(), redis.WithReplicaAcks(0))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		info, _ := s.Client().Info(context.Background(), "replication").Result()
		if strings.Contains(info, "master_link_status:up") {
			return
		}
	}
	b.Fatal("the replica never linked to its primary")
}
