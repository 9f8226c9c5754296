package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// testChecklistCopies: a click on an old copy changes nothing already so,
// and every posted copy is remembered, most recent first, bounded.
func testChecklistCopies(t *testing.T, h Harness) {
	t.Run("SetItemState/AlreadySoKeepsWho", func(t *testing.T) {
		s := open(t, h)
		first := coach.ItemState{ItemID: "a", Done: true, By: "U1", At: at(t, 1)}
		if _, err := s.SetItemState(ctx(t), "T1", "acme", "launch", first); err != nil {
			t.Fatal(err)
		}
		got, err := s.SetItemState(ctx(t), "T1", "acme", "launch", coach.ItemState{ItemID: "a", Done: true, By: "U2", At: at(t, 2)})
		if err != nil {
			t.Fatal(err)
		}
		if got["a"].By != "U1" || !got["a"].At.Equal(first.At) {
			t.Fatalf("ticking a ticked item again: got %+v, want it kept as ticked by U1", got["a"])
		}
		// Undo on an item never ticked writes nothing.
		got, err = s.SetItemState(ctx(t), "T1", "acme", "launch", coach.ItemState{ItemID: "b", Done: false, By: "U2", At: at(t, 2)})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got["b"]; ok {
			t.Fatalf("undo of an open item wrote %+v", got["b"])
		}
		got, _ = s.SetItemState(ctx(t), "T1", "acme", "launch", coach.ItemState{ItemID: "a", Done: false, By: "U3", At: at(t, 3)})
		if got["a"].Done || got["a"].By != "U3" {
			t.Fatalf("undo of a ticked item: got %+v", got["a"])
		}
	})
	t.Run("Posts", func(t *testing.T) {
		s := open(t, h)
		if got, err := s.ChecklistPosts(ctx(t), "T1", "acme", "launch"); err != nil || len(got) != 0 {
			t.Fatalf("no posts: got %v, %v", got, err)
		}
		base := at(t, 1)
		for i := range coach.MaxChecklistPosts + 3 {
			p := coach.ChecklistPost{Channel: "C1", TS: fmt.Sprintf("1700000000.%06d", i), Locale: "fr", At: base.Add(time.Duration(i) * time.Minute)}
			if err := s.AddChecklistPost(ctx(t), "T1", "acme", "launch", p); err != nil {
				t.Fatal(err)
			}
		}
		// The same copy again moves to the front, once.
		again := coach.ChecklistPost{Channel: "C1", TS: fmt.Sprintf("1700000000.%06d", 10), Locale: "en", At: base.Add(time.Hour)}
		if err := s.AddChecklistPost(ctx(t), "T1", "acme", "launch", again); err != nil {
			t.Fatal(err)
		}
		got, err := s.ChecklistPosts(ctx(t), "T1", "acme", "launch")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != coach.MaxChecklistPosts {
			t.Fatalf("%d posts kept, want %d", len(got), coach.MaxChecklistPosts)
		}
		if got[0].TS != again.TS || got[0].Locale != "en" || got[1].TS != fmt.Sprintf("1700000000.%06d", coach.MaxChecklistPosts+2) {
			t.Fatalf("order: got %v first", got[:2])
		}
		seen := map[string]bool{}
		for _, p := range got {
			if seen[p.TS] {
				t.Fatalf("copy %s recorded twice", p.TS)
			}
			seen[p.TS] = true
		}
		if other, _ := s.ChecklistPosts(ctx(t), "T1", "acme", "selection"); len(other) != 0 {
			t.Fatalf("another template got posts: %v", other)
		}
		if other, _ := s.ChecklistPosts(ctx(t), "T2", "acme", "launch"); len(other) != 0 {
			t.Fatalf("another team got posts: %v", other)
		}
	})
}
