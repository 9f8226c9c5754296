package coach_test

import (
	"testing"
	"time"

	"github.com/partnercoach/partnercoach/coach"
)

func TestParseQuarter(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC) // in 2026Q4
	t.Run("OK", func(t *testing.T) {
		for in, want := range map[string]coach.Quarter{
			"":         {2026, 3},
			"this":     {2026, 4},
			"ce":       {2026, 4},
			"en cours": {2026, 4},
			"last":     {2026, 3},
			"Dernier":  {2026, 3},
			"2026Q4":   {2026, 4},
			"2026-q1":  {2026, 1},
			"Q2 2025":  {2025, 2},
			"T4 2026":  {2026, 4},
			"4T2026":   {2026, 4},
			"2025 T3":  {2025, 3},
			"q4":       {2026, 4},
			" T1 ":     {2026, 1},
			"2030Q2":   {2030, 2},
		} {
			got, err := coach.ParseQuarter(in, now)
			if err != nil || got != want {
				t.Errorf("ParseQuarter(%q) = %v, %v; want %v", in, got, err, want)
			}
		}
	})
	t.Run("BareQuarterNotStarted", func(t *testing.T) {
		early := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
		if got, err := coach.ParseQuarter("Q3", early); err != nil || got != (coach.Quarter{Year: 2025, Q: 3}) {
			t.Fatalf("Q3 in February = %v, %v; want 2025Q3", got, err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, in := range []string{"Q5", "2026Q0", "2026", "Q", "QT4", "2026Q4Q", "26Q4", "yesterday", "1999Q4", "2101Q1", "q4 2026 x"} {
			if _, err := coach.ParseQuarter(in, now); coach.ErrorCode(err) != coach.EINVALID {
				t.Errorf("ParseQuarter(%q) err = %v, want EINVALID", in, err)
			}
		}
	})
	t.Run("Bounds", func(t *testing.T) {
		q := coach.Quarter{Year: 2026, Q: 4}
		if !q.Start().Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) || !q.End().Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("2026Q4 = [%v, %v)", q.Start(), q.End())
		}
		if q.Prev() != (coach.Quarter{Year: 2026, Q: 3}) || (coach.Quarter{Year: 2026, Q: 1}).Prev() != (coach.Quarter{Year: 2025, Q: 4}) {
			t.Fatal("Prev is wrong")
		}
	})
}

func FuzzParseQuarter(f *testing.F) {
	for _, s := range []string{"", "this", "last", "2026Q4", "Q4 2026", "T4 2026", "4T2026", "q4", "2026-Q5", "ce trimestre", "t", "9999q9"} {
		f.Add(s)
	}
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		q, err := coach.ParseQuarter(s, now)
		if err != nil {
			mustBeInvalid(t, "ParseQuarter("+s+")", err)
			return
		}
		if q.Q < 1 || q.Q > 4 || q.Year < 2000 || q.Year > 2100 {
			t.Fatalf("ParseQuarter(%q) = %v: out of bounds", s, q)
		}
		back, err := coach.ParseQuarter(q.String(), now)
		if err != nil || back != q {
			t.Fatalf("round trip %v -> %q -> %v, %v", q, q.String(), back, err)
		}
	})
}
