package cameo

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/parley-events/parley/dict"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/nlp"
)

// Predicted is one coded event as a CAMEO triple, with the verb and
// pattern that gave it.
type Predicted struct {
	Coding
	Verb    string
	Pattern string
}

// RecordResult is one record's expected and predicted events and how they
// matched.
type RecordResult struct {
	Record    *Record
	Predicted []Predicted
	Discarded string // the discard phrase that stopped the sentence, if any
	// Missed and Spurious are the unmatched expected and predicted events
	// at full-code level, each with the reason it failed.
	Missed   []Failure
	Spurious []Failure
	Correct  int // full-code matches
	RootOK   int // matches with the event code compared at its root (first two characters)
}

// Failure is an unmatched event and why.
type Failure struct {
	Coding Coding
	Reason string
}

// SuiteResult is the score of a unit-suite run.
type SuiteResult struct {
	Records   int
	Expected  int
	Predicted int
	Correct   int
	RootOK    int
	// Precision and recall at full-code level (source, target and the
	// whole event code equal) and at root level (the event code's first
	// two characters).
	Precision, Recall         float64
	RootPrecision, RootRecall float64
	PerRecord                 []RecordResult
}

// JSON is the one-line summary: records, expected, predicted, precision,
// recall, root_precision, root_recall.
func (r *SuiteResult) JSON() []byte {
	b, _ := json.Marshal(struct {
		Records       int     `json:"records"`
		Expected      int     `json:"expected"`
		Predicted     int     `json:"predicted"`
		Precision     float64 `json:"precision"`
		Recall        float64 `json:"recall"`
		RootPrecision float64 `json:"root_precision"`
		RootRecall    float64 `json:"root_recall"`
	}{r.Records, r.Expected, r.Predicted, round3(r.Precision), round3(r.Recall), round3(r.RootPrecision), round3(r.RootRecall)})
	return b
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// SuiteFiles are the dictionaries a records file names in its
// <Environment>, found in dir (the records' own folder when dir is "").
func SuiteFiles(records, dir string) Files {
	if dir == "" {
		dir = filepath.Dir(records)
	}
	base := "PETR.Validate."
	return Files{
		Actors:   []string{filepath.Join(dir, base+"actors.txt")},
		Agents:   filepath.Join(dir, base+"agents.txt"),
		Verbs:    filepath.Join(dir, base+"verbs.txt"),
		Discards: filepath.Join(dir, base+"discards.txt"),
	}
}

// RunSuite codes every record with d and scores it. Each record is coded
// with the <Config> options in force for it.
func RunSuite(d *Dictionaries, recs []Record) *SuiteResult {
	res := &SuiteResult{Records: len(recs)}
	for i := range recs {
		rec := &recs[i]
		c := &Coder{Dict: d, Opt: recordOptions(rec)}
		rr := runRecord(c, rec)
		res.Expected += len(rec.Expected)
		res.Predicted += len(rr.Predicted)
		res.Correct += rr.Correct
		res.RootOK += rr.RootOK
		res.PerRecord = append(res.PerRecord, rr)
	}
	res.Precision, res.Recall = ratio(res.Correct, res.Predicted), ratio(res.Correct, res.Expected)
	res.RootPrecision, res.RootRecall = ratio(res.RootOK, res.Predicted), ratio(res.RootOK, res.Expected)
	return res
}

// recordOptions reads the PETRARCH options a record's <Config> elements
// set.
func recordOptions(rec *Record) Options {
	o := DefaultOptions
	for k, v := range rec.Config {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		switch k {
		case "require_dyad":
			o.RequireDyad = !strings.EqualFold(strings.TrimSpace(v), "false")
		case "new_actor_length":
			if err == nil {
				o.NewActorLength = n
			}
		case "comma_min", "comma_max", "comma_bmin", "comma_bmax", "comma_emin", "comma_emax":
			if err != nil {
				continue
			}
			switch k {
			case "comma_min":
				o.Commas.Min = n
			case "comma_max":
				o.Commas.Max = n
			case "comma_bmin":
				o.Commas.BMin = n
			case "comma_bmax":
				o.Commas.BMax = n
			case "comma_emin":
				o.Commas.EMin = n
			case "comma_emax":
				o.Commas.EMax = n
			}
		}
	}
	return o
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func runRecord(c *Coder, rec *Record) RecordResult {
	rr := RecordResult{Record: rec}
	d := &doc.Document{ID: rec.ID, Date: rec.Date, Text: rec.Text}
	nlp.Annotate(d)
	evs, disc := c.Code(d)
	if len(disc) > 0 {
		rr.Discarded = disc[0].Phrase
	}
	seen := map[Coding]bool{}
	for _, e := range evs {
		p := Predicted{Coding: Coding{e.Source, e.Target, e.Code}, Verb: d.Tokens[e.Verb].Text, Pattern: e.Pattern}
		if seen[p.Coding] {
			continue
		}
		seen[p.Coding] = true
		rr.Predicted = append(rr.Predicted, p)
	}
	rr.Correct = matchCount(rec.Expected, rr.Predicted, false)
	rr.RootOK = matchCount(rec.Expected, rr.Predicted, true)
	missed, spurious := unmatched(rec.Expected, rr.Predicted)
	for _, m := range missed {
		rr.Missed = append(rr.Missed, Failure{m, whyMissed(m, &rr)})
	}
	for _, p := range spurious {
		rr.Spurious = append(rr.Spurious, Failure{p, whySpurious(p, rec)})
	}
	return rr
}

func root(code string) string {
	if len(code) > 2 {
		return code[:2]
	}
	return code
}

// matchCount pairs expected and predicted triples one to one and counts
// the pairs; atRoot compares event codes by their root.
func matchCount(expected []Coding, pred []Predicted, atRoot bool) int {
	used := make([]bool, len(pred))
	n := 0
	for _, x := range expected {
		for j, p := range pred {
			if used[j] || p.Source != x.Source || p.Target != x.Target {
				continue
			}
			if p.Code == x.Code || atRoot && root(p.Code) == root(x.Code) {
				used[j] = true
				n++
				break
			}
		}
	}
	return n
}

// unmatched returns the expected and predicted triples left over after
// full-code matching.
func unmatched(expected []Coding, pred []Predicted) (missed, spurious []Coding) {
	used := make([]bool, len(pred))
next:
	for _, x := range expected {
		for j, p := range pred {
			if !used[j] && p.Coding == x {
				used[j] = true
				continue next
			}
		}
		missed = append(missed, x)
	}
	for j, p := range pred {
		if !used[j] {
			spurious = append(spurious, p.Coding)
		}
	}
	return missed, spurious
}

func whyMissed(x Coding, rr *RecordResult) string {
	if rr.Discarded != "" {
		return "sentence discarded"
	}
	for _, p := range rr.Predicted {
		if p.Source == x.Source && p.Target == x.Target {
			if root(p.Code) == root(x.Code) {
				return "wrong code, right root (dyad right)"
			}
			return "wrong code (dyad right)"
		}
	}
	for _, p := range rr.Predicted {
		if p.Code == x.Code {
			switch {
			case p.Source != x.Source && p.Target != x.Target:
				return "both actors wrong (event code right)"
			case p.Source != x.Source:
				return "source actor wrong (event code right)"
			default:
				return "target actor wrong (event code right)"
			}
		}
	}
	if len(rr.Predicted) > 0 {
		return "events coded, none with the expected code or dyad"
	}
	return "no event coded"
}

func whySpurious(p Coding, rec *Record) string {
	switch {
	case rec.Error != "":
		return "record expects PETRARCH to reject the sentence (" + rec.Error + ")"
	case rec.NoEvents:
		return "record expects no events"
	}
	for _, x := range rec.Expected {
		if x.Source == p.Source && x.Target == p.Target {
			return "wrong code for an expected dyad"
		}
	}
	for _, x := range rec.Expected {
		if x.Code == p.Code {
			return "wrong actors for an expected code"
		}
	}
	return "event not expected at all"
}

// WriteSummary prints the figures and the failure breakdown.
func (r *SuiteResult) WriteSummary(w io.Writer) {
	notImpl := 0
	for _, rr := range r.PerRecord {
		if rr.Record.NotImplemented {
			notImpl++
		}
	}
	fmt.Fprintf(w, "PETRARCH unit suite: %d records (%d marked not implemented in PETRARCH), %d expected events, %d predicted\n",
		r.Records, notImpl, r.Expected, r.Predicted)
	fmt.Fprintf(w, "full code:  %d correct  precision %.3f  recall %.3f\n", r.Correct, r.Precision, r.Recall)
	fmt.Fprintf(w, "root code:  %d correct  precision %.3f  recall %.3f\n", r.RootOK, r.RootPrecision, r.RootRecall)
	missed, spurious := map[string]int{}, map[string]int{}
	for _, rr := range r.PerRecord {
		for _, m := range rr.Missed {
			missed[m.Reason]++
		}
		for _, s := range rr.Spurious {
			spurious[s.Reason]++
		}
	}
	dict.WriteCounts(w, "missed expected events, by reason", missed)
	dict.WriteCounts(w, "spurious predicted events, by reason", spurious)
}

// WriteRecords lists every record that did not code exactly as expected.
func (r *SuiteResult) WriteRecords(w io.Writer) {
	for _, rr := range r.PerRecord {
		if len(rr.Missed) == 0 && len(rr.Spurious) == 0 {
			continue
		}
		rec := rr.Record
		fmt.Fprintf(w, "\n%s [%s] line %d: %s\n", rec.ID, rec.Category, rec.Line, rec.Text)
		if rr.Discarded != "" {
			fmt.Fprintf(w, "  discarded by %q\n", rr.Discarded)
		}
		if len(rec.Config) > 0 {
			fmt.Fprintf(w, "  options  %v\n", rec.Config)
		}
		for _, m := range rr.Missed {
			fmt.Fprintf(w, "  missed   %-28s %s\n", m.Coding, m.Reason)
		}
		for _, s := range rr.Spurious {
			fmt.Fprintf(w, "  spurious %-28s %s\n", s.Coding, s.Reason)
		}
		for _, p := range rr.Predicted {
			fmt.Fprintf(w, "  coded    %-28s verb %q pattern %q\n", p.Coding, p.Verb, p.Pattern)
		}
	}
}

// EvalPetrarch runs the unit suite in records (PETR.UnitTest.records.xml)
// with the PETR.Validate.* dictionaries in dir (the records' folder when
// dir is ""), and writes the summary (with every record that did not code
// as expected when explain is set) and, last, the one-line JSON figures;
// with jsonOnly, the JSON line alone.
func EvalPetrarch(w io.Writer, records, dir string, explain, jsonOnly bool) (*SuiteResult, error) {
	recs, err := ReadRecords(records)
	if err != nil {
		return nil, err
	}
	d, err := Load(SuiteFiles(records, dir))
	if err != nil {
		return nil, err
	}
	r := RunSuite(d, recs)
	if !jsonOnly {
		r.WriteSummary(w)
		if explain {
			r.WriteRecords(w)
			fmt.Fprintln(w)
		}
	}
	_, err = fmt.Fprintf(w, "%s\n", r.JSON())
	return r, err
}
