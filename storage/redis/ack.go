package redis

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	goredis "github.com/redis/go-redis/v9"
)

// Replica acknowledgement.
//
// Redis replicates asynchronously: a primary answers a write before any
// replica has it, so a primary that dies right after answering takes the
// write with it, and the replica promoted in its place never had it. A write
// the user was told about must survive that, so after each such write the
// store asks the primary to WAIT until a replica holds it, and reports the
// write as done only then.
//
// WAIT counts the writes of the connection it is sent on. The write itself
// may have gone out on another pooled connection (a script, a MULTI/EXEC, a
// WATCH transaction), so the acknowledgement writes a tiny probe key of the
// same team (pc:{T}:ack, same slot, same primary) and WAITs on that
// connection: a primary streams its writes to a replica in order, so a
// replica that has the probe has everything written before it, the user's
// write included. On a Cluster the probe goes to the master of the team's
// slot, found from the client's view of the cluster.
//
// Modes (REDIS_MIN_REPLICAS_ACK):
//
//   - N ≥ 1: every acknowledged write waits for N replicas; fewer within
//     the timeout (a replica down or lagging) is EUNAVAILABLE: the user is
//     told to try again and the retry, which every write path makes safe,
//     succeeds once the replicas are back. Nothing is acknowledged that N
//     replicas do not hold.
//   - auto (the default): one replica when the primary has any. A primary
//     with no replica connected (a single Redis, or a new primary whose old
//     one has not rejoined yet) acknowledges on its own; ROLE, sent with
//     every WAIT, says when the last replica has gone, and a primary alone
//     is asked again every recheckAlone, so waiting resumes within 100 ms
//     of a replica coming online.
//   - 0: never wait (the behaviour before this existed).
//
// What remains: with auto, a write acknowledged while the primary had no
// replica online is lost if that primary dies before a replica has copied
// it (a second failure during the first one's recovery), and so is one
// acknowledged in the first 100 ms after a replica came online if that
// replica is promoted before it has it. With any mode, a write
// whose WAIT timed out was not acknowledged, yet it may be kept: the user
// was told to try again, and the retry is the same success.

// AutoReplicaAcks is the default mode: wait for one replica when the
// primary has any.
const AutoReplicaAcks = -1

// DefaultReplicaAckTimeout bounds one WAIT.
const DefaultReplicaAckTimeout = 500 * time.Millisecond

// WithReplicaAcks sets how many replicas must hold a write before it is
// reported done: AutoReplicaAcks (the default), 0 (never wait) or N ≥ 1.
func WithReplicaAcks(n int) Option {
	return optionFunc(func(o *Options) { o.replicaAcks, o.replicaAcksSet = n, true })
}

// ParseReplicaAcks reads REDIS_MIN_REPLICAS_ACK: "auto" (or empty) or a
// number of replicas ≥ 0.
func ParseReplicaAcks(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "auto") {
		return AutoReplicaAcks, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not auto or a number of replicas (0 turns waiting off)", s)
	}
	return n, nil
}

// acker does the replica acknowledgement of one store.
type acker struct {
	mode    int // AutoReplicaAcks, 0 or N
	timeout time.Duration
	// primaries is, in auto mode, what is known of each primary (by node
	// address; "" for a single or Sentinel client).
	primaries sync.Map // string → *primaryState
	// unacked counts writes reported EUNAVAILABLE for want of replicas.
	unacked atomic.Int64
}

// ErrNotReplicated is wrapped by the EUNAVAILABLE of a write that fewer
// replicas than required acknowledged within the timeout.
var ErrNotReplicated = errors.New("not acknowledged by enough replicas")

