// Package remind turns reminder specs into schedules and, with a claim store,
// fires each occurrence once across replicas.
//
// Schedules here differ from robfig/cron's in two ways that matter when several
// replicas share one Redis:
//   - Time-of-day specs are evaluated on the wall clock of their zone, so a
//     daylight-saving change neither skips (spring forward) nor doubles (fall
//     back) an occurrence: cron v3 alone does both.
//   - "@every" is aligned to multiples of the interval since the Unix epoch, so
//     every replica computes the same occurrence times whatever its start time
//     (cron's own @every counts from each process's start).
package remind

import (
	"fmt"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/robfig/cron/v3"
)

// Schedule gives the next occurrence strictly after t, or the zero time if there is none.
type Schedule = cron.Schedule

// Presets are the named schedules offered to users; the time of day is 09:00
// in the team's time zone.
var Presets = []string{"weekly", "biweekly", "monthly", "quarterly"}

// MaxEvery is the longest "@every" interval accepted.
const MaxEvery = 366 * 24 * time.Hour

var specParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Parse reads a preset name or a robfig/cron v3 spec ("0 9 * * 1",
// "CRON_TZ=Europe/Paris 0 9 * * 1", "@every 1h", "@weekly"). A spec without a
// zone runs in defaultTZ.
func Parse(spec, defaultTZ string) (Schedule, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return nil, coach.FieldError("schedule", "reminder.schedule.required")
	}
	loc, err := time.LoadLocation(defaultTZ)
	if err != nil {
		return nil, coach.FieldError("tz", "reminder.tz.unknown", defaultTZ)
	}
	body := spec
	if rest, ok := cutZonePrefix(spec); ok {
		zone, tail, _ := strings.Cut(rest, " ")
		l, err := time.LoadLocation(zone)
		if err != nil {
			return nil, coach.FieldError("schedule", "reminder.tz.unknown", zone)
		}
		loc, body = l, strings.TrimSpace(tail)
		// cron would read a second prefix itself and, before "@every", hand
		// back a schedule of another type: one zone per spec.
		if _, again := cutZonePrefix(body); again {
			return nil, coach.FieldError("schedule", "reminder.tz.twice", spec)
		}
	}
	switch strings.ToLower(body) {
	case "weekly":
		return firstWeekday{loc: loc, weekday: time.Monday, hour: 9, everyWeek: true}, nil
	case "biweekly", "fortnightly":
		return firstWeekday{loc: loc, weekday: time.Monday, hour: 9, everyWeek: true, everyOther: true}, nil
	case "monthly":
		return firstWeekday{loc: loc, weekday: time.Monday, hour: 9, months: allMonths}, nil
	case "quarterly":
		return firstWeekday{loc: loc, weekday: time.Monday, hour: 9, months: quarterMonths}, nil
	}
	if d, ok := strings.CutPrefix(body, "@every "); ok {
		dur, err := time.ParseDuration(strings.TrimSpace(d))
		// At most a year: the schedule is aligned on the epoch, and a longer
		// interval would overflow time arithmetic long before it fired.
		if err != nil || dur < time.Second || dur > MaxEvery {
			return nil, coach.FieldError("schedule", "reminder.every.invalid", strings.TrimSpace(d))
		}
		return alignedEvery{every: dur.Truncate(time.Second)}, nil
	}
	s, err := specParser.Parse(body)
	if err != nil {
		return nil, coach.FieldError("schedule", "reminder.schedule.invalid", spec, err)
	}
	spec2, ok := s.(*cron.SpecSchedule)
	if !ok {
		// Not reachable with one zone prefix; refused as bad input rather
		// than reported as a failure if cron ever grows another form.
		return nil, coach.FieldError("schedule", "reminder.schedule.invalid", spec, fmt.Sprintf("%T", s))
	}
	wall := *spec2
	wall.Location = time.UTC
	// cron looks five years ahead: a spec with no such day ("0 0 30 2 *",
	// February 30th) would be saved and never fire.
	if wall.Next(time.Now().UTC()).IsZero() {
		return nil, coach.FieldError("schedule", "reminder.schedule.never", spec)
	}
	return wallClock{spec: &wall, loc: loc}, nil
}

func cutZonePrefix(spec string) (string, bool) {
	if rest, ok := strings.CutPrefix(spec, "CRON_TZ="); ok {
		return rest, true
	}
	return strings.CutPrefix(spec, "TZ=")
}

// wallClock evaluates a cron spec on the zone's wall clock. The spec runs on a
// DST-free timeline (UTC fields standing for local fields) and each wall time
// it yields is mapped back to the zone once: a wall time inside a spring-forward
// gap maps to just after it, and an ambiguous fall-back wall time maps to one
// instant only.
type wallClock struct {
	spec *cron.SpecSchedule
	loc  *time.Location
}

