package argmodel_test

import (
	"fmt"

	"github.com/parley-events/parley/argmodel"
)

// A model learns that the subject of an active verb does the act and a
// place phrase does not, then chooses the subject in a new sentence.
func Example() {
	none := argmodel.Candidate{Features: []string{"none"}}
	subject := argmodel.Candidate{Features: []string{"path=>nsubj", "kind=country"}}
	place := argmodel.Candidate{Features: []string{"path=>obl", "case=in", "kind=capital"}}
	var training []argmodel.Instance
	for range 3 {
		training = append(training,
			argmodel.Instance{Role: argmodel.Actor, Candidates: []argmodel.Candidate{none, subject, place}, Right: []int{1}},
			argmodel.Instance{Role: argmodel.Actor, Candidates: []argmodel.Candidate{none, place}, Right: []int{0}})
	}
	t := argmodel.NewTrainer()
	t.Train(training, 5, 1)
	m := t.Weights().Model()

	// "Kenya struck rebel camps in Mogadishu": Kenya, the subject, not the place.
	kenya := argmodel.Candidate{Features: []string{"path=>nsubj", "kind=country"}}
	mogadishu := argmodel.Candidate{Features: []string{"path=>obl", "case=in", "kind=capital"}}
	fmt.Println(m.Choose(argmodel.Actor, []argmodel.Candidate{none, mogadishu, kenya}))
	// Output: 2
}
