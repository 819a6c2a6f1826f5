package queue

import (
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Metrics counts a worker's work and exposes it in the Prometheus text
// exposition format (no client library needed). Rates over the last
// minute are exported beside the counters so a dashboard without PromQL
// (or a person with curl) sees documents/s and events/s directly.
type Metrics struct {
	stored, skipped, dead atomic.Int64 // documents by outcome
	events                atomic.Int64
	transient             atomic.Int64 // store errors retried
	fetchErrors           atomic.Int64
	ackErrors             atomic.Int64
	inFlight              atomic.Int64
	codeNanos, storeNanos atomic.Int64 // time spent coding and storing

	mu      sync.Mutex
	pending int64 // documents waiting in the stream for this consumer
	unacked int64 // delivered, not yet acknowledged (in work anywhere)
	samples []sample
}

type sample struct {
	at           time.Time
	docs, events int64
}

// NewMetrics returns zeroed metrics.
func NewMetrics() *Metrics { return &Metrics{} }

func (m *Metrics) setLag(pending, unacked int64) {
	m.mu.Lock()
	m.pending, m.unacked = pending, unacked
	m.mu.Unlock()
}

// tick records the counters for the per-minute rates; call it every few
// seconds.
func (m *Metrics) tick(now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.samples = append(m.samples, sample{now, m.stored.Load() + m.skipped.Load(), m.events.Load()})
	for len(m.samples) > 2 && now.Sub(m.samples[1].at) >= time.Minute {
		m.samples = m.samples[1:]
	}
}

// rates returns documents/s and events/s over the last minute.
func (m *Metrics) rates() (docs, events float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.samples) < 2 {
		return 0, 0
	}
	a, b := m.samples[0], m.samples[len(m.samples)-1]
	sec := b.at.Sub(a.at).Seconds()
	if sec <= 0 {
		return 0, 0
	}
	return float64(b.docs-a.docs) / sec, float64(b.events-a.events) / sec
}

// Stored, Skipped and Dead are documents handled so far by outcome.
func (m *Metrics) Stored() int64  { return m.stored.Load() }
func (m *Metrics) Skipped() int64 { return m.skipped.Load() }
func (m *Metrics) Dead() int64    { return m.dead.Load() }

// Pending is the last sampled queue lag: documents not yet delivered.
func (m *Metrics) Pending() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pending
}

// Write writes the metrics in the Prometheus text format.
func (m *Metrics) Write(w io.Writer) {
	docsRate, eventsRate := m.rates()
	m.mu.Lock()
	pending, unacked := m.pending, m.unacked
	m.mu.Unlock()
	metric := func(name, typ, help string, values ...string) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
		for _, v := range values {
			fmt.Fprintf(w, "%s%s\n", name, v)
		}
	}
	metric("parley_worker_documents_total", "counter", "Documents handled, by outcome (stored; skipped: already stored; dead: dead-lettered).",
		fmt.Sprintf(`{outcome="stored"} %d`, m.stored.Load()),
		fmt.Sprintf(`{outcome="skipped"} %d`, m.skipped.Load()),
		fmt.Sprintf(`{outcome="dead"} %d`, m.dead.Load()))
	metric("parley_worker_events_total", "counter", "Events stored.", fmt.Sprintf(" %d", m.events.Load()))
	metric("parley_worker_errors_total", "counter", "Errors by kind (store: retried store error; fetch: pull from NATS failed; ack: acknowledgement failed).",
		fmt.Sprintf(`{kind="store"} %d`, m.transient.Load()),
		fmt.Sprintf(`{kind="fetch"} %d`, m.fetchErrors.Load()),
		fmt.Sprintf(`{kind="ack"} %d`, m.ackErrors.Load()))
	metric("parley_worker_documents_per_second", "gauge", "Documents handled per second over the last minute.", fmt.Sprintf(" %.3f", docsRate))
	metric("parley_worker_events_per_second", "gauge", "Events stored per second over the last minute.", fmt.Sprintf(" %.3f", eventsRate))
	metric("parley_worker_coding_seconds_total", "counter", "Time spent coding documents (annotation and event extraction).", fmt.Sprintf(" %.3f", time.Duration(m.codeNanos.Load()).Seconds()))
	metric("parley_worker_storing_seconds_total", "counter", "Time spent in store transactions.", fmt.Sprintf(" %.3f", time.Duration(m.storeNanos.Load()).Seconds()))
	metric("parley_worker_in_flight", "gauge", "Documents this worker is coding or storing now.", fmt.Sprintf(" %d", m.inFlight.Load()))
	metric("parley_queue_pending_documents", "gauge", "Documents in the stream not yet delivered to any worker (queue lag).", fmt.Sprintf(" %d", pending))
	metric("parley_queue_unacknowledged_documents", "gauge", "Documents delivered to workers and not yet acknowledged.", fmt.Sprintf(" %d", unacked))
}

// Handler serves /metrics and /healthz.
func (m *Metrics) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		m.Write(w)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
	return mux
}