func (w wallClock) Next(t time.Time) time.Time {
	lt := t.In(w.loc)
	wall := time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), lt.Second(), 0, time.UTC)
	// A few iterations at most: only wall times that map back to or before t
	// (fall-back repeats, gap remaps) are passed over.
	for range 1000 {
		next := w.spec.Next(wall)
		if next.IsZero() {
			return next
		}
		real := wallToReal(next, w.loc)
		if real.After(t) {
			return real
		}
		wall = next
	}
	return time.Time{}
}

// wallToReal maps a wall time (UTC fields standing for local ones) to an
// instant in loc. An ambiguous wall time (fall back) maps to its first
// instant; one inside a spring-forward gap maps to just after the gap, shifted
// by the gap's length. time.Date leaves both cases unspecified.
func wallToReal(wall time.Time, loc *time.Location) time.Time {
	offsetNear := func(d time.Duration) int64 {
		_, off := wall.Add(d).In(loc).Zone()
		return int64(off)
	}
	before := time.Unix(wall.Unix()-offsetNear(-24*time.Hour), 0).In(loc)
	after := time.Unix(wall.Unix()-offsetNear(24*time.Hour), 0).In(loc)
	same := func(t time.Time) bool {
		return t.Hour() == wall.Hour() && t.Minute() == wall.Minute() && t.Day() == wall.Day()
	}
	switch {
	case same(before) && (!same(after) || !after.Before(before)):
		return before
	case same(after):
		return after
	default: // in a gap: the offset in force before it pushes the time past the gap
		return before
	}
}

// alignedEvery fires at every multiple of the interval since the Unix epoch.
type alignedEvery struct{ every time.Duration }

func (a alignedEvery) Next(t time.Time) time.Time {
	n := t.UnixNano()
	step := a.every.Nanoseconds()
	next := (n/step + 1) * step
	if next <= n { // past what int64 nanoseconds can hold (year 2262)
		return time.Time{}
	}
	return time.Unix(0, next).UTC()
}

var (
	allMonths     = [13]bool{false, true, true, true, true, true, true, true, true, true, true, true, true}
	quarterMonths = [13]bool{1: true, 4: true, 7: true, 10: true}
)

// firstWeekday fires at hour:00 on a weekday: every week (optionally every
// other ISO week, counted from the epoch so replicas agree), or only on the
// first such weekday of the selected months. Cron cannot say "first Monday":
// with both day-of-month and day-of-week set it ORs them.
type firstWeekday struct {
	loc        *time.Location
	weekday    time.Weekday
	hour       int
	everyWeek  bool
	everyOther bool
	months     [13]bool
}

func (f firstWeekday) Next(t time.Time) time.Time {
	lt := t.In(f.loc)
	day := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, time.UTC)
	// Scan days on the wall calendar; at most about 100 days for quarterly.
	for range 400 {
		if f.matches(day) {
			real := wallToReal(time.Date(day.Year(), day.Month(), day.Day(), f.hour, 0, 0, 0, time.UTC), f.loc)
			if real.After(t) {
				return real
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	return time.Time{}
}

func (f firstWeekday) matches(day time.Time) bool {
	if day.Weekday() != f.weekday {
		return false
	}
	if f.everyWeek {
		if !f.everyOther {
			return true
		}
		// Weeks since the epoch's first Monday (1970-01-05).
		weeks := int(day.Sub(time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC)).Hours()) / (24 * 7)
		return weeks%2 == 0
	}
	return f.months[day.Month()] && day.Day() <= 7
}

// Occurrences lists the occurrences in (after, until], at most limit of them,
// oldest first.
func Occurrences(s Schedule, after, until time.Time, limit int) []time.Time {
	var out []time.Time
	for t := s.Next(after); !t.IsZero() && !t.After(until) && len(out) < limit; t = s.Next(t) {
		out = append(out, t)
	}
	return out
}

// MinGap returns the shortest gap between consecutive occurrences over the
// next year from `from` (sampled over at most 500 occurrences), used to refuse
// schedules that would flood a channel.
func MinGap(s Schedule, from time.Time) time.Duration {
	occ := Occurrences(s, from, from.AddDate(1, 0, 0), 500)
	if len(occ) < 2 {
		return 0
	}
	gap := occ[1].Sub(occ[0])
	for i := 2; i < len(occ); i++ {
		gap = min(gap, occ[i].Sub(occ[i-1]))
	}
	return gap
}

// CheckInterval refuses a schedule that fires more often than minInterval.
func CheckInterval(s Schedule, from time.Time, minInterval time.Duration) error {
	if gap := MinGap(s, from); gap > 0 && gap < minInterval {
		return coach.FieldError("schedule", "reminder.schedule.too_often", gap, minInterval)
	}
	return nil
}
