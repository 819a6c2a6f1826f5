// Package argmodel is the trained part of parley's argument finder: a
// linear ranker that, for one event trigger, scores candidate mentions for
// a role (the actor, or the recipient) and picks the best, or none.
//
// The coder proposes the candidates (every actor mention of the trigger's
// sentence, and a few discourse candidates such as the actor of the
// previous event) and describes each with string features: the dependency
// path from the trigger ("<obj>nsubj": up an obj arc, down an nsubj arc),
// the preposition that marks it ("case=against"), its kind, whether the
// hand-written frames chose it, and so on. The model adds up one weight per
// feature; the candidate with the highest score wins if it beats the
// "none" candidate, whose own features say what kind of trigger it is.
//
// Weights are learnt by an averaged structured perceptron (Collins 2002)
// from the gold corpora (see package argtrain) and shipped as a readable
// TSV file embedded in the binary: one "role TAB feature TAB weight" line
// each.
//
//	m := argmodel.New()
//	best := m.Choose(argmodel.Actor, []argmodel.Candidate{
//		{Features: []string{"none", "none|type=ASSAULT"}},
//		{Features: []string{"path=>nsubj", "kind=country"}},
//	})
package argmodel

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Role is the argument slot a model scores candidates for.
type Role uint8

// The roles of an event's arguments.
const (
	Actor Role = iota
	Recipient
	numRoles
)

var roleNames = [numRoles]string{"actor", "recipient"}

func (r Role) String() string {
	if r < numRoles {
		return roleNames[r]
	}
	return "role(" + strconv.Itoa(int(r)) + ")"
}

// ParseRole reads a role's name.
func ParseRole(s string) (Role, error) {
	for i, n := range roleNames {
		if n == s {
			return Role(i), nil
		}
	}
	return 0, fmt.Errorf("unknown role %q (want actor or recipient)", s)
}

// Candidate is one choice for a role, described by its features.
type Candidate struct {
	Features []string
}

// Model holds one weight per (role, feature). The zero Model scores every
// candidate 0. A Model is read-only once built and safe for concurrent use.
type Model struct {
	w map[uint64]float64
}

// New returns an empty model.
func New() *Model { return &Model{w: map[uint64]float64{}} }

// key hashes a role and a feature into a weight's key.
func key(r Role, f string) uint64 {
	h := fnv.New64a()
	h.Write([]byte{byte(r), 0})
	io.WriteString(h, f)
	return h.Sum64()
}

// Score is the sum of the weights of c's features for role r.
func (m *Model) Score(r Role, c Candidate) float64 {
	if m == nil {
		return 0
	}
	s := 0.0
	for _, f := range c.Features {
		s += m.w[key(r, f)]
	}
	return s
}

// Choose returns the index of the best-scoring candidate for role r, the
// first one on ties. Callers put their "none" candidate first, so that a
// model that knows nothing chooses none only if that is all it is given.
func (m *Model) Choose(r Role, cs []Candidate) int {
	best, bestScore := -1, math.Inf(-1)
	for i, c := range cs {
		if s := m.Score(r, c); s > bestScore {
			best, bestScore = i, s
		}
	}
	return best
}

// Len is the number of non-zero weights.
func (m *Model) Len() int { return len(m.w) }

// Read loads a model written by Weights.Write. name is used in errors,
// which give the file and line.
func Read(r io.Reader, name string) (*Model, error) {
	m := New()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	var errs []string
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 3 {
			errs = append(errs, fmt.Sprintf("%s:%d: want role, feature and weight separated by tabs, got %d fields", name, line, len(f)))
			continue
		}
		role, err := ParseRole(f[0])
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", name, line, err))
			continue
		}
		w, err := strconv.ParseFloat(f[2], 64)
		if err != nil || math.IsNaN(w) || math.IsInf(w, 0) {
			errs = append(errs, fmt.Sprintf("%s:%d: weight %q is not a finite number", name, line, f[2]))
			continue
		}
		k := key(role, f[1])
		if _, dup := m.w[k]; dup {
			errs = append(errs, fmt.Sprintf("%s:%d: feature %q of role %s given twice", name, line, f[1], role))
			continue
		}
		m.w[k] = w
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return m, nil
}

// Instance is one training decision: the candidates for a role, and which
// of them are right (several may be: two mentions of the right country).
// An instance with no right candidate teaches nothing and is skipped.
type Instance struct {
	Role       Role
	Candidates []Candidate
	Right      []int
}

