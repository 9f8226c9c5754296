package coach

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"sync"
	"time"
)

// Standings (issue 15): what the rankings, the App Home and the weekly
// digest need of each partner is kept per partner, so that none of them
// reads every ledger of a big team.
//
// Never stale: every write that may change a partner's standing moves the
// partner's records generation on (touchingStore, right after the write,
// unless the write was refused); a summary is kept only while the generation it was
// computed from is still the current one (SaveStandings compares and sets
// in one atomic step), and the generation lives in the store, so every
// replica sees a change at once. What changes with time alone (an event
// passing, a contribution leaving the window, a quick win falling due) is
// handled by ValidUntil: the earliest instant at which the summary may read
// differently, at most a day away; a summary past it is computed again.

// Summary is one partner's standing as of a records generation.
type Summary struct {
	Gen      int64    `json:"gen"`
	Partner  Partner  `json:"partner"`
	Score    int      `json:"score"`
	Verdict  Verdict  `json:"verdict,omitempty"` // the balance verdict
	Next     *Event   `json:"next,omitempty"`    // the next joint event
	Decision Decision `json:"decision"`
	Risks    []Risk   `json:"risks,omitempty"`
	// LateCommitments counts the joint plan's commitments past due.
	LateCommitments int       `json:"late,omitempty"`
	ValidUntil      time.Time `json:"valid_until"`
}

// StandingEntry is what the store holds for one partner of a team: its
// records generation and the summary kept for it, if any.
type StandingEntry struct {
	PartnerID string
	Gen       int64
	Summary   *Summary // nil when none is kept
}

// StandingStore keeps partners' summaries and records generations.
type StandingStore interface {
	// Standings returns one entry for every partner of the team (archived
	// included), sorted by partner ID.
	Standings(ctx context.Context, teamID string) ([]StandingEntry, error)
	// SaveStandings keeps each summary whose Gen is still its partner's
	// records generation (0 when never touched), in one atomic step per
	// summary; the others are dropped without error.
	SaveStandings(ctx context.Context, teamID string, sums []Summary) error
	// TouchPartner moves the partner's records generation on, so that its
	// kept summary no longer counts.
	TouchPartner(ctx context.Context, teamID, partnerID string) error
}

// PartnerIndexStore finds partners through an index, without reading
// every partner of the team.
type PartnerIndexStore interface {
	// LookupPartners returns the partners a query may name: the one whose
	// ID is Slug(query), those whose name equals query ignoring case, and
	// up to limit more whose ID starts with Slug(query) or whose name
	// starts with query ignoring case. Archived included, each once.
	LookupPartners(ctx context.Context, teamID, query string, limit int) ([]Partner, error)
	// PartnerNames returns every partner's name (archived included),
	// sorted ignoring case: the hints of a name not found.
	PartnerNames(ctx context.Context, teamID string) ([]string, error)
	// PartnersPage returns up to limit active (not archived) partners in
	// the order of their names ignoring case, from the offset-th on, and
	// how many active partners the team has.
	PartnersPage(ctx context.Context, teamID string, offset, limit int) ([]Partner, int, error)
	// PartnerReminders returns one partner's reminders (IDs made by
	// ReminderID), sorted by ID, without reading the team's others.
	PartnerReminders(ctx context.Context, teamID, partnerID string) ([]Reminder, error)
}

// standingHorizon bounds how long a summary counts without a change: a
// rule this file does not know of that depends on time is late by at most
// this (spread per partner, so that a big team's summaries do not all fall
// due at once).
const standingHorizon = 24 * time.Hour

// Standings returns a fresh summary of every partner of the team, archived
// included, sorted by ID: kept ones as they are, the others computed and
// kept for next time. The summaries may be shared with other readers:
// read them, never change them.
func (s *Service) Standings(ctx context.Context, teamID string) ([]*Summary, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	entries, err := s.store.Standings(ctx, teamID)
	if err != nil {
		return nil, fmt.Errorf("standings: %w", err)
	}
	now := s.now()
	out := make([]*Summary, 0, len(entries))
	var stale []StandingEntry
	var rs []Reminder
	for _, e := range entries {
		if e.Summary != nil && e.Summary.Gen == e.Gen && now.Before(e.Summary.ValidUntil) {
			out = append(out, e.Summary)
			continue
		}
		stale = append(stale, e)
	}
	if len(stale) == 0 {
		return out, nil
	}
	// Many stale (a first read, a big change): the team's reminders once;
	// a few: each partner's own.
	many := len(stale) > 50
	if many {
		if rs, err = s.store.Reminders(ctx, teamID); err != nil {
			return nil, fmt.Errorf("standings: %w", err)
		}
	}
	fresh := make([]Summary, len(stale))
	found := make([]bool, len(stale))
	errs := make([]error, len(stale))
	// A few workers: a big team's first read computes thousands.
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(4, len(stale)) {
		wg.Go(func() {
			for i := range next {
				found[i], errs[i] = s.restand(ctx, teamID, stale[i], rs, many, now, &fresh[i])
			}
		})
	}
	for i := range stale {
		next <- i
	}
	close(next)
	wg.Wait()
	kept := fresh[:0]
	for i := range stale {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if found[i] {
			kept = append(kept, fresh[i])
		}
	}
	fresh = kept
	if err := s.store.SaveStandings(ctx, teamID, fresh); err != nil {
		return nil, fmt.Errorf("standings: %w", err)
	}
	for i := range fresh {
		out = append(out, &fresh[i])
	}
	sortByID(out)
	return out, nil
}

