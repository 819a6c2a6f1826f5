// Package score scores coder output against gold event annotations, exactly
// as /work/shared/eval/FORMAT.md describes: dyad and type precision, recall
// and F1 under a required-first maximum matching, and the secondary
// accuracies (mode, actor entity, date, place) among dyad matches.
//
// `parley eval` reads the gold folder with ReadGoldDir, runs the coder, and
// prints Score's Report.
package score

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/parley-events/parley/event"
)

// Entity is one side of a gold event.
type Entity struct {
	Country string   `json:"country"` // ISO 3166 alpha-3 or a PLOVER special code
	Sector  string   `json:"sector"`  // PLOVER sector, or ""
	Names   []string `json:"names"`   // any of these surface names identifies the entity
}

// Place is where a gold event happened.
type Place struct {
	Country string   `json:"country"`
	Names   []string `json:"names"`
}

// Gold is one expected event: one line of a gold file.
type Gold struct {
	DocID string `json:"-"` // the gold file's name without .jsonl
	Line  int    `json:"-"` // line number in the gold file, for messages

	Type      string   `json:"type"`
	AltTypes  []string `json:"alt_types"`
	Mode      string   `json:"mode"` // "" when null or absent
	Symmetric bool     `json:"symmetric"`
	Optional  bool     `json:"optional"`
	Actor     Entity   `json:"actor"`
	Recipient *Entity  `json:"recipient"` // nil: no definite recipient, any prediction's is accepted
	Date      string   `json:"date"`      // YYYY-MM-DD, or "" when null or absent
	Place     *Place   `json:"place"`     // nil when the text gives no place
	Evidence  string   `json:"evidence"`
}

// goldLine mirrors Gold with pointers, so that a missing actor or a null
// mode can be told apart from an empty one while reading.
type goldLine struct {
	Type      string   `json:"type"`
	AltTypes  []string `json:"alt_types"`
	Mode      *string  `json:"mode"`
	Symmetric *bool    `json:"symmetric"`
	Optional  *bool    `json:"optional"`
	Actor     *Entity  `json:"actor"`
	Recipient *Entity  `json:"recipient"`
	Date      *string  `json:"date"`
	Place     *Place   `json:"place"`
	Evidence  string   `json:"evidence"`
}

// ReadGoldFile reads one gold file (JSON Lines, one event per line; blank
// lines are skipped). Errors name the file and line.
func ReadGoldFile(path string) ([]Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	id := strings.TrimSuffix(filepath.Base(path), ".jsonl")
	return readGold(f, path, id)
}

// ReadGoldDir reads every NAME.jsonl in dir (not its subfolders) as the gold
// events of document NAME. An empty file is a document with no events and
// still appears in the map.
func ReadGoldDir(dir string) (map[string][]Gold, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	gold := map[string][]Gold{}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".jsonl") {
			continue
		}
		g, err := ReadGoldFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		gold[strings.TrimSuffix(e.Name(), ".jsonl")] = g
	}
	if len(gold) == 0 {
		return nil, fmt.Errorf("%s: no .jsonl gold files", dir)
	}
	return gold, nil
}

func readGold(r io.Reader, name, docID string) ([]Gold, error) {
	br := bufio.NewReader(r)
	var out []Gold
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("%s:%d: %v", name, n, err)
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			g, perr := parseGold(t)
			if perr != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, n, perr)
			}
			g.DocID, g.Line = docID, n
			out = append(out, g)
		}
		if err == io.EOF {
			return out, nil
		}
	}
}

func parseGold(b []byte) (Gold, error) {
	var l goldLine
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&l); err != nil {
		return Gold{}, fmt.Errorf("not a JSON object: %v", err)
	}
	if dec.More() {
		return Gold{}, fmt.Errorf("more than one JSON value on the line")
	}
	if !event.Type(l.Type).Valid() {
		return Gold{}, fmt.Errorf("type %q is not a PLOVER 2.0 event type", l.Type)
	}
	for _, t := range l.AltTypes {
		if !event.Type(t).Valid() {
			return Gold{}, fmt.Errorf("alt_types: %q is not a PLOVER 2.0 event type", t)
		}
	}
	if l.Actor == nil || l.Actor.Country == "" {
		return Gold{}, fmt.Errorf("actor.country is missing")
	}
	if l.Recipient != nil && l.Recipient.Country == "" {
		return Gold{}, fmt.Errorf("recipient.country is missing (use \"recipient\": null for no definite recipient)")
	}
	if l.Place != nil && l.Place.Country == "" {
		return Gold{}, fmt.Errorf("place.country is missing (use \"place\": null for no place)")
	}
	g := Gold{
		Type:      l.Type,
		AltTypes:  l.AltTypes,
		Actor:     *l.Actor,
		Recipient: l.Recipient,
		Place:     l.Place,
		Evidence:  l.Evidence,
	}
	if l.Mode != nil {
		g.Mode = *l.Mode
	}
	if l.Symmetric != nil {
		g.Symmetric = *l.Symmetric
	}
	if l.Optional != nil {
		g.Optional = *l.Optional
	}
	if l.Date != nil && *l.Date != "" {
		if _, err := time.Parse("2006-01-02", *l.Date); err != nil {
			return Gold{}, fmt.Errorf("date %q is not YYYY-MM-DD", *l.Date)
		}
		g.Date = *l.Date
	}
	return g, nil
}

// DocIDs returns the documents of a gold set in sorted order.
func DocIDs(gold map[string][]Gold) []string {
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
