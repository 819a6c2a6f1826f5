package coder

import (
	"github.com/parley-events/parley/mention"
	"strings"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/kb"
)

// actorsOf finds the actor phrase heads of a trigger (several when the
// subject is coordinated) and says how they were found.
func (x *extraction) actorsOf(m match) ([]int, string) {
	heads, via, _ := x.actorsFound(m)
	return heads, via
}

// actorsFound is actorsOf with the id of the argument frame that found the
// actors, or "" when no frame of kb/data/frames.tsv did.
func (x *extraction) actorsFound(m match) (heads []int, via, frame string) {
	h := m.head
	if len(m.parties) > 0 {
		return m.parties, "subject", ""
	}
	if m.tr.POS == "N" {
		// The frames of kb/data/frames.tsv: "talks between Iran and Iraq",
		// "Chile's protest", "the raid by the militia", "Israeli strikes".
		if heads, via, f := x.frameActors(m); heads != nil {
			return heads, via, f.ID
		}
		if p := x.possessorBefore(h); p >= 0 {
			return []int{p}, "possessor", ""
		}
		if a := x.sharedModifier(h); a >= 0 {
			return []int{a}, "modifier", ""
		}
		// The subject of the light verb that governs the noun: "Israel has
		// begun delivering air strikes", "held talks with".
		if a := x.agentAfter(h); a >= 0 {
			return x.conjuncts(a), "agent", ""
		}
		v, ok := x.governingVerb(h)
		if !ok {
			// "condemned the attack ... by the Myanmar Armed Forces": an
			// agent the parse hung on the verb whose object the noun is.
			if t := x.d.Tokens[h]; t.Rel == "obj" && t.Head >= 0 {
				if a := x.byPhrase(t.Head); a >= 0 {
					return x.conjuncts(a), "agent", ""
				}
			}
			return nil, "", ""
		}
		h = v
	}
	if m.tr.POS == "V" {
		if heads, via, f := x.frameActors(m); heads != nil {
			return heads, via, f.ID
		}
	}
	// A pattern whose recipient is not a direct object ("demonstrate in +")
	// cannot be passive, so a bare participle there is a mis-tagged past
	// tense ("students demonstrated in Dhaka"), not "those detained".
	objectless := m.tr.POS == "V" && (m.tr.Recipient < 0 || kb.IsPreposition(m.tr.Words[m.tr.Recipient]))
	if m.tr.POS == "V" && m.tr.Recipient >= 0 && m.tr.Words[m.tr.Recipient] == "by" {
		// "Kenya was alarmed by the raids": a pattern whose "by" phrase
		// is what the subject feels ("alarm by +") is no passive; its
		// subject is the actor.
		for _, dep := range x.deps[h] {
			if x.d.Tokens[dep].Rel == "nsubj:pass" {
				return x.subjects(x.subjectPhrase(dep)), "subject", ""
			}
		}
	}
	s, via := x.subjectWith(h, 0, objectless)
	if s < 0 && m.tr.POS == "V" && x.hostile(m.tr.Type) && x.passive(h, objectless) {
		// "its troops were shelled from the Pakistani side": a hostile
		// act told in the passive came from whoever its "from" phrase
		// names.
		s, via = x.fromSide(h), "agent"
	}
	if s < 0 {
		return nil, "", ""
	}
	subjects := x.subjects(s)
	if via == "subject" {
		// In text order: those before the subject first.
		var before, after []int
		for _, k := range x.lostConjuncts(h, s, len(subjects) == 1) {
			if k < s {
				before = append(before, k)
			} else {
				after = append(after, k)
			}
		}
		subjects = append(append(before, subjects...), after...)
	}
	if len(subjects) == 1 && m.tr.Sym {
		subjects = append(subjects, x.coordinatedByWords(s)...)
	}
	if len(subjects) == 1 && m.tr.Sym {
		// "Chile and Peru met on Monday. They agreed to ...": a plural
		// pronoun stands for the sides its antecedent coordinates.
		if p := x.ms.At(subjects[0]); p != nil && p.Kind == mention.Pronoun && p.Ref >= 0 {
			if sides := x.conjuncts(x.ms.Mentions[p.Ref].Head); len(sides) > 1 {
				subjects = sides
			}
		}
	}
	return subjects, via, ""
}

// lostConjuncts finds the other subjects of verb v that the parse gave it
// beside subject s instead of coordinating them ("Canada and
// Britain struck ..." parsed with two subjects): actor phrases joined to s
// by "and" or a comma. The first of a series ("Chile, Peru and Bolivia
// praised ...") may hang on the verb by another relation; it is found too,
// and (alone says s has no conjuncts of its own) so are other subjects.
func (x *extraction) lostConjuncts(v, s int, alone bool) []int {
	if x.ms.At(s) == nil {
		return nil
	}
	var out []int
	for _, dep := range x.deps[v] {
		if dep == s || x.ms.Index(dep) == x.ms.Index(s) {
			continue
		}
		switch r := x.d.Tokens[dep].Rel; {
		case r == "nsubj" && alone:
		case (r == "obl:unmarked" || r == "dep" || r == "nsubj") && dep < s && x.ms.At(dep) != nil && x.ms.At(dep).First == x.sentenceOf(v).First:
		default:
			continue
		}
		k := x.subjectPhrase(dep)
		if !x.namesActor(k) {
			continue
		}
		lo, hi := min(x.ms.At(s).Last, x.ms.At(k).Last), max(x.ms.At(s).First, x.ms.At(k).First)
		joined := hi > lo
		for j := lo; j < hi; j++ {
			if t := x.d.Tokens[j]; !(t.Text == "," || strings.EqualFold(t.Text, "and")) {
				joined = false
			}
		}
		if joined {
			out = append(out, k)
		}
	}
	return out
}

// coordinatedByWords finds the other side of "A and B" from the words
// around the mention at token n, for a symmetric event whose coordination
// the parse lost ("Iranian President Masoud Pezeshkian and Iraqi Prime
// Minister Mohammed Shia al-Sudani held talks").
func (x *extraction) coordinatedByWords(n int) []int {
	m := x.ms.At(n)
	if m == nil {
		return nil
	}
	if j := m.First - 1; j > 0 && strings.EqualFold(x.d.Tokens[j].Text, "and") {
		if o := x.ms.At(j - 1); o != nil && o.Country != "" {
			return []int{o.Head}
		}
	}
	if j := m.Last; j+1 < len(x.d.Tokens) && strings.EqualFold(x.d.Tokens[j].Text, "and") {
		if o := x.ms.At(j + 1); o != nil && o.Country != "" {
			return []int{o.Head}
		}
	}
	return nil
}

