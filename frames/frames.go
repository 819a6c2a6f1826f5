// Package frames reads argument frames (dependency patterns that say
// where an event's actor is, written as data) and matches them against a
// parse.
//
// A frame is in the spirit of spaCy's DependencyMatcher: from the anchor
// token (an event's trigger word) it walks down the dependency tree, one
// step per relation, each step with tests on the token it reaches. The
// frame
//
//	noun-agent	N	agent	nmod*[case=by actor]	conjuncts
//
// says: from an event noun, a dependent whose relation starts with "nmod",
// marked by "by" and naming an actor, is the actor ("the raid by the
// militia"), expanded over its coordination. Frames are tried in file
// order; the first that matches decides, and its id is recorded on the
// event (Event.Why).
//
// The tests and expansions a frame may name are the closed sets Tests and
// Expansions: the coder implements each of them.
package frames

import (
	"fmt"
	"slices"
	"strings"

	"github.com/parley-events/parley/wordlist"
)

// Frame is one argument pattern.
type Frame struct {
	ID      string // "noun-agent"
	Trigger string // "N" (event noun) or "V" (verb)
	Role    string // how the matched phrase relates to the event (Roles)
	Steps   []Step // the path from the trigger, one dependency per step
	Expand  string // how the matched token becomes argument heads (Expansions)
	Source  string // "frames.tsv:12"
}

// Step is one dependency on a frame's path: down to a dependent, or, for
// a step written with a leading "^", up from the current token to its head
// ("^obl[case=in]": the current token hangs on its head as an "in" phrase).
type Step struct {
	Up    bool     // the step climbs to the head
	Rels  []string // relation names; a trailing "*" matches any relation with that prefix ("nmod*")
	Tests []Test   // all must hold of the dependent (for Up, of the current token)
}

// Test is one condition on a token: Name, with an argument for "case"
// (one preposition, or several joined by "|": "case=of|on").
type Test struct{ Name, Arg string }

// Holds says whether word w is one of the test's arguments.
func (t Test) Holds(w string) bool {
	for _, a := range strings.Split(t.Arg, "|") {
		if a == w {
			return true
		}
	}
	return false
}

// Tests are the token tests a frame may use:
//
//	case=W   the phrase is marked by preposition W ("case=by", "case=of|on")
//	mention  a mention of an actor or place covers the token
//	actor    the token names an actor with a country
//	before   the token stands before the trigger
//	other    the token's mention is not the trigger's own
//	noobject no pattern of the trigger word has a recipient it acts upon
//	         ("of", "on", "against": "arrest of +", "bombing on +"), so an
//	         "of" phrase says who acted ("the withdrawal of the troops")
//	nosubject the trigger has no subject of its own (a gerund heading a
//	         phrase: "fighting between the two armies")
//	participle the token is a past participle, or a reduced relative
//	         clause's -ed form ("signed" in "the pact signed by Chile",
//	         not "continued" in "the need for continued work by all
//	         parties")
var Tests = []string{"case", "mention", "actor", "before", "other", "noobject", "nosubject", "participle"}

// Roles say how the phrase a frame matches takes part in the event, as a
// grammatical relation (the coder's confidence and its argument model read
// them):
//
//	subject    the actor, as subject
//	agent      the actor, as a "by" agent
//	possessor  the actor, as possessor ("Chile's protest")
//	modifier   the actor, as a modifier ("Chilean strikes")
//	between    the sides, each the other's recipient ("talks between A and B")
//	recipient  the recipient ("told B" of "In a phone call, A told B")
var Roles = []string{"subject", "agent", "possessor", "modifier", "between", "recipient"}

// Expansions say how a matched token becomes argument heads:
//
//	single     the token alone
//	conjuncts  the token and those coordinated with it ("Chad and Sudan")
//	sides      conjuncts, at least two, the first naming an actor
var Expansions = []string{"single", "conjuncts", "sides"}

// Tree is the parse a frame is matched against, with the tests.
type Tree interface {
	Dependents(tok int) []int
	Head(tok int) int // -1 for a root
	Rel(tok int) string
	Test(t Test, tok, anchor int) bool
}

// Match walks f's path from anchor, trying dependents in text order, and
// returns the token the last step reaches.
func (f *Frame) Match(t Tree, anchor int) (int, bool) {
	return f.walk(t, anchor, anchor, 0)
}

