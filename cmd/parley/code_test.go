package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley/internal/shared"
)

// A folder with bad files among good ones: every bad file is named with its
// reason on stderr, the good ones are still coded, and the exit code is 1.
func TestCodeBadInput(t *testing.T) {
	seed, err := os.ReadFile(shared.Path(t, "examples/tass-2023-10-27.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"a-seed.txt":    string(seed),
		"b-binary.txt":  "date 2024-01-01\n\n\x00\x01\x02\x03",
		"c-nodate.txt":  "Iran condemned Israel.",
		"d-empty.txt":   "",
		"e-lines.jsonl": "{\"id\":\"ok\",\"date\":\"2024-05-10\",\"text\":\"Iran condemned Israel's strikes on Syria.\"}\nnot json\n",
		"f-utf8.txt":    "date 2024-05-10\n\nEgypt \xff condemned Israel's strikes on Gaza.",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin := buildParley(t)
	cmd := exec.Command(bin, "code", dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1\n%s", err, stderr.String())
	}
	for _, want := range []string{"b-binary.txt: binary", "c-nodate.txt: no publication date", "d-empty.txt: empty", "e-lines.jsonl:2: not a JSON object", "f-utf8.txt: warning: invalid UTF-8"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	docs := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var e struct {
			DocID string `json:"doc_id"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("bad output line %q: %v", line, err)
		}
		docs[e.DocID]++
	}
	for _, id := range []string{"a-seed", "ok", "f-utf8"} {
		if docs[id] == 0 {
			t.Errorf("no events for the good document %s (got %v)", id, docs)
		}
	}
}

// `parley code --petrarch DIR` codes with PETRARCH dictionaries: the seed
// article with the Phoenix dictionaries gives CAMEO events with their
// PLOVER type, the verb and the pattern; a folder without dictionaries is
// an error naming it.
func TestCodePetrarch(t *testing.T) {
	seed := shared.Path(t, "examples/tass-2023-10-27.txt")
	phoenix := shared.Path(t, "data/phoenix")
	bin := buildParley(t)
	out, err := exec.Command(bin, "code", "--petrarch", phoenix, seed).Output()
	if err != nil {
		t.Fatal(err)
	}
	type ev struct {
		Doc, Source, Target, CAMEO, Type, Verb, Text string
	}
	var evs []ev
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var e ev
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("bad line %q: %v", line, err)
		}
		if e.Doc != "tass-2023-10-27" || e.CAMEO == "" || e.Verb == "" || !strings.Contains(e.Text, e.Verb) {
			t.Errorf("incomplete event %+v", e)
		}
		evs = append(evs, e)
	}
	// Hamas's attack on Israel: "described its attack as ..." codes as an
	// assault by Hamas (PSEREBHMS) on the Israeli government.
	found := false
	for _, e := range evs {
		if strings.HasPrefix(e.Source, "PSE") && strings.HasPrefix(e.Target, "ISR") && e.Type == "ASSAULT" {
			found = true
		}
	}
	if !found {
		t.Errorf("no Palestinian ASSAULT on Israel among %+v", evs)
	}
	cmd := exec.Command(bin, "code", "--petrarch", t.TempDir(), seed)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err == nil || !strings.Contains(stderr.String(), "no verb dictionary") {
		t.Errorf("empty dictionary folder: %v %s", err, stderr.String())
	}
}

// With --all-modalities every output format says which events did not
// happen as told: "Russia did not attack Ukraine" is no plain ASSAULT.
func TestCodeModalityInEveryFormat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "neg.txt")
	text := "date 2024-03-01\n\nRussia did not attack Ukraine on Monday. Iran condemned Israel.\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := buildParley(t)
	run := func(format string) string {
		out, err := exec.Command(bin, "code", "--all-modalities", "--format", format, path).Output()
		if err != nil {
			t.Fatalf("code --format %s: %v", format, err)
		}
		return string(out)
	}
	var e struct{ Type, Modality string }
	for _, line := range strings.Split(strings.TrimSpace(run("jsonl")), "\n") {
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		if e.Type == "ASSAULT" && e.Modality != "negated" {
			t.Errorf("jsonl: ASSAULT has modality %q, want negated", e.Modality)
		}
	}
	var r struct {
		HasEvent bool     `json:"has_event"`
		Modality string   `json:"modality"`
		Event    []string `json:"event"`
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(run("plover")), "\n") {
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		seen[r.Event[0]] = true
		if want := r.Event[0] != "ASSAULT"; r.HasEvent != want || (r.Modality == "negated") == want {
			t.Errorf("plover: %s has_event %v modality %q", r.Event[0], r.HasEvent, r.Modality)
		}
	}
	if !seen["ASSAULT"] || !seen["ACCUSE"] {
		t.Errorf("plover: events %v, want ASSAULT and ACCUSE", seen)
	}
	table := run("table")
	if !strings.Contains(table, "MODALITY") {
		t.Errorf("table has no MODALITY column:\n%s", table)
	}
	for _, line := range strings.Split(table, "\n") {
		if strings.Contains(line, "ASSAULT") && !strings.Contains(line, "negated") {
			t.Errorf("table row does not say the attack was negated: %q", line)
		}
	}
}
