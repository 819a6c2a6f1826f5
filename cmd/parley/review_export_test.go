package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley/export"
	"github.com/parley-events/parley/store"
)

// TestExportReviewed ingests the seed article with the real binary,
// reviews two of its events in the store as an analyst would, and exports
// with --reviewed-only: only those two come out, with the reviewed columns
// and the corrected values, in CSV, Parquet and PLOVER.
func TestExportReviewed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parley and codes an article")
	}
	bin := buildParley(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "parley.db")
	if out, err := exec.Command(bin, "ingest", "--db", db, "../../examples/tass-2023-10-27.txt").CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.Events(ctx, store.Query{Level: "event", Sort: "date", Limit: 2})
	if err != nil || len(page.Items) != 2 {
		t.Fatalf("events: %+v %v", page, err)
	}
	wrong, right := page.Items[0], page.Items[1]
	if _, err := s.AddReview(ctx, wrong.ID, store.NewReview{Verdict: "wrong", Reviewer: "ana",
		Correction: store.Correction{Type: "ACCUSE", Actor: &store.EntityFix{Name: "Hamas", Country: "PSE", Sector: "REB"}, Note: "an accusation"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddReview(ctx, right.ID, store.NewReview{Verdict: "correct", Reviewer: "ben"}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	run := func(format string) string {
		t.Helper()
		out := filepath.Join(dir, "reviewed."+format)
		if msg, err := exec.Command(bin, "export", "--db", db, "--format", format, "--level", "event", "--reviewed-only", "--out", out).CombinedOutput(); err != nil {
			t.Fatalf("export %s: %v\n%s", format, err, msg)
		}
		return out
	}
	f, err := os.Open(run("csv"))
	if err != nil {
		t.Fatal(err)
	}
	header, rows, err := export.ReadTable(f, "csv")
	f.Close()
	if err != nil || len(rows) != 2 {
		t.Fatalf("csv: %d rows, %v", len(rows), err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	byID := map[string][]string{}
	for _, r := range rows {
		byID[r[col["id"]]] = r
	}
	w := byID[wrong.ID]
	if w == nil || w[col["reviewed"]] != "true" || w[col["review_verdict"]] != "wrong" || w[col["reviewer"]] != "ana" ||
		w[col["type"]] != "ACCUSE" || w[col["quad"]] != "3" || w[col["cameo"]] != "11" || w[col["actor_name"]] != "Hamas" ||
		w[col["actor_code"]] != "PSEREB" || w[col["review_note"]] != "an accusation" || w[col["reviewed_at"]] == "" {
		t.Errorf("corrected row: %v", w)
	}
	if r := byID[right.ID]; r == nil || r[col["review_verdict"]] != "correct" || r[col["type"]] != string(right.Event.Type) {
		t.Errorf("confirmed row: %v", r)
	}

	path := run("parquet")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	prows, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer prows.Close()
	got, err := export.ReadParquet(prows, int64(len(b)))
	if err != nil || len(got) != 2 {
		t.Fatalf("parquet: %d rows, %v", len(got), err)
	}
	for _, r := range got {
		if !r.Reviewed || (r.ID == wrong.ID && r.Type != "ACCUSE") {
			t.Errorf("parquet row %s: reviewed %v, type %s", r.ID, r.Reviewed, r.Type)
		}
	}

	pf, err := os.Open(run("plover"))
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	recs, err := export.ReadPLOVER(pf)
	if err != nil || len(recs) != 2 {
		t.Fatalf("plover: %d records, %v", len(recs), err)
	}
}

// TestEvalReviewed scores the coder against analysts' reviews: an event
// marked correct is found again, one marked wrong counts against the
// coder when it is coded again, and a corrected type is scored as the
// analyst gave it.
func TestEvalReviewed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parley and codes an article")
	}
	bin := buildParley(t)
	db := filepath.Join(t.TempDir(), "parley.db")
	if out, err := exec.Command(bin, "ingest", "--db", db, "../../examples/tass-2023-10-27.txt").CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	if out, err := exec.Command(bin, "eval", "--reviewed", "--db", db).CombinedOutput(); err == nil || !strings.Contains(string(out), "no reviewed events") {
		t.Errorf("eval of a store without reviews: %v\n%s", err, out)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.Events(ctx, store.Query{Level: "event", Type: "CONSULT,ASSAULT,COERCE"})
	if err != nil || len(page.Items) < 3 {
		t.Fatalf("events: %+v %v", page, err)
	}
	// Three events of different sentences: right, wrong, and of another type.
	bySentence := map[[2]int]store.Mention{}
	for _, m := range page.Items {
		if _, ok := bySentence[m.Event.Span]; !ok {
			bySentence[m.Event.Span] = m
		}
	}
	var picked []store.Mention
	for _, m := range bySentence {
		picked = append(picked, m)
	}
	if len(picked) < 3 {
		t.Fatalf("only %d sentences with CONSULT, ASSAULT or COERCE events", len(picked))
	}
	newType := "AID"
	for i, r := range []store.NewReview{
		{Verdict: "correct", Reviewer: "ana"},
		{Verdict: "wrong", Reviewer: "ana"},
		{Verdict: "wrong", Reviewer: "ana", Correction: store.Correction{Type: newType}},
	} {
		if _, err := s.AddReview(ctx, picked[i].ID, r); err != nil {
			t.Fatal(err)
		}
	}
	// Every other event of those sentences, marked correct: the sentences
	// are fully reviewed.
	all, err := s.Events(ctx, store.Query{Level: "event", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	others := 0
	for _, m := range all.Items {
		if _, ok := bySentence[m.Event.Span]; ok && m.ID != picked[0].ID && m.ID != picked[1].ID && m.ID != picked[2].ID {
			if _, err := s.AddReview(ctx, m.ID, store.NewReview{Verdict: "correct", Reviewer: "ben"}); err != nil {
				t.Fatal(err)
			}
			others++
		}
	}
	s.Close()

	out, err := exec.Command(bin, "eval", "--reviewed", "--db", db, "--json").Output()
	if err != nil {
		t.Fatalf("eval --reviewed: %v", err)
	}
	var r struct {
		Dyad struct{ Matched, Required, Predicted int } `json:"dyad"`
		Type struct{ Matched, Required, Predicted int } `json:"type"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// Gold: the correct ones and the corrected one; the wrong one is not
	// an event. The coder codes all of them again as before, so all but
	// the corrected one match, and the wrong one and the old type of the
	// corrected one are spurious.
	wantGold := 2 + others
	if r.Dyad.Required != wantGold || r.Dyad.Predicted != 3+others || r.Dyad.Matched != wantGold-1 {
		t.Errorf("dyad %+v, want %d of %d required matched, %d predicted", r.Dyad, wantGold-1, wantGold, 3+others)
	}
	if r.Type.Matched != wantGold-1 || r.Type.Required != wantGold {
		t.Errorf("type %+v", r.Type)
	}
	text, err := exec.Command(bin, "eval", "--reviewed", "--db", db, "--explain").Output()
	if err != nil || !strings.Contains(string(text), "reviewed events in 1 articles") {
		t.Errorf("eval --reviewed --explain: %v\n%s", err, text)
	}
}