func (f *Frame) walk(t Tree, anchor, from, step int) (int, bool) {
	if step == len(f.Steps) {
		return from, true
	}
	s := f.Steps[step]
	if s.Up {
		h := t.Head(from)
		if h < 0 || !s.relMatches(t.Rel(from)) || !s.holds(t, from, anchor) {
			return -1, false
		}
		return f.walk(t, anchor, h, step+1)
	}
	for _, dep := range t.Dependents(from) {
		if !s.relMatches(t.Rel(dep)) || !s.holds(t, dep, anchor) {
			continue
		}
		if end, ok := f.walk(t, anchor, dep, step+1); ok {
			return end, true
		}
	}
	return -1, false
}

func (s Step) holds(t Tree, tok, anchor int) bool {
	for _, test := range s.Tests {
		if !t.Test(test, tok, anchor) {
			return false
		}
	}
	return true
}

func (s Step) relMatches(rel string) bool {
	for _, r := range s.Rels {
		if p, ok := strings.CutSuffix(r, "*"); ok && strings.HasPrefix(rel, p) || r == rel {
			return true
		}
	}
	return false
}

// Parse reads frames written one per line, tab-separated: id, trigger (N
// or V), role, path, expansion. A path is one or more steps separated by
// spaces, each relations joined by "|" with the tests in brackets:
// "nmod*[case=of] nmod*|obl*[case=by actor]"; a step that starts with "^"
// climbs to the head: "^obl[case=in] nsubj[actor]". Blank lines and lines
// starting with "#" are skipped. name is the file's name, for errors,
// which give file:line.
func Parse(name, text string) ([]Frame, error) {
	var out []Frame
	var errs []string
	seen := map[string]string{}
	err := wordlist.Rows(name, strings.NewReader(text), 0, func(n int, cols []string) error {
		where := fmt.Sprintf("%s:%d", name, n)
		f, err := parseLine(cols)
		if err == nil && seen[f.ID] != "" {
			err = fmt.Errorf("frame %q already defined at %s", f.ID, seen[f.ID])
		}
		if err != nil {
			errs = append(errs, where+": "+err.Error())
			return nil
		}
		f.Source = where
		seen[f.ID] = where
		out = append(out, f)
		return nil
	})
	if err != nil {
		errs = append(errs, err.Error())
	}
	if len(errs) > 0 {
		return out, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return out, nil
}

func parseLine(cols []string) (Frame, error) {
	if len(cols) != 5 {
		return Frame{}, fmt.Errorf("want 5 tab-separated columns (id, trigger, role, path, expansion), got %d", len(cols))
	}
	f := Frame{ID: cols[0], Trigger: cols[1], Role: cols[2], Expand: cols[4]}
	if f.Trigger != "N" && f.Trigger != "V" {
		return f, fmt.Errorf("trigger %q: want N or V", f.Trigger)
	}
	if !slices.Contains(Roles, f.Role) {
		return f, fmt.Errorf("role %q: want one of %s", f.Role, strings.Join(Roles, ", "))
	}
	if !slices.Contains(Expansions, f.Expand) {
		return f, fmt.Errorf("expansion %q: want one of %s", f.Expand, strings.Join(Expansions, ", "))
	}
	for _, word := range splitSteps(cols[3]) {
		s, err := parseStep(word)
		if err != nil {
			return f, err
		}
		f.Steps = append(f.Steps, s)
	}
	if len(f.Steps) == 0 {
		return f, fmt.Errorf("empty path")
	}
	return f, nil
}

// splitSteps splits a path at spaces outside brackets.
func splitSteps(path string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case r == ' ' && depth == 0:
			if i > start {
				out = append(out, path[start:i])
			}
			start = i + 1
		}
	}
	if start < len(path) {
		out = append(out, path[start:])
	}
	return out
}

func parseStep(word string) (Step, error) {
	var s Step
	word, s.Up = strings.CutPrefix(word, "^")
	rels, tests, hasTests := strings.Cut(word, "[")
	for _, r := range strings.Split(rels, "|") {
		if r == "" || r == "*" {
			return s, fmt.Errorf("step %q: empty relation", word)
		}
		s.Rels = append(s.Rels, r)
	}
	if !hasTests {
		return s, nil
	}
	body, ok := strings.CutSuffix(tests, "]")
	if !ok {
		return s, fmt.Errorf("step %q: no closing ]", word)
	}
	for _, t := range strings.Fields(body) {
		name, arg, _ := strings.Cut(t, "=")
		if !slices.Contains(Tests, name) {
			return s, fmt.Errorf("step %q: unknown test %q (want one of %s)", word, name, strings.Join(Tests, ", "))
		}
		switch {
		case name == "case" && arg == "":
			return s, fmt.Errorf("step %q: test case needs a preposition (case=W)", word)
		case name != "case" && arg != "":
			return s, fmt.Errorf("step %q: test %s takes no argument", word, name)
		}
		s.Tests = append(s.Tests, Test{name, arg})
	}
	return s, nil
}
