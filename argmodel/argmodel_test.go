package argmodel

import (
	"bytes"
	"strings"
	"testing"
)

// A toy ranking problem: the subject of an active verb is the actor, the
// agent of a passive one is; sentences with neither have none.
func toyInstances() []Instance {
	none := Candidate{Features: []string{"none"}}
	subj := Candidate{Features: []string{"path=>nsubj", "voice=active"}}
	obj := Candidate{Features: []string{"path=>obj", "voice=active"}}
	agent := Candidate{Features: []string{"path=>obl:agent", "voice=passive"}}
	psubj := Candidate{Features: []string{"path=>nsubj:pass", "voice=passive"}}
	place := Candidate{Features: []string{"path=>obl", "case=in"}}
	var ins []Instance
	for range 5 {
		ins = append(ins,
			Instance{Role: Actor, Candidates: []Candidate{none, subj, obj}, Right: []int{1}},
			Instance{Role: Actor, Candidates: []Candidate{none, psubj, agent}, Right: []int{2}},
			Instance{Role: Actor, Candidates: []Candidate{none, place}, Right: []int{0}},
			Instance{Role: Recipient, Candidates: []Candidate{none, obj, place}, Right: []int{1}},
		)
	}
	return ins
}

func TestTrainerLearnsSeparableRanking(t *testing.T) {
	tr := NewTrainer()
	tr.Train(toyInstances(), 10, 1)
	m := tr.Weights().Model()
	for _, in := range toyInstances()[:4] {
		if got := m.Choose(in.Role, in.Candidates); got != in.Right[0] {
			t.Errorf("%s among %v: chose %d, want %d", in.Role, in.Candidates, got, in.Right[0])
		}
	}
}

func TestWeightsRoundTripThroughTheFile(t *testing.T) {
	tr := NewTrainer()
	tr.Train(toyInstances(), 10, 7)
	w := tr.Weights()
	var buf bytes.Buffer
	if err := w.Write(&buf, "toy model\nsecond line"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "# toy model\n# second line\n") {
		t.Errorf("header not written as comments:\n%s", buf.String())
	}
	m, err := Read(&buf, "toy.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if m.Len() != len(w) {
		t.Errorf("read %d weights, wrote %d", m.Len(), len(w))
	}
	want := w.Model()
	for _, in := range toyInstances()[:4] {
		for _, c := range in.Candidates {
			if a, b := m.Score(in.Role, c), want.Score(in.Role, c); a != b {
				t.Errorf("score of %v: %v after reading, %v before", c, a, b)
			}
		}
	}
	var again bytes.Buffer
	w.Write(&again, "toy model\nsecond line")
	tr2 := NewTrainer()
	tr2.Train(toyInstances(), 10, 7)
	var third bytes.Buffer
	tr2.Weights().Write(&third, "toy model\nsecond line")
	if again.String() != third.String() {
		t.Error("the same seed trained two different models")
	}
}

func TestReadReportsFileAndLine(t *testing.T) {
	_, err := Read(strings.NewReader("# c\nactor\tnone\t1\nagent\tx\t2\nactor\ty\tlots\nactor\tnone\t3\n"), "bad.tsv")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`bad.tsv:3: unknown role "agent"`, `bad.tsv:4: weight "lots"`, `bad.tsv:5: feature "none" of role actor given twice`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestEmptyModelChoosesTheFirstCandidate(t *testing.T) {
	var m *Model
	if got := m.Choose(Actor, []Candidate{{Features: []string{"none"}}, {Features: []string{"x"}}}); got != 0 {
		t.Errorf("chose %d", got)
	}
}
