package coder

import (
	"fmt"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/nlp"
	"github.com/parley-events/parley/pipeline"
)

// Pipeline returns parley's default pipeline, ending in c's coding
// stages:
//
//	segment → annotate (tags, lemmas, parse) → mentions → times →
//	triggers → events → sanctions → merge
//
// The events stage finds each trigger's actor, recipient, date, place,
// modality and attribution together, because they decide one another: a
// place can be the target ("struck positions in Yemen"), a date can tell
// which earlier actor "the attack" was.
func (c *Coder) Pipeline() *pipeline.Pipeline {
	stages := append(nlp.Stages(), mention.Stage{KB: c.kb}, timesStage{}, triggersStage{c}, eventsStage{c}, sanctionsStage{c}, mergeStage{c})
	return pipeline.Must(stages...)
}

var parsed = []doc.Layer{doc.LayerTokens, doc.LayerSentences, doc.LayerTags, doc.LayerLemmas, doc.LayerParse}

// timesStage adds the Times layer: each sentence's temporal expressions.
type timesStage struct{}

func (timesStage) Name() string          { return "times" }
func (timesStage) Requires() []doc.Layer { return parsed }
func (timesStage) Adds() []doc.Layer     { return []doc.Layer{doc.LayerTimes} }
func (timesStage) Run(d *doc.Document) error {
	d.Times = findTimes(d)
	return nil
}

// triggersStage adds the Triggers layer: where a pattern of the lexicon
// matches, outside the words of a time expression.
type triggersStage struct{ c *Coder }

func (triggersStage) Name() string { return "triggers" }
func (triggersStage) Requires() []doc.Layer {
	return append(parsed, doc.LayerMentions, doc.LayerTimes)
}
func (triggersStage) Adds() []doc.Layer { return []doc.Layer{doc.LayerTriggers} }
func (s triggersStage) Run(d *doc.Document) error {
	x := s.c.extract(d)
	scan := doc.NewDiscourse() // the triggers found so far, for the frames
	x.disc = &scan
	d.Triggers = d.Triggers[:0]
	for si := range d.Sentences {
		for _, m := range x.triggers(si) {
			d.Triggers = append(d.Triggers, doc.Trigger{Sentence: si, Pattern: m.tr, Head: m.head, Last: m.last,
				Slot: m.recipSlot, SlotHeads: m.recipToks, Parties: m.parties})
		}
	}
	return nil
}

// eventsStage adds the Events layer, one sentence after another, and the
// Discourse layer that carries what it found from one to the next.
type eventsStage struct{ c *Coder }

func (eventsStage) Name() string { return "events" }
func (eventsStage) Requires() []doc.Layer {
	return append(parsed, doc.LayerMentions, doc.LayerTimes, doc.LayerTriggers)
}
func (eventsStage) Adds() []doc.Layer { return []doc.Layer{doc.LayerEvents, doc.LayerDiscourse} }
func (s eventsStage) Run(d *doc.Document) error {
	d.Discourse = doc.NewDiscourse()
	x := s.c.extract(d)
	d.Events = nil
	bySentence := make([][]match, len(d.Sentences))
	for _, t := range d.Triggers {
		bySentence[t.Sentence] = append(bySentence[t.Sentence], match{tr: t.Pattern, head: t.Head, last: t.Last,
			recipSlot: t.Slot, recipToks: t.SlotHeads, parties: t.Parties})
	}
	for si := range d.Sentences {
		d.Events = append(d.Events, x.sentenceEvents(si, bySentence[si])...)
	}
	return nil
}

// sanctionsStage gives sanctions without a target the one target the
// document names for its sanctions (see sanctionTargets).
type sanctionsStage struct{ c *Coder }

func (sanctionsStage) Name() string { return "sanctions" }
func (sanctionsStage) Requires() []doc.Layer {
	return append(parsed, doc.LayerMentions, doc.LayerEvents, doc.LayerDiscourse)
}
func (sanctionsStage) Adds() []doc.Layer { return []doc.Layer{doc.LayerEvents} }
func (s sanctionsStage) Run(d *doc.Document) error {
	s.c.extract(d).sanctionTargets(d.Events)
	return nil
}

// mergeStage folds repeated reports of one happening into one event,
// drops the modalities c leaves out, and numbers the events.
type mergeStage struct{ c *Coder }

func (mergeStage) Name() string          { return "merge" }
func (mergeStage) Requires() []doc.Layer { return []doc.Layer{doc.LayerEvents} }
func (mergeStage) Adds() []doc.Layer     { return []doc.Layer{doc.LayerEvents} }
func (s mergeStage) Run(d *doc.Document) error {
	evs := merge(d.Events, s.c.symmetric)
	out := evs[:0]
	for _, e := range evs {
		if s.c.AllModalities || e.Modality == "asserted" {
			out = append(out, e)
		}
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("%s-%d", d.ID, i+1)
	}
	d.Events = out
	return nil
}
