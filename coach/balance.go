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

// Stream is which part of the give-and-take a kind of contribution belongs
// to: closed business is what the verdict weighs; pipeline (leads and
// introductions) is only potential business; co-marketing stands apart.
type Stream string

const (
	StreamBusiness    Stream = "business"
	StreamPipeline    Stream = "pipeline"
	StreamCoMarketing Stream = "co-marketing"
)

// Stream says which part of the balance k counts in.
func (k ContributionKind) Stream() Stream {
	switch k {
	case ContribLead, ContribIntroduction:
		return StreamPipeline
	case ContribCoMarketing:
		return StreamCoMarketing
	}
	return StreamBusiness
}

// Flow sums one stream both ways: the currencies that have an amount on
// either side (largest volume first), and every entry counted.
type Flow struct {
	Currencies []CurrencyBalance
	GaveCount  int
	GotCount   int
}

// Empty reports whether nothing of the stream was logged in the window.
func (f Flow) Empty() bool { return f.GaveCount+f.GotCount == 0 }

// Balance is the give-and-take with a partner over a window. The verdict,
// the ratio and Currencies are about closed business (deals, revenue,
// resale); pipeline and co-marketing are summed beside it.
type Balance struct {
	From, To    time.Time
	Currencies  []CurrencyBalance // closed business, largest volume first
	GaveCount   int               // closed business entries, amounts or not
	GotCount    int
	Ratio       float64
	Ahead       Side
	Verdict     Verdict
	Pipeline    Flow       // leads and introductions
	CoMarketing Flow       // joint marketing
	Entries     int        // every entry in the window, whatever its stream
	Deals       []DealMark // over the whole history, numbered
	FirstDeal   time.Time  // zero when there is none
}

// ComputeBalance sums contributions dated in [from, to). The verdict is on
// closed business only: the worst over currencies with amounts; with no
// amounts at all it is judged on counts. Pipeline and co-marketing are summed
// apart and never move the verdict.
func ComputeBalance(entries []Contribution, from, to time.Time, th BalanceThresholds) Balance {
	b := Balance{From: from, To: to, Verdict: VerdictNoData, Ahead: SideEven, Ratio: 1}
	var inWindow [3][]Contribution
	for _, c := range entries {
		if c.Date.Before(from) || !c.Date.Before(to) {
			continue
		}
		b.Entries++
		switch c.Kind.Stream() {
		case StreamPipeline:
			inWindow[1] = append(inWindow[1], c)
		case StreamCoMarketing:
			inWindow[2] = append(inWindow[2], c)
		default:
			inWindow[0] = append(inWindow[0], c)
		}
	}
	business := sumFlow(inWindow[0], th)
	b.Pipeline, b.CoMarketing = sumFlow(inWindow[1], th), sumFlow(inWindow[2], th)
	b.Currencies, b.GaveCount, b.GotCount = business.Currencies, business.GaveCount, business.GotCount
	rank := map[Verdict]int{VerdictNoData: 0, VerdictBalanced: 1, VerdictLeaning: 2, VerdictLopsided: 3}
	for _, cb := range b.Currencies {
		if rank[cb.Verdict] > rank[b.Verdict] {
			b.Verdict, b.Ratio, b.Ahead = cb.Verdict, cb.Ratio, cb.Ahead
		}
	}
	if len(b.Currencies) == 0 && b.GaveCount+b.GotCount > 0 {
		b.Ratio, b.Ahead, b.Verdict = judge(float64(b.GaveCount), float64(b.GotCount), th)
	}
	b.Deals, b.FirstDeal = CountDeals(entries)
	return b
}

// sumFlow sums entries both ways, by currency; a currency with no amount on
// either side is left out.
func sumFlow(entries []Contribution, th BalanceThresholds) Flow {
	var f Flow
	byCur := map[string]*CurrencyBalance{}
	for _, c := range entries {
		if c.Direction == Gave {
			f.GaveCount++
		} else {
			f.GotCount++
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
	for _, cb := range byCur {
		cb.Ratio, cb.Ahead, cb.Verdict = judge(float64(cb.Gave.Amount), float64(cb.Got.Amount), th)
		f.Currencies = append(f.Currencies, *cb)
	}
	slices.SortFunc(f.Currencies, func(x, y CurrencyBalance) int {
		if d := (y.Gave.Amount + y.Got.Amount) - (x.Gave.Amount + x.Got.Amount); d != 0 {
			if d > 0 {
				return 1
			}
			return -1
		}
		return strings.Compare(x.Currency, y.Currency)
	})
	return f
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
