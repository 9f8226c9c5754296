package ops

import "time"

// BotObserver is what the bot's runtime reports. The bot declares the same
// interface in its own package (so it never imports Prometheus or this
// package) and internal/app hands it the *Metrics.
type BotObserver interface {
	// Envelope is called once per envelope after it is handled, with its
	// type and an outcome (OutcomeHandled, OutcomeFailed, OutcomeIgnored,
	// OutcomeDropped).
	Envelope(envelopeType, outcome string)
	// AckLatency is called right after the ack is queued, with the time
	// since the envelope was read from the socket.
	AckLatency(envelopeType string, d time.Duration)
	// HandlerError is called when a handler answers the user with an error
	// (store or Slack failure, recovered panic), with the routed command.
	HandlerError(command string)
}

// ReminderObserver is what the reminder runner reports, once per occurrence
// outcome (ReminderClaimed, ReminderSent, ReminderSkipped, ReminderFailed).
type ReminderObserver interface {
	Reminder(outcome string)
}

var (
	_ BotObserver      = (*Metrics)(nil)
	_ ReminderObserver = (*Metrics)(nil)
)