// possessorBefore reads a possessor from the words before noun n when the
// parse missed it: "the Houthis' continued attacks", "Russia's new
// strikes" (a participle right before the noun is its modifier, however it
// was parsed). It returns the possessor mention's head, or -1.
func (x *extraction) possessorBefore(n int) int {
	j := n - 1
	for j >= 0 && (x.d.Tokens[j].UPOS == "ADJ" || x.d.Tokens[j].UPOS == "NOUN" && x.ms.At(j) == nil || participleModifier(x.d.Tokens[j], n) ||
		j == n-1 && x.d.Tokens[j].UPOS == "VERB" && (x.d.Tokens[j].XPOS == "VBN" || x.d.Tokens[j].XPOS == "VBD")) && n-j < 4 {
		j--
	}
	if j < 1 {
		return -1
	}
	switch x.d.Tokens[j].Text {
	case "'s", "’s", "'", "’":
		if m := x.ms.At(j - 1); m != nil && m.Country != "" && m.Kind != mention.Pronoun {
			return m.Head
		}
	}
	// "the People's Liberation Army joint military drills": a force or
	// body named right before the event noun's modifiers is its doer,
	// however the parse attached it. Places are left out: "the Gaza
	// ceasefire talks" are about Gaza, not by it.
	if m := x.ms.At(j); m != nil && m.Last-1 == j && m.Country != "" && j < n-1 {
		switch m.Kind {
		case mention.Organisation, mention.Group, mention.Body:
			return m.Head
		}
	}
	return -1
}

// sharedModifier is the nationality or name that the parse gave to only
// part of a coordinated modifier of event noun n: in "Israeli air and
// artillery strikes" it modifies "air", in "Ukrainian missile and rocket
// strikes" (parsed as "missile" and "strikes") the first conjunct; either
// way the side modifies the whole phrase. It returns -1 when there is none.
func (x *extraction) sharedModifier(n int) int {
	var parts []int
	if t := x.d.Tokens[n]; t.Rel == "conj" && t.Head >= 0 && t.Head < n {
		parts = append(parts, t.Head)
	}
	for _, dep := range x.deps[n] {
		if x.d.Tokens[dep].Rel == "compound" && dep < n {
			parts = append(parts, dep)
		}
	}
	for _, p := range parts {
		if u := x.d.Tokens[p].UPOS; u != "NOUN" && u != "PROPN" {
			continue
		}
		for _, dep := range x.deps[p] {
			if r := x.d.Tokens[dep].Rel; (r == "amod" || r == "compound") && dep < p && x.namesActor(dep) {
				return dep
			}
		}
	}
	return -1
}

// participleModifier says whether t is a participle used as an adjective
// of noun n ("the Houthis' continued attacks", "Russia's renewed strikes").
func participleModifier(t doc.Token, n int) bool {
	return t.UPOS == "VERB" && (t.XPOS == "VBN" || t.XPOS == "VBG") && t.Head == n && (t.Rel == "amod" || t.Rel == "acl")
}

// governingVerb climbs from an event noun to the verb it is the object of,
// through nouns it modifies ("support for Palestine" in "stressed the
// stance on support for Palestine" climbs to "stressed"), provided that verb
// does not itself make the noun unreal ("called for a ceasefire").
func (x *extraction) governingVerb(n int) (int, bool) {
	for steps := 0; steps < 3; steps++ {
		t := x.d.Tokens[n]
		if t.Head < 0 {
			return 0, false
		}
		rel := t.Rel
		h := t.Head
		ht := x.d.Tokens[h]
		switch {
		case rel == "obj" || rel == "nsubj:pass" || strings.HasPrefix(rel, "obl") && complementCase[x.caseOf(n)]:
			if ht.UPOS != "VERB" && ht.UPOS != "AUX" {
				return 0, false
			}
			if !lightVerbs[x.lemmaAt(h)] {
				return 0, false
			}
			return h, true
		case strings.HasPrefix(rel, "nmod") || rel == "compound" || rel == "conj":
			if t := x.disc.TriggerTypes[h]; t != "" && t != x.disc.TriggerTypes[n] {
				// "reiterated their condemnation of all attacks": the
				// attacks are not the condemner's; the noun between is an
				// event of its own, about another.
				return 0, false
			}
			n = h
		default:
			return 0, false
		}
	}
	return 0, false
}

// conjHead is the verb that conjunct verb v is coordinated with. A
// tensed verb cannot share another verb's auxiliary: in "Egypt said the
// crossing would open and praised Qatar" the parse may hang "praised" on
// "open", but it is coordinated with "said", which governs that clause
// (so in "trusts that the disputes will be resolved and calls on").
// (A participle with no auxiliary of its own beside a bare verb is a past
// tense the tagger mistook.)
func (x *extraction) conjHead(v int) int {
	t := x.d.Tokens[v]
	h := t.Head
	if t.Rel != "conj" || h < 0 {
		return h
	}
	ht := x.d.Tokens[h]
	ownTense := finite(t.XPOS) || t.XPOS == "VBN" && !x.hasAux(v)
	// A participle shares its conjunct's auxiliary ("have been arrested,
	// beaten or shot"); a verb in -s or -ed does not.
	cannotShare := ht.XPOS == "VB" && ownTense || x.hasAux(h) && finite(t.XPOS)
	if cannotShare && ht.Rel == "ccomp" && ht.Head >= 0 && finite(x.d.Tokens[ht.Head].XPOS) {
		return ht.Head
	}
	return h
}

// subjectOf finds the subject phrase of verb v, following conjoined verbs,
// control ("began delivering"), relative clauses ("who arrived"),
// participial modifiers and passives. It returns -1 when there is none.
func (x *extraction) subjectOf(v, depth int) (int, string) { return x.subjectWith(v, depth, false) }

