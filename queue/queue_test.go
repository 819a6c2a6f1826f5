package queue

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/coder"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/store"
)

// startNATS runs a JetStream server in the test process.
func startNATS(t *testing.T) jetstream.JetStream {
	t.Helper()
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("NATS server did not start")
	}
	t.Cleanup(s.Shutdown)
	nc, js, err := Connect(s.ClientURL(), "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return js
}

func seed(t *testing.T) []*doc.Document {
	t.Helper()
	var docs []*doc.Document
	for d, err := range reader.Documents([]string{"../examples/tass-2023-10-27.txt"}, reader.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// runWorkers starts n workers on s and returns a function that stops them
// (SIGTERM-style: cancel and drain) and waits for them.
func runWorkers(t *testing.T, js jetstream.JetStream, s store.Store, n int, m *Metrics) func() {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, n)
	for i := 0; i < n; i++ {
		w := &Worker{JS: js, Store: s, Code: parley.Code, Concurrency: 1, Metrics: m}
		go func() { done <- w.Run(ctx) }()
	}
	return func() {
		cancel()
		for i := 0; i < n; i++ {
			if err := <-done; err != nil {
				t.Error(err)
			}
		}
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestSubmitTwiceStoresOnce submits the seed article under 20 ids, then
// all of them again, to two workers: 20 documents stored, the second
// submission dropped as duplicates, each coded once.
func TestSubmitTwiceStoresOnce(t *testing.T) {
	ctx := context.Background()
	js := startNATS(t)
	s, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "parley.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	base := seed(t)[0]
	docs := func(yield func(*doc.Document, error) bool) {
		for i := 0; i < 20; i++ {
			d := *base
			d.ID = fmt.Sprintf("tass-%02d", i)
			if !yield(&d, nil) {
				return
			}
		}
	}
	if _, err := Setup(ctx, js, Config{}); err != nil {
		t.Fatal(err)
	}
	for pass, want := range []SubmitStats{{Published: 20}, {Duplicates: 20}} {
		st, err := Submit(ctx, js, Config{}, docs, func(err error) { t.Error(err) })
		if err != nil || st != want {
			t.Fatalf("submit pass %d: %+v %v, want %+v", pass+1, st, err, want)
		}
	}
	m := NewMetrics()
	stop := runWorkers(t, js, s, 2, m)
	waitUntil(t, "20 documents stored", func() bool { return m.Stored() == 20 })
	stop()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := parley.Code(context.Background(), base)
	if err != nil {
		t.Fatal(err)
	}
	perDoc := len(evs)
	if st.Documents != 20 || st.Events != 20*perDoc || m.Skipped() != 0 || m.Dead() != 0 {
		t.Errorf("stats %+v, worker stored %d skipped %d dead %d; want 20 documents, %d events", st, m.Stored(), m.Skipped(), m.Dead(), 20*perDoc)
	}
	// The metrics endpoint reports the work in Prometheus text.
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{`parley_worker_documents_total{outcome="stored"} 20`, fmt.Sprintf("parley_worker_events_total %d", 20*perDoc), "parley_queue_pending_documents"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
}

// TestPoisonGoesToDeadLetters puts an unreadable message and a document
// a worker died on (fetched, never acknowledged) on the queue beside a
// good document: the two bad ones end up on the dead-letter subject with
// their error, and the good one is stored.
func TestPoisonGoesToDeadLetters(t *testing.T) {
	ctx := context.Background()
	js := startNATS(t)
	cfg := Config{AckWait: time.Second, MaxDeliveries: 1}
	cons, err := Setup(ctx, js, cfg)
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "parley.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	good := seed(t)[0]
	killer := *good
	killer.ID = "kills-workers"
	publish := func(data []byte) {
		if _, err := js.Publish(ctx, "parley.documents", data); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := encode(&killer, killer.ID)
	publish(data)
	// A worker takes it and dies: no acknowledgement, ever.
	taken, err := cons.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	for range taken.Messages() {
	}
	publish([]byte(`{"id": "broken", "text": `))
	data, _ = encode(good, good.ID)
	publish(data)

	m := NewMetrics()
	w := &Worker{JS: js, Config: cfg, Store: s, Code: parley.Code, Concurrency: 1, Metrics: m}
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	waitUntil(t, "one stored and two dead-lettered", func() bool { return m.Stored() == 1 && m.Dead() == 2 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	dead, err := js.OrderedConsumer(ctx, "PARLEY_DEAD", jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	batch, err := dead.Fetch(2, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for msg := range batch.Messages() {
		id := msg.Headers().Get(HeaderDocID)
		if id == "" {
			id = string(msg.Data())
		}
		got[id] = msg.Headers().Get(HeaderError)
	}
	if !strings.Contains(got[`{"id": "broken", "text": `], "unreadable document message") || !strings.Contains(got["kills-workers"], "delivered 2 times") {
		t.Errorf("dead letters: %q", got)
	}
	if has, err := s.HasDocument(ctx, &killer); err != nil || has {
		t.Errorf("the dead-lettered document was stored: %v %v", has, err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != 1 {
		t.Errorf("stats %+v %v, want the good document", st, err)
	}
}

// A document crosses the queue with what the reader found in it, the
// dateline included: a worker codes it exactly as `parley code` does.
func TestMessageKeepsReaderFields(t *testing.T) {
	d := &doc.Document{ID: "x", Source: "TASS", URL: "https://tass.com/1", Title: "T", Date: time.Date(2023, 10, 27, 0, 0, 0, 0, time.UTC),
		Path: "a.jsonl", Line: 3, Text: "MOSCOW, October 27. /TASS/. Russia and Iran met.",
		Dateline: &doc.Dateline{Place: "Moscow", Source: "TASS", Start: 0, End: 28}}
	b, err := encode(d, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Dateline == nil || *got.Dateline != *d.Dateline || got.Text != d.Text || !got.Date.Equal(d.Date) || got.Source != d.Source || got.Line != d.Line {
		t.Errorf("decoded %+v (dateline %+v), want %+v", got, got.Dateline, d)
	}
}

// TestSubmitTooLargeForNATS: a document whose message is larger than the
// NATS server's max_payload is reported with its file and the limit, and
// the others are queued.
func TestSubmitTooLargeForNATS(t *testing.T) {
	js := startNATS(t)
	day := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)
	big := &doc.Document{ID: "big", Path: "corpus/big.txt", Date: day, Text: strings.Repeat("Iran condemned Israel. ", 60000)}
	small := &doc.Document{ID: "small", Path: "corpus/small.txt", Date: day, Text: "Iran condemned Israel."}
	docs := func(yield func(*doc.Document, error) bool) {
		_ = yield(big, nil) && yield(small, nil)
	}
	if _, err := Setup(context.Background(), js, Config{}); err != nil {
		t.Fatal(err)
	}
	var errs []string
	st, err := Submit(context.Background(), js, Config{}, docs, func(err error) { errs = append(errs, err.Error()) })
	if err != nil {
		t.Fatal(err)
	}
	if st.Published != 1 || st.Errors != 1 || len(errs) != 1 ||
		!strings.Contains(errs[0], "corpus/big.txt: document of 1380000 bytes") || !strings.Contains(errs[0], "max_payload of 1048576") {
		t.Errorf("stats %+v, errors %q; want small queued and big refused naming its file", st, errs)
	}
	if MaxText(js) >= 1<<20 || MaxText(js) < 1<<19 {
		t.Errorf("MaxText %d, want a little under the 1 MiB max_payload", MaxText(js))
	}
}

// TestLongCodingKeepsTheDocument: coding that takes longer than AckWait
// does not get the document delivered again to another worker: the
// worker sends in-progress acknowledgements while it codes.
func TestLongCodingKeepsTheDocument(t *testing.T) {
	ctx := context.Background()
	js := startNATS(t)
	s, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "parley.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cfg := Config{AckWait: time.Second}
	if _, err := Setup(ctx, js, cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := Submit(ctx, js, cfg, func(yield func(*doc.Document, error) bool) { yield(seed(t)[0], nil) }, func(err error) { t.Error(err) }); err != nil {
		t.Fatal(err)
	}
	// The coder takes three AckWaits on its first decision.
	var slept sync.Once
	slow := parley.New(parley.Options{Trace: func(coder.Decision) { slept.Do(func() { time.Sleep(3 * time.Second) }) }})
	var coded atomic.Int32
	code := func(ctx context.Context, d *doc.Document) ([]event.Event, error) {
		coded.Add(1)
		return slow.Code(ctx, d)
	}
	m := NewMetrics()
	runCtx, cancel := context.WithCancel(ctx)
	w := &Worker{JS: js, Config: cfg, Store: s, Code: code, Concurrency: 2, Metrics: m}
	done := make(chan error, 1)
	go func() { done <- w.Run(runCtx) }()
	waitUntil(t, "the document stored", func() bool { return m.Stored()+m.Skipped() >= 1 })
	time.Sleep(1500 * time.Millisecond) // time for a redelivery to show
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := coded.Load(); n != 1 || m.Skipped() != 0 {
		t.Errorf("coded %d times, %d skipped as already stored; want one delivery coded once", n, m.Skipped())
	}
}

// TestCoderPanicIsDeadLettered: a document the coder panics on goes to the
// dead letters with the panic as its error, and the worker goes on.
func TestCoderPanicIsDeadLettered(t *testing.T) {
	ctx := context.Background()
	js := startNATS(t)
	if _, err := Setup(ctx, js, Config{}); err != nil {
		t.Fatal(err)
	}
	s, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "parley.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	day := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)
	meeting := &doc.Document{ID: "meeting", Date: day, Text: "Russia's Foreign Minister Sergei Lavrov met with Chinese Foreign Minister Wang Yi in Beijing on Monday."}
	weather := &doc.Document{ID: "weather", Date: day, Text: "The weather in Beijing was mild on Monday."}
	if _, err := Submit(ctx, js, Config{}, func(yield func(*doc.Document, error) bool) { _ = yield(meeting, nil) && yield(weather, nil) }, func(err error) { t.Error(err) }); err != nil {
		t.Fatal(err)
	}
	broken := parley.New(parley.Options{Trace: func(coder.Decision) { panic("index out of range [7] with length 3") }})
	m := NewMetrics()
	w := &Worker{JS: js, Store: s, Code: broken.Code, Concurrency: 1, Metrics: m}
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	waitUntil(t, "one stored and one dead-lettered", func() bool { return m.Stored() == 1 && m.Dead() == 1 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	dead, err := js.OrderedConsumer(ctx, "PARLEY_DEAD", jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	batch, err := dead.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	for msg := range batch.Messages() {
		if id, e := msg.Headers().Get(HeaderDocID), msg.Headers().Get(HeaderError); id != "meeting" || !strings.Contains(e, "internal error while coding") {
			t.Errorf("dead letter %s: %s; want meeting with the panic", id, e)
		}
	}
}
