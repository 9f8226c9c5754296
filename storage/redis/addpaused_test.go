package redis_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/redistest"
	"github.com/partnercoach/partnercoach/storage/redis"
)

// A use case that writes several records writes them in one store
// operation. The proof for adding a partner (the partner and its default
// reminders): a burst of adds while Redis is paused (SIGSTOP) and then
// resumed. Adds in flight time out, so their users are told to try again,
// yet Redis may run them once resumed; every user then retries, as another
// person than the owner. Afterwards every partner exists once, with all its
// reminders, and every retry was a success, not "name taken".

func TestAddPartner_RedisPaused(t *testing.T) {
	srv := redistest.Start(t)
	addBurstWhilePaused(t, srv.URL(), []*redistest.Server{srv})
}

func TestAddPartner_ClusterPaused(t *testing.T) {
	c := redistest.StartCluster(t)
	addBurstWhilePaused(t, "redis+cluster://"+strings.Join(c.Addrs(), ","), c.Nodes)
}

func addBurstWhilePaused(t *testing.T, url string, nodes []*redistest.Server) {
	const team, adds = "TPAUSE", 24
	ctx := context.Background()
	store, err := redis.Open(ctx, url, redis.WithTimeout(300*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	tpl, err := coach.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	svc := coach.NewService(store, tpl, nil)
	request := func(i int) coach.NewPartner {
		return coach.NewPartner{Name: fmt.Sprintf("Paused Partner %02d", i), Owner: "U0OWNER", Channel: "C0PARTNERS",
			RequestID: fmt.Sprintf("req-%02d", i)}
	}

	// Half the burst starts before the pause, half during it.
	var wg sync.WaitGroup
	failed := make([]error, adds)
	add := func(i int) {
		defer wg.Done()
		actx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_, failed[i] = svc.AddPartner(actx, team, "U0ADDER", request(i))
	}
	for i := range adds / 2 {
		wg.Add(1)
		go add(i)
	}
	time.Sleep(5 * time.Millisecond) // let some of them through
	for _, n := range nodes {
		if err := n.Pause(); err != nil {
			t.Fatal(err)
		}
	}
	resumed := false
	resume := func() {
		if resumed {
			return
		}
		resumed = true
		for _, n := range nodes {
			if err := n.Resume(); err != nil {
				t.Error(err)
			}
		}
	}
	defer resume()
	for i := adds / 2; i < adds; i++ {
		wg.Add(1)
		go add(i)
	}
	time.Sleep(1500 * time.Millisecond)
	resume()
	wg.Wait()

	unknown := 0
	for i, err := range failed {
		if err == nil {
			continue
		}
		if c := coach.ErrorCode(err); c != coach.EUNAVAILABLE {
			t.Errorf("add %d during the pause: %v (code %s), want unavailable", i, err, c)
		}
		unknown++
	}
	if unknown == 0 {
		t.Fatal("no add failed while Redis was paused: the test proves nothing")
	}
	t.Logf("%d of %d adds were told to try again", unknown, adds)

	// The users retry what failed, and now it works, the same request
	// whoever sends it. Some of what failed did land once Redis went on:
	// those retries must find their own partner, not "name taken".
	waitAnswers(t, svc, team)
	landed := 0
	for i, err := range failed {
		if _, perr := svc.Partner(ctx, team, coach.Slug(request(i).Name)); err != nil && perr == nil {
			landed++
		}
	}
	// Typically 1 to 4 here; coach's TestAddPartner_OneStep covers that path
	// deterministically.
	t.Logf("%d of the %d adds told to try again had in fact been stored", landed, unknown)
	for i, err := range failed {
		if err == nil {
			continue
		}
		p, err := svc.AddPartner(ctx, team, "U0SOMEONE", request(i))
		if err != nil {
			t.Errorf("retry of add %d: %v", i, err)
			continue
		}
		if p.Owner != "U0OWNER" {
			t.Errorf("retry of add %d: owner %s, want U0OWNER", i, p.Owner)
		}
	}

	ps, err := svc.Partners(ctx, team)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != adds {
		t.Fatalf("%d partners stored, want %d", len(ps), adds)
	}
	rs, err := svc.Reminders(ctx, team)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, r := range rs {
		have[r.ID] = true
	}
	for _, p := range ps {
		for _, r := range coach.DefaultReminders(p, time.Now()) {
			if !have[r.ID] {
				t.Errorf("partner %s is stored without its reminder %s", p.ID, r.ID)
			}
		}
	}
	teams, err := svc.Teams(ctx)
	if err != nil || !contains(teams, team) {
		t.Errorf("Teams() = %v, %v: the runner would never see these reminders", teams, err)
	}
}

// waitAnswers waits until the store answers again after the pause.
func waitAnswers(t *testing.T, svc *coach.Service, team string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err := svc.Partners(context.Background(), team)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the store still fails 10 s after Redis resumed: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
