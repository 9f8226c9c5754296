package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// testThreads checks the threads of scheduled messages: none until opened,
// the first opening wins (also when several race), an update replaces the
// thread, and threads are apart per channel, partner, month and team.
func testThreads(t *testing.T, h Harness) {
	s := open(t, h)
	th := coach.Thread{TeamID: "T1", Channel: "C1", PartnerID: "acme", Month: "2026-12", ParentTS: "100.1"}
	if _, err := s.Thread(ctx(t), "T1", "C1", "acme", "2026-12"); coach.ErrorCode(err) != coach.ENOTFOUND {
		t.Fatalf("no thread yet: %v, want ENOTFOUND", err)
	}
	var wg sync.WaitGroup
	got := make([]coach.Thread, 8)
	for i := range got {
		wg.Go(func() {
			mine := th
			mine.ParentTS = "100." + string(rune('1'+i))
			var err error
			if got[i], err = s.SaveThread(ctx(t), mine, true); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for _, g := range got {
		if g.ParentTS != got[0].ParentTS {
			t.Fatalf("racing openings disagree on the parent: %+v", got)
		}
	}
	winner := got[0]
	winner.Lines = []coach.ThreadLine{{Kind: coach.ReminderBalance, TS: "101.1", At: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}}
	if _, err := s.SaveThread(ctx(t), winner, false); err != nil {
		t.Fatal(err)
	}
	again, err := s.SaveThread(ctx(t), th, true)
	if err != nil || again.ParentTS != winner.ParentTS || len(again.Lines) != 1 || again.Lines[0].TS != "101.1" || !again.Lines[0].At.Equal(winner.Lines[0].At) {
		t.Fatalf("opening an open thread: %+v, %v; want the stored one with its line", again, err)
	}
	for _, other := range []coach.Thread{
		{TeamID: "T1", Channel: "C2", PartnerID: "acme", Month: "2026-12"},
		{TeamID: "T1", Channel: "C1", PartnerID: "globex", Month: "2026-12"},
		{TeamID: "T1", Channel: "C1", PartnerID: "acme", Month: "2027-01"},
		{TeamID: "T2", Channel: "C1", PartnerID: "acme", Month: "2026-12"},
	} {
		if _, err := s.Thread(ctx(t), other.TeamID, other.Channel, other.PartnerID, other.Month); coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Errorf("thread %+v: %v, want ENOTFOUND", other, err)
		}
	}
	if _, err := s.Thread(ctx(t), "T1", "C1:x", "acme", "2026-12"); err == nil {
		t.Error("a channel ID with ':' was accepted")
	}
}
