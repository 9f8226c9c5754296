package coach

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Quarter is a calendar quarter: Q 1–4 of Year, in UTC.
type Quarter struct {
	Year int
	Q    int
}

// QuarterOf returns the quarter t falls in (its UTC date).
func QuarterOf(t time.Time) Quarter {
	t = t.UTC()
	return Quarter{Year: t.Year(), Q: (int(t.Month())-1)/3 + 1}
}

// Start is the quarter's first instant.
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// End is the next quarter's first instant: the quarter is [Start, End).
func (q Quarter) End() time.Time { return q.Next().Start() }

// Prev is the quarter before q.
func (q Quarter) Prev() Quarter {
	if q.Q == 1 {
		return Quarter{Year: q.Year - 1, Q: 4}
	}
	return Quarter{Year: q.Year, Q: q.Q - 1}
}

// Next is the quarter after q.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{Year: q.Year + 1, Q: 1}
	}
	return Quarter{Year: q.Year, Q: q.Q + 1}
}

// String writes q as ParseQuarter reads it: "2026Q4".
func (q Quarter) String() string { return fmt.Sprintf("%04dQ%d", q.Year, q.Q) }

// Months returns the first instant of each of the quarter's three months.
func (q Quarter) Months() [3]time.Time {
	s := q.Start()
	return [3]time.Time{s, s.AddDate(0, 1, 0), s.AddDate(0, 2, 0)}
}

// quarterWords are the relative quarters people type, English and French.
var quarterWords = map[string]int{ // offset from the current quarter
	"this": 0, "current": 0, "now": 0, "ce": 0, "en-cours": 0, "actuel": 0, "ce-trimestre": 0,
	"last": -1, "previous": -1, "prev": -1, "dernier": -1, "precedent": -1, "le-dernier": -1,
}

// minQuarterYear and maxQuarterYear bound the years a quarter may name.
const (
	minQuarterYear = 2000
	maxQuarterYear = 2100
)

// ParseQuarter reads a quarter: empty means the last complete one before
// now; "this" (or "ce", "en cours") the current one; "last" the one before;
// else a year and a quarter number in either order, with Q (English) or T
// (French, trimestre): "2026Q4", "2026-Q4", "Q4 2026", "T4 2026", "4T2026".
// A bare "Q4" is the latest Q4 that has started.
func ParseQuarter(s string, now time.Time) (Quarter, error) {
	cur := QuarterOf(now)
	raw := strings.TrimSpace(s)
	if raw == "" {
		return cur.Prev(), nil
	}
	if off, ok := quarterWords[Slug(raw)]; ok {
		if off < 0 {
			return cur.Prev(), nil
		}
		return cur, nil
	}
	compact := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '/', '_', '.', '\u00a0', '\u202f':
			return -1
		}
		return r
	}, strings.ToLower(raw))
	q, year, ok := splitQuarter(compact)
	if !ok {
		return Quarter{}, FieldError("quarter", "quarter.invalid", raw)
	}
	if year == 0 {
		year = cur.Year
		if (Quarter{Year: year, Q: q}).Start().After(now) {
			year--
		}
	}
	if year < minQuarterYear || year > maxQuarterYear {
		return Quarter{}, FieldError("quarter", "quarter.year", raw, minQuarterYear, maxQuarterYear)
	}
	return Quarter{Year: year, Q: q}, nil
}

// splitQuarter reads "2026q4", "q42026", "4t2026", "t4", "q4" (year 0).
func splitQuarter(s string) (q, year int, ok bool) {
	i := strings.IndexAny(s, "qt")
	if i < 0 || strings.LastIndexAny(s, "qt") != i {
		return 0, 0, false
	}
	before, after := s[:i], s[i+1:]
	digit := func(x string) (int, bool) {
		if len(x) != 1 || x[0] < '1' || x[0] > '4' {
			return 0, false
		}
		return int(x[0] - '0'), true
	}
	yearOf := func(x string) (int, bool) {
		if len(x) != 4 {
			return 0, false
		}
		n, err := strconv.Atoi(x)
		return n, err == nil && n > 0
	}
	switch {
	case before == "": // q4, q42026
		if len(after) < 1 {
			return 0, 0, false
		}
		q, ok = digit(after[:1])
		if !ok {
			return 0, 0, false
		}
		if rest := after[1:]; rest != "" {
			year, ok = yearOf(rest)
		}
		return q, year, ok
	case len(before) == 1: // 4t2026, 4t
		q, ok = digit(before)
		if !ok {
			return 0, 0, false
		}
		if after != "" {
			year, ok = yearOf(after)
		}
		return q, year, ok
	default: // 2026q4
		year, ok = yearOf(before)
		if !ok {
			return 0, 0, false
		}
		q, ok = digit(after)
		return q, year, ok
	}
}