// subjectWith is subjectOf; objectless says the verb takes no direct
// object, so that a bare participle is read as active.
func (x *extraction) subjectWith(v, depth int, objectless bool) (int, string) {
	if depth > 4 || v < 0 {
		return -1, ""
	}
	passive := x.passive(v, objectless)
	subj := -1
	for _, dep := range x.deps[v] {
		t := x.d.Tokens[dep]
		switch {
		case t.Rel == "nsubj" && !passive:
			if rel := x.relativeAntecedent(dep); rel >= 0 {
				return rel, "subject"
			}
			// Of several subjects (a parse error), the one naming an actor.
			if s := x.subjectPhrase(dep); subj < 0 || !x.namesActor(subj) {
				subj = s
			}
		case passive && (t.Rel == "obl:agent" || strings.HasPrefix(t.Rel, "obl") && x.caseOf(dep) == "by"):
			return x.nominal(dep), "agent"
		}
	}
	if subj >= 0 {
		return subj, "subject"
	}
	if passive {
		// "food was delivered to Sudan by Qatar": the parse may
		// hang the agent on the phrase before it.
		for _, dep := range x.deps[v] {
			if strings.HasPrefix(x.d.Tokens[dep].Rel, "obl") {
				for _, c := range x.deps[dep] {
					if x.isNmod(c) && x.caseOf(c) == "by" && x.namesActor(x.nominal(c)) {
						return x.nominal(c), "agent"
					}
				}
			}
		}
		return -1, ""
	}
	t := x.d.Tokens[v]
	if t.Head < 0 || t.Rel == "parataxis" || t.Rel == "ccomp" || (finite(t.XPOS) || t.XPOS == "VBN") && (t.Rel == "acl" || t.Rel == "advcl" || t.Rel == "amod") {
		// A main clause whose subject the parser lost (long appositions
		// mislead it): take the actor phrase that opens the clause.
		if s := x.surfaceSubject(v); s >= 0 {
			return s, "surface"
		}
	}
	switch t.Rel {
	case "conj":
		return x.subjectWith(x.conjHead(v), depth+1, false)
	case "xcomp":
		// "urged Nepal to hold talks", "called on the rebels to leave":
		// a verb of influence (word class "influence") lends the
		// complement its object, or its "on" phrase, as subject (object
		// control); "plans to attack" and "called the president to
		// congratulate him" lend their own subject.
		if bare := (t.XPOS == "VB" || t.XPOS == "VBP") && !x.hasMarkTo(v); bare || x.c.kb.InClass("influence", x.lemmaAt(t.Head)) {
			// "saw police throw rocks", "made the army withdraw": a bare
			// infinitive is done by the verb's object, whatever the verb.
			for _, dep := range x.deps[t.Head] {
				r := x.d.Tokens[dep].Rel
				object := r == "obj" || r == "iobj" || strings.HasPrefix(r, "obl") && (x.caseOf(dep) == "on" || x.caseOf(dep) == "upon")
				if object && dep < v && x.ms.At(x.subjectPhrase(dep)) != nil {
					return x.subjectPhrase(dep), "controller"
				}
			}
		}
		return x.subjectWith(t.Head, depth+1, false)
	case "acl", "acl:relcl", "advcl:relcl":
		if h := x.subjectPhrase(t.Head); x.ms.At(h) != nil {
			return h, "subject"
		}
		if o := x.d.Tokens[t.Head]; t.XPOS == "VBG" && o.Rel == "obj" && o.Head >= 0 {
			// "claimed responsibility for striking", "took credit for
			// downing": a gerund completing the object of a verb is done
			// by that verb's subject.
			return x.subjectWith(o.Head, depth+1, false)
		}
	case "advcl":
		if o := x.judgedObject(v); o >= 0 {
			return o, "subject"
		}
		if t.XPOS == "VBG" || t.XPOS == "VBN" || t.XPOS == "VB" && x.hasMarkTo(v) && x.disc.TriggerTypes[t.Head] == event.Consult && x.d.Tokens[t.Head].XPOS == "VBD" {
			// "called the Peruvian president to congratulate him": what a
			// call or visit that took place was made to do, its maker did.
			// Other purposes are intentions ("deployed troops to restore
			// order", "will engage the parties to de-escalate") and stay
			// without an actor.
			return x.subjectWith(t.Head, depth+1, false)
		}
	}
	if finite(t.XPOS) {
		// A tensed verb has a subject even when the parse lost it
		// ("Stoltenberg met Erdogan" parsed as a list).
		if s := x.surfaceSubject(v); s >= 0 {
			return s, "surface"
		}
	}
	return -1, ""
}

// judgedObject is the doer of a "for" gerund that gives the grounds of a
// judgement: in "criticized the United States for ordering sanctions" and
// "praised Egypt for mediating" the object of the main verb does the
// ordering and the mediating, not its subject. It returns -1 otherwise.
func (x *extraction) judgedObject(v int) int {
	t := x.d.Tokens[v]
	if t.XPOS != "VBG" || t.Head < 0 {
		return -1
	}
	marked := false
	for _, dep := range x.deps[v] {
		if d := x.d.Tokens[dep]; d.Rel == "mark" && strings.EqualFold(d.Text, "for") {
			marked = true
		}
	}
	if !marked {
		return -1
	}
	for _, dep := range x.deps[t.Head] {
		if x.d.Tokens[dep].Rel == "obj" && dep < v && x.namesActor(dep) {
			return dep
		}
	}
	return -1
}

// passive says whether verb v is passive: it has a passive auxiliary or
// subject, or it is a bare past participle modifying or continuing another
// phrase ("those detained on Thursday", "personnel arbitrarily detained").
func (x *extraction) passive(v int, objectless bool) bool {
	t := x.d.Tokens[v]
	bare := t.XPOS == "VBN" && !objectless
	for _, dep := range x.deps[v] {
		switch x.d.Tokens[dep].Rel {
		case "aux:pass", "nsubj:pass":
			return true
		case "obl:agent":
			// An agent marks a participle passive even on a verb that
			// takes no object: "the pact signed by Chile".
			if t.XPOS == "VBN" {
				return true
			}
		case "aux", "nsubj":
			bare = false
		}
	}
	if t.Rel == "acl" && t.Head >= 0 && x.d.Tokens[t.Head].Head < 0 {
		// "Israeli aircraft struck ...": the parser made the subject the
		// root and the main verb its modifier; the tagger's VBD/VBN choice
		// is no evidence of a passive there.
		return false
	}
	if bare && v+1 < len(x.d.Tokens) {
		// A participle directly followed by a noun phrase has an object:
		// it is active, whatever the tagger made of -ed ("struck Hezbollah
		// positions", not "those detained on Thursday").
		switch x.d.Tokens[v+1].UPOS {
		case "DET", "PROPN", "NOUN", "NUM", "PRON", "ADJ":
			return false
		}
	}
	return bare && (t.Rel == "acl" || t.Rel == "advcl" || t.Rel == "amod")
}

// finite says whether Penn tag xpos is a verb form with its own tense
// ("calls", "called", "call" after a subject), not a bare infinitive or a
// participle that leans on an auxiliary.
func finite(xpos string) bool { return xpos == "VBD" || xpos == "VBZ" || xpos == "VBP" }

// surfaceSubject is the head of the first mention before verb v, in v's
// sentence, that is not inside a prepositional phrase and not followed by
// another verb before v.
func (x *extraction) surfaceSubject(v int) int {
	sent := x.sentenceOf(v)
	for i := sent.First; i < v; i++ {
		m := x.ms.At(i)
		if m == nil || m.Kind == mention.Pronoun && !strings.EqualFold(x.d.Tokens[i].Text, "he") && !strings.EqualFold(x.d.Tokens[i].Text, "she") {
			continue
		}
		if m.Country == "" {
			i = m.Last - 1
			continue
		}
		j := m.First - 1
		for j >= sent.First && x.d.Tokens[j].UPOS == "DET" {
			j--
		}
		if j >= sent.First && x.d.Tokens[j].UPOS == "ADP" && !strings.EqualFold(x.d.Tokens[j].Text, "as") {
			i = m.Last - 1
			continue
		}
		for k := m.Last; k < v; k++ {
			if x.d.Tokens[k].UPOS == "VERB" && !relativeClause(x.d.Tokens[k].Rel) && x.d.Tokens[k].Rel != "acl" && !x.inRelative(k, v) {
				return -1
			}
		}
		return m.Head
	}
	return -1
}

// inRelative says whether token k lies in a relative or participial
// clause that ends before v ("Bogdanov, who also serves as ..., met").
func (x *extraction) inRelative(k, v int) bool {
	for h, steps := k, 0; h >= 0 && steps < 6; steps++ {
		r := x.d.Tokens[h].Rel
		if relativeClause(r) || r == "acl" || r == "appos" {
			return true
		}
		if h == v {
			return false
		}
		h = x.d.Tokens[h].Head
	}
	return false
}

