package dict

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/parley-events/parley/coder"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/kb"
)

// Suite runs PETRARCH's unit-test records through parley's own parser and
// coder with a knowledge base imported from the validation dictionaries,
// and scores the coded events as CAMEO (source, target, code) triples.
type Suite struct {
	KB    *kb.KB
	Codes *ActorCodes
}

// LoadSuite loads an imported dictionary folder (written by `parley dict
// import --raw` from the PETR.Validate.* dictionaries) as a knowledge base
// in raw CAMEO mode, with its actor codes.
func LoadSuite(dir string) (*Suite, error) {
	fsys := os.DirFS(dir)
	k, err := kb.LoadWith(fsys, kb.LoadOptions{RawCAMEO: true})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	codes, err := ReadActorCodes(fsys)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return &Suite{KB: k, Codes: codes}, nil
}

// Predicted is one coded event as a CAMEO triple, with what the coder
// said about it.
type Predicted struct {
	Coding
	Modality string // asserted, negated, future, ...
	Trigger  string
	Rule     string
}

// RecordResult is one record's expected and predicted events and how they
// matched.
type RecordResult struct {
	Record    *Record
	Predicted []Predicted
	// Dropped are events the coder found that PETRARCH's require_dyad
	// (in force for the record) leaves out: a side without an actor code.
	Dropped []Predicted
	// Missed and Spurious are the unmatched expected and predicted
	// events at full-code level, each with the reason it failed.
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
	// Asserted* score only the events the coder asserts (parley's default
	// output leaves out negated, future and hypothetical events; PETRARCH
	// codes them all, so the main figures keep them).
	AssertedPrecision, AssertedRecall float64
	PerRecord                         []RecordResult
	// Options counts records run with each <Config> option at a value
	// parley does not follow (all but require_dyad).
	Options map[string]int
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

// Run codes every record and scores it.
func (s *Suite) Run(recs []Record) *SuiteResult {
	c := coder.New(s.KB)
	c.ImplicitRecipients = true
	// PETRARCH codes every event its patterns match, whatever the
	// modality; parley's modality is kept on each triple for the report.
	c.AllModalities = true
	res := &SuiteResult{Records: len(recs), Options: map[string]int{}}
	assertedPred, assertedOK := 0, 0
	for i := range recs {
		rec := &recs[i]
		rr := s.record(c, rec)
		res.Expected += len(rec.Expected)
		res.Predicted += len(rr.Predicted)
		res.Correct += rr.Correct
		res.RootOK += rr.RootOK
		// Asserted-only figures: the same matching over asserted events.
		var asserted []Predicted
		for _, p := range rr.Predicted {
			if p.Modality == "asserted" {
				asserted = append(asserted, p)
			}
		}
		assertedPred += len(asserted)
		assertedOK += matchCount(rec.Expected, asserted, false)
		for opt, val := range rec.Config {
			if unfollowed(opt, val) {
				res.Options[opt+"="+val]++
			}
		}
		res.PerRecord = append(res.PerRecord, rr)
	}
	res.Precision, res.Recall = ratio(res.Correct, res.Predicted), ratio(res.Correct, res.Expected)
	res.RootPrecision, res.RootRecall = ratio(res.RootOK, res.Predicted), ratio(res.RootOK, res.Expected)
	res.AssertedPrecision, res.AssertedRecall = ratio(assertedOK, assertedPred), ratio(assertedOK, res.Expected)
	return res
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// unfollowed reports whether a <Config> option asks for behaviour parley
// does not have: PETRARCH's comma-clause deletion, invented actors from
// unknown noun phrases. require_dyad is followed; stop_on_error is a
// debugging switch; defaults change nothing.
func unfollowed(opt, val string) bool {
	switch opt {
	case "require_dyad", "stop_on_error":
		return false
	case "new_actor_length":
		return val != "0"
	case "comma_min", "comma_emin":
		return val != "2"
	case "comma_max", "comma_emax":
		return val != "8"
	case "comma_bmin", "comma_bmax":
		return val != "0"
	}
	return true
}

// requireDyad is the record's require_dyad option (PETRARCH's default is
// true).
func requireDyad(rec *Record) bool {
	v, ok := rec.Config["require_dyad"]
	return !ok || !strings.EqualFold(v, "false")
}

func (s *Suite) record(c *coder.Coder, rec *Record) RecordResult {
	rr := RecordResult{Record: rec}
	d := &doc.Document{ID: rec.ID, Date: rec.Date, Text: rec.Text}
	evs := c.Code(d)
	day := rec.Date.Format("2006-01-02")
	seen := map[Coding]bool{}
	for _, e := range evs {
		p := Predicted{Coding: Coding{s.Codes.Code(e.Actor, day), s.Codes.Code(e.Recipient, day), e.CAMEO},
			Modality: e.Modality, Trigger: e.Trigger, Rule: e.Rule}
		if requireDyad(rec) && (nullSide(p.Source) || nullSide(p.Target)) {
			rr.Dropped = append(rr.Dropped, p)
			continue
		}
		// PETRARCH writes each distinct event of a sentence once.
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
		rr.Missed = append(rr.Missed, Failure{m, s.whyMissed(m, rec, &rr, d)})
	}
	for _, p := range spurious {
		rr.Spurious = append(rr.Spurious, Failure{p, whySpurious(p, rec)})
	}
	return rr
}

// nullSide reports whether a code has no actor: "---" or "---GOV".
func nullSide(code string) bool { return strings.HasPrefix(code, "---") }

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

// Reasons an expected event was missed, most specific first.
const (
	missRootOnly      = "wrong code, right root (dyad right)"
	missWrongCode     = "wrong code (dyad right)"
	missSource        = "source actor wrong (event code right)"
	missTarget        = "target actor wrong (event code right)"
	missBoth          = "both actors wrong (event code right)"
	missNoRecipient   = "event found, target not resolved (left out by require_dyad)"
	missNoSource      = "event found, source not resolved (left out by require_dyad)"
	missNewActor      = "expected actor is a new_actor_length phrase (PETRARCH invents it from an unknown noun phrase)"
	missNullActor     = "expected side has no country (---), parley leaves such actors out"
	missNoTrigger     = "no trigger: the sentence has no lexicon entry with the expected code"
	missTriggerUnused = "trigger with the expected code in the sentence, no event coded (pattern or arguments not matched)"
	missOtherCode     = "events coded, none with the expected code or dyad"
)

func (s *Suite) whyMissed(x Coding, rec *Record, rr *RecordResult, d *doc.Document) string {
	if strings.HasPrefix(x.Source, "\"") || strings.HasPrefix(x.Target, "\"") {
		return missNewActor
	}
	for _, p := range rr.Predicted {
		if p.Source == x.Source && p.Target == x.Target {
			if root(p.Code) == root(x.Code) {
				return missRootOnly
			}
		}
	}
	for _, p := range rr.Predicted {
		if p.Source == x.Source && p.Target == x.Target {
			return missWrongCode
		}
	}
	for _, p := range rr.Predicted {
		if p.Code == x.Code {
			switch {
			case p.Source != x.Source && p.Target != x.Target:
				return missBoth
			case p.Source != x.Source:
				return missSource
			default:
				return missTarget
			}
		}
	}
	for _, p := range rr.Dropped {
		if p.Code == x.Code {
			if nullSide(p.Source) {
				return missNoSource
			}
			return missNoRecipient
		}
	}
	if nullSide(x.Source) || nullSide(x.Target) {
		return missNullActor
	}
	if !s.hasTrigger(d, x.Code) {
		return missNoTrigger
	}
	if len(rr.Predicted) > 0 {
		return missOtherCode
	}
	return missTriggerUnused
}

// hasTrigger reports whether any word of the coded document heads a
// lexicon entry with code.
func (s *Suite) hasTrigger(d *doc.Document, code string) bool {
	for _, t := range d.Tokens {
		for _, tr := range s.KB.Triggers(strings.ToLower(t.Lemma)) {
			if tr.CAMEO == code {
				return true
			}
		}
	}
	return false
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

// WriteSummary prints the figures, the failure breakdown and the options
// parley does not follow.
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
	fmt.Fprintf(w, "asserted events only (full code): precision %.3f  recall %.3f\n", r.AssertedPrecision, r.AssertedRecall)
	missed, spurious := map[string]int{}, map[string]int{}
	for _, rr := range r.PerRecord {
		for _, m := range rr.Missed {
			missed[m.Reason]++
		}
		for _, s := range rr.Spurious {
			spurious[s.Reason]++
		}
	}
	table(w, "missed expected events, by reason", missed)
	table(w, "spurious predicted events, by reason", spurious)
	table(w, "records run with a <Config> option parley does not follow", r.Options)
}

// WriteRecords lists every record that did not code exactly as expected.
func (r *SuiteResult) WriteRecords(w io.Writer) {
	for _, rr := range r.PerRecord {
		if len(rr.Missed) == 0 && len(rr.Spurious) == 0 {
			continue
		}
		rec := rr.Record
		fmt.Fprintf(w, "\n%s [%s] line %d: %s\n", rec.ID, rec.Category, rec.Line, rec.Text)
		for _, m := range rr.Missed {
			fmt.Fprintf(w, "  missed   %-28s %s\n", m.Coding, m.Reason)
		}
		for _, s := range rr.Spurious {
			fmt.Fprintf(w, "  spurious %-28s %s\n", s.Coding, s.Reason)
		}
		for _, p := range rr.Predicted {
			fmt.Fprintf(w, "  coded    %-28s %s %q %s\n", p.Coding, p.Modality, p.Trigger, p.Rule)
		}
		for _, p := range rr.Dropped {
			fmt.Fprintf(w, "  dropped  %-28s %s %q %s\n", p.Coding, p.Modality, p.Trigger, p.Rule)
		}
	}
}

func table(w io.Writer, title string, m map[string]int) {
	if len(m) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", title)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		fmt.Fprintf(w, "  %5d  %s\n", m[k], k)
	}
}

// EvalPetrarch runs the unit suite in records (PETR.UnitTest.records.xml)
// with the knowledge base imported into dir, and writes the summary (with
// every record that did not code as expected when explain is set) and,
// last, the one-line JSON figures; with jsonOnly, the JSON line alone.
func EvalPetrarch(w io.Writer, records, dir string, explain, jsonOnly bool) (*SuiteResult, error) {
	recs, err := ReadRecords(records)
	if err != nil {
		return nil, err
	}
	s, err := LoadSuite(dir)
	if err != nil {
		return nil, err
	}
	r := s.Run(recs)
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
