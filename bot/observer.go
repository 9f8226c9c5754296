package bot

import "time"

// Observer receives the bot's measurements; internal/ops's Prometheus
// metrics implement it. The bot declares it so it needs no metrics library.
type Observer interface {
	Envelope(envelopeType, outcome string)
	AckLatency(envelopeType string, d time.Duration)
	HandlerError(command string)
}

// Envelope outcomes (a failure is marked on the envelope's reply).
const (
	OutcomeHandled = "handled"
	OutcomeFailed  = "failed"
	OutcomeIgnored = "ignored"
	OutcomeDropped = "dropped"
	// OutcomeDuplicate: a second copy of an envelope already handled.
	OutcomeDuplicate = "duplicate"
)

type nopObserver struct{}

func (nopObserver) Envelope(string, string)          {}
func (nopObserver) AckLatency(string, time.Duration) {}
func (nopObserver) HandlerError(string)              {}