func (x *extraction) sentenceOf(i int) doc.Sentence {
	return x.d.Sentences[x.sentIndex[i]]
}

// namesActor says whether token n carries a mention resolved to a country.
func (x *extraction) namesActor(n int) bool {
	m := x.ms.At(n)
	return m != nil && m.Country != ""
}

// subjectPhrase returns the token carrying the actor of subject phrase n:
// n itself, or the "of" phrase of a collective head ("the members of the
// Security Council"). Unlike recipients, a subject's possessor is not its
// actor: "Tehran's priorities are ..." is not something Tehran does.
func (x *extraction) subjectPhrase(n int) int {
	if x.ms.At(n) != nil {
		return n
	}
	for _, dep := range x.deps[n] {
		if x.isNmod(dep) && x.caseOf(dep) == "of" && x.ms.At(dep) != nil {
			return dep
		}
	}
	// "Russian missiles struck", "Houthi drones hit": weapons or units
	// named by their side's nationality act for that side.
	for _, dep := range x.deps[n] {
		if r := x.d.Tokens[dep].Rel; (r == "amod" || r == "compound") && dep < n && x.namesActor(dep) {
			return dep
		}
	}
	return n
}

// relativeClause says whether relation rel attaches a relative clause:
// to a noun (acl:relcl) or, for "which" standing for a whole clause or a
// name the parser took for one, to a clause (advcl:relcl).
func relativeClause(rel string) bool { return rel == "acl:relcl" || rel == "advcl:relcl" }

// relativePronoun says whether token i is a relative pronoun.
func (x *extraction) relativePronoun(i int) bool {
	return relativePronouns[strings.ToLower(x.d.Tokens[i].Text)]
}

// relativeNonSubject says whether verb v has a relative pronoun that is not
// its subject ("whom" parsed as an oblique in "the reporters whom soldiers
// detained").
func (x *extraction) relativeNonSubject(v int) bool {
	for _, dep := range x.deps[v] {
		if r := x.d.Tokens[dep].Rel; x.relativePronoun(dep) && !strings.HasPrefix(r, "nsubj") && r != "mark" {
			return true
		}
	}
	return false
}

// relativeDoer is the subject of relative clause v when the noun the
// clause modifies is what its verb acted upon: "the deal that Serbia and
// Kosovo reached", "the raids the army carried out" were done by that
// subject. -1 where the clause has an object of its own or its subject is
// the relative pronoun ("the deal that ended the war").
func (x *extraction) relativeDoer(v int) int {
	subj := -1
	for _, dep := range x.deps[v] {
		switch r := x.d.Tokens[dep].Rel; {
		case r == "obj" && !x.relativePronoun(dep):
			return -1
		case r == "nsubj" && !x.relativePronoun(dep) && x.namesActor(x.nominal(dep)):
			subj = x.nominal(dep)
		}
	}
	return subj
}

// relativeAntecedent maps a relative pronoun subject ("who") to the noun
// its clause modifies.
func (x *extraction) relativeAntecedent(dep int) int {
	if !x.relativePronoun(dep) {
		return -1
	}
	v := x.d.Tokens[dep].Head
	if v >= 0 && relativeClause(x.d.Tokens[v].Rel) {
		return x.d.Tokens[v].Head
	}
	// "India, which called on Pakistan ..., shares a border": a parse
	// that made the relative clause the sentence's main one still shows
	// "X, which" in the words.
	if sent := x.sentenceOf(dep); v >= 0 && x.d.Tokens[v].Head < 0 && dep-2 >= sent.First && x.d.Tokens[dep-1].Text == "," {
		if m := x.ms.At(dep - 2); m != nil && m.Country != "" {
			return m.Head
		}
	}
	return -1
}

// nominal returns the token carrying the mention of noun phrase n: n itself,
// or, for a head that names no actor ("the stance", "parts", "the attack"),
// the actor inside the phrase, looked for in order of how directly it
// stands for the phrase: a "by" agent ("the attack by the Myanmar Armed
// Forces"), a possessor ("Russia's stance"), a name or nationality modifier
// ("Houthi targets"), an "of" phrase ("parts of Lebanon"), and last a place
// ("the change of government in Niger").
func (x *extraction) nominal(n int) int {
	if n < 0 || x.ms.At(n) != nil {
		return n
	}
	if f := x.phraseActor(n, 0); f >= 0 {
		return f
	}
	return n
}

// eventsAgent says whether a "by" phrase under noun n is the agent of the
// event noun n is the "of"/"on"/"against" phrase of, or of the passive
// verb n is a phrase of, where the parse hung it on the nearer noun: in
// "the raid on two villages by the militia" the militia raided, the
// villages did nothing.
func (x *extraction) eventsAgent(n int) bool {
	h := x.d.Tokens[n].Head
	if h < 0 || !x.isNmod(n) || x.disc.TriggerTypes[h] == "" {
		return false
	}
	if x.d.Tokens[h].UPOS == "VERB" {
		// "troops were deployed to the border by Ethiopia": a passive
		// verb's agent, hung on the phrase before it.
		return x.passive(h, false)
	}
	c := x.caseOf(n)
	return c == "of" || c == "on" || c == "against"
}

func (x *extraction) phraseActor(n, depth int) int {
	if depth > 2 {
		return -1
	}
	deps := x.deps[n]
	for _, rank := range [...]func(int) bool{
		func(dep int) bool { return x.isNmod(dep) && x.caseOf(dep) == "by" && !x.eventsAgent(n) },
		func(dep int) bool { return x.d.Tokens[dep].Rel == "nmod:poss" },
		func(dep int) bool {
			r := x.d.Tokens[dep].Rel
			return (r == "amod" || r == "compound") && dep < n
		},
		func(dep int) bool { return x.isNmod(dep) && (x.caseOf(dep) == "of" || x.caseOf(dep) == "from") },
		// "several neighbours, such as Oman and Iraq", "donors including
		// Japan": the examples name the sides.
		func(dep int) bool { return x.isNmod(dep) && (x.caseOf(dep) == "such" || x.caseOf(dep) == "including") },
		func(dep int) bool {
			c := x.caseOf(dep)
			return x.isNmod(dep) && (c == "in" || c == "at") && x.ms.At(dep) != nil && x.ms.At(dep).Place
		},
	} {
		for _, dep := range deps {
			if !rank(dep) {
				continue
			}
			if m := x.ms.At(dep); m != nil && m.Country != "" && x.ms.Index(dep) != x.ms.Index(n) {
				return dep
			}
			if f := x.phraseActor(dep, depth+1); f >= 0 {
				return f
			}
		}
	}
	return -1
}

func (x *extraction) isNmod(dep int) bool {
	r := x.d.Tokens[dep].Rel
	return strings.HasPrefix(r, "nmod") && r != "nmod:poss" || strings.HasPrefix(r, "obl")
}

