package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnercoach/partnercoach/coach"
)

func testCommitments(t *testing.T, h Harness) {
	mk := func(t *testing.T, id string, day int) coach.Commitment {
		return coach.Commitment{TeamID: "T1", PartnerID: "acme", ID: id, Side: coach.CommitBoth, Person: "U2", Title: "Joint case study " + id,
			Due: at(t, day), Status: coach.CommitmentOpen, CreatedBy: "U1", CreatedAt: at(t, 1), UpdatedBy: "U1", UpdatedAt: at(t, 1)}
	}
	opts := cmp.Comparer(timeEqual)
	t.Run("Add/ListByDue", func(t *testing.T) {
		s := open(t, h)
		b, a, c := mk(t, "b", 20), mk(t, "a", 20), mk(t, "c", 5)
		c.PersonName, c.Person = "Marie at Acme", ""
		for _, x := range []coach.Commitment{b, a, c} {
			if err := s.AddCommitment(ctx(t), x); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Commitments(ctx(t), "T1", "acme")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]coach.Commitment{c, a, b}, got, opts); diff != "" {
			t.Fatalf("Commitments (-want +got):\n%s", diff)
		}
		one, err := s.Commitment(ctx(t), "T1", "acme", "c")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c, one, opts); diff != "" {
			t.Fatalf("Commitment (-want +got):\n%s", diff)
		}
		other, err := s.Commitments(ctx(t), "T1", "globex")
		if err != nil || len(other) != 0 {
			t.Fatalf("another partner's commitments: got %v, %v, want none", other, err)
		}
	})
	t.Run("Add/IdempotentByID", func(t *testing.T) {
		s := open(t, h)
		first := mk(t, "a", 10)
		if err := s.AddCommitment(ctx(t), first); err != nil {
			t.Fatal(err)
		}
		again := first
		again.Title = "changed by a retry"
		if err := s.AddCommitment(ctx(t), again); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Commitment(ctx(t), "T1", "acme", "a")
		if got.Title != first.Title {
			t.Fatalf("title after a second add: got %q, want %q", got.Title, first.Title)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t, h)
		_, err := s.Commitment(ctx(t), "T1", "acme", "nope")
		wantCode(t, err, coach.ENOTFOUND)
		_, err = s.UpdateCommitment(ctx(t), "T1", "acme", "nope", func(*coach.Commitment) error { return nil })
		wantCode(t, err, coach.ENOTFOUND)
		_, err = s.DeleteCommitment(ctx(t), "T1", "acme", "nope")
		wantCode(t, err, coach.ENOTFOUND)
	})
	t.Run("Update/OK", func(t *testing.T) {
		s := open(t, h)
		c := mk(t, "a", 10)
		_ = s.AddCommitment(ctx(t), c)
		got, err := s.UpdateCommitment(ctx(t), "T1", "acme", "a", func(x *coach.Commitment) error {
			x.Status, x.DoneAt = coach.CommitmentDone, at(t, 9)
			x.ID, x.PartnerID = "moved", "elsewhere" // ignored: the keys stay
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := c
		want.Status, want.DoneAt = coach.CommitmentDone, at(t, 9)
		read, _ := s.Commitment(ctx(t), "T1", "acme", "a")
		for name, x := range map[string]coach.Commitment{"returned": got, "read back": read} {
			if diff := cmp.Diff(want, x, opts); diff != "" {
				t.Fatalf("%s (-want +got):\n%s", name, diff)
			}
		}
	})
	t.Run("Update/ErrFromFnWritesNothing", func(t *testing.T) {
		s := open(t, h)
		c := mk(t, "a", 10)
		_ = s.AddCommitment(ctx(t), c)
		boom := errors.New("boom")
		_, err := s.UpdateCommitment(ctx(t), "T1", "acme", "a", func(x *coach.Commitment) error {
			x.Title = "half written"
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("got %v, want fn's error", err)
		}
		read, _ := s.Commitment(ctx(t), "T1", "acme", "a")
		if read.Title != c.Title {
			t.Fatalf("title after a refused update: got %q, want %q", read.Title, c.Title)
		}
	})
	t.Run("Update/ConcurrentNoLostWrite", func(t *testing.T) {
		s := open(t, h)
		_ = s.AddCommitment(ctx(t), mk(t, "a", 10))
		const n = 8
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.UpdateCommitment(ctx(t), "T1", "acme", "a", func(x *coach.Commitment) error {
					x.Title += fmt.Sprintf(" %d", i)
					return nil
				})
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		ok := 0
		for err := range errs {
			if err == nil {
				ok++
			} else {
				wantCode(t, err, coach.ECONFLICT)
			}
		}
		read, _ := s.Commitment(ctx(t), "T1", "acme", "a")
		if got := len(read.Title) - len("Joint case study a"); got != 2*ok {
			t.Fatalf("title grew by %d characters after %d successful updates, want %d", got, ok, 2*ok)
		}
	})
	t.Run("Delete/ReturnsIt", func(t *testing.T) {
		s := open(t, h)
		c := mk(t, "a", 10)
		_ = s.AddCommitment(ctx(t), c)
		_ = s.AddCommitment(ctx(t), mk(t, "b", 11))
		gone, err := s.DeleteCommitment(ctx(t), "T1", "acme", "a")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c, gone, opts); diff != "" {
			t.Fatalf("deleted (-want +got):\n%s", diff)
		}
		all, _ := s.Commitments(ctx(t), "T1", "acme")
		if len(all) != 1 || all[0].ID != "b" {
			t.Fatalf("after delete: got %+v, want b only", all)
		}
		_, err = s.DeleteCommitment(ctx(t), "T1", "acme", "a")
		wantCode(t, err, coach.ENOTFOUND)
		if err := s.AddCommitment(ctx(t), gone); err != nil { // the undo
			t.Fatal(err)
		}
		back, err := s.Commitment(ctx(t), "T1", "acme", "a")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c, back, opts); diff != "" {
			t.Fatalf("restored (-want +got):\n%s", diff)
		}
	})
	t.Run("Isolation", func(t *testing.T) {
		s := open(t, h)
		_ = s.AddCommitment(ctx(t), mk(t, "a", 10))
		if _, err := s.Commitment(ctx(t), "T2", "acme", "a"); coach.ErrorCode(err) != coach.ENOTFOUND {
			t.Fatalf("another team reads it: got %v, want not found", err)
		}
		all, err := s.Commitments(ctx(t), "T2", "acme")
		if err != nil || len(all) != 0 {
			t.Fatalf("another team lists: got %v, %v, want none", all, err)
		}
	})
}
