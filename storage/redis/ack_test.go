package redis_test

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/storage/redis"
	goredis "github.com/redis/go-redis/v9"
)

func TestParseReplicaAcks(t *testing.T) {
	for in, want := range map[string]int{"": redis.AutoReplicaAcks, "auto": redis.AutoReplicaAcks, "AUTO": redis.AutoReplicaAcks, "0": 0, "1": 1, " 2 ": 2} {
		if got, err := redis.ParseReplicaAcks(in); err != nil || got != want {
			t.Errorf("ParseReplicaAcks(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"-1", "one", "1.5", "yes"} {
		if _, err := redis.ParseReplicaAcks(in); err == nil {
			t.Errorf("ParseReplicaAcks(%q): no error", in)
		}
	}
}

// TestReplicaAcks: what each mode does with and without a replica.
func TestReplicaAcks(t *testing.T) {
	ctx := context.Background()
	primary := redistest.Start(t)
	save := func(s *redis.Store, id string) error {
		return s.SaveEvent(ctx, coach.Event{TeamID: "TACK", PartnerID: "acme", ID: id, Title: "x"})
	}
	open := func(mode int) (*redis.Store, *ackCounter) {
		s, err := redis.Open(ctx, primary.URL(), redis.WithReplicaAcks(mode))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		c := &ackCounter{}
		s.Client().AddHook(c)
		return s, c
	}

	// No replica: auto acknowledges alone, with one round trip to learn
	// there is no replica, then none for a second; 1 refuses ("try again").
	auto, ac := open(redis.AutoReplicaAcks)
	start := time.Now()
	for i := range 20 {
		if err := save(auto, "a"+strconv.Itoa(i)); err != nil {
			t.Fatalf("auto without a replica: %v", err)
		}
	}
	// At most one ROLE per 100 ms, not one per write.
	if r, w, most := ac.role.Load(), ac.wait.Load(), 1+int64(time.Since(start)/(100*time.Millisecond)); r < 1 || r > most || w != 0 {
		t.Errorf("auto without a replica: %d ROLE and %d WAIT for 20 writes, want 1 to %d and 0", r, w, most)
	}
	strict, _ := open(1)
	start = time.Now()
	err := save(strict, "s1")
	if coach.ErrorCode(err) != coach.EUNAVAILABLE || !errors.Is(err, redis.ErrNotReplicated) {
		t.Fatalf("1 without a replica: %v, want EUNAVAILABLE wrapping ErrNotReplicated", err)
	}
	if d := time.Since(start); d < redis.DefaultReplicaAckTimeout || d > redis.DefaultReplicaAckTimeout+time.Second {
		t.Errorf("1 without a replica answered after %v, want the %v WAIT timeout", d, redis.DefaultReplicaAckTimeout)
	}
	if strict.UnackedWrites() != 1 {
		t.Errorf("UnackedWrites = %d, want 1", strict.UnackedWrites())
	}
	off, ac0 := open(0)
	if err := save(off, "o1"); err != nil || ac0.role.Load()+ac0.wait.Load() != 0 {
		t.Errorf("0: %v after %d ROLE and %d WAIT, want nil and none", err, ac0.role.Load(), ac0.wait.Load())
	}

	// A replica connects: auto notices on its next check and waits for it
	// from then on (one more round trip per write); 1 succeeds.
	replica := redistest.Start(t, redistest.Args("--replicaof", "127.0.0.1", strconv.Itoa(primary.Port)))
	waitReplicaLink(t, replica)
	time.Sleep(150 * time.Millisecond) // auto's next check is due
	if err := save(auto, "a-replicated"); err != nil {
		t.Fatal(err)
	}
	before := ac.wait.Load()
	if err := save(auto, "a-next"); err != nil {
		t.Fatal(err)
	}
	if n := ac.wait.Load() - before; n != 1 {
		t.Errorf("auto with a replica: %d WAIT for a write, want 1", n)
	}
	if err := save(strict, "s2"); err != nil {
		t.Errorf("1 with a replica: %v", err)
	}
	// The acknowledged writes are on the replica.
	rs, err := redis.Open(ctx, replica.URL(), redis.WithReplicaAcks(0))
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	for _, id := range []string{"a-replicated", "a-next", "s2"} {
		if ok, _ := rs.Client().HExists(ctx, "pc:{TACK}:events:acme", id).Result(); !ok {
			t.Errorf("acknowledged event %s is not on the replica", id)
		}
	}

	// The replica goes: auto sees it gone and acknowledges alone again;
	// 1 refuses.
	replica.Kill()
	if err := save(auto, "a-alone"); err != nil {
		t.Errorf("auto after the replica went: %v", err)
	}
	if err := save(strict, "s3"); coach.ErrorCode(err) != coach.EUNAVAILABLE {
		t.Errorf("1 after the replica went: %v, want EUNAVAILABLE", err)
	}
}

// ackCounter counts the ROLE and WAIT commands sent, alone or in pipelines.
type ackCounter struct{ role, wait atomic.Int64 }

func (c *ackCounter) count(cmd goredis.Cmder) {
	switch cmd.Name() {
	case "role":
		c.role.Add(1)
	case "wait":
		c.wait.Add(1)
	}
}

func (c *ackCounter) DialHook(next goredis.DialHook) goredis.DialHook { return next }
func (c *ackCounter) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error {
		c.count(cmd)
		return next(ctx, cmd)
	}
}
func (c *ackCounter) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []goredis.Cmder) error {
		for _, cmd := range cmds {
			c.count(cmd)
		}
		return next(ctx, cmds)
	}
}
