package ops

import (
	"net/http"
	"runtime"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds Partner Coach's Prometheus collectors on a registry of its
// own: a test or a second App in one process never collides with another, and
// nothing registered globally by a library leaks into /metrics.
//
// Every method is safe on a nil *Metrics (it does nothing), so components can
// take an optional *Metrics without nil checks at each call site.
type Metrics struct {
	Registry *prometheus.Registry

	envelopes     *prometheus.CounterVec
	ackLatency    *prometheus.HistogramVec
	handlerErrors *prometheus.CounterVec
	slackCalls    *prometheus.CounterVec
	reminders     *prometheus.CounterVec
	storeLatency  *prometheus.HistogramVec
	storeErrors   *prometheus.CounterVec
}

// Metric names, exported so dashboards, alerts and tests share one spelling.
const (
	MetricEnvelopes     = "partnercoach_socket_envelopes_total"
	MetricAckLatency    = "partnercoach_socket_ack_latency_seconds"
	MetricHandlerErrors = "partnercoach_handler_errors_total"
	MetricSlackCalls    = "partnercoach_slack_api_calls_total"
	MetricReminders     = "partnercoach_reminders_total"
	MetricStoreLatency  = "partnercoach_store_operation_duration_seconds"
	MetricStoreErrors   = "partnercoach_store_errors_total"
	MetricBuildInfo     = "partnercoach_build_info"
)

// Envelope outcomes, for Metrics.Envelope.
const (
	OutcomeHandled = "handled" // acked and handled without error
	OutcomeFailed  = "failed"  // acked; the handler failed (the user saw an error)
	OutcomeIgnored = "ignored" // acked; nothing to do (unknown type, duplicate retry…)
	OutcomeDropped = "dropped" // not acked: the pool was full or shutting down
)

// Reminder outcomes, for Metrics.Reminder.
const (
	ReminderClaimed = "claimed" // this replica took the occurrence
	ReminderSent    = "sent"    // posted to Slack and marked sent
	ReminderSkipped = "skipped" // held by another replica, already sent, or paused
	ReminderFailed  = "failed"  // the post or the bookkeeping failed
)

// ackBuckets span 0.1 ms to 1 s: an ack is a queued socket write, so anything
// past a few milliseconds means the event loop is starved, and Slack gives up
// at 3 s.
var ackBuckets = []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1}

// storeBuckets reach a little past the Redis store's 2 s I/O timeout, so a
// timing-out backend shows in the top bucket rather than in +Inf only.
var storeBuckets = []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}

// NewMetrics registers every collector, the Go runtime and process
// collectors, and a build-info gauge carrying version.
func NewMetrics(version string) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		Registry: reg,
		envelopes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: MetricEnvelopes, Help: "Socket Mode envelopes received, by envelope type and outcome.",
		}, []string{"type", "outcome"}),
		ackLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: MetricAckLatency, Help: "Time from reading an envelope to queueing its ack, by envelope type.", Buckets: ackBuckets,
		}, []string{"type"}),
		handlerErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: MetricHandlerErrors, Help: "Handler failures reported to the user (store or Slack errors, panics), by command or interaction.",
		}, []string{"command"}),
		slackCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: MetricSlackCalls, Help: "Slack Web API calls, by method and status (ok, Slack's error code, ratelimited, http_NNN, transport_error).",
		}, []string{"method", "status"}),
		reminders: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: MetricReminders, Help: "Reminder occurrences, by outcome (claimed, sent, skipped, failed).",
		}, []string{"outcome"}),
		storeLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: MetricStoreLatency, Help: "Store operation latency, by operation.", Buckets: storeBuckets,
		}, []string{"op"}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: MetricStoreErrors, Help: "Store operations that returned an error, by operation and coach error code.",
		}, []string{"op", "code"}),
	}
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: MetricBuildInfo, Help: "Always 1; labels say which build is running.",
		ConstLabels: prometheus.Labels{"version": version, "goversion": runtime.Version()},
	})
	build.Set(1)
	reg.MustRegister(m.envelopes, m.ackLatency, m.handlerErrors, m.slackCalls, m.reminders, m.storeLatency, m.storeErrors, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Reminder outcomes are a closed set: expose them at 0 from the start so
	// rate() and alerts work before the first reminder fires.
	for _, o := range []string{ReminderClaimed, ReminderSent, ReminderSkipped, ReminderFailed} {
		m.reminders.WithLabelValues(o)
	}
	return m
}

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

// Envelope counts one Socket Mode envelope (type: slash_commands, interactive,
// events_api…) with its outcome (OutcomeHandled…).
func (m *Metrics) Envelope(envelopeType, outcome string) {
	if m == nil {
		return
	}
	m.envelopes.WithLabelValues(label(envelopeType), label(outcome)).Inc()
}

// AckLatency records how long an envelope waited for its ack.
func (m *Metrics) AckLatency(envelopeType string, d time.Duration) {
	if m == nil {
		return
	}
	m.ackLatency.WithLabelValues(label(envelopeType)).Observe(d.Seconds())
}

// HandlerError counts a failed handler; command is the routed subcommand or
// interaction ("add", "checklist", "view_submission:add_partner"…), never
// free user text.
func (m *Metrics) HandlerError(command string) {
	if m == nil {
		return
	}
	m.handlerErrors.WithLabelValues(label(command)).Inc()
}

// SlackCall counts one Slack Web API call. InstrumentTransport calls it for
// every request through the bot's HTTP client.
func (m *Metrics) SlackCall(method, status string) {
	if m == nil {
		return
	}
	m.slackCalls.WithLabelValues(label(method), label(status)).Inc()
}

// Reminder counts one reminder occurrence outcome (ReminderClaimed…).
func (m *Metrics) Reminder(outcome string) {
	if m == nil {
		return
	}
	m.reminders.WithLabelValues(label(outcome)).Inc()
}

// StoreOp records one store operation's latency and, when code is not
// empty, its error code.
func (m *Metrics) StoreOp(op string, d time.Duration, code string) {
	if m == nil {
		return
	}
	m.storeLatency.WithLabelValues(op).Observe(d.Seconds())
	if code != "" {
		m.storeErrors.WithLabelValues(op, label(code)).Inc()
	}
}

// label keeps label values bounded: callers pass identifiers from a closed
// set, but a Slack error code or a future caller could pass anything, and an
// unbounded label is a memory leak in every Prometheus server scraping us.
func label(v string) string {
	const maxLen = 48
	if v == "" {
		return "unknown"
	}
	if len(v) > maxLen {
		v = v[:maxLen]
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == ':' || c == '-') {
			return "other"
		}
	}
	return v
}
