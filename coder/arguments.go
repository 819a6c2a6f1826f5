package coder

import (
	"strconv"
	"strings"

	"github.com/parley-events/parley/argmodel"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/mention"
)

// Decision is one choice of an event argument, as offered to the argument
// model: the trigger, the role, every candidate with its features and
// country, and the one chosen. A Coder with a Trace function reports each
// decision, so that package argtrain can label the candidates with gold
// events and learn from them.
type Decision struct {
	DocID    string
	Sentence int    // index of the trigger's sentence
	Type     string // event type of the trigger's pattern
	Role     argmodel.Role
	// ActorCountry is the chosen actor's country, for a recipient.
	ActorCountry string
	// Candidates[0] is always "none"; Countries[i] is candidate i's
	// country ("" for none).
	Candidates []argmodel.Candidate
	Countries  []string
	// Ruled is the candidate the grammar frames chose (0: none). Where
	// they chose one, the model only ranks the others against it: whether
	// there is an event at all is the frames' call.
	Ruled  int
	Chosen int
}

// argCandidate is one possible filler of a role: a mention of the
// trigger's sentence (head ≥ 0), an actor the discourse offers (actor set),
// or none (neither).
type argCandidate struct {
	head  int
	actor *event.Actor
	feats []string
}

func (c *argCandidate) country(x *extraction) string {
	switch {
	case c.actor != nil:
		return c.actor.Country
	case c.head >= 0:
		return x.ms.At(c.head).Country
	}
	return ""
}

// decide lets the argument model choose among cands (cands[0] is none)
// and reports the decision to the coder's Trace. Without a model, the
// hand-written frames' choice, ruled, stands.
func (x *extraction) decide(m match, role argmodel.Role, cands []argCandidate, ruled int, actorCountry string) int {
	model, trace := x.c.Arguments, x.c.Trace
	if model == nil && trace == nil {
		return ruled
	}
	cs := make([]argmodel.Candidate, len(cands))
	for i := range cands {
		cs[i] = argmodel.Candidate{Features: cands[i].feats}
	}
	chosen := ruled
	if model != nil {
		if ruled > 0 {
			chosen = 1 + model.Choose(role, cs[1:])
		} else {
			chosen = model.Choose(role, cs)
		}
	}
	if trace != nil {
		countries := make([]string, len(cands))
		for i := range cands {
			countries[i] = cands[i].country(x)
		}
		trace(Decision{DocID: x.d.ID, Sentence: int(x.sentIndex[m.head]), Type: m.tr.Type, Role: role, ActorCountry: actorCountry,
			Candidates: cs, Countries: countries, Ruled: ruled, Chosen: chosen})
	}
	return chosen
}

// chooseActor lets the model confirm or replace the actor phrase heads the
// frames found (heads, found via). It returns the heads to use, or an
// actor offered by the discourse instead, and how the choice was made.
func (x *extraction) chooseActor(m match, heads []int, via string) ([]int, *event.Actor, string) {
	if x.c.Arguments == nil && x.c.Trace == nil {
		return heads, nil, via
	}
	cands := x.candidates(m, argmodel.Actor, heads, via, "")
	ruled := 0
	if len(heads) > 0 {
		ruled = x.candidateAt(cands, heads[0])
	}
	chosen := x.decide(m, argmodel.Actor, cands, ruled, "")
	switch c := cands[chosen]; {
	case chosen == ruled:
		return heads, nil, via
	case c.actor != nil:
		return nil, c.actor, "model"
	case c.head >= 0:
		return x.subjects(c.head), nil, "model"
	}
	return nil, nil, ""
}

// chooseRecipients does the same for the recipient phrase heads recips,
// given the event's actor country.
func (x *extraction) chooseRecipients(m match, recips []int, actorCountry string) ([]int, *event.Actor) {
	if x.c.Arguments == nil && x.c.Trace == nil {
		return recips, nil
	}
	cands := x.candidates(m, argmodel.Recipient, recips, "", actorCountry)
	ruled := 0
	for _, r := range recips {
		if i := x.candidateAt(cands, x.nominal(r)); i > 0 {
			ruled = i
			break
		}
	}
	if ruled == 0 && len(recips) > 0 {
		// The frames' recipient names no actor of the sentence (an event
		// noun standing for its doer, a facility): choosing none keeps
		// their reading.
		cands[0].feats = append(cands[0].feats, "none|frames-unnamed", "none|frames-unnamed|type="+m.tr.Type)
	}
	chosen := x.decide(m, argmodel.Recipient, cands, ruled, actorCountry)
	switch c := cands[chosen]; {
	case chosen == ruled:
		return recips, nil
	case c.actor != nil:
		return nil, c.actor
	case c.head >= 0:
		return x.conjuncts(c.head), nil
	}
	return nil, nil
}

