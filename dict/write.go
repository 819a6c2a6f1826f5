package dict

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// tables assembles the output tables.
func (c *converter) tables() map[string]*Table {
	t := map[string]*Table{}
	srcs := "Imported by `parley dict import` from " + strings.Join(c.sources, ", ") + "."
	add := func(name, what, cols string, rows [][]string) {
		if len(rows) == 0 {
			return
		}
		t[name] = &Table{Header: []string{name + ": " + what, srcs, cols}, Rows: rows}
		c.rep.Written[name] = len(rows)
	}
	var crow [][]string
	for _, code := range c.countryOrd {
		r := c.countries[code]
		crow = append(crow, []string{r.code, r.name, strings.Join(r.aliases, "|"), strings.Join(r.adjs, "|"),
			strings.Join(r.dems, "|"), r.capital, "", r.lat, r.lon})
	}
	add("countries.tsv", "countries named in the dictionaries, with their country-level names (cities and regions that PETRARCH codes as the country are aliases). Names, capitals and centroids of known countries come from parley's own countries.tsv.",
		"code\tname\taliases\tadjectives\tdemonyms\tcapital\tmetonyms\tlat\tlon", crow)
	var orows [][]string
	for _, o := range c.orgs {
		orows = append(orows, []string{o.name, strings.Join(o.aliases, "|"), o.country, o.sector, o.kind})
	}
	add("organisations.tsv", "organisations and groups; country and sector translated from their CAMEO codes; kind from the sector.",
		"name\taliases\tcountry\tsector\tkind", orows)
	add("people.tsv", "people with dated CAMEO codes, one line per period (the first restriction that holds wins, as in PETRARCH; a default code fills the gaps).",
		"name\taliases\tcountry\tsector\ttitle\tfrom\tto", c.people)
	add("roles.tsv", "role nouns from the agents dictionary (head noun lemmatised); sector from the agent code; kind guessed from the head noun.",
		"role\tsector\tkind", c.roles)
	var trows [][]string
	for _, r := range c.triggers {
		trows = append(trows, r[:6])
	}
	add("triggers.tsv", "verb triggers from the CAMEO verb patterns; type and mode by PLOVER's CAMEO translation (dict/data/cameo_plover.tsv); [A:A] codes are sym.",
		"pos\tpattern\ttype\tmode\tcameo\tflags", trows)
	add("discards.tsv", "phrases whose presence stops a sentence (scope sentence) or story (scope story) from being coded; match word: the phrase ends at a word boundary, prefix: it is a stem.",
		"phrase\tscope\tmatch", c.discards)
	add("issues.tsv", "issue phrases and their issue codes (not PLOVER contexts), and exclusion phrases.",
		"phrase\tcode\tkind", c.issues)
	add("actorcodes.tsv", "every actor name with its original CAMEO code and validity period, for CAMEO-level output and comparisons.",
		"name\tcode\tfrom\tto\tsource", c.actorCodes)
	add("agentcodes.tsv", "every role phrase with its original agent code.", "role\tcode\tsource", c.agentCodes)
	var srows [][]string
	for _, r := range c.triggers {
		srows = append(srows, []string{r[1], r[4], r[6]})
	}
	add("triggersources.tsv", "the dictionary line each trigger comes from.", "pattern\tcameo\tsource", srows)
	return t
}

// Write writes the tables into dir (created if needed).
func (r *Result) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(r.Tables))
	for n := range r.Tables {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := r.Tables[n].write(filepath.Join(dir, n)); err != nil {
			return err
		}
	}
	return nil
}

func (t *Table) write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, h := range t.Header {
		fmt.Fprintf(w, "# %s\n", h)
	}
	for _, row := range t.Rows {
		for i, v := range row {
			if i > 0 {
				w.WriteByte('\t')
			}
			v = strings.NewReplacer("\t", " ", "\n", " ").Replace(strings.TrimSpace(v))
			if v == "" {
				v = "-"
			}
			w.WriteString(v)
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