// restand computes one stale entry's summary into out; false when the
// partner is gone.
func (s *Service) restand(ctx context.Context, teamID string, e StandingEntry, teamReminders []Reminder, haveTeam bool, now time.Time, out *Summary) (bool, error) {
	p, err := s.store.Partner(ctx, teamID, e.PartnerID)
	if ErrorCode(err) == ENOTFOUND {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("standings: %w", err)
	}
	rs := teamReminders
	if !haveTeam {
		if rs, err = s.store.PartnerReminders(ctx, teamID, p.ID); err != nil {
			return false, fmt.Errorf("standings: %w", err)
		}
	}
	sum, err := s.summarize(ctx, teamID, p, rs, now)
	if err != nil {
		return false, err
	}
	sum.Gen = e.Gen
	*out = sum
	return true, nil
}

func sortByID(ss []*Summary) {
	slices.SortFunc(ss, func(a, b *Summary) int { return strings.Compare(a.Partner.ID, b.Partner.ID) })
}

// summarize computes one partner's summary from its records.
func (s *Service) summarize(ctx context.Context, teamID string, p Partner, rs []Reminder, now time.Time) (Summary, error) {
	in, f, err := s.healthFacts(ctx, teamID, p, rs)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Partner: p, Score: ScoreHealth(in, now).Score, Verdict: in.Balance.Verdict, Next: in.Events.Next,
		Decision: keptDecision(in.Decision), Risks: Risks(in, now), LateCommitments: in.Commitments.Late, ValidUntil: validUntil(p, f, now)}
	return sum, nil
}

// keptDecision is what a kept summary needs of the selection verdict: its
// kind and the items that decide it, by ID and text (what the Home and the
// rankings show); the rest of each item (why it matters, its rule) stays in
// the templates, not copied into every partner's summary.
func keptDecision(d Decision) Decision {
	slim := func(items []TemplateItem) []TemplateItem {
		if items == nil {
			return nil
		}
		out := make([]TemplateItem, len(items))
		for i, it := range items {
			out[i] = TemplateItem{ID: it.ID, Priority: it.Priority, Text: it.Text}
		}
		return out
	}
	return Decision{Kind: d.Kind, Open: slim(d.Open), Unmet: slim(d.Unmet)}
}

// validUntil is the earliest instant after now at which time alone may
// change what the partner's records say: a contribution entering or
// leaving the balance window or the last 90 days, an event starting or
// growing quiet, the quick win falling due; at most standingHorizon away.
func validUntil(p Partner, f EvidenceFacts, now time.Time) time.Time {
	h := fnv.New32a()
	_, _ = h.Write([]byte(p.ID))
	// Spread over the last hour of the horizon.
	limit := now.Add(standingHorizon - time.Duration(h.Sum32()%3600)*time.Second)
	consider := func(t time.Time) {
		if t.After(now) && t.Before(limit) {
			limit = t
		}
	}
	days := func(t time.Time, n int) time.Time { return t.Add(time.Duration(n) * 24 * time.Hour) }
	for _, c := range f.Contributions {
		consider(c.Date)
		consider(c.Date.AddDate(0, DefaultWindow.Months, DefaultWindow.Days))
		consider(days(c.Date, 90))
	}
	for _, e := range f.Events {
		consider(e.Start)
		for _, n := range []int{1, DefaultLookaheadDays, 90, DefaultQuietDays, DefaultQuietDays + 1} {
			consider(days(e.Start, n))
			consider(days(e.Start, -n))
		}
	}
	for _, c := range f.Commitments {
		if c.Status == CommitmentOpen {
			consider(c.Due.AddDate(0, 0, 1)) // the day it turns late
		}
	}
	for _, t := range []time.Time{p.StageChangedAt, p.CreatedAt} {
		consider(days(t, QuickWinDays))
		consider(days(t, DefaultQuietDays))
		consider(days(t, DefaultQuietDays+1))
	}
	return limit
}

