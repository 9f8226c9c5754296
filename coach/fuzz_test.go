package coach_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

// Fuzz targets for what people type. Each checks properties, not examples:
// no panic, every refusal is an EINVALID *coach.Error the bot can translate,
// parsed values stay within their documented bounds, and whatever a
// formatter writes parses back to the same value. Seeds are below and in
// testdata/fuzz/<FuzzName>/; CI runs each for a few seconds (.ci/run).

// mustBeInvalid fails unless err is a user-facing EINVALID error: anything
// else would reach the user as "something went wrong".
func mustBeInvalid(t *testing.T, what string, err error) {
	t.Helper()
	var e *coach.Error
	if !errors.As(err, &e) || e.Code != coach.EINVALID || e.Key == "" {
		t.Fatalf("%s: refusal %#v is not an EINVALID *coach.Error with a key", what, err)
	}
}

var currencies = []string{"EUR", "USD", "JPY", "KWD", "TND", "CLP", "GBP"}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12500", "12,500.50", "12 500,50", "12.5k", "1.2M", "0,500", "1,2,3", "-5", ".5", "1.500", "1\u202f000,00",
		"10,000,000,000,000.00", "99999999999999999999", "12'500", "k", "1e3", "0.500", "12,50", "1.234,5", "1_000", "  7  ", "1.2.3"} {
		for i, c := range []string{"EUR", "KWD", "JPY"} {
			f.Add(s, c, uint8(i))
		}
	}
	f.Add("12,500", "XXX", uint8(0))
	f.Add("1.500", "KWD", uint8(3)) // KWD 1.500 is one and a half dinars
	f.Add("1,5", "JPY", uint8(2))
	f.Fuzz(func(t *testing.T, s, cur string, pick uint8) {
		m, err := coach.ParseAmount(s, cur)
		if err != nil {
			mustBeInvalid(t, fmt.Sprintf("ParseAmount(%q, %q)", s, cur), err)
		} else {
			c, cerr := coach.ParseCurrency(cur)
			if cerr != nil {
				t.Fatalf("ParseAmount accepted currency %q that ParseCurrency refuses", cur)
			}
			if m.Amount < 0 || m.Amount > coach.MaxAmount || m.Currency != c {
				t.Fatalf("ParseAmount(%q, %q) = %+v: out of bounds", s, cur, m)
			}
		}
		// Round trip: what FormatMoney writes, in either language, reads
		// back as the same amount. The amount is derived from the input so
		// the fuzzer explores it too.
		c := currencies[int(pick)%len(currencies)]
		var n int64
		for _, r := range s {
			n = (n*31 + int64(r)) % (coach.MaxAmount + 1)
		}
		if err == nil {
			n = m.Amount
		}
		want := coach.Money{Amount: n, Currency: c}
		for _, loc := range []string{"en", "fr"} {
			text := coach.FormatMoney(want, loc)
			num := strings.TrimSuffix(strings.TrimPrefix(text, c+" "), " "+c)
			got, err := coach.ParseAmount(num, c)
			if err != nil || got != want {
				t.Fatalf("FormatMoney(%+v, %s) = %q reads back as %+v, %v", want, loc, text, got, err)
			}
		}
	})
}

func FuzzParseWindow(f *testing.F) {
	for _, s := range []string{"", "12m", "6 months", "90d", "1y", "quarter", "q", "year", "5y", "6y", "61m", "1830d", "1831d", "0d", "-3m",
		"2w", "9223372036854775807w", "1317624576693539401w", "768614336404564651y", "3 mois", "2 ans", "10j", "12", "m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := coach.ParseWindow(s)
		if err != nil {
			mustBeInvalid(t, fmt.Sprintf("ParseWindow(%q)", s), err)
			return
		}
		// Documented: a positive look-back of up to five years.
		if w.Months < 0 || w.Days < 0 || w.Months+w.Days == 0 || w.Months > 60 || w.Days > 5*366 {
			t.Fatalf("ParseWindow(%q) = %+v: out of bounds", s, w)
		}
		now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
		if start := w.Start(now); !start.Before(now) || start.Before(now.AddDate(-6, 0, 0)) {
			t.Fatalf("ParseWindow(%q) = %+v starts at %v", s, w, start)
		}
		back, err := coach.ParseWindow(w.String())
		if err != nil || back != w {
			t.Fatalf("ParseWindow(%q) = %+v, whose String %q reads back as %+v, %v", s, w, w.String(), back, err)
		}
	})
}

