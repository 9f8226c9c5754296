package remind_test

import (
	"errors"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
	"github.com/partnercoach/partnercoach/remind"
)

// FuzzParse feeds schedule specs as people type them after /partner remind.
// Properties: no panic; a refusal is an EINVALID *coach.Error (anything else
// reaches the user as "something went wrong"); an accepted schedule moves
// strictly forward, and CheckInterval answers (it runs on every remind).
func FuzzParse(f *testing.F) {
	for _, s := range []string{"weekly", "biweekly", "fortnightly", "monthly", "quarterly", "0 9 * * 1", "CRON_TZ=Europe/Paris 0 9 * * 1",
		"TZ=America/New_York 30 2 * * *", "@every 1h", "@every 1s", "@every 0.5s", "@every 2562047h", "@hourly", "@weekly", "@yearly",
		"0 0 30 2 *", "*/5 * * * *", "CRON_TZ=Nowhere/City 0 9 * * 1", "CRON_TZ=../../etc/passwd 0 9 * * *", "CRON_TZ=", "TZ=UTC",
		"CRON_TZ=UTC CRON_TZ=Europe/Paris @every 1h", "TZ=UTC TZ=UTC weekly", "60 25 * * *", "0 9 1-7 * 1", "@every", "", " ", "0 9 * *"} {
		f.Add(s, int64(1795000000))
	}
	f.Fuzz(func(t *testing.T, spec string, unix int64) {
		s, err := remind.Parse(spec, "Europe/Paris")
		if err != nil {
			var e *coach.Error
			if !errors.As(err, &e) || e.Code != coach.EINVALID || e.Key == "" {
				t.Fatalf("Parse(%q) refused with %#v, not an EINVALID *coach.Error", spec, err)
			}
			return
		}
		// Any time from 1970 to 2200.
		if unix < 0 {
			unix = -unix
		}
		now := time.Unix(unix%7258118400, 0)
		prev := now
		for range 3 {
			next := s.Next(prev)
			if next.IsZero() {
				break
			}
			if !next.After(prev) {
				t.Fatalf("Parse(%q).Next(%v) = %v: not after", spec, prev, next)
			}
			prev = next
		}
		if err := remind.CheckInterval(s, now, time.Hour); err != nil {
			var e *coach.Error
			if !errors.As(err, &e) || e.Code != coach.EINVALID {
				t.Fatalf("CheckInterval(%q) = %#v", spec, err)
			}
		}
	})
}
