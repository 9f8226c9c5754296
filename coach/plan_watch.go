package coach

import "context"

// Plan changes: a partner's living plan depends on its record, ledger,
// events and checklists (and commitments). WatchPlans wraps the service's
// store so that every successful write of one of those calls the watcher
// with the team and partner, whichever use case made it; the caller (the
// bot) then brings the plan up to date, debounced. Each replica hears the
// writes it makes itself, which is every write: no replica misses one.

// planWatch is the store with its plan-relevant writes reported.
type planWatch struct {
	Store
	notify  []func(teamID, partnerID string)
	sources PlanSources
}

// WatchPlans calls fn after every write that may change a partner's plan.
// Call it while wiring, before the service is used.
func (s *Service) WatchPlans(fn func(teamID, partnerID string)) {
	w := s.watch()
	w.notify = append(w.notify, fn)
}

// SetPlanSources plugs commitments and the last review into PlanFor. Call
// it while wiring, before the service is used.
func (s *Service) SetPlanSources(src PlanSources) {
	s.watch().sources = src
}

// PlanChanged reports a change to partner's plan made outside the store
// writes watched here (another feature's records).
func (s *Service) PlanChanged(teamID, partnerID string) {
	if w, ok := s.store.(*planWatch); ok {
		w.changed(teamID, partnerID)
	}
}

func (s *Service) watch() *planWatch {
	if w, ok := s.store.(*planWatch); ok {
		return w
	}
	w := &planWatch{Store: s.store}
	s.store = w
	return w
}

func (s *Service) planSources() PlanSources {
	if w, ok := s.store.(*planWatch); ok {
		return w.sources
	}
	return PlanSources{}
}

// rawStore is the store without the watch, for writes that are not plan
// changes (the plan place itself).
func (s *Service) rawStore() Store {
	if w, ok := s.store.(*planWatch); ok {
		return w.Store
	}
	return s.store
}

func (w *planWatch) changed(teamID, partnerID string) {
	if teamID == "" || partnerID == "" {
		return
	}
	for _, fn := range w.notify {
		fn(teamID, partnerID)
	}
}

func (w *planWatch) CreatePartner(ctx context.Context, p Partner, reminders []Reminder) error {
	err := w.Store.CreatePartner(ctx, p, reminders)
	if err == nil {
		w.changed(p.TeamID, p.ID)
	}
	return err
}

func (w *planWatch) UpdatePartner(ctx context.Context, teamID, id string, fn func(*Partner) error) (Partner, error) {
	p, err := w.Store.UpdatePartner(ctx, teamID, id, fn)
	if err == nil {
		w.changed(teamID, id)
	}
	return p, err
}

func (w *planWatch) SetItemState(ctx context.Context, teamID, partnerID, templateID string, st ItemState) (map[string]ItemState, error) {
	m, err := w.Store.SetItemState(ctx, teamID, partnerID, templateID, st)
	if err == nil {
		w.changed(teamID, partnerID)
	}
	return m, err
}

func (w *planWatch) AddContribution(ctx context.Context, c Contribution) error {
	err := w.Store.AddContribution(ctx, c)
	if err == nil {
		w.changed(c.TeamID, c.PartnerID)
	}
	return err
}

func (w *planWatch) DeleteContribution(ctx context.Context, teamID, partnerID, id string) error {
	err := w.Store.DeleteContribution(ctx, teamID, partnerID, id)
	if err == nil {
		w.changed(teamID, partnerID)
	}
	return err
}

func (w *planWatch) ReviseContribution(ctx context.Context, teamID, partnerID string, rev Revision) error {
	err := w.Store.ReviseContribution(ctx, teamID, partnerID, rev)
	if err == nil {
		w.changed(teamID, partnerID)
	}
	return err
}

func (w *planWatch) SaveEvent(ctx context.Context, e Event) error {
	err := w.Store.SaveEvent(ctx, e)
	if err == nil {
		w.changed(e.TeamID, e.PartnerID)
	}
	return err
}
