package cameo

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/nlp"
)

// The records format: options carry over from <Config> elements, a record
// expects events, no events or an error, and problems name the line.
func TestParseRecords(t *testing.T) {
	const file = `<Validation>
<Environment><Config option="stop_on_error" value="True"></Config></Environment>
<Sentences>
<!-- <Sentence id="COMMENTED"> is not a record -->
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore full diplomatic ties
with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date = "20080801" id ="X-1" category="DEMO" sentence="false">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date="20080801" id="ERROR-01" category="ERROR" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>CEBU CITY: -- a suit was filed.</Text>
</Sentence>
</Sentences>
</Validation>`
	recs, err := parseRecords("t.xml", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3: %+v", len(recs), recs)
	}
	r := recs[0]
	if r.ID != "DEMO-00" || r.Date.Format("2006-01-02") != "1995-01-01" || len(r.Expected) != 1 ||
		r.Expected[0] != (Coding{"ARN", "GON", "064"}) || r.Text != "Arnor is about to restore full diplomatic ties with Gondor." {
		t.Errorf("record 0 = %+v", r)
	}
	if !recordOptions(&r).RequireDyad || r.Config["stop_on_error"] != "True" {
		t.Errorf("record 0 config = %v", r.Config)
	}
	if r := recs[1]; !r.NoEvents || !r.NotImplemented || recordOptions(&r).RequireDyad || r.Date.Year() != 2008 {
		t.Errorf("record 1 = %+v", r)
	}
	if r := recs[2]; !r.NoEvents || r.Error != "dateline" || recordOptions(&r).RequireDyad {
		t.Errorf("record 2 = %+v", r)
	}

	for _, bad := range []struct{ xml, want string }{
		{`<Sentence date="1995" id="A"><Text>x</Text></Sentence>`, `t.xml:1: record A: date "1995" is not YYYYMMDD`},
		{"<V>\n<Sentence date=\"19950101\" id=\"A\">\n<EventCoding sourcecode=\"ARN\"></EventCoding><Text>x</Text></Sentence></V>", `t.xml:3: record A: <EventCoding> needs`},
		{"<V>\n<Sentence date=\"19950101\" id=\"A\">\n</Sentence></V>", `t.xml:2: record A has no <Text>`},
		{"<V>\n<Sentence date=\"19950101\" id=\"A\"><Text>x</Text>\n</V>", `t.xml:3:`},
	} {
		_, err := parseRecords("t.xml", strings.NewReader(bad.xml))
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("parseRecords(%q) = %v, want %q", bad.xml, err, bad.want)
		}
	}
}

// Matching pairs triples one to one; the root level compares event codes
// by their first two characters.
func TestMatchCount(t *testing.T) {
	exp := []Coding{{"ARN", "GON", "064"}, {"ARN", "GON", "064"}, {"GON", "ARN", "033"}}
	pred := []Predicted{{Coding: Coding{"ARN", "GON", "064"}}, {Coding: Coding{"GON", "ARN", "032"}}, {Coding: Coding{"ARN", "MOR", "064"}}}
	if n := matchCount(exp, pred, false); n != 1 {
		t.Errorf("full matches = %d, want 1", n)
	}
	if n := matchCount(exp, pred, true); n != 2 {
		t.Errorf("root matches = %d, want 2", n)
	}
	missed, spurious := unmatched(exp, pred)
	if len(missed) != 2 || len(spurious) != 2 {
		t.Errorf("unmatched = %v, %v", missed, spurious)
	}
}