// conjuncts expands a phrase head over its coordination: "Lebanon and
// Syria" gives both heads, and so does "parts of Lebanon and Syria".
func (x *extraction) conjuncts(n int) []int { return x.coordinated(n, x.nominal) }

// subjects expands a subject phrase over its coordination ("Ali Bagheri
// Kani and Abu Marzouk").
func (x *extraction) subjects(n int) []int { return x.coordinated(n, x.subjectPhrase) }

func (x *extraction) coordinated(n int, head func(int) int) []int {
	k := head(n)
	out := []int{k}
	if adj := x.coordinatedAdjectives(n, k); len(adj) > 0 {
		if !x.namesActor(k) {
			out = nil // "Pakistani and Afghan border forces": the adjectives name the sides
		}
		out = append(out, adj...)
	}
	for _, h := range []int{n, k} {
		for _, dep := range x.deps[h] {
			if (x.d.Tokens[dep].Rel == "conj" || x.seriesMember(dep)) && isNominalTag(x.d.Tokens[dep].UPOS) {
				out = append(out, x.coordinated(dep, head)...)
			}
		}
		if k == n {
			break
		}
	}
	if t := x.d.Tokens[n]; x.isNmod(n) && t.Head >= 0 {
		// "spoke with the Bolivian president and with the Peruvian
		// minister": the parse may coordinate the second phrase with the
		// verb; its own preposition says it is the same role.
		for _, dep := range x.deps[t.Head] {
			if dep > n && x.d.Tokens[dep].Rel == "conj" && isNominalTag(x.d.Tokens[dep].UPOS) && x.caseOf(dep) == x.caseOf(n) {
				out = append(out, x.coordinated(dep, head)...)
			}
		}
	}
	return append(out, x.ofConjuncts(k)...)
}

