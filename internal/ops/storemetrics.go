package ops

import (
	"context"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// InstrumentStore wraps s so every method records its latency and error code
// in m. The op label is the method name. coach.Store is the whole contract
// (claims and posting slots included), so the wrapper sees every call.
func InstrumentStore(s coach.Store, m *Metrics) coach.Store {
	return &instrumentedStore{s: s, m: m}
}

type instrumentedStore struct {
	s coach.Store
	m *Metrics
}

var _ coach.Store = (*instrumentedStore)(nil)

// observe is deferred with the start time: observe(m, "Op", time.Now(), &err).
func observe(m *Metrics, op string, start time.Time, err *error) {
	m.StoreOp(op, time.Since(start), coach.ErrorCode(*err))
}

func (i *instrumentedStore) CreatePartner(ctx context.Context, p coach.Partner, rs []coach.Reminder) (err error) {
	defer observe(i.m, "CreatePartner", time.Now(), &err)
	return i.s.CreatePartner(ctx, p, rs)
}

func (i *instrumentedStore) Partner(ctx context.Context, teamID, id string) (_ coach.Partner, err error) {
	defer observe(i.m, "Partner", time.Now(), &err)
	return i.s.Partner(ctx, teamID, id)
}

func (i *instrumentedStore) Partners(ctx context.Context, teamID string) (_ []coach.Partner, err error) {
	defer observe(i.m, "Partners", time.Now(), &err)
	return i.s.Partners(ctx, teamID)
}

func (i *instrumentedStore) UpdatePartner(ctx context.Context, teamID, id string, fn func(*coach.Partner) error) (_ coach.Partner, err error) {
	defer observe(i.m, "UpdatePartner", time.Now(), &err)
	return i.s.UpdatePartner(ctx, teamID, id, fn)
}

func (i *instrumentedStore) ItemStates(ctx context.Context, teamID, partnerID, templateID string) (_ map[string]coach.ItemState, err error) {
	defer observe(i.m, "ItemStates", time.Now(), &err)
	return i.s.ItemStates(ctx, teamID, partnerID, templateID)
}

func (i *instrumentedStore) SetItemState(ctx context.Context, teamID, partnerID, templateID string, st coach.ItemState) (_ map[string]coach.ItemState, err error) {
	defer observe(i.m, "SetItemState", time.Now(), &err)
	return i.s.SetItemState(ctx, teamID, partnerID, templateID, st)
}

func (i *instrumentedStore) AddContribution(ctx context.Context, c coach.Contribution) (err error) {
	defer observe(i.m, "AddContribution", time.Now(), &err)
	return i.s.AddContribution(ctx, c)
}

func (i *instrumentedStore) DeleteContribution(ctx context.Context, teamID, partnerID, id string) (err error) {
	defer observe(i.m, "DeleteContribution", time.Now(), &err)
	return i.s.DeleteContribution(ctx, teamID, partnerID, id)
}

func (i *instrumentedStore) Contributions(ctx context.Context, teamID, partnerID string, from, to time.Time) (_ []coach.Contribution, err error) {
	defer observe(i.m, "Contributions", time.Now(), &err)
	return i.s.Contributions(ctx, teamID, partnerID, from, to)
}

func (i *instrumentedStore) SaveEvent(ctx context.Context, e coach.Event) (err error) {
	defer observe(i.m, "SaveEvent", time.Now(), &err)
	return i.s.SaveEvent(ctx, e)
}

func (i *instrumentedStore) Events(ctx context.Context, teamID, partnerID string) (_ []coach.Event, err error) {
	defer observe(i.m, "Events", time.Now(), &err)
	return i.s.Events(ctx, teamID, partnerID)
}

func (i *instrumentedStore) SaveDeal(ctx context.Context, d coach.Deal) (err error) {
	defer observe(i.m, "SaveDeal", time.Now(), &err)
	return i.s.SaveDeal(ctx, d)
}

func (i *instrumentedStore) Deal(ctx context.Context, teamID, partnerID, id string) (_ coach.Deal, err error) {
	defer observe(i.m, "Deal", time.Now(), &err)
	return i.s.Deal(ctx, teamID, partnerID, id)
}

func (i *instrumentedStore) Deals(ctx context.Context, teamID, partnerID string) (_ []coach.Deal, err error) {
	defer observe(i.m, "Deals", time.Now(), &err)
	return i.s.Deals(ctx, teamID, partnerID)
}

func (i *instrumentedStore) SaveReminder(ctx context.Context, r coach.Reminder) (err error) {
	defer observe(i.m, "SaveReminder", time.Now(), &err)
	return i.s.SaveReminder(ctx, r)
}

func (i *instrumentedStore) Reminders(ctx context.Context, teamID string) (_ []coach.Reminder, err error) {
	defer observe(i.m, "Reminders", time.Now(), &err)
	return i.s.Reminders(ctx, teamID)
}

func (i *instrumentedStore) DeleteReminder(ctx context.Context, teamID, id string) (err error) {
	defer observe(i.m, "DeleteReminder", time.Now(), &err)
	return i.s.DeleteReminder(ctx, teamID, id)
}

func (i *instrumentedStore) Teams(ctx context.Context) (_ []string, err error) {
	defer observe(i.m, "Teams", time.Now(), &err)
	return i.s.Teams(ctx)
}

func (i *instrumentedStore) Ping(ctx context.Context) (err error) {
	defer observe(i.m, "Ping", time.Now(), &err)
	return i.s.Ping(ctx)
}

func (i *instrumentedStore) Close() (err error) {
	defer observe(i.m, "Close", time.Now(), &err)
	return i.s.Close()
}

func (i *instrumentedStore) Claim(ctx context.Context, o coach.Occurrence, holder string, lease time.Duration) (_ coach.Claim, err error) {
	defer observe(i.m, "Claim", time.Now(), &err)
	return i.s.Claim(ctx, o, holder, lease)
}

func (i *instrumentedStore) MarkSent(ctx context.Context, o coach.Occurrence, holder, ts string) (err error) {
	defer observe(i.m, "MarkSent", time.Now(), &err)
	return i.s.MarkSent(ctx, o, holder, ts)
}

func (i *instrumentedStore) Release(ctx context.Context, o coach.Occurrence, holder string) (err error) {
	defer observe(i.m, "Release", time.Now(), &err)
	return i.s.Release(ctx, o, holder)
}

func (i *instrumentedStore) ReservePost(ctx context.Context, channel string, interval time.Duration) (_ time.Duration, err error) {
	defer observe(i.m, "ReservePost", time.Now(), &err)
	return i.s.ReservePost(ctx, channel, interval)
}

func (i *instrumentedStore) PushBackPosts(ctx context.Context, channel string, d time.Duration) (err error) {
	defer observe(i.m, "PushBackPosts", time.Now(), &err)
	return i.s.PushBackPosts(ctx, channel, d)
}

func (i *instrumentedStore) Thread(ctx context.Context, teamID, channel, partnerID, month string) (_ coach.Thread, err error) {
	defer observe(i.m, "Thread", time.Now(), &err)
	return i.s.Thread(ctx, teamID, channel, partnerID, month)
}

func (i *instrumentedStore) SaveThread(ctx context.Context, t coach.Thread, create bool) (_ coach.Thread, err error) {
	defer observe(i.m, "SaveThread", time.Now(), &err)
	return i.s.SaveThread(ctx, t, create)
}

func (i *instrumentedStore) ReviseContribution(ctx context.Context, teamID, partnerID string, rev coach.Revision) (err error) {
	defer observe(i.m, "ReviseContribution", time.Now(), &err)
	return i.s.ReviseContribution(ctx, teamID, partnerID, rev)
}

func (i *instrumentedStore) Revisions(ctx context.Context, teamID, partnerID string) (_ []coach.Revision, err error) {
	defer observe(i.m, "Revisions", time.Now(), &err)
	return i.s.Revisions(ctx, teamID, partnerID)
}

// Exports (issue 17).
func (i *instrumentedStore) ContributionsAfter(ctx context.Context, teamID, partnerID string, after coach.LedgerCursor, limit int) (_ []coach.Contribution, err error) {
	defer observe(i.m, "ContributionsAfter", time.Now(), &err)
	return i.s.ContributionsAfter(ctx, teamID, partnerID, after, limit)
}

// Issue 16: weekly health snapshots.

func (i *instrumentedStore) AppendHealthSnapshot(ctx context.Context, teamID, partnerID string, snap coach.HealthSnapshot) (err error) {
	defer observe(i.m, "AppendHealthSnapshot", time.Now(), &err)
	return i.s.AppendHealthSnapshot(ctx, teamID, partnerID, snap)
}

func (i *instrumentedStore) HealthHistory(ctx context.Context, teamID, partnerID string, from time.Time) (_ []coach.HealthSnapshot, err error) {
	defer observe(i.m, "HealthHistory", time.Now(), &err)
	return i.s.HealthHistory(ctx, teamID, partnerID, from)
}
