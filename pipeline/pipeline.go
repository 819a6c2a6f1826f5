// Package pipeline runs the stages that turn a read Document into events.
//
// Like a spaCy pipeline, a Pipeline is a list of components that each add
// layers to one doc.Document: the segmenter adds tokens and sentences, the
// tagger and parser their columns, the mention finder the actors the text
// names, and so on down to the coded events. Each Stage says which layers
// it requires and which it adds; New checks once, when the pipeline is
// built, that every requirement is added by an earlier stage, so a
// misordered pipeline is refused before any document is read rather than
// coding documents wrongly.
//
// The wiring is explicit: whoever builds a pipeline lists its stages in
// order (coder.Coder.Pipeline gives parley's default one). There is no
// registry.
package pipeline

import (
	"fmt"
	"strings"

	"github.com/parley-events/parley/doc"
)

// Stage is one component of a pipeline.
type Stage interface {
	// Name is a short lower-case name ("parse", "mentions").
	Name() string
	// Requires lists the layers the stage reads.
	Requires() []doc.Layer
	// Adds lists the layers the stage writes.
	Adds() []doc.Layer
	// Run adds the stage's layers to d.
	Run(d *doc.Document) error
}

// Pipeline is a checked sequence of stages.
type Pipeline struct {
	stages []Stage
}

// New returns the pipeline that runs stages in order. It fails when a
// stage requires a layer that no earlier stage adds (the reader gives
// doc.LayerText), or when two stages share a name.
func New(stages ...Stage) (*Pipeline, error) {
	have := map[doc.Layer]string{doc.LayerText: "reader"}
	names := map[string]bool{}
	for _, s := range stages {
		if names[s.Name()] {
			return nil, fmt.Errorf("pipeline: two stages are named %q", s.Name())
		}
		names[s.Name()] = true
		var missing []string
		for _, l := range s.Requires() {
			if _, ok := have[l]; !ok {
				missing = append(missing, string(l))
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("pipeline: stage %q requires %s, which no earlier stage adds", s.Name(), strings.Join(missing, ", "))
		}
		for _, l := range s.Adds() {
			have[l] = s.Name()
		}
	}
	return &Pipeline{stages: stages}, nil
}

// Must is New for pipelines built from a fixed list of stages, where an
// error is a bug.
func Must(stages ...Stage) *Pipeline {
	p, err := New(stages...)
	if err != nil {
		panic(err)
	}
	return p
}

// Run runs every stage on d in order, stopping at the first error, which
// names the stage.
func (p *Pipeline) Run(d *doc.Document) error {
	for _, s := range p.stages {
		if err := s.Run(d); err != nil {
			return fmt.Errorf("%s: %w", s.Name(), err)
		}
	}
	return nil
}

// Stages returns the pipeline's stages in order.
func (p *Pipeline) Stages() []Stage { return append([]Stage(nil), p.stages...) }

// String describes the pipeline, one stage per line with what it requires
// and adds ("parse: tokens, sentences, tags → parse").
func (p *Pipeline) String() string {
	var b strings.Builder
	for _, s := range p.stages {
		fmt.Fprintf(&b, "%s: %s → %s\n", s.Name(), layers(s.Requires()), layers(s.Adds()))
	}
	return b.String()
}

func layers(ls []doc.Layer) string {
	if len(ls) == 0 {
		return "-"
	}
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}

// Func makes a stage of a function.
func Func(name string, requires, adds []doc.Layer, run func(*doc.Document) error) Stage {
	return funcStage{name, requires, adds, run}
}

type funcStage struct {
	name           string
	requires, adds []doc.Layer
	run            func(*doc.Document) error
}

func (s funcStage) Name() string              { return s.name }
func (s funcStage) Requires() []doc.Layer     { return s.requires }
func (s funcStage) Adds() []doc.Layer         { return s.adds }
func (s funcStage) Run(d *doc.Document) error { return s.run(d) }
