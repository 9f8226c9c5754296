package remind_test

import (
	"errors"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
)

func mustParse(t *testing.T, spec, tz string) remind.Schedule {
	t.Helper()
	s, err := remind.Parse(spec, tz)
	if err != nil {
		t.Fatalf("Parse(%q, %q): %v", spec, tz, err)
	}
	return s
}

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// occurrencesOn lists the local wall times of the occurrences within one local day.
func occurrencesOn(t *testing.T, s remind.Schedule, loc *time.Location, y int, m time.Month, d int) []string {
	t.Helper()
	start := time.Date(y, m, d, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
	end := time.Date(y, m, d+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
	var out []string
	for _, o := range remind.Occurrences(s, start, end, 100) {
		out = append(out, o.In(loc).Format("15:04 MST"))
	}
	return out
}

func TestParse_DST(t *testing.T) {
	for _, tt := range []struct {
		name, tz, spec string
		y              int
		m              time.Month
		d              int
		want           []string
	}{
		// cron v3 alone skips 02:30 on spring-forward day; we fire once, just after the gap.
		{"NewYork/SpringForward/InGap", "America/New_York", "30 2 * * *", 2026, time.March, 8, []string{"03:30 EDT"}},
		// cron v3 alone fires 01:30 twice on fall-back day; we fire once.
		{"NewYork/FallBack/Ambiguous", "America/New_York", "30 1 * * *", 2026, time.November, 1, []string{"01:30 EDT"}},
		{"NewYork/FallBack/Ordinary", "America/New_York", "0 9 * * *", 2026, time.November, 1, []string{"09:00 EST"}},
		{"Paris/SpringForward/InGap", "Europe/Paris", "30 2 * * *", 2026, time.March, 29, []string{"03:30 CEST"}},
		{"Paris/FallBack/Ambiguous", "Europe/Paris", "30 2 * * *", 2026, time.October, 25, []string{"02:30 CEST"}},
		{"Paris/FallBack/Hourly", "Europe/Paris", "0 * * * *", 2026, time.October, 25, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			loc := mustLoad(t, tt.tz)
			got := occurrencesOn(t, mustParse(t, tt.spec, tt.tz), loc, tt.y, tt.m, tt.d)
			if tt.want == nil {
				// Hourly on a 25-hour day: each wall hour once, so 24 occurrences, none repeated.
				seen := map[string]bool{}
				for _, g := range got {
					if seen[g[:5]] {
						t.Fatalf("wall time %s fired twice: %v", g[:5], got)
					}
					seen[g[:5]] = true
				}
				if len(got) != 24 {
					t.Fatalf("got %d occurrences, want 24: %v", len(got), got)
				}
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestParse_ZonePrefix(t *testing.T) {
	s := mustParse(t, "CRON_TZ=Europe/Paris 0 9 * * 1", "America/New_York")
	from := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) // a Tuesday
	got := s.Next(from)
	want := time.Date(2026, 11, 30, 9, 0, 0, 0, mustLoad(t, "Europe/Paris"))
	if !got.Equal(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestParse_Presets(t *testing.T) {
	paris := mustLoad(t, "Europe/Paris")
	from := time.Date(2026, 11, 24, 12, 0, 0, 0, paris) // Tuesday 24 Nov 2026
	for _, tt := range []struct {
		spec string
		want []string
	}{
		{"weekly", []string{"2026-11-30 09:00", "2026-12-07 09:00", "2026-12-14 09:00"}},
		{"biweekly", []string{"2026-12-07 09:00", "2026-12-21 09:00", "2027-01-04 09:00"}},
		{"monthly", []string{"2026-12-07 09:00", "2027-01-04 09:00", "2027-02-01 09:00"}},
		{"quarterly", []string{"2027-01-04 09:00", "2027-04-05 09:00", "2027-07-05 09:00"}},
	} {
		t.Run(tt.spec, func(t *testing.T) {
			s := mustParse(t, tt.spec, "Europe/Paris")
			occ := remind.Occurrences(s, from, from.AddDate(2, 0, 0), 3)
			if len(occ) != 3 {
				t.Fatalf("got %d occurrences, want 3", len(occ))
			}
			for i, o := range occ {
				if got := o.In(paris).Format("2006-01-02 15:04"); got != tt.want[i] {
					t.Errorf("occurrence %d: got %s, want %s", i, got, tt.want[i])
				}
			}
		})
	}
}

func TestParse_EveryIsAligned(t *testing.T) {
	s := mustParse(t, "@every 1h", "UTC")
	// Two replicas started at different moments agree on the next occurrence.
	a := s.Next(time.Date(2026, 1, 1, 10, 3, 7, 0, time.UTC))
	b := s.Next(time.Date(2026, 1, 1, 10, 59, 59, 0, time.UTC))
	want := time.Date(2026, 1, 1, 11, 0, 0, 0, time.UTC)
	if !a.Equal(want) || !b.Equal(want) {
		t.Fatalf("got %v and %v, want both %v", a, b, want)
	}
	if got := s.Next(want); !got.Equal(want.Add(time.Hour)) {
		t.Fatalf("Next at an occurrence: got %v, want %v", got, want.Add(time.Hour))
	}
}

func TestParse_Errors(t *testing.T) {
	for _, tt := range []struct{ name, spec, tz string }{
		{"ErrEmpty", "  ", "UTC"},
		{"ErrGarbage", "every tuesday", "UTC"},
		{"ErrTooManyFields", "0 0 9 * * 1 2", "UTC"},
		{"ErrUnknownZonePrefix", "CRON_TZ=Mars/Olympus 0 9 * * 1", "UTC"},
		{"ErrUnknownDefaultZone", "weekly", "Nowhere/Else"},
		{"ErrEveryTooShort", "@every 10ms", "UTC"},
		{"ErrEveryGarbage", "@every soon", "UTC"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := remind.Parse(tt.spec, tt.tz)
			if coach.ErrorCode(err) != coach.EINVALID {
				t.Fatalf("got %v (code %q), want an EINVALID error", err, coach.ErrorCode(err))
			}
			var e *coach.Error
			if !errors.As(err, &e) || e.Key == "" {
				t.Fatal("error has no catalog key for the user's message")
			}
		})
	}
}

func TestCheckInterval(t *testing.T) {
	from := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		spec string
		min  time.Duration
		ok   bool
	}{
		{"* * * * *", time.Hour, false},
		{"@every 30m", time.Hour, false},
		{"@every 1h", time.Hour, true},
		{"0 9 * * 1", time.Hour, true},
		{"0,30 9 * * 1", time.Hour, false},
		{"@every 1s", time.Second, true},
		{"monthly", time.Hour, true},
	} {
		t.Run(tt.spec, func(t *testing.T) {
			err := remind.CheckInterval(mustParse(t, tt.spec, "UTC"), from, tt.min)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckInterval(%q, %v) = %v, want ok=%v", tt.spec, tt.min, err, tt.ok)
			}
		})
	}
}