// PETRARCH's unit suite through parley's own tokenizer, tagger, parser and
// this package's coder, with the suite's validation dictionaries. The
// harness must read every record and write its figures; the figures are
// guarded against regression.
func TestPetrarchUnitSuite(t *testing.T) {
	records := shared.Path(t, "data/petrarch/PETR.UnitTest.records.xml")
	var buf bytes.Buffer
	res, err := EvalPetrarch(&buf, records, "", true, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())

	// Every record read, with its expected events.
	recs, err := ReadRecords(records)
	if err != nil {
		t.Fatal(err)
	}
	expected, noEvents := 0, 0
	for _, r := range recs {
		expected += len(r.Expected)
		if r.NoEvents {
			noEvents++
		}
	}
	if len(recs) < 250 || expected < 300 || noEvents == 0 {
		t.Errorf("read %d records, %d expected events, %d without events; the suite has about 280, 350 and 25", len(recs), expected, noEvents)
	}
	if res.Records != len(recs) || res.Expected != expected || len(res.PerRecord) != len(recs) {
		t.Errorf("scored %d records, %d expected events; read %d, %d", res.Records, res.Expected, len(recs), expected)
	}
	// The counts add up: each expected event is matched or missed, each
	// predicted one matched or spurious.
	missed, spurious := 0, 0
	for _, rr := range res.PerRecord {
		missed += len(rr.Missed)
		spurious += len(rr.Spurious)
		for _, m := range rr.Missed {
			if m.Reason == "" {
				t.Errorf("%s: missed %s without a reason", rr.Record.ID, m.Coding)
			}
		}
	}
	if res.Correct+missed != res.Expected || res.Correct+spurious != res.Predicted {
		t.Errorf("correct %d + missed %d != expected %d, or + spurious %d != predicted %d", res.Correct, missed, res.Expected, spurious, res.Predicted)
	}
	if res.RootOK < res.Correct {
		t.Errorf("root matches %d < full matches %d", res.RootOK, res.Correct)
	}

	// The last line is the JSON summary with the run's figures.
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	var got struct {
		Records, Expected, Predicted int
		Precision, Recall            float64
		RootPrecision                float64 `json:"root_precision"`
		RootRecall                   float64 `json:"root_recall"`
	}
	last := lines[len(lines)-1]
	if err := json.Unmarshal([]byte(last), &got); err != nil {
		t.Fatalf("last line %q is not JSON: %v", last, err)
	}
	for _, key := range []string{`"records"`, `"expected"`, `"predicted"`, `"precision"`, `"recall"`, `"root_precision"`, `"root_recall"`} {
		if !strings.Contains(last, key) {
			t.Errorf("JSON line lacks %s: %s", key, last)
		}
	}
	if got.Records != res.Records || got.Expected != res.Expected || got.Predicted != res.Predicted ||
		got.Precision != round3(res.Precision) || got.RootRecall != round3(res.RootRecall) {
		t.Errorf("JSON line %s does not match the run %+v", last, res)
	}
	t.Logf("PETRARCH unit suite: full code P %.3f R %.3f; root P %.3f R %.3f (%d records, %d expected, %d predicted)",
		res.Precision, res.Recall, res.RootPrecision, res.RootRecall, res.Records, res.Expected, res.Predicted)
	// Issue 5's bar: P >= 0.90 and R >= 0.80 at full-code level.
	if res.Precision < 0.90 || res.Recall < 0.80 {
		t.Errorf("full code P %.3f R %.3f, want at least 0.90 and 0.80", res.Precision, res.Recall)
	}
}

// BenchmarkCode measures the dictionary coder alone (sentences already
// tagged and parsed) on the unit suite's records with their dictionaries.
func BenchmarkCode(b *testing.B) {
	records := shared.Path(b, "data/petrarch/PETR.UnitTest.records.xml")
	recs, err := ReadRecords(records)
	if err != nil {
		b.Fatal(err)
	}
	d, err := Load(SuiteFiles(records, ""))
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]*doc.Document, len(recs))
	sentences := 0
	for i := range recs {
		docs[i] = &doc.Document{ID: recs[i].ID, Date: recs[i].Date, Text: recs[i].Text}
		nlp.Annotate(docs[i])
		sentences += len(docs[i].Sentences)
	}
	c := New(d)
	b.ResetTimer()
	for range b.N {
		for _, dd := range docs {
			c.Code(dd)
		}
	}
	b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
