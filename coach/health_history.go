package coach

import (
	"context"
	"fmt"
	"time"
)

// HealthSnapshot is a partner's health score in one week, taken by the
// weekly sweep: what the health chart over the last 13 weeks draws.
type HealthSnapshot struct {
	Week  time.Time // the Monday the week starts, 00:00 UTC
	Score int       // 0–100
}

// HealthKeep is how long snapshots are kept: two years of weeks.
const HealthKeep = 2 * 365 * 24 * time.Hour

// HealthChartWeeks is how many weeks the health chart shows.
const HealthChartWeeks = 13

// HealthStore keeps weekly health snapshots, compactly: one small value per
// partner and week.
type HealthStore interface {
	// AppendHealthSnapshot records a partner's score for snap.Week,
	// replacing that week's if there is one, and drops the partner's
	// snapshots older than HealthKeep before snap.Week, in one atomic step.
	AppendHealthSnapshot(ctx context.Context, teamID, partnerID string, snap HealthSnapshot) error
	// HealthHistory returns a partner's snapshots whose week starts at or
	// after from, oldest first.
	HealthHistory(ctx context.Context, teamID, partnerID string, from time.Time) ([]HealthSnapshot, error)
}

// WeekOf returns the Monday 00:00 UTC that starts t's week.
func WeekOf(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// WeekKey writes a week as the stores key it: "2026-11-30".
func WeekKey(week time.Time) string { return WeekOf(week).Format(time.DateOnly) }

// ParseWeekKey reads what WeekKey writes.
func ParseWeekKey(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("week key %q: %w", s, err)
	}
	return t, nil
}

// SnapshotHealth records this week's score of every partner of the team
// that is neither archived nor ended, and returns how many it recorded.
// Taking it twice in a week keeps the later score.
func (s *Service) SnapshotHealth(ctx context.Context, teamID string) (int, error) {
	if err := requireTeam(teamID); err != nil {
		return 0, err
	}
	ps, err := s.store.Partners(ctx, teamID)
	if err != nil {
		return 0, fmt.Errorf("health snapshot: %w", err)
	}
	var live []Partner
	for _, p := range ps {
		if !p.Archived && p.Stage != StageEnded {
			live = append(live, p)
		}
	}
	ins, err := s.HealthInputs(ctx, teamID, live)
	if err != nil {
		return 0, err
	}
	now := s.now()
	week := WeekOf(now)
	for i, in := range ins {
		h := ScoreHealth(in, now)
		if err := s.store.AppendHealthSnapshot(ctx, teamID, live[i].ID, HealthSnapshot{Week: week, Score: h.Score}); err != nil {
			return i, fmt.Errorf("health snapshot of %s: %w", live[i].ID, err)
		}
	}
	return len(ins), nil
}

// HealthWeeks returns a partner's score for each of the last weeks weeks,
// the current one last: the stored snapshots, with the current week's score
// computed now (now is passed in as h). A week without a snapshot has
// ok=false.
func (s *Service) HealthWeeks(ctx context.Context, teamID, partnerID string, weeks int, current Health) ([]WeekScore, error) {
	if err := requireTeam(teamID); err != nil {
		return nil, err
	}
	this := WeekOf(s.now())
	from := this.AddDate(0, 0, -7*(weeks-1))
	snaps, err := s.store.HealthHistory(ctx, teamID, partnerID, from)
	if err != nil {
		return nil, fmt.Errorf("health history: %w", err)
	}
	byWeek := map[string]int{}
	for _, sn := range snaps {
		byWeek[WeekKey(sn.Week)] = sn.Score
	}
	out := make([]WeekScore, weeks)
	for i := range out {
		w := from.AddDate(0, 0, 7*i)
		out[i].Week = w
		out[i].Score, out[i].Known = byWeek[WeekKey(w)]
	}
	out[weeks-1] = WeekScore{Week: this, Score: current.Score, Known: true}
	return out, nil
}

// WeekScore is one week of the health chart.
type WeekScore struct {
	Week  time.Time
	Score int
	Known bool // false: no snapshot that week
}