// candidateAt returns the index of the candidate whose mention covers
// token k, or 0 (none).
func (x *extraction) candidateAt(cands []argCandidate, k int) int {
	if k < 0 || x.ms.At(k) == nil {
		return 0
	}
	mi := x.ms.Index(k)
	for i, c := range cands {
		if c.head >= 0 && x.ms.Index(c.head) == mi {
			return i
		}
	}
	return 0
}

// candidates lists the fillers the model may choose for role: none, each
// actor mention of the trigger's sentence, and the actors the discourse
// offers (the previous event's actor and the document's first actor for an
// actor; the country the document is about for a recipient). ruled are the
// frames' heads, via how they found them; actorCountry is the chosen
// actor's country when role is the recipient.
func (x *extraction) candidates(m match, role argmodel.Role, ruled []int, via, actorCountry string) []argCandidate {
	sent := x.sentenceOf(m.head)
	ctx := x.triggerContext(m)
	ruledMention := map[int]bool{}
	for _, r := range ruled {
		if k := x.nominal(r); x.ms.At(k) != nil {
			ruledMention[x.ms.Index(k)] = true
		}
	}
	ruledState := "none"
	if len(ruled) > 0 {
		ruledState = "some"
	}
	none := argCandidate{head: -1, feats: []string{"none", "none|" + ctx.pos, "none|type=" + m.tr.Type, "none|ruled=" + ruledState,
		"none|type=" + m.tr.Type + "|ruled=" + ruledState, "none|" + ctx.pos + "|voice=" + ctx.voice}}
	cands := []argCandidate{none}
	order := 0
	for i := sent.First; i < sent.Last; i++ {
		mn := x.ms.At(i)
		if mn == nil {
			continue
		}
		i = mn.Last - 1
		if mn.Country == "" || m.head >= mn.First && m.head < mn.Last {
			continue
		}
		c := argCandidate{head: mn.Head, feats: x.mentionFeatures(m, ctx, mn, order)}
		order++
		if ruledMention[x.ms.Index(mn.Head)] {
			c.feats = append(c.feats, "ruled", "ruled|via="+via, "ruled|type="+m.tr.Type)
		}
		if role == argmodel.Recipient && mn.Country == actorCountry {
			c.feats = append(c.feats, "same-as-actor", "same-as-actor|kind="+mn.Kind)
		}
		cands = append(cands, c)
	}
	add := func(name string, a *event.Actor) {
		if a == nil || a.Country == "" {
			return
		}
		for _, c := range cands[1:] {
			if c.country(x) == a.Country {
				return // the sentence names it: that mention is the better candidate
			}
		}
		c := argCandidate{head: -1, actor: a, feats: []string{"disc=" + name, "disc=" + name + "|" + ctx.pos,
			"disc=" + name + "|type=" + m.tr.Type, "disc=" + name + "|subject=" + ctx.subject, "disc=" + name + "|ruled=" + ruledState}}
		if role == argmodel.Recipient && a.Country == actorCountry {
			c.feats = append(c.feats, "same-as-actor")
		}
		cands = append(cands, c)
	}
	if role == argmodel.Actor {
		add("previous", x.recentActor)
		add("lead", x.leadActor)
	} else if cs := x.docCountries(); len(cs) > 0 {
		add("story", &event.Actor{Name: cs[0], Country: cs[0], Code: cs[0]})
	}
	return cands
}

// triggerContext describes the trigger for the candidates' features.
type triggerContext struct {
	pos     string // "N" or "V"
	voice   string // "active", "passive" or "noun"
	subject string // what the trigger's clause has as subject: "named", "pronoun", "none"
}

