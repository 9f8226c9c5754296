package ops_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/internal/ops"
)

// fakeStore answers every call with err and counts calls by method.
type fakeStore struct {
	err   error
	calls map[string]int
}

func (f *fakeStore) hit(op string) error { f.calls[op]++; return f.err }

func (f *fakeStore) CreatePartner(context.Context, coach.Partner, []coach.Reminder) error {
	return f.hit("CreatePartner")
}
func (f *fakeStore) Partner(context.Context, string, string) (coach.Partner, error) {
	return coach.Partner{}, f.hit("Partner")
}
func (f *fakeStore) Partners(context.Context, string) ([]coach.Partner, error) {
	return nil, f.hit("Partners")
}
func (f *fakeStore) UpdatePartner(context.Context, string, string, func(*coach.Partner) error) (coach.Partner, error) {
	return coach.Partner{}, f.hit("UpdatePartner")
}
func (f *fakeStore) ItemStates(context.Context, string, string, string) (map[string]coach.ItemState, error) {
	return nil, f.hit("ItemStates")
}
func (f *fakeStore) SetItemState(context.Context, string, string, string, coach.ItemState) (map[string]coach.ItemState, error) {
	return nil, f.hit("SetItemState")
}
func (f *fakeStore) AddContribution(context.Context, coach.Contribution) error {
	return f.hit("AddContribution")
}
func (f *fakeStore) DeleteContribution(context.Context, string, string, string) error {
	return f.hit("DeleteContribution")
}
func (f *fakeStore) Contributions(context.Context, string, string, time.Time, time.Time) ([]coach.Contribution, error) {
	return nil, f.hit("Contributions")
}
func (f *fakeStore) ContributionsAfter(context.Context, string, string, coach.LedgerCursor, int) ([]coach.Contribution, error) {
	return nil, f.hit("ContributionsAfter")
}
func (f *fakeStore) ReviseContribution(context.Context, string, string, coach.Revision) error {
	return f.hit("ReviseContribution")
}
func (f *fakeStore) Revisions(context.Context, string, string) ([]coach.Revision, error) {
	return nil, f.hit("Revisions")
}
func (f *fakeStore) SaveEvent(context.Context, coach.Event) error { return f.hit("SaveEvent") }
func (f *fakeStore) Events(context.Context, string, string) ([]coach.Event, error) {
	return nil, f.hit("Events")
}
func (f *fakeStore) SaveDeal(context.Context, coach.Deal) error { return f.hit("SaveDeal") }
func (f *fakeStore) Deal(context.Context, string, string, string) (coach.Deal, error) {
	return coach.Deal{}, f.hit("Deal")
}
func (f *fakeStore) Deals(context.Context, string, string) ([]coach.Deal, error) {
	return nil, f.hit("Deals")
}
func (f *fakeStore) SaveReminder(context.Context, coach.Reminder) error { return f.hit("SaveReminder") }
func (f *fakeStore) Reminders(context.Context, string) ([]coach.Reminder, error) {
	return nil, f.hit("Reminders")
}
func (f *fakeStore) DeleteReminder(context.Context, string, string) error {
	return f.hit("DeleteReminder")
}
func (f *fakeStore) Teams(context.Context) ([]string, error) { return nil, f.hit("Teams") }
func (f *fakeStore) Ping(context.Context) error              { return f.hit("Ping") }
func (f *fakeStore) Close() error                            { return f.hit("Close") }

func (f *fakeStore) Claim(context.Context, coach.Occurrence, string, time.Duration) (coach.Claim, error) {
	return coach.Claim{}, f.hit("Claim")
}
func (f *fakeStore) MarkSent(context.Context, coach.Occurrence, string, string) error {
	return f.hit("MarkSent")
}
func (f *fakeStore) Release(context.Context, coach.Occurrence, string) error {
	return f.hit("Release")
}
func (f *fakeStore) ReservePost(context.Context, string, time.Duration) (time.Duration, error) {
	return 0, f.hit("ReservePost")
}
func (f *fakeStore) PushBackPosts(context.Context, string, time.Duration) error {
	return f.hit("PushBackPosts")
}
func (f *fakeStore) Thread(context.Context, string, string, string, string) (coach.Thread, error) {
	return coach.Thread{}, f.hit("Thread")
}
func (f *fakeStore) SaveThread(context.Context, coach.Thread, bool) (coach.Thread, error) {
	return coach.Thread{}, f.hit("SaveThread")
}

// Issue 16: weekly health snapshots.
func (f *fakeStore) AppendHealthSnapshot(context.Context, string, string, coach.HealthSnapshot) error {
	return f.hit("AppendHealthSnapshot")
}
func (f *fakeStore) HealthHistory(context.Context, string, string, time.Time) ([]coach.HealthSnapshot, error) {
	return nil, f.hit("HealthHistory")
}

// callAll calls every method of iface on v with zero arguments (a live
// context for contexts) and returns the method names. Enumerating the
// interface, not a hand-written list, is what catches a method added to
// coach.Store but not measured.
func callAll(t *testing.T, v any, iface reflect.Type) []string {
	t.Helper()
	var names []string
	rv := reflect.ValueOf(v)
	for i := range iface.NumMethod() {
		name := iface.Method(i).Name
		fn := rv.MethodByName(name)
		var args []reflect.Value
		for j := range fn.Type().NumIn() {
			in := fn.Type().In(j)
			if in == reflect.TypeFor[context.Context]() {
				args = append(args, reflect.ValueOf(context.Background()))
				continue
			}
			args = append(args, reflect.Zero(in))
		}
		fn.Call(args)
		names = append(names, name)
	}
	return names
}

func TestInstrumentStore(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		m := ops.NewMetrics("test")
		fake := &fakeStore{calls: map[string]int{}}
		s := ops.InstrumentStore(fake, m)
		called := callAll(t, s, reflect.TypeFor[coach.Store]())
		for _, want := range []string{"Claim", "MarkSent", "Release", "ReservePost", "PushBackPosts"} {
			if !slices.Contains(called, want) {
				t.Errorf("coach.Store lacks %s: claims and posting slots are part of the contract", want)
			}
		}
		for _, op := range called {
			if fake.calls[op] != 1 {
				t.Errorf("%s: the wrapper called the store %d times, want 1", op, fake.calls[op])
			}
			if got := histogramCount(t, m, ops.MetricStoreLatency, map[string]string{"op": op}); got != 1 {
				t.Errorf("%s: %d latency samples, want 1", op, got)
			}
			if got := counter(t, m, ops.MetricStoreErrors, map[string]string{"op": op}); got != 0 {
				t.Errorf("%s: %v errors counted for a call that succeeded", op, got)
			}
		}
	})

	t.Run("ErrCode", func(t *testing.T) {
		m := ops.NewMetrics("test")
		fake := &fakeStore{calls: map[string]int{}, err: coach.Unavailable("ping", context.DeadlineExceeded)}
		s := ops.InstrumentStore(fake, m)
		if err := s.Ping(context.Background()); err != fake.err {
			t.Errorf("got %v, want the store's own error", err)
		}
		if got := counter(t, m, ops.MetricStoreErrors, map[string]string{"op": "Ping", "code": coach.EUNAVAILABLE}); got != 1 {
			t.Errorf("got %v unavailable errors for Ping, want 1", got)
		}
	})
}