// Trainer learns a Model by the averaged perceptron. Where several
// candidates are right, the update moves towards the best-scoring of them
// (a latent-variable perceptron): the model may pick whichever it finds
// easiest to recognise.
type Trainer struct {
	w, total map[string]float64 // role+"\t"+feature → weight, and its running sum for averaging
	stamp    map[string]int     // update count when total was last brought up to date
	updates  int
}

// NewTrainer returns a trainer with all weights zero.
func NewTrainer() *Trainer {
	return &Trainer{w: map[string]float64{}, total: map[string]float64{}, stamp: map[string]int{}}
}

func (t *Trainer) score(r Role, c Candidate) float64 {
	s := 0.0
	for _, f := range c.Features {
		s += t.w[roleNames[r]+"\t"+f]
	}
	return s
}

// Train runs epochs passes over instances, in an order shuffled by seed
// (the same seed gives the same model), and returns the number of
// mistakes in the last pass.
func (t *Trainer) Train(instances []Instance, epochs int, seed uint64) int {
	order := make([]int, len(instances))
	for i := range order {
		order[i] = i
	}
	rng := seed ^ 0x9e3779b97f4a7c15 // xorshift needs a non-zero state; distinct seeds stay distinct
	if rng == 0 {
		rng = 1
	}
	mistakes := 0
	for e := 0; e < epochs; e++ {
		for i := len(order) - 1; i > 0; i-- { // Fisher–Yates with xorshift64
			rng ^= rng << 13
			rng ^= rng >> 7
			rng ^= rng << 17
			j := int(rng % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
		mistakes = 0
		for _, i := range order {
			if t.learn(&instances[i]) {
				mistakes++
			}
		}
	}
	return mistakes
}

// learn makes one perceptron step on in and reports whether the current
// weights chose wrong.
func (t *Trainer) learn(in *Instance) bool {
	if len(in.Right) == 0 || len(in.Candidates) == 0 {
		return false
	}
	t.updates++
	pred, predScore := -1, math.Inf(-1)
	for i, c := range in.Candidates {
		if s := t.score(in.Role, c); s > predScore {
			pred, predScore = i, s
		}
	}
	gold, goldScore := -1, math.Inf(-1)
	for _, i := range in.Right {
		if s := t.score(in.Role, in.Candidates[i]); s > goldScore {
			gold, goldScore = i, s
		}
	}
	for _, i := range in.Right {
		if i == pred {
			return false
		}
	}
	role := roleNames[in.Role]
	for _, f := range in.Candidates[gold].Features {
		t.add(role+"\t"+f, 1)
	}
	for _, f := range in.Candidates[pred].Features {
		t.add(role+"\t"+f, -1)
	}
	return true
}

// add changes weight k by d, first crediting its running total with the
// updates during which it stood unchanged (lazy averaging).
func (t *Trainer) add(k string, d float64) {
	t.total[k] += float64(t.updates-t.stamp[k]) * t.w[k]
	t.stamp[k] = t.updates
	t.w[k] += d
}

// Weights returns the averaged weights learnt so far, rounded to four
// decimals, without the zeros.
func (t *Trainer) Weights() Weights {
	out := Weights{}
	if t.updates == 0 {
		return out
	}
	for k, w := range t.w {
		total := t.total[k] + float64(t.updates-t.stamp[k])*w
		if avg := math.Round(total/float64(t.updates)*1e4) / 1e4; avg != 0 {
			out[k] = avg
		}
	}
	return out
}

// Weights are learnt weights by "role TAB feature". Trainers of different
// roles are run apart and their weights joined with Add.
type Weights map[string]float64

// Add copies o's weights into w.
func (w Weights) Add(o Weights) {
	for k, v := range o {
		w[k] = v
	}
}

// Model returns a model with weights w.
func (w Weights) Model() *Model {
	m := New()
	for k, v := range w {
		role, f, _ := strings.Cut(k, "\t")
		r, _ := ParseRole(role)
		m.w[key(r, f)] = v
	}
	return m
}

// Write writes w as sorted TSV lines after header (each of its lines
// becomes a "#" comment), so that the same training gives the same bytes.
func (w Weights) Write(out io.Writer, header string) error {
	bw := bufio.NewWriter(out)
	for _, l := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		fmt.Fprintf(bw, "# %s\n", l)
	}
	keys := make([]string, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(bw, "%s\t%s\n", k, strconv.FormatFloat(w[k], 'f', -1, 64))
	}
	return bw.Flush()
}
