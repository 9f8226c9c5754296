package coach

// BalanceThresholds turn the give-and-take ratio (smaller side / larger side,
// 0–1) into a verdict: at or above Balanced it is balanced, below Lopsided it is
// lopsided, in between it is leaning.
type BalanceThresholds struct {
	Balanced float64
	Lopsided float64
}

// DefaultBalanceThresholds: within 1.5× is balanced, beyond 3× is lopsided.
var DefaultBalanceThresholds = BalanceThresholds{Balanced: 2.0 / 3.0, Lopsided: 1.0 / 3.0}
