package frames_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/parley-events/parley/frames"
)

// tree is a hand-built parse: heads and relations by token, the case
// marker and mention country of each phrase head.
type tree struct {
	words   []string
	heads   []int
	rels    []string
	cases   map[int]string
	country map[int]string
}

func (t tree) Dependents(tok int) []int {
	var out []int
	for i, h := range t.heads {
		if h == tok {
			out = append(out, i)
		}
	}
	return out
}

func (t tree) Rel(tok int) string { return t.rels[tok] }

func (t tree) Head(tok int) int { return t.heads[tok] }

func (t tree) Test(test frames.Test, tok, anchor int) bool {
	switch test.Name {
	case "case":
		return test.Holds(t.cases[tok])
	case "mention", "actor":
		return t.country[tok] != ""
	case "before":
		return tok < anchor
	case "other":
		return true
	}
	return false
}

// "the raid on the town by the militia": raid(1) ← nmod town(4, on), nmod militia(7, by)
var raid = tree{
	words:   strings.Fields("the raid on the town by the militia"),
	heads:   []int{1, -1, 4, 4, 1, 7, 7, 1},
	rels:    []string{"det", "root", "case", "det", "nmod", "case", "det", "nmod"},
	cases:   map[int]string{4: "on", 7: "by"},
	country: map[int]string{7: "SOM"},
}

func Example() {
	fs, err := frames.Parse("frames.tsv", "noun-agent\tN\tagent\tnmod*[case=by actor]\tconjuncts\n")
	if err != nil {
		fmt.Println(err)
		return
	}
	tok, ok := fs[0].Match(raid, 1)
	fmt.Println(fs[0].ID, fs[0].Source, ok, raid.words[tok])
	// Output: noun-agent frames.tsv:1 true militia
}

func TestMatchFollowsEveryStep(t *testing.T) {
	// "the arrest of three reporters by the police", the agent hung on
	// the "of" phrase: arrest(0) ← nmod reporters(3, of) ← nmod police(6, by)
	arrest := tree{
		words:   strings.Fields("arrest of three reporters by the police"),
		heads:   []int{-1, 3, 3, 0, 6, 6, 3},
		rels:    []string{"root", "case", "nummod", "nmod", "case", "det", "nmod"},
		cases:   map[int]string{3: "of", 6: "by"},
		country: map[int]string{6: "KEN"},
	}
	fs, err := frames.Parse("f", "direct\tN\tagent\tnmod*[case=by actor]\tconjuncts\nunder-of\tN\tagent\tnmod*[case=of] nmod*|obl*[case=by actor]\tconjuncts\n")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := fs[0].Match(arrest, 0); ok {
		t.Error("the direct frame matched an agent two steps down")
	}
	if tok, ok := fs[1].Match(arrest, 0); !ok || arrest.words[tok] != "police" {
		t.Errorf("under-of: %d %v", tok, ok)
	}
	// The same frame on a phrase with no "by": no match.
	if _, ok := fs[1].Match(raid, 1); ok {
		t.Error("under-of matched the raid")
	}
	// Relation prefixes: "nmod*" takes nmod:tmod, not obl.
	onTuesday := tree{heads: []int{-1, 0}, rels: []string{"root", "nmod:tmod"}, cases: map[int]string{1: "by"}, country: map[int]string{1: "X"}}
	if _, ok := fs[0].Match(onTuesday, 0); !ok {
		t.Error("nmod* did not match nmod:tmod")
	}
	onTuesday.rels[1] = "obl"
	if _, ok := fs[0].Match(onTuesday, 0); ok {
		t.Error("nmod* matched obl")
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	text := "# comment\n\n" +
		"ok\tN\tagent\tnmod*[case=by]\tconjuncts\n" +
		"short\tN\tagent\n" +
		"badtest\tN\tagent\tnmod[colour=red]\tsingle\n" +
		"badrole\tN\tvictim\tnmod\tsingle\n" +
		"ok\tV\tsubject\tnsubj\tsingle\n" +
		"open\tN\tagent\tnmod[case=by\tsingle\n" +
		"caseless\tN\tagent\tnmod[case]\tsingle\n"
	fs, err := frames.Parse("frames.tsv", text)
	if len(fs) != 1 || fs[0].ID != "ok" {
		t.Errorf("kept %v, want the first valid frame only", fs)
	}
	for _, want := range []string{
		"frames.tsv:4: want 5 tab-separated columns",
		`frames.tsv:5: step "nmod[colour=red]": unknown test "colour"`,
		`frames.tsv:6: role "victim"`,
		`frames.tsv:7: frame "ok" already defined at frames.tsv:3`,
		`frames.tsv:8: step "nmod[case=by": no closing ]`,
		`frames.tsv:9: step "nmod[case]": test case needs a preposition (case=W)`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nwant %q", err, want)
		}
	}
}

// A "^" step climbs from the current token to its head.
func TestMatchClimbs(t *testing.T) {
	// "In talks , Chile praised Peru": talks(1) ← obl of praised(4),
	// Chile(3) its subject, Peru(5) its object.
	talks := tree{
		words:   strings.Fields("In talks , Chile praised Peru"),
		heads:   []int{1, 4, 1, 4, -1, 4},
		rels:    []string{"case", "obl", "punct", "nsubj", "root", "obj"},
		cases:   map[int]string{1: "in"},
		country: map[int]string{3: "CHL", 5: "PER"},
	}
	fs, err := frames.Parse("f", "setting\tN\tsubject\t^obl*[case=in|during] nsubj[actor]\tconjuncts\n")
	if err != nil {
		t.Fatal(err)
	}
	if tok, ok := fs[0].Match(talks, 1); !ok || talks.words[tok] != "Chile" {
		t.Errorf("from talks: %d %v", tok, ok)
	}
	if _, ok := fs[0].Match(talks, 5); ok {
		t.Error("matched from the object, which is no in-phrase")
	}
	if _, ok := fs[0].Match(talks, 4); ok {
		t.Error("matched from the root, which has no head")
	}
}