// ack makes the write just done on key's team durable on replicas, as the
// mode asks. Call it after a successful write the caller reports as done,
// with any key of the team (the probe shares its hash tag).
func (s *Store) ack(ctx context.Context, op, key string) error {
	a := s.acks
	if a == nil || a.mode == 0 {
		return nil
	}
	probe := ackKey(key)
	if probe == "" {
		return nil
	}
	client, node, err := s.primaryFor(ctx, probe)
	if err != nil {
		return wrap(op+": replica ack", err)
	}
	want := a.mode
	var seen *primaryState
	if want == AutoReplicaAcks {
		v, _ := a.primaries.LoadOrStore(node, &primaryState{})
		seen = v.(*primaryState)
		want = 0
		if seen.replicas.Load() > 0 {
			want = 1
		} else if !seen.due() {
			// A primary without replicas is asked again at most every
			// recheckAlone: a single Redis pays no extra round trip per
			// write, at most ten a second.
			return nil
		}
	}
	var wait *goredis.Cmd
	var role *goredis.Cmd
	_, err = client.Pipelined(ctx, func(p goredis.Pipeliner) error {
		if want > 0 {
			p.Set(ctx, probe, "1", time.Minute)
			// WAIT 0 would block forever: at least 1 ms.
			wait = p.Do(ctx, "WAIT", want, max(a.timeout.Milliseconds(), 1))
		}
		if seen != nil {
			role = p.Do(ctx, "ROLE")
		}
		return nil
	})
	if err != nil {
		if c, ok := s.rdb.(*goredis.ClusterClient); ok {
			c.ReloadState(ctx)
		}
		return wrap(op+": replica ack", err)
	}
	have := int64(want)
	if wait != nil {
		have, _ = wait.Int64()
	}
	if seen != nil {
		n := connectedReplicas(role)
		seen.replicas.Store(n)
		if have < int64(want) && n == 0 {
			// auto: the replica went away while we waited; the primary
			// stands alone until one reconnects.
			return nil
		}
		if want == 0 && n > 0 {
			// A replica has connected since last asked: wait for it now.
			return s.ack(ctx, op, key)
		}
	}
	if have < int64(want) {
		a.unacked.Add(1)
		return coach.Unavailable(op, fmt.Errorf("%w: %d of %d within %s", ErrNotReplicated, have, want, a.timeout))
	}
	return nil
}

// primaryState is what auto mode knows of one primary.
type primaryState struct {
	replicas atomic.Int64 // connected when last asked
	asked    atomic.Int64 // unix ns of the last ROLE while it had none
}

// recheckAlone is how often a primary seen without replicas is asked again
// (ROLE). A replica that came online since is not waited for until then:
// writes acknowledged in that window are on the primary and in the
// replica's stream, but lost if the replica is then promoted before it
// has them (measured: 4 of 47,502 in the failover drill with a 1 s
// interval, when the replica stalled less than a second after rejoining).
const recheckAlone = 100 * time.Millisecond

// due reports, at most every recheckAlone, that a primary without replicas
// should be asked again.
func (p *primaryState) due() bool {
	now := time.Now().UnixNano()
	last := p.asked.Load()
	return now-last >= int64(recheckAlone) && p.asked.CompareAndSwap(last, now)
}

// primaryFor returns the client that reaches key's primary on one
// connection per pipeline, and a name for that primary.
func (s *Store) primaryFor(ctx context.Context, key string) (goredis.Cmdable, string, error) {
	switch c := s.rdb.(type) {
	case *goredis.ClusterClient:
		n, err := c.MasterForKey(ctx, key)
		if err != nil {
			return nil, "", err
		}
		return n, n.Options().Addr, nil
	case *goredis.Client:
		return c, "", nil
	}
	return nil, "", fmt.Errorf("redis: unexpected client %T", s.rdb)
}

// connectedReplicas reads ROLE's answer on a primary: the replicas it
// streams to. A node that is not a primary has none.
func connectedReplicas(role *goredis.Cmd) int64 {
	if role == nil || role.Err() != nil {
		return 0
	}
	v, ok := role.Val().([]any)
	if !ok || len(v) < 3 || v[0] != "master" {
		return 0
	}
	list, _ := v[2].([]any)
	return int64(len(list))
}

// ackKey is the probe key of key's team: pc:{T}:ack.
func ackKey(key string) string {
	i := strings.Index(key, "}:")
	if !strings.HasPrefix(key, "pc:{") || i < 0 {
		return ""
	}
	return key[:i+2] + "ack"
}

// UnackedWrites counts the writes reported EUNAVAILABLE because fewer
// replicas than required acknowledged them in time.
func (s *Store) UnackedWrites() int64 {
	if s.acks == nil {
		return 0
	}
	return s.acks.unacked.Load()
}
