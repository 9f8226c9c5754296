package bot

import (
	"context"
	"time"
)

// Observer receives the bot's measurements; internal/ops's Prometheus
// metrics implement it. The bot declares it so it needs no metrics library.
type Observer interface {
	Envelope(envelopeType, outcome string)
	AckLatency(envelopeType string, d time.Duration)
	HandlerError(command string)
}

// Envelope outcomes.
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

// failedKey marks, through a job's context, that its handler answered the
// user with a failure, so the envelope is counted as failed.
type failedKey struct{}

func markFailed(ctx context.Context) {
	if f, ok := ctx.Value(failedKey{}).(*bool); ok {
		*f = true
	}
}
