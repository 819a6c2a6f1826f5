package coder

import (
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/mention"
	"strconv"
	"strings"

	"github.com/parley-events/parley/argmodel"
	"github.com/parley-events/parley/event"
)

// Decision is one choice of an event argument, as offered to the argument
// model: the trigger, the role, every candidate with its features and
// country, and the one chosen. A Coder with a Trace function reports each
// decision, so that package argtrain can label the candidates with gold
// events and learn from them.
type Decision struct {
	DocID    string
	Sentence int        // index of the trigger's sentence
	Type     event.Type // event type of the trigger's pattern
	Role     argmodel.Role
	// ActorCountry is the chosen actor's country, for a recipient.
	ActorCountry string
	// Candidates[0] is always "none"; Countries[i] is candidate i's
	// country ("" for none).
	Candidates []argmodel.Candidate
	Countries  []string
	// Ruled is the candidate the grammar frames chose (0: none). Where
	// they chose one, their choice stands; the decision is still reported,
	// so that training learns from it how candidates rank.
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
// where the frames chose none (ruled is 0), and reports the decision to
// the coder's Trace. The frames' own choice always stands.
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
	if model != nil && ruled == 0 {
		chosen = model.Choose(role, cs)
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

// chooseActor lets the model choose an actor where the frames found none
// (heads, found via, are theirs). It returns the heads to use, or an
// actor the discourse offers, and how the choice was made ("model").
func (x *extraction) chooseActor(m match, heads []int, via string) ([]int, *event.Actor, string) {
	if x.c.Arguments == nil && x.c.Trace == nil || len(heads) == 0 && x.detention(m) {
		// A detention with no author named is made where the sentence
		// places it (detainer): the frames know that better.
		return heads, nil, via
	}
	cands := x.candidates(m, argmodel.Actor, heads, via, "")
	ruled := 0
	if len(heads) > 0 {
		if ruled = x.candidateAt(cands, heads[0]); ruled == 0 {
			// The frames' actor is no candidate of the model's ("in a US
			// airstrike": a place phrase): theirs stands.
			return heads, nil, via
		}
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

// chooseRecipients lets the model choose a recipient where the frames
// found no recipient phrase, given the event's actor phrase heads and
// country: the heads of the chosen phrase, or an actor the discourse
// offers, or neither.
func (x *extraction) chooseRecipients(m match, actors []int, actorCountry string) ([]int, *event.Actor) {
	if x.c.Arguments == nil && x.c.Trace == nil {
		return nil, nil
	}
	cands := x.candidates(m, argmodel.Recipient, nil, "", actorCountry)
	// The actor's own mention is no candidate for its recipient.
	for _, a := range actors {
		if i := x.candidateAt(cands, x.nominal(a)); i > 0 {
			cands = append(cands[:i], cands[i+1:]...)
		}
	}
	switch c := cands[x.decide(m, argmodel.Recipient, cands, 0, actorCountry)]; {
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
	none := argCandidate{head: -1, feats: []string{"none", "none|" + ctx.pos, "none|type=" + string(m.tr.Type), "none|ruled=" + ruledState,
		"none|type=" + string(m.tr.Type) + "|ruled=" + ruledState, "none|" + ctx.pos + "|voice=" + ctx.voice,
		"none|pattern=" + strings.Join(m.tr.Words, " ") + "|" + string(m.tr.Type), "none|trigger=" + x.lemmaAt(m.head) + "|" + ctx.pos}}
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
		if role == argmodel.Actor && mn.SetIn {
			continue // "clashes in the West Bank": where it happens, not who does it
		}
		if role == argmodel.Recipient && (x.insideHostileEvent(m, mn) || !mn.Named && mn.Country == actorCountry || x.doesLikewise(m, mn)) {
			// "called for a halt to the shelling of Ukrainian cities": the
			// victims of an act the trigger is about are not its target;
			// the act's doer is, and the frames find it. Nor is a
			// collective the story situates in the actor's own country
			// ("fighters"), or a side doing the same act in the sentence.
			continue
		}
		c := argCandidate{head: mn.Head, feats: x.mentionFeatures(m, ctx, mn, order)}
		order++
		if ruledMention[x.ms.Index(mn.Head)] {
			c.feats = append(c.feats, "ruled", "ruled|via="+via, "ruled|type="+string(m.tr.Type))
		}
		if role == argmodel.Recipient && mn.Country == actorCountry {
			c.feats = append(c.feats, "same-as-actor", "same-as-actor|kind="+string(mn.Kind))
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
			"disc=" + name + "|type=" + string(m.tr.Type), "disc=" + name + "|subject=" + ctx.subject, "disc=" + name + "|ruled=" + ruledState}}
		if role == argmodel.Recipient && a.Country == actorCountry {
			c.feats = append(c.feats, "same-as-actor")
		}
		cands = append(cands, c)
	}
	if role == argmodel.Actor {
		add("previous", x.disc.Recent)
		add("lead", x.disc.Lead)
	} else if cs := x.docCountries(); len(cs) > 0 && !m.tr.Sym {
		// A one-sided act with no target named may be aimed at the
		// country the story is about ("urged all sides to show
		// restraint"); the other side of a meeting or a clash must be named.
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
			if mn := x.ms.At(dep); mn != nil && mn.Kind == mention.Pronoun {
				c.subject = "pronoun"
			}
		}
	}
	return c
}

// mentionFeatures describes mention mn as a filler of trigger m: how the
// parse links them, how it is marked, what it is. order counts the actor
// mentions before it in the sentence.
func (x *extraction) mentionFeatures(m match, ctx triggerContext, mn *doc.Mention, order int) []string {
	k := x.mentionTop(mn)
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
	kind := string(mn.Kind)
	if kind == "" {
		kind = "other"
	}
	p, t := ctx.pos, string(m.tr.Type)
	f := []string{
		"mention",
		"path=" + path,
		"path=" + path + "|" + p,
		"path=" + path + "|voice=" + ctx.voice,
		"path=" + path + "|type=" + t,
		"first=" + firstArc(path) + "|" + p,
		"last=" + lastArc(path) + "|" + p,
		"last=" + lastArc(path) + "|voice=" + ctx.voice,
		"last=" + lastArc(path) + "|type=" + t,
		"ends=" + firstArc(path) + lastArc(path) + "|" + p,
		"steps=" + strconv.Itoa(strings.Count(path, "<")) + "/" + strconv.Itoa(strings.Count(path, ">")),
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
	if x.c.kb.Special(mn.Country) {
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

// insideHostileEvent says whether mention mn lies in the phrase of a
// hostile act other than trigger m itself: a token on the way up from mn
// to m is the trigger of an attack, a sanction, a threat or coercion.
func (x *extraction) insideHostileEvent(m match, mn *doc.Mention) bool {
	if x.hostile(m.tr.Type) {
		return false
	}
	anc := map[int]bool{}
	for h, n := m.head, 0; h >= 0 && n < 12; n++ {
		anc[h] = true
		h = x.d.Tokens[h].Head
	}
	for h, n := x.d.Tokens[x.mentionTop(mn)].Head, 0; h >= 0 && n < 12 && !anc[h]; n++ {
		if x.hostileType(h) != "" {
			return true
		}
		h = x.d.Tokens[h].Head
	}
	return false
}

// doesLikewise says whether mention mn is the actor of another event of
// trigger m's type in m's sentence ("the EU's sanctions on Iran" beside
// "British sanctions": the EU is no target of the British ones).
func (x *extraction) doesLikewise(m match, mn *doc.Mention) bool {
	sent := x.sentenceOf(m.head)
	for t := sent.First; t < sent.Last; t++ {
		a := x.disc.Actors[t]
		if t != m.head && x.disc.TriggerTypes[t] == m.tr.Type && a != nil &&
			a.Country == mn.Country && a.Name == mn.Name {
			return true
		}
	}
	return false
}

// mentionTop is the token of mention mn that the parse hangs outside it:
// "Secretary" in "Secretary of State Michael Pompeo", whatever the
// mention's head noun is, so that paths end where the phrase attaches.
func (x *extraction) mentionTop(mn *doc.Mention) int {
	for i := mn.First; i < mn.Last; i++ {
		if h := x.d.Tokens[i].Head; h < mn.First || h >= mn.Last {
			return i
		}
	}
	return mn.Head
}

// firstArc and lastArc are the first and last steps of a path ("<obj",
// ">nsubj"), or the whole path when it is "far" or "self".
func firstArc(path string) string {
	if i := strings.IndexAny(path[1:], "<>"); i >= 0 {
		return path[:i+1]
	}
	return path
}

func lastArc(path string) string {
	if i := strings.LastIndexAny(path, "<>"); i > 0 {
		return path[i:]
	}
	return path
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

// impliesRecipient says whether the frames read a recipient for the first
// actor from the rest of the sentence (impliedRecipient).
func (x *extraction) impliesRecipient(m match, heads []int, offered *event.Actor) bool {
	act := offered
	if act == nil {
		if acts := x.actorList(heads); len(acts) > 0 {
			act = acts[0]
		}
	}
	return act != nil && x.impliedRecipient(m, act) != nil
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