func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{"2026-12-03", "today", "demain", "hier", "aujourd’hui", "2026-02-30", "03/12", "14:30", "9:05", "14h30", "14h",
		"14", "2pm", "2:30 pm", "12am", "noon", "minuit", "24:00", "0:60", "13pm", "p.m.", "h", ":"} {
		f.Add(s, int64(1795000000), uint8(0))
	}
	zones := []string{"UTC", "Europe/Paris", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"}
	f.Fuzz(func(t *testing.T, s string, unix int64, zone uint8) {
		loc, err := time.LoadLocation(zones[int(zone)%len(zones)])
		if err != nil {
			t.Fatal(err)
		}
		// Any "now" from 1970 to 2200.
		now := time.Unix(unix%7258118400, 0)
		if unix < 0 {
			now = time.Unix(-unix%7258118400, 0)
		}
		d, err := coach.ParseDate(s, now, loc)
		if err != nil {
			mustBeInvalid(t, fmt.Sprintf("ParseDate(%q)", s), err)
		} else {
			if d.Location() != loc || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
				// A zone whose midnight does not exist that day may shift it; none of these zones does.
				t.Fatalf("ParseDate(%q) = %v: not a midnight in %v", s, d, loc)
			}
			back, err := coach.ParseDate(d.Format("2006-01-02"), now, loc)
			if err != nil || !back.Equal(d) {
				t.Fatalf("ParseDate(%q) = %v reads back as %v, %v", s, d, back, err)
			}
		}
		h, m, err := coach.ParseTimeOfDay(s)
		if err != nil {
			mustBeInvalid(t, fmt.Sprintf("ParseTimeOfDay(%q)", s), err)
			return
		}
		if h < 0 || h > 23 || m < 0 || m > 59 {
			t.Fatalf("ParseTimeOfDay(%q) = %d:%d: out of bounds", s, h, m)
		}
		if h2, m2, err := coach.ParseTimeOfDay(fmt.Sprintf("%02d:%02d", h, m)); err != nil || h2 != h || m2 != m {
			t.Fatalf("ParseTimeOfDay(%q) = %d:%02d reads back as %d:%02d, %v", s, h, m, h2, m2, err)
		}
	})
}

// FuzzParseWords covers the parsers of single words: currency, kind, stage,
// direction and contribution kind. Each accepted value is one of the
// enumeration's members and parses back to itself.
func FuzzParseWords(f *testing.F) {
	for _, s := range []string{"eur", "€", "$", "£", "EURO", "isv", "ISVs", "resellers", "Cloud Operator", "at risk", "atrisk", "at-risk",
		"gave", "got", "from", "intro", "co-marketing", "marketing", "deals", "ssii", "hébergeur", "", "-", "s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, err := coach.ParseCurrency(s); err != nil {
			mustBeInvalid(t, "ParseCurrency", err)
		} else if back, err := coach.ParseCurrency(c); err != nil || back != c || len(c) != 3 {
			t.Fatalf("ParseCurrency(%q) = %q, which reads back as %q, %v", s, c, back, err)
		}
		if k, err := coach.ParseKind(s); err != nil {
			mustBeInvalid(t, "ParseKind", err)
		} else if !slices.Contains(coach.Kinds, k) {
			t.Fatalf("ParseKind(%q) = %q: not a kind", s, k)
		} else if back, err := coach.ParseKind(string(k)); err != nil || back != k {
			t.Fatalf("ParseKind(%q) = %q, which reads back as %q, %v", s, k, back, err)
		}
		if st, err := coach.ParseStage(s); err != nil {
			mustBeInvalid(t, "ParseStage", err)
		} else if !slices.Contains(coach.Stages, st) {
			t.Fatalf("ParseStage(%q) = %q: not a stage", s, st)
		} else if back, err := coach.ParseStage(string(st)); err != nil || back != st {
			t.Fatalf("ParseStage(%q) = %q, which reads back as %q, %v", s, st, back, err)
		}
		if d, err := coach.ParseDirection(s); err != nil {
			mustBeInvalid(t, "ParseDirection", err)
		} else if d != coach.Gave && d != coach.Got {
			t.Fatalf("ParseDirection(%q) = %q", s, d)
		} else if back, err := coach.ParseDirection(string(d)); err != nil || back != d {
			t.Fatalf("ParseDirection(%q) = %q, which reads back as %q, %v", s, d, back, err)
		}
		if k, err := coach.ParseContributionKind(s); err != nil {
			mustBeInvalid(t, "ParseContributionKind", err)
		} else if !slices.Contains(coach.ContributionKinds, k) {
			t.Fatalf("ParseContributionKind(%q) = %q", s, k)
		} else if back, err := coach.ParseContributionKind(string(k)); err != nil || back != k {
			t.Fatalf("ParseContributionKind(%q) = %q, which reads back as %q, %v", s, k, back, err)
		}
		if slug := coach.Slug(s); len(slug) > coach.MaxSlugLen || coach.Slug(slug) != slug || strings.Trim(slug, "-") != slug {
			t.Fatalf("Slug(%q) = %q: too long, not stable or with an edge dash", s, slug)
		}
	})
}
