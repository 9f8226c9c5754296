package remind_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/remind"
	"github.com/partnercoach/partnercoach/storage/redis"
)

func TestMain(m *testing.M) { redistest.Main(m) }

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// deliveries records what every replica posted.
type deliveries struct {
	mu    sync.Mutex
	count map[string]int // reminder@unix → times delivered
}

func (d *deliveries) record(due remind.Due) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, at := range due.At {
		d.count[fmt.Sprintf("%s@%d", due.Reminder.ID, at.Unix())]++
	}
}

func openRedis(t *testing.T, url string) *redis.Store {
	t.Helper()
	s, err := redis.Open(context.Background(), url, redis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// TestReplicas_ExactlyOnce runs three replicas over one real Redis with
// @every 1s reminders. Replica "b" hangs in the middle of a delivery (as if
// its process froze) and is stopped; a fresh replica "d" joins later. Every
// occurrence in the run must be delivered exactly once.
func TestReplicas_ExactlyOnce(t *testing.T) {
	srv := redistest.Start(t)
	checkLeaks(t)
	seed := openRedis(t, srv.URL())
	ctx := context.Background()
	if err := seed.Client().FlushAll(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for i := range 5 {
		r := coach.Reminder{TeamID: "T1", ID: fmt.Sprintf("p%d:balance", i), PartnerID: fmt.Sprintf("p%d", i), Kind: coach.ReminderBalance,
			Spec: "@every 1s", Channel: "C1", UpdatedAt: start}
		if err := seed.SaveReminder(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	got := &deliveries{count: map[string]int{}}
	var hangOnce sync.Once
	hung := make(chan struct{})
	newReplica := func(name string, runCtx context.Context) *remind.Runner {
		s := openRedis(t, srv.URL())
		return &remind.Runner{
			Reminders: s, Claims: s, Holder: name, Logger: quiet, Lease: 1500 * time.Millisecond, Reload: 250 * time.Millisecond, Grace: time.Minute,
			Deliver: func(ctx context.Context, d remind.Due) (string, error) {
				if name == "b" {
					hanging := false
					hangOnce.Do(func() { hanging = true })
					if hanging {
						close(hung)
						<-runCtx.Done() // frozen until killed; its claim must expire and be taken over
						return "", runCtx.Err()
					}
				}
				got.record(d)
				return fmt.Sprintf("%d.000100", time.Now().Unix()), nil
			},
		}
	}
	ctxB, killB := context.WithCancel(ctx)
	replicas := map[string]*remind.Runner{"a": newReplica("a", ctx), "b": newReplica("b", ctxB), "c": newReplica("c", ctx)}
	for name, r := range replicas {
		rctx := ctx
		if name == "b" {
			rctx = ctxB
		}
		if err := r.Start(rctx); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-hung:
	case <-time.After(10 * time.Second):
		t.Fatal("replica b never got a delivery to hang on")
	}
	time.Sleep(1500 * time.Millisecond)
	killB()
	replicas["b"].Stop()
	d := newReplica("d", ctx)
	if err := d.Start(ctx); err != nil {
		t.Fatal(err)
	}
	replicas["d"] = d
	time.Sleep(3 * time.Second)
	end := time.Now()
	for name, r := range replicas {
		if name != "b" {
			<-r.Stop().Done()
		}
	}
	// Let in-flight takeovers of the last seconds settle: one more sweep by a fresh replica.
	e := newReplica("e", ctx)
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	<-e.Stop().Done()

	got.mu.Lock()
	defer got.mu.Unlock()
	checked := 0
	for i := range 5 {
		id := fmt.Sprintf("p%d:balance", i)
		for sec := start.Unix() + 1; sec <= end.Unix(); sec++ {
			key := fmt.Sprintf("%s@%d", id, sec)
			if n := got.count[key]; n != 1 {
				t.Errorf("occurrence %s delivered %d times, want exactly 1", key, n)
			}
			checked++
		}
	}
	for key, n := range got.count {
		if n > 1 {
			t.Errorf("occurrence %s delivered %d times", key, n)
		}
	}
	t.Logf("%d occurrences checked across replicas a, b (hung and killed), c, d (joined late)", checked)
}