// RankSummaries orders summaries weakest first, as RankWeakest does:
// most real risks first, then the lowest score, then by name; ended and
// archived partners leave the ranking. It sorts pointers: a big team's
// summaries are not copied.
func RankSummaries(in []*Summary) []*Summary {
	out := make([]*Summary, 0, len(in))
	for _, s := range in {
		if s.Partner.Stage != StageEnded && !s.Partner.Archived {
			out = append(out, s)
		}
	}
	// Ties broken by ID, so that an unstable sort (n log n, not a stable
	// one's n log² n) gives one order.
	slices.SortFunc(out, func(a, b *Summary) int {
		return cmp.Or(cmp.Compare(len(b.Risks), len(a.Risks)), cmp.Compare(a.Score, b.Score), cmp.Compare(a.Partner.Name, b.Partner.Name),
			cmp.Compare(a.Partner.ID, b.Partner.ID))
	})
	return out
}

// touchingStore moves a partner's records generation on after every write
// that may change its standing, when it succeeded or its outcome is unknown
// (it may have written); a refused write (not found, forbidden, invalid,
// conflict) wrote nothing and moves nothing.
type touchingStore struct{ Store }

func (t touchingStore) touched(ctx context.Context, teamID, partnerID string, err error) error {
	if partnerID == "" {
		return err // a team's own reminder (the digest): no partner's standing
	}
	if code := ErrorCode(err); code != "" && code != EUNAVAILABLE && code != EINTERNAL {
		return err // refused: nothing was written
	}
	if terr := t.Store.TouchPartner(ctx, teamID, partnerID); terr != nil && err == nil {
		return fmt.Errorf("mark standing of %s: %w", partnerID, terr)
	}
	return err
}

func (t touchingStore) CreatePartner(ctx context.Context, p Partner, rs []Reminder) error {
	return t.touched(ctx, p.TeamID, p.ID, t.Store.CreatePartner(ctx, p, rs))
}

func (t touchingStore) UpdatePartner(ctx context.Context, teamID, id string, fn func(*Partner) error) (Partner, error) {
	p, err := t.Store.UpdatePartner(ctx, teamID, id, fn)
	return p, t.touched(ctx, teamID, id, err)
}

func (t touchingStore) SetItemState(ctx context.Context, teamID, partnerID, templateID string, st ItemState) (map[string]ItemState, error) {
	m, err := t.Store.SetItemState(ctx, teamID, partnerID, templateID, st)
	return m, t.touched(ctx, teamID, partnerID, err)
}

func (t touchingStore) AddContribution(ctx context.Context, c Contribution) error {
	return t.touched(ctx, c.TeamID, c.PartnerID, t.Store.AddContribution(ctx, c))
}

func (t touchingStore) DeleteContribution(ctx context.Context, teamID, partnerID, id string) error {
	return t.touched(ctx, teamID, partnerID, t.Store.DeleteContribution(ctx, teamID, partnerID, id))
}

func (t touchingStore) ReviseContribution(ctx context.Context, teamID, partnerID string, rev Revision) error {
	return t.touched(ctx, teamID, partnerID, t.Store.ReviseContribution(ctx, teamID, partnerID, rev))
}

func (t touchingStore) SaveEvent(ctx context.Context, e Event) error {
	return t.touched(ctx, e.TeamID, e.PartnerID, t.Store.SaveEvent(ctx, e))
}

func (t touchingStore) SaveDeal(ctx context.Context, d Deal) error {
	return t.touched(ctx, d.TeamID, d.PartnerID, t.Store.SaveDeal(ctx, d))
}

func (t touchingStore) SaveReminder(ctx context.Context, r Reminder) error {
	return t.touched(ctx, r.TeamID, r.PartnerID, t.Store.SaveReminder(ctx, r))
}

func (t touchingStore) AddCommitment(ctx context.Context, c Commitment) error {
	return t.touched(ctx, c.TeamID, c.PartnerID, t.Store.AddCommitment(ctx, c))
}

func (t touchingStore) UpdateCommitment(ctx context.Context, teamID, partnerID, id string, fn func(*Commitment) error) (Commitment, error) {
	c, err := t.Store.UpdateCommitment(ctx, teamID, partnerID, id, fn)
	return c, t.touched(ctx, teamID, partnerID, err)
}

func (t touchingStore) DeleteCommitment(ctx context.Context, teamID, partnerID, id string) (Commitment, error) {
	c, err := t.Store.DeleteCommitment(ctx, teamID, partnerID, id)
	return c, t.touched(ctx, teamID, partnerID, err)
}

// DeleteReminder names no partner: the reminder is read first to find it.
func (t touchingStore) DeleteReminder(ctx context.Context, teamID, id string) error {
	rs, err := t.Store.Reminders(ctx, teamID)
	if err != nil {
		return err
	}
	partner := ""
	for _, r := range rs {
		if r.ID == id {
			partner = r.PartnerID
		}
	}
	err = t.Store.DeleteReminder(ctx, teamID, id)
	if partner == "" {
		return err
	}
	return t.touched(ctx, teamID, partner, err)
}