func (x *extraction) triggerContext(m match) triggerContext {
	c := triggerContext{pos: m.tr.POS, voice: "noun", subject: "none"}
	v := m.head
	if m.tr.POS == "V" {
		c.voice = "active"
		if x.passive(m.head, false) {
			c.voice = "passive"
		}
	} else if g, ok := x.governingVerb(m.head); ok {
		v = g
	}
	for _, dep := range x.deps[v] {
		if r := x.d.Tokens[dep].Rel; r == "nsubj" || r == "nsubj:pass" {
			c.subject = "named"
			if mn := x.ms.At(dep); mn != nil && mn.Kind == "pronoun" {
				c.subject = "pronoun"
			}
		}
	}
	return c
}

// mentionFeatures describes mention mn as a filler of trigger m: how the
// parse links them, how it is marked, what it is. order counts the actor
// mentions before it in the sentence.
func (x *extraction) mentionFeatures(m match, ctx triggerContext, mn *mention.Mention, order int) []string {
	k := mn.Head
	path := x.depPath(m.head, k)
	cs := x.caseOf(k)
	if cs == "" {
		cs = "-"
	}
	rel := x.d.Tokens[k].Rel
	dir := "after"
	if k < m.head {
		dir = "before"
	}
	kind := mn.Kind
	if kind == "" {
		kind = "other"
	}
	p, t := ctx.pos, m.tr.Type
	f := []string{
		"mention",
		"path=" + path,
		"path=" + path + "|" + p,
		"path=" + path + "|voice=" + ctx.voice,
		"path=" + path + "|type=" + t,
		"case=" + cs + "|" + p,
		"case=" + cs + "|type=" + t,
		"case=" + cs + "|dir=" + dir + "|" + p,
		"rel=" + rel + "|" + p,
		"rel=" + rel + "|voice=" + ctx.voice,
		"dir=" + dir + "|" + p,
		"dist=" + distance(k-m.head),
		"kind=" + kind,
		"kind=" + kind + "|type=" + t,
		"kind=" + kind + "|case=" + cs,
		"order=" + strconv.Itoa(min(order, 3)),
		"order=" + strconv.Itoa(min(order, 3)) + "|" + p,
	}
	if mn.SetIn {
		f = append(f, "set-in", "set-in|type="+t)
	}
	if mn.Sector != "" {
		f = append(f, "sector="+mn.Sector+"|type="+t)
	}
	if specialCountry(mn.Country) {
		f = append(f, "special|type="+t)
	}
	if mn.Plural {
		f = append(f, "plural|"+p)
	}
	if !mn.Named {
		f = append(f, "unnamed|kind="+kind)
	}
	return f
}

// depPath spells the dependency path from token from to token to: "<rel"
// for each step up to their lowest common head, then ">rel" for each step
// down ("<obj>nsubj": from an object noun up to its verb, down to the
// verb's subject). Paths longer than five steps, or across sentences, are
// "far".
func (x *extraction) depPath(from, to int) string {
	up := map[int]int{} // ancestor of from → steps to reach it
	for h, n := from, 0; h >= 0 && n < 12; n++ {
		up[h] = n
		h = x.d.Tokens[h].Head
	}
	var down []string
	h := to
	for n := 0; n < 12; n++ {
		if steps, ok := up[h]; ok {
			var b strings.Builder
			for i, k := 0, from; i < steps; i++ {
				b.WriteString("<" + x.d.Tokens[k].Rel)
				k = x.d.Tokens[k].Head
			}
			for i := len(down) - 1; i >= 0; i-- {
				b.WriteString(">" + down[i])
			}
			if steps+len(down) > 5 {
				return "far"
			}
			if b.Len() == 0 {
				return "self"
			}
			return b.String()
		}
		if h < 0 {
			break
		}
		down = append(down, x.d.Tokens[h].Rel)
		h = x.d.Tokens[h].Head
	}
	return "far"
}

// distance buckets a signed token distance.
func distance(n int) string {
	a := n
	if a < 0 {
		a = -a
	}
	b := "1"
	switch {
	case a > 15:
		b = "16+"
	case a > 7:
		b = "8-15"
	case a > 3:
		b = "4-7"
	case a > 1:
		b = "2-3"
	}
	if n < 0 {
		return "-" + b
	}
	return "+" + b
}

// firstCountry is the country of the first of an event's actors: the
// mention at heads[0], or offered.
func (x *extraction) firstCountry(heads []int, offered *event.Actor) string {
	if offered != nil {
		return offered.Country
	}
	if len(heads) > 0 {
		if mn := x.ms.At(x.nominal(heads[0])); mn != nil {
			return mn.Country
		}
	}
	return ""
}
