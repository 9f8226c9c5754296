package coach

import (
	"slices"
	"strings"
	"time"
)

// BalanceThresholds turn the give-and-take ratio (smaller side / larger side,
// 0–1) into a verdict: at or above Balanced it is balanced, below Lopsided it is
// lopsided, in between it is leaning.
type BalanceThresholds struct {
	Balanced float64
	Lopsided float64
}

// DefaultBalanceThresholds: within 1.5× is balanced, beyond 3× is lopsided.
var DefaultBalanceThresholds = BalanceThresholds{Balanced: 2.0 / 3.0, Lopsided: 1.0 / 3.0}

// Validate checks 0 < Lopsided < Balanced ≤ 1.
func (th BalanceThresholds) Validate() error {
	if !(th.Lopsided > 0 && th.Lopsided < th.Balanced && th.Balanced <= 1) {
		return NewError(EINVALID, "balance.thresholds.invalid", th.Lopsided, th.Balanced)
	}
	return nil
}

// Verdict sums up a balance.
type Verdict string

const (
	VerdictBalanced Verdict = "balanced"
	VerdictLeaning  Verdict = "leaning"
	VerdictLopsided Verdict = "lopsided"
	VerdictNoData   Verdict = "none" // nothing logged in the window
)

// Side says who brought more.
type Side string

const (
	SideUs      Side = "us"
	SidePartner Side = "partner"
	SideEven    Side = "even"
)

// CurrencyBalance is the give-and-take in one currency.
type CurrencyBalance struct {
	Currency  string
	Gave, Got Money
	GaveCount int
	GotCount  int
	Ratio     float64 // smaller side / larger side, 0–1
	Ahead     Side
	Verdict   Verdict
}

// DealMark numbers a deal in the order it was won: 1st, 2nd, 3rd… (pitfall 3).
type DealMark struct {
	N            int
	Contribution Contribution
}

// Balance is the give-and-take with a partner over a window.
type Balance struct {
	From, To   time.Time
	Currencies []CurrencyBalance // largest volume first
	GaveCount  int               // every contribution, amounts or not
	GotCount   int
	Ratio      float64
	Ahead      Side
	Verdict    Verdict
	Deals      []DealMark // over the whole history, numbered
	FirstDeal  time.Time  // zero when there is none
}

// ComputeBalance sums contributions dated in [from, to). The overall verdict is
// the worst over currencies with amounts; with no amounts at all (leads and
// introductions only) it is judged on counts.
func ComputeBalance(entries []Contribution, from, to time.Time, th BalanceThresholds) Balance {
	b := Balance{From: from, To: to, Verdict: VerdictNoData, Ahead: SideEven, Ratio: 1}
	byCur := map[string]*CurrencyBalance{}
	for _, c := range entries {
		if c.Date.Before(from) || !c.Date.Before(to) {
			continue
		}
		if c.Direction == Gave {
			b.GaveCount++
		} else {
			b.GotCount++
		}
		if c.Amount.Amount == 0 {
			continue
		}
		cb := byCur[c.Amount.Currency]
		if cb == nil {
			cb = &CurrencyBalance{Currency: c.Amount.Currency, Gave: Money{Currency: c.Amount.Currency}, Got: Money{Currency: c.Amount.Currency}}
			byCur[c.Amount.Currency] = cb
		}
		if c.Direction == Gave {
			cb.Gave.Amount += c.Amount.Amount
			cb.GaveCount++
		} else {
			cb.Got.Amount += c.Amount.Amount
			cb.GotCount++
		}
	}
	rank := map[Verdict]int{VerdictNoData: 0, VerdictBalanced: 1, VerdictLeaning: 2, VerdictLopsided: 3}
	for _, cb := range byCur {
		cb.Ratio, cb.Ahead, cb.Verdict = judge(float64(cb.Gave.Amount), float64(cb.Got.Amount), th)
		b.Currencies = append(b.Currencies, *cb)
		if rank[cb.Verdict] > rank[b.Verdict] {
			b.Verdict, b.Ratio, b.Ahead = cb.Verdict, cb.Ratio, cb.Ahead
		}
	}
	slices.SortFunc(b.Currencies, func(x, y CurrencyBalance) int {
		if d := (y.Gave.Amount + y.Got.Amount) - (x.Gave.Amount + x.Got.Amount); d != 0 {
			if d > 0 {
				return 1
			}
			return -1
		}
		return strings.Compare(x.Currency, y.Currency)
	})
	if len(byCur) == 0 && b.GaveCount+b.GotCount > 0 {
		b.Ratio, b.Ahead, b.Verdict = judge(float64(b.GaveCount), float64(b.GotCount), th)
	}
	b.Deals, b.FirstDeal = CountDeals(entries)
	return b
}

func judge(gave, got float64, th BalanceThresholds) (float64, Side, Verdict) {
	if gave == 0 && got == 0 {
		return 1, SideEven, VerdictNoData
	}
	lo, hi := min(gave, got), max(gave, got)
	ratio := lo / hi
	ahead := SideEven
	switch {
	case gave > got:
		ahead = SideUs
	case got > gave:
		ahead = SidePartner
	}
	switch {
	case ratio >= th.Balanced:
		return ratio, ahead, VerdictBalanced
	case ratio < th.Lopsided:
		return ratio, ahead, VerdictLopsided
	}
	return ratio, ahead, VerdictLeaning
}

// CountDeals numbers every deal contribution in date order and returns the
// date of the first one.
func CountDeals(all []Contribution) ([]DealMark, time.Time) {
	var deals []Contribution
	for _, c := range all {
		if c.Kind == ContribDeal {
			deals = append(deals, c)
		}
	}
	slices.SortStableFunc(deals, func(a, b Contribution) int { return a.Date.Compare(b.Date) })
	marks := make([]DealMark, len(deals))
	for i, d := range deals {
		marks[i] = DealMark{N: i + 1, Contribution: d}
	}
	if len(deals) == 0 {
		return nil, time.Time{}
	}
	return marks, deals[0].Date
}