// ofConjuncts finds the other sides of a role phrase whose country is a
// coordinated "of" phrase: "the foreign ministers of Chile and Peru" are
// Chile's and Peru's.
func (x *extraction) ofConjuncts(k int) []int {
	mk := x.ms.At(k)
	if mk == nil || mk.Named || mk.Country == "" {
		return nil
	}
	var out []int
	for _, dep := range x.deps[k] {
		if !x.isNmod(dep) || x.caseOf(dep) != "of" {
			continue
		}
		if md := x.ms.At(dep); md == nil || md.Country != mk.Country {
			continue
		}
		for _, c := range x.deps[dep] {
			if x.d.Tokens[c].Rel == "conj" && x.namesActor(c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// seriesMember says whether token i is a member of a coordinated series
// the parse calls a list: in "Kenya, Uganda and Tanzania", "Uganda" may
// hang on "Kenya" as a list item with "Tanzania" as its conjunct.
func (x *extraction) seriesMember(i int) bool {
	if x.d.Tokens[i].Rel != "list" {
		return false
	}
	for _, dep := range x.deps[i] {
		if x.d.Tokens[dep].Rel == "conj" {
			return true
		}
	}
	return false
}

// coordinatedAdjectives finds the other sides of a phrase whose noun is
// shared by coordinated nationality adjectives ("Pakistani and Afghan
// border forces", "the Spanish and Moroccan interior ministers"): the parser
// hangs the first adjective on the noun and the others on it, and the
// mention of the noun (k) takes at most the adjective next to it. It
// returns the adjectives naming other countries than k's mention.
func (x *extraction) coordinatedAdjectives(n, k int) []int {
	own := ""
	if mk := x.ms.At(k); mk != nil {
		own = mk.Country
	}
	var out []int
	for _, dep := range x.deps[n] {
		if x.d.Tokens[dep].Rel != "amod" || dep > n {
			continue
		}
		group := []int{dep}
		for _, c := range x.deps[dep] {
			if x.d.Tokens[c].Rel == "conj" {
				group = append(group, c)
			}
		}
		if len(group) < 2 {
			continue // a lone adjective is part of the noun's own mention
		}
		for _, a := range group {
			if ma := x.ms.At(a); ma != nil && ma.Country != "" && ma.Country != own && x.ms.Index(a) != x.ms.Index(k) {
				out = append(out, a)
			}
		}
	}
	return out
}

func isNominalTag(upos string) bool { return upos == "NOUN" || upos == "PROPN" || upos == "PRON" }

// recipientsOf finds the recipient phrase heads for the pattern's slot.
func (x *extraction) recipientsOf(m match) []int {
	if len(m.recipToks) > 0 {
		return x.conjuncts(m.recipToks[0])
	}
	slot := m.recipSlot
	t := x.d.Tokens[slot]
	var n int = -1
	if slot == m.head || t.UPOS != "ADP" {
		// A direct object: of the verb (or the passive subject), or the
		// phrase right after the pattern's last word.
		for _, dep := range x.deps[m.head] {
			switch x.d.Tokens[dep].Rel {
			case "obj", "nsubj:pass":
				if n < 0 {
					n = dep // of two objects (a parse error: "detained them off Gujarat"), the first
				}
			}
		}
		if relativeClause(x.d.Tokens[m.head].Rel) && (n >= 0 && x.relativePronoun(n) || n < 0 && x.relativeNonSubject(m.head)) {
			// "the village, which Israeli jets struck": the object is the
			// noun the relative clause describes.
			n = x.d.Tokens[m.head].Head
		}
		if n < 0 {
			// "shooting and arresting people": conjoined verbs share the
			// object of the last one.
			for _, dep := range x.deps[m.head] {
				if x.d.Tokens[dep].Rel == "conj" && x.d.Tokens[dep].UPOS == "VERB" {
					for _, o := range x.deps[dep] {
						if x.d.Tokens[o].Rel == "obj" {
							n = o
						}
					}
				}
			}
		}
		if n < 0 && slot != m.head {
			n = x.nextPhrase(slot+1, 4)
		}
		if n < 0 && m.tr.POS == "V" {
			n = x.nextPhrase(m.last+1, 3)
		}
	} else {
		// A preposition: its phrase is its head in UD ("with" → "Marzouk").
		if t.Head > slot && t.Rel == "case" {
			n = t.Head
		} else {
			n = x.nextMention(slot+1, 5)
		}
	}
	if n >= 0 && x.relativePronoun(n) {
		// "the banks on which Norway imposed sanctions": the phrase
		// is the noun the relative clause describes.
		if v := x.d.Tokens[n].Head; v >= 0 && relativeClause(x.d.Tokens[v].Rel) {
			n = x.d.Tokens[v].Head
		}
	}
	if n < 0 {
		return nil
	}
	if k := x.nominal(n); x.ms.At(k) == nil && m.tr.POS == "V" {
		if a := x.agentAfter(k); a >= 0 {
			return x.conjuncts(a)
		}
		if a := x.agentUnder(k); a >= 0 && x.judging(m.tr.Type) {
			// "worried by the renewed tests of rockets by Iran": the
			// agent of the act judged, under its phrase.
			return x.conjuncts(a)
		}
		// "condemned the attack ... by M23": the parse may hang the agent
		// of the event noun on the verb. A passive verb's "by" phrase is
		// its own agent ("the drills were condemned by Japan").
		if a := x.byPhrase(m.head); a >= 0 && !x.passive(m.head, false) {
			n = a
		}
	}
	if m.tr.POS == "V" && (x.hostileType(n) != "" || x.judging(m.tr.Type) && x.disc.TriggerTypes[n] != "") {
		// "denounced the raid conducted by the ADF", "welcomed the
		// agreement between Eritrea and Ethiopia": a judgement of an act
		// is aimed at those who did it.
		return x.doers(n)
	}
	return x.conjuncts(n)
}

// doers expands a hostile event noun that is the object of a verb
// ("condemned all attacks on cities ... in Ukraine and the Russian
// Federation") into the phrases that may name who did it: the noun itself
// (its event's actor, if the document gave it one) and only the actors
// that stand for its doer (a "by" agent, a possessor, a nationality).
// Places and targets inside the phrase are its victims, never the one a
// condemnation or demand is aimed at, also when the parse coordinated a
// target noun with the event noun.
func (x *extraction) doers(n int) []int {
	out := []int{n}
	if d := x.doerPhrase(n); d >= 0 {
		out = x.conjuncts(d)
	}
	for _, dep := range x.deps[n] {
		if x.d.Tokens[dep].Rel != "conj" {
			continue
		}
		switch {
		case x.hostileType(dep) != "":
			out = append(out, x.doers(dep)...)
		case x.ms.At(dep) != nil && x.ms.At(dep).Kind != mention.Place:
			out = append(out, dep) // "condemned the attacks and the Houthis"
		}
	}
	return out
}

// doerPhrase is the head of the phrase inside event noun n that names who
// did it: a "by" agent, a possessor, or a name or nationality modifier
// ("the attack by M23", "Russia's strikes", "Houthi attacks"); -1 if none.
func (x *extraction) doerPhrase(n int) int {
	for _, dep := range x.deps[n] {
		t := x.d.Tokens[dep]
		doer := x.isNmod(dep) && x.caseOf(dep) == "by" || t.Rel == "nmod:poss" ||
			(t.Rel == "amod" || t.Rel == "compound") && dep < n
		if doer && x.namesActor(dep) && x.ms.Index(dep) != x.ms.Index(n) {
			return dep
		}
	}
	if a := x.agentAfter(n); a >= 0 {
		return a
	}
	for _, dep := range x.deps[n] {
		t := x.d.Tokens[dep]
		switch {
		case x.isNmod(dep) && x.caseOf(dep) == "between" && x.namesActor(x.nominal(dep)):
			return x.nominal(dep) // "the meeting between Djibouti and Eritrea"
		case t.Rel == "acl" && t.XPOS == "VBN":
			// "the raid, conducted by the ADF", "the agreement signed
			// by Eritrea and Ethiopia"
			for _, a := range x.deps[dep] {
				if r := x.d.Tokens[a].Rel; (r == "obl:agent" || strings.HasPrefix(r, "obl") && x.caseOf(a) == "by") && x.namesActor(x.nominal(a)) {
					return x.nominal(a)
				}
			}
		case t.Rel == "acl:relcl":
			if s := x.relativeDoer(dep); s >= 0 {
				return s
			}
		}
	}
	return x.possessorBefore(n)
}

// byPhrase returns the head of a "by" phrase of token h that names an
// actor, or -1. The words are checked too: in "the attack by the Myanmar
// Armed Forces today" the parser may make "today" the phrase's head.
func (x *extraction) byPhrase(h int) int {
	for _, dep := range x.deps[h] {
		if x.isNmod(dep) && x.caseOf(dep) == "by" {
			if x.ms.At(dep) != nil {
				return dep
			}
			for _, c := range x.deps[dep] {
				if x.d.Tokens[c].Rel == "case" {
					if m := x.ms.At(c + 1); m != nil && m.Country != "" {
						return m.Head
					}
				}
			}
		}
	}
	return -1
}

// passiveSubject returns the passive subject of verb v that names an
// actor ("Iran" in "Iran was urged to ..."), or -1.
func (x *extraction) passiveSubject(v int) int {
	for _, dep := range x.deps[v] {
		if x.d.Tokens[dep].Rel == "nsubj:pass" {
			if k := x.nominal(dep); x.namesActor(k) {
				return k
			}
		}
	}
	return -1
}

// agentAfter returns the mention of a "by" phrase right after event noun n
// ("the attack by M23"), whatever the parse made of it, or -1.
func (x *extraction) agentAfter(n int) int {
	sent := x.sentenceOf(n)
	limit := n + 2
	for j := n + 1; j < sent.Last && j <= limit; j++ {
		if t := x.d.Tokens[j]; t.XPOS == "VBN" && j == n+1 || t.Rel == "compound:prt" && j == n+2 {
			// "the raid conducted by the ADF", "the deal reached by":
			// a participle naming the act again may stand between.
			limit++
			continue
		}
		if strings.EqualFold(x.d.Tokens[j].Text, "by") {
			if m := x.ms.At(j + 1); m != nil && m.Country != "" && m.Kind != mention.Pronoun {
				return m.Head
			}
			return -1
		}
	}
	return -1
}

// fromSide is the head of verb v's "from" phrase when it names an actor
// other than a town or region ("from the Pakistani side", "from Lebanon"),
// or -1.
func (x *extraction) fromSide(v int) int {
	for _, dep := range x.deps[v] {
		if !strings.HasPrefix(x.d.Tokens[dep].Rel, "obl") || x.caseOf(dep) != "from" {
			continue
		}
		k := dep
		if x.ms.At(k) == nil {
			k = x.phraseActor(dep, 0) // "the Pakistani side"
		}
		if m := x.ms.At(k); m != nil && m.Country != "" && m.Kind != mention.Place {
			return k
		}
	}
	return -1
}

// agentUnder is the "by" agent naming an actor that the parse hung on
// noun n or on n's "of" phrase ("launches of missiles by North Korea"),
// or -1.
func (x *extraction) agentUnder(n int) int {
	for _, dep := range x.deps[n] {
		if !x.isNmod(dep) {
			continue
		}
		if x.caseOf(dep) == "by" && x.namesActor(dep) {
			return dep
		}
		if x.caseOf(dep) == "of" {
			for _, dd := range x.deps[dep] {
				if x.isNmod(dd) && x.caseOf(dd) == "by" && x.namesActor(dd) {
					return dd
				}
			}
		}
	}
	return -1
}

// nextMention returns the head of the first mention starting within limit
// tokens from token from, or -1.
func (x *extraction) nextMention(from, limit int) int { return x.nextHead(from, limit, false) }

// nextPhrase is nextMention, stopping also at an event noun: in "noted
// with concern the detention of reporters by police" the phrase after the
// pattern is the detention, not the reporters inside it.
func (x *extraction) nextPhrase(from, limit int) int { return x.nextHead(from, limit, true) }

// nextHead returns the head of the first mention (or, with events, event
// noun) among the limit+1 tokens from token from, before any verb or
// punctuation, or -1.
func (x *extraction) nextHead(from, limit int, events bool) int {
	for j := from; j < len(x.d.Tokens) && j <= from+limit; j++ {
		if m := x.ms.At(j); m != nil {
			return m.Head
		}
		t := x.d.Tokens[j]
		if events && t.UPOS == "NOUN" && x.disc.TriggerTypes[j] != "" {
			return j
		}
		if t.UPOS == "VERB" || t.UPOS == "PUNCT" {
			return -1
		}
	}
	return -1
}

// caseOf returns the lower-cased preposition of a noun phrase, or "".
func (x *extraction) caseOf(n int) string { return x.ms.CaseOf(x.d, n) }

// attribution finds who the clause of token h is attributed to: the subject
// of a reporting verb it is the complement of, or parenthetical to
// ("..., the embassy said"), or an "according to" phrase.
func (x *extraction) attribution(h int) *event.Actor {
	for v, steps := h, 0; v >= 0 && steps < 6; steps++ {
		t := x.d.Tokens[v]
		for _, dep := range x.deps[v] {
			dt := x.d.Tokens[dep]
			switch {
			case (dt.Rel == "parataxis" || dt.Rel == "ccomp") && x.reporting(dep):
				if s, _ := x.subjectOf(dep, 0); s >= 0 {
					if a := x.actor(s); a != nil {
						return a
					}
				}
			case strings.HasPrefix(dt.Rel, "obl") && x.accordingTo(dep):
				if a := x.actor(x.nominal(dep)); a != nil {
					return a
				}
			}
		}
		if t.Rel == "ccomp" && t.Head >= 0 && x.reporting(t.Head) {
			if s, _ := x.subjectOf(t.Head, 0); s >= 0 {
				return x.actor(s)
			}
		}
		v = t.Head
	}
	return nil
}

// reportedByOther says whether the clause of token h is told by someone
// who is not of country c: "Somalia could expel the envoy, analysts
// said" is the analysts' forecast, not Somalia's word.
func (x *extraction) reportedByOther(h int, c string) bool {
	other := func(v int) bool {
		s, _ := x.subjectOf(v, 0)
		if s < 0 {
			return false
		}
		a := x.actor(s)
		return a == nil || a.Country != c
	}
	for v, steps := h, 0; v >= 0 && steps < 6; steps++ {
		t := x.d.Tokens[v]
		for _, dep := range x.deps[v] {
			if dt := x.d.Tokens[dep]; (dt.Rel == "parataxis" || dt.Rel == "ccomp") && x.reporting(dep) && other(dep) {
				return true
			}
		}
		if t.Rel == "ccomp" && t.Head >= 0 && x.reporting(t.Head) {
			return other(t.Head)
		}
		v = t.Head
	}
	return false
}

func (x *extraction) reporting(v int) bool {
	_, ok := x.c.kb.Reporting([]string{x.lemmaAt(v)})
	return ok
}

func (x *extraction) accordingTo(n int) bool {
	for _, dep := range x.deps[n] {
		if strings.EqualFold(x.d.Tokens[dep].Text, "according") {
			return true
		}
	}
	return false
}

// impliedRecipient finds the recipient of an event whose pattern slot is
// empty, when the sentence still makes it plain: the subject of what a
// demand asks for ("demands that all parties to the conflict in Sudan
// facilitate access"), the doer of the harm a demand would end ("demand the
// release of those detained" asks whoever detained them), the one country a
// demand or sanction names ("restrict goods to Russia"), and what a protest
// condemns ("held rallies ... to condemn Israel's crimes"). The actor's own
// side is never its recipient. It returns nil when the text says nothing
// definite.
func (x *extraction) impliedRecipient(m match, act *event.Actor) *event.Actor {
	foreign := func(a *event.Actor) *event.Actor {
		if a == nil || a.Country == "" || a.Country == act.Country {
			return nil
		}
		return a
	}
	switch m.tr.Type {
	case event.Request:
		if a := foreign(x.complementSubject(m)); a != nil {
			return a
		}
		if a := foreign(x.harmDoer(m)); a != nil {
			return a
		}
		return x.soleCountry(m, act)
	case event.Accuse:
		return foreign(x.complementSubject(m))
	case event.Sanction:
		return x.soleCountry(m, act)
	case event.Protest:
		return foreign(x.condemnedTarget(m))
	case event.Coerce:
		return domestic(act)
	}
	return nil
}

// domestic is the country a state's own coercion is aimed at when its
// text names no one the country is known of: "the regime detained
// opposition figures", "police arrested dozens" are done to the state's
// own people. A group that is no state organ is not assumed to act at
// home.
func domestic(act *event.Actor) *event.Actor {
	switch act.Sector {
	case "", "GOV", "MIL", "COP", "JUD":
		return &event.Actor{Name: "unidentified", Country: act.Country, Sector: "UNK", Code: act.Country + "UNK"}
	}
	return nil
}

// complementSubject is the actor a verb trigger's complement clause is
// about: "demands that Israel allow ...", "urged that all parties respect".
func (x *extraction) complementSubject(m match) *event.Actor {
	if m.tr.POS != "V" {
		return nil
	}
	for _, c := range x.deps[m.head] {
		if r := x.d.Tokens[c].Rel; r != "ccomp" && r != "xcomp" {
			continue
		}
		for _, s := range x.deps[c] {
			if x.d.Tokens[s].Rel != "nsubj" {
				continue
			}
			if k := x.nominal(s); x.namesActor(k) && x.ms.At(k).Kind != mention.Pronoun {
				return x.actor(k)
			}
		}
	}
	return nil
}

// judging says whether events of type t judge an act (a column of
// kb/data/plover.tsv): their recipient, when it is an act, is whoever did
// that act: praise, criticism and rejection of it.
func (x *extraction) judging(t event.Type) bool {
	pt, _ := x.c.kb.PloverType(t)
	return pt.Judging
}

// hostile says whether events of type t harm their recipient (a column of
// kb/data/plover.tsv): a country named inside such an event's phrase ("an
// end to attacks on Gaza") is not whom a demand is addressed to, but the
// attacker is.
func (x *extraction) hostile(t event.Type) bool {
	pt, _ := x.c.kb.PloverType(t)
	return pt.Hostile
}

// hostileType returns the hostile event type whose trigger matched at
// token i (as a verb or an event noun), or "".
func (x *extraction) hostileType(i int) event.Type {
	if t := x.disc.TriggerTypes[i]; x.hostile(t) {
		return t
	}
	return ""
}

// argumentTokens lists the tokens of the trigger's own phrase or clause
// that may name its recipient: the trigger's subtree without its subject,
// parenthetical or reporting clauses, and without the insides of hostile
// events it mentions: their roots are passed to harm, which says whether
// to look inside after all. A sanction keeps the restrictions that spell
// it out ("sanctions restricting exports to Russia"): their target is its
// own.
func (x *extraction) argumentTokens(m match, harm func(int) bool) []int {
	var out []int
	var walk func(int)
	walk = func(i int) {
		for _, dep := range x.deps[i] {
			switch x.d.Tokens[dep].Rel {
			case "nsubj", "nsubj:pass", "csubj", "parataxis", "obl:agent", "punct", "appos":
				continue
			}
			if x.sentIndex[dep] != x.sentIndex[m.head] {
				continue
			}
			if h := x.hostileType(dep); h != "" && !(m.tr.Type == event.Sanction && (h == event.Sanction || h == event.Coerce)) {
				if harm == nil || !harm(dep) {
					continue
				}
			}
			out = append(out, dep)
			walk(dep)
		}
	}
	walk(m.head)
	return out
}

// harmDoer is the doer of a hostile event a demand wants ended: the actor
// the document gave that event ("an end to Israel's killing of Gazans"),
// or, for a participle or definite noun that refers back ("the release of
// those detained", "an end to the blockade"), whoever the document last
// reported doing such a thing.
func (x *extraction) harmDoer(m match) *event.Actor {
	var found *event.Actor
	x.argumentTokens(m, func(i int) bool {
		if found != nil {
			return false
		}
		if a := x.disc.Actors[i]; a != nil {
			found = a
			return false
		}
		if x.refersBack(i) {
			found = x.disc.LastOfType[x.hostileType(i)]
		}
		return found == nil
	})
	return found
}

// refersBack says whether event word i points at a happening already
// reported: a definite noun ("the blockade") or a participle standing for
// its patients ("those detained", "the personnel arbitrarily detained").
func (x *extraction) refersBack(i int) bool {
	t := x.d.Tokens[i]
	if t.UPOS == "NOUN" {
		return x.definiteNoun(i)
	}
	if t.UPOS != "VERB" || t.XPOS != "VBN" {
		return false
	}
	for _, dep := range x.deps[i] {
		switch x.d.Tokens[dep].Rel {
		case "nsubj", "nsubj:pass", "aux", "aux:pass", "obj":
			return false
		}
	}
	return t.Rel != "root" && t.Rel != "ccomp" && t.Rel != "conj"
}

// soleCountry is the one country, other than the actor's, that the
// trigger's phrase or clause names ("sanctions restricting exports to
// Russia", "access to civilians in Sudan"); nil when it names none or
// several.
func (x *extraction) soleCountry(m match, act *event.Actor) *event.Actor {
	var found *event.Actor
	seen := map[*doc.Mention]bool{}
	for _, i := range x.argumentTokens(m, nil) {
		mn := x.ms.At(i)
		if mn == nil || seen[mn] || mn.Country == "" || mn.Kind == mention.Pronoun || i != mn.Head {
			continue
		}
		seen[mn] = true
		// PLOVER's non-state codes (kb.Special): an organisation named in a
		// demand ("through the United Nations") is a channel, not the
		// country it is about.
		if mn.Country == act.Country || x.c.kb.Special(mn.Country) {
			continue
		}
		if found != nil && found.Country != mn.Country {
			return nil
		}
		if found == nil {
			found = x.actor(i)
		}
	}
	return found
}

// condemnedTarget is what a protest's own clause condemns: "held rallies
// ... to condemn Israel's crimes", "marched, denouncing the United States".
func (x *extraction) condemnedTarget(m match) *event.Actor {
	root := m.head
	if m.tr.POS == "N" {
		if v, ok := x.governingVerb(m.head); ok {
			root = v
		}
	}
	var found *event.Actor
	for _, i := range x.argumentTokens(match{tr: m.tr, head: root}, nil) {
		if x.d.Tokens[i].UPOS != "VERB" || !x.accusing(i) {
			continue
		}
		for _, o := range x.deps[i] {
			if x.d.Tokens[o].Rel == "obj" {
				if a := x.recipientActor(x.nominal(o)); a != nil && found == nil {
					found = a
				}
			}
		}
	}
	return found
}

// accusing says whether verb i is an ACCUSE trigger ("condemn", "denounce").
func (x *extraction) accusing(i int) bool {
	for _, tr := range x.c.kb.Triggers(x.lemmaAt(i)) {
		if tr.POS == "V" && tr.Type == event.Accuse {
			return true
		}
	}
	return false
}

// noteSanctioned records the targets a sanction match names ("new
// sanctions against Russia"), whether or not the sentence says who
// imposes them.
func (x *extraction) noteSanctioned(m match) {
	if m.tr.NoRecip || m.recipSlot < 0 {
		return
	}
	for _, r := range x.recipientsOf(m) {
		if a := x.actor(r); a != nil && a.Country != "" {
			if _, ok := x.disc.Sanctioned[a.Country]; !ok {
				x.disc.Sanctioned[a.Country] = a
			}
		}
	}
}

// sanctionTargets gives sanctions whose sentence names no target the one
// target the document names for sanctions elsewhere: an article about
// "new sanctions against Russia" means Russia by "the sanctions" and by
// "New US Sanctions" in its headline. Several targets leave them open.
func (x *extraction) sanctionTargets(evs []event.Event) {
	if len(x.disc.Sanctioned) != 1 {
		return
	}
	for _, target := range x.disc.Sanctioned {
		for i := range evs {
			e := &evs[i]
			if e.Type == event.Sanction && e.Recipient == nil && e.Actor.Country != target.Country {
				t := *target
				e.Recipient = &t
				if e.Why != nil {
					e.Why.Recipient = "document's sanction target"
				}
			}
		}
	}
}

// proximity says whether events of type t may name their target by where
// the act is staged next to it (a column of kb/data/plover.tsv): "military
// drills near Taiwan", "troops massed around Kyiv", "warships off the coast
// of Yemen" are aimed at the place's country, as a blockade around Gaza is.
func (x *extraction) proximity(t event.Type) bool {
	pt, _ := x.c.kb.PloverType(t)
	return pt.Proximity
}

// proximityTargets finds the phrases of trigger m (or of the phrase its
// recipient slot names, "in the Taiwan Strait and around Taiwan") that set
// the act near a place naming an actor, or nil.
func (x *extraction) proximityTargets(m match) []int {
	var out []int
	var walk func(h, depth int)
	walk = func(h, depth int) {
		for _, dep := range x.deps[h] {
			t := x.d.Tokens[dep]
			if !x.isNmod(dep) && t.Rel != "conj" || x.sentIndex[dep] != x.sentIndex[m.head] {
				continue
			}
			if proximityCase[x.caseOf(dep)] {
				if k := x.nominal(dep); x.namesActor(k) {
					out = append(out, x.conjuncts(dep)...)
				}
				continue
			}
			if depth < 1 && x.disc.TriggerTypes[dep] == "" {
				walk(dep, depth+1)
			}
		}
	}
	walk(m.head, 0)
	if m.last != m.head && len(out) == 0 {
		walk(m.last, 0) // "held exercises near the Finnish border"
	}
	return out
}

// namedRecipients says whether any of the recipient phrases names an actor.
func (x *extraction) namedRecipients(recips []int) bool {
	for _, r := range recips {
		if a := x.recipientActor(r); a != nil {
			return true
		}
	}
	return false
}
