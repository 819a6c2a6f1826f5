package coder

import (
	"slices"
	"strings"

	"github.com/parley-events/parley/dates"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/kb"
	"github.com/parley-events/parley/mention"
)

// extraction is what the coding stages read one document through: its
// layers indexed for lookups, and caches of what they derive from them.
// The state coding carries from sentence to sentence is the document's
// Discourse layer (disc), not fields of its own.
type extraction struct {
	c     *Coder
	d     *doc.Document
	ms    *mention.Set // the Mentions layer, indexed by token
	deps  [][]int
	times [][]dates.Expr // the Times layer, by sentence
	disc  *doc.Discourse

	sentIndex  []int32                    // token → index of its sentence
	countries  []string                   // the document's countries, once computed
	place      **event.Location           // the document's main place, once computed
	settled    *string                    // settledCountry's answer, once computed
	onlyPlaces map[string]*event.Location // country → onlyPlaceIn's answer, once computed
	setIn      *setInIndex                // where the document sets things, once computed (where.go)
}

// extract indexes d's layers for the coding stages.
func (c *Coder) extract(d *doc.Document) *extraction {
	ms := mention.Index(d)
	x := &extraction{c: c, d: d, ms: ms, deps: ms.Dependents(), sentIndex: sentenceIndex(d),
		times: make([][]dates.Expr, len(d.Sentences)), disc: &d.Discourse}
	for _, t := range d.Times {
		x.times[t.Sentence] = append(x.times[t.Sentence], t.Expr)
	}
	if d.Discourse.Actors == nil {
		d.Discourse = doc.NewDiscourse()
	}
	return x
}

// match is one trigger found in a sentence.
type match struct {
	tr        kb.Trigger
	head      int   // trigger token
	last      int   // last token of the matched pattern
	recipSlot int   // token the recipient hangs from (a preposition, or the verb for a direct object); -1
	recipToks []int // recipient phrase head found by the surface match ("accuse + of"), if any
	parties   []int // actor phrase heads given by the frame that found the trigger, if any
}

// triggers finds the triggers of sentence si (the triggers stage): the
// words where a lexicon pattern matches, each taking the words its pattern
// covers, and the joint declarations. The triggers found so far are noted
// in x.disc.TriggerTypes, for the frames that ask whether a word governs
// another event.
func (x *extraction) triggers(si int) []match {
	d := x.d
	sent := d.Sentences[si]
	var found []match
	covered := map[int]bool{}
	for _, e := range x.times[si] {
		// "on 5 March", "May 9": a month is no march, no May.
		for j := sent.First + e.First; j < sent.First+e.Last; j++ {
			covered[j] = true
		}
	}
	for i := sent.First; i < sent.Last; i++ {
		t := d.Tokens[i]
		if covered[i] {
			continue
		}
		var pos string
		switch t.UPOS {
		case "VERB", "ADJ":
			// Predicative adjectives carry verb patterns: "is deeply
			// concerned over", "remains committed to".
			pos = "V"
		case "NOUN", "PROPN":
			pos = "N"
		default:
			continue
		}
		if pos == "N" && t.Rel == "compound" && t.Head > i && x.d.Tokens[t.Head].UPOS == "NOUN" {
			// "attack ads", "strike force": an event noun that only
			// modifies another noun names a kind of thing, not an act.
			continue
		}
		m, ok := x.bestMatch(i, pos, sent)
		if ok && pos == "V" {
			m = x.withNounSlot(m, sent)
		}
		if !ok && pos == "N" {
			m, ok = x.causeMatch(i)
		}
		if !ok {
			continue
		}
		found = append(found, m)
		x.disc.TriggerTypes[i] = m.tr.Type
		for j := m.head; j <= m.last; j++ {
			covered[j] = true
		}
	}
	if m, ok := x.jointDeclaration(sent); ok {
		found = append(found, m)
	}
	if x.sport(sent) {
		// "Ghana beat Togo in the football final": no violence.
		kept := found[:0]
		for _, m := range found {
			if !x.hostile(m.tr.Type) {
				kept = append(kept, m)
			}
		}
		found = kept
	}
	return found
}

// sentenceEvents codes the triggers found in sentence si into events (the
// events stage), noting in the discourse who did what.
func (x *extraction) sentenceEvents(si int, found []match) []event.Event {
	for _, m := range found {
		x.disc.TriggerTypes[m.head] = m.tr.Type
		if m.tr.Type == event.Sanction {
			x.noteSanctioned(m)
		}
	}
	if len(found) == 0 {
		return nil
	}
	exprs := x.times[si]
	var evs []event.Event
	// Event nouns first: a verb's recipient may be one of them ("condemned
	// the attack by M23" is aimed at M23).
	for _, pos := range [...]string{"N", "V"} {
		for _, m := range found {
			if m.tr.POS != pos || x.outcome(m) || x.describesNoun(m) {
				continue
			}
			es := x.events(si, m, exprs, found)
			es = append(es, x.conditionalThreats(m, es)...)
			for _, e := range es {
				if _, ok := x.disc.Actors[m.head]; !ok {
					x.disc.Actors[m.head] = e.Actor
				}
				x.disc.LastOfType[e.Type] = e.Actor
				if e.Recipient != nil && e.Recipient.Country != e.Actor.Country && (x.c.symmetric(e.Type) || e.Why != nil && mutualSides[e.Why.Recipient]) {
					x.disc.Pair = [2]*event.Actor{e.Actor, e.Recipient}
				}
				x.disc.LastTargets[e.Type] = e.Recipient
				x.disc.Recent = e.Actor
				if x.disc.Lead == nil {
					x.disc.Lead = e.Actor
				}
			}
			evs = append(evs, es...)
		}
	}
	sortEvents(evs)
	return evs
}

// sport says whether sentence sent is about a game: it has a word of
// data/sports_words.txt.
func (x *extraction) sport(sent doc.Sentence) bool {
	for i := sent.First; i < sent.Last; i++ {
		if sportsWords[x.lemmaAt(i)] {
			return true
		}
	}
	return false
}

// outcome says whether verb trigger m tells what an event noun of the
// same type did, as its subject: "Israel's strikes on the village killed
// three people", "the attack by the rebels destroyed a bridge". The noun
// is the happening (when it gave an event); the verb adds no second one.
func (x *extraction) outcome(m match) bool {
	if m.tr.POS != "V" {
		return false
	}
	for _, dep := range x.deps[m.head] {
		if x.d.Tokens[dep].Rel == "nsubj" && x.disc.TriggerTypes[dep] == m.tr.Type && x.disc.Actors[dep] != nil {
			return true
		}
	}
	return false
}

// mutualSides are the rules that find a recipient playing the same role
// as the actor ("Peru and Bolivia clashed", "fighting between A and B").
var mutualSides = map[string]bool{"second side": true, "other side": true}

// describesNoun says whether verb trigger m is a participle describing an
// event noun's aim, of the same type or hostile: "sanctions targeting
// officials", "strikes hitting the port", "a campaign threatening the
// villages". The noun is the happening, and takes the participle's object
// as its target; the participle adds no second event. A participle of
// another kind is its own act: "protests demanding reforms" are also a
// demand.
func (x *extraction) describesNoun(m match) bool {
	t := x.d.Tokens[m.head]
	if m.tr.POS != "V" || t.Rel != "acl" || t.Head < 0 {
		return false
	}
	nt := x.disc.TriggerTypes[t.Head]
	if nt != "" && x.participle(m.head) && lightVerbs[x.lemmaAt(m.head)] {
		// "the deal struck between Kenya and Uganda", "the talks held
		// in Doha": the support verb's participle only tells of the
		// noun's act.
		return true
	}
	return t.XPOS == "VBG" && nt != "" && (nt == m.tr.Type || x.hostile(m.tr.Type))
}

// bestMatch finds the pattern that fits token i: the longest (the lexicon
// lists a word's patterns longest first), and of equally long ones the one
// whose words end nearest, so that "sanctions against Russia on Friday"
// is "sanction against +", not "sanction on +" reaching for the date.
func (x *extraction) bestMatch(i int, pos string, sent doc.Sentence) (match, bool) {
	var best match
	ok := false
	for _, tr := range x.c.kb.Triggers(strings.ToLower(x.d.Tokens[i].Lemma)) {
		if tr.POS != pos {
			continue
		}
		if ok && len(tr.Words) < len(best.tr.Words) {
			break
		}
		if m, fits := x.matchPattern(tr, i, sent); fits && (!ok || m.last < best.last) {
			best, ok = m, true
		}
	}
	return best, ok
}

// withNounSlot gives a light-verb pattern that ends on its event noun and
// marks no recipient ("hold talk", "hold meeting") the recipient slot the
// noun's own pattern has there: "held talks with Iraq" is "talk with +".
func (x *extraction) withNounSlot(m match, sent doc.Sentence) match {
	if m.tr.Recipient >= 0 || m.tr.NoRecip || m.last == m.head || x.d.Tokens[m.last].UPOS != "NOUN" {
		return m
	}
	for _, tr := range x.c.kb.Triggers(x.lemmaAt(m.last)) {
		if tr.POS != "N" || tr.Type != m.tr.Type || tr.Recipient < 0 {
			continue
		}
		if n, ok := x.matchPattern(tr, m.last, sent); ok && n.recipSlot >= 0 {
			m.recipSlot, m.recipToks = n.recipSlot, n.recipToks
			m.last = max(m.last, n.last)
			return m
		}
	}
	return m
}

// causeMatch reads noun i as a hostile act when it is a cause noun
// (data/cause_nouns.tsv) that a response answers: "in response to Hamas's
// operation", "in retaliation for the aggression". Elsewhere such nouns
// are no events ("a rescue operation", "an operation to free hostages").
func (x *extraction) causeMatch(i int) (match, bool) {
	cn, ok := causeNouns[x.lemmaAt(i)]
	if !ok {
		return match{}, false
	}
	if x.answered(i) < 0 {
		return match{}, false
	}
	tr := kb.Trigger{POS: "N", Words: []string{x.lemmaAt(i)}, Recipient: -1, Type: cn.typ, Mode: cn.mode, Source: cn.source}
	return match{tr: tr, head: i, last: i, recipSlot: -1}, true
}

// jointDeclaration finds the frame of a declaration made by several
// parties as one: "We, the Prime Minister of the Republic of Armenia N.V.
// Pashinyan, the President of the Republic of Azerbaijan I.H. Aliyev, and
// the President of the Russian Federation V.V. Putin, have hereby stated
// the following". The sentence opens with "We" and a list of parties of
// two or more countries, and "hereby" marks a performative verb
// (data/performatives.txt): what follows is their agreement, an AGREE
// between the first two of them.
func (x *extraction) jointDeclaration(sent doc.Sentence) (match, bool) {
	d := x.d
	if sent.Last-sent.First < 6 || !strings.EqualFold(d.Tokens[sent.First].Text, "we") || d.Tokens[sent.First+1].Text != "," {
		return match{}, false
	}
	verb := x.herebyVerb(sent)
	if verb < 0 {
		return match{}, false
	}
	var parties []int
	seen := map[string]bool{}
	for i := sent.First + 2; i < verb; i++ {
		m := x.ms.At(i)
		if m == nil {
			continue
		}
		i = m.Last - 1
		if m.Country == "" || m.Kind == mention.Pronoun || x.c.kb.Special(m.Country) || seen[m.Country] {
			continue
		}
		seen[m.Country] = true
		parties = append(parties, m.Head)
	}
	if len(parties) < 2 {
		return match{}, false
	}
	tr := kb.Trigger{POS: "V", Words: []string{x.lemmaAt(verb)}, Recipient: -1, Type: event.Agree, Sym: true, Source: "performatives.txt:" + x.lemmaAt(verb)}
	return match{tr: tr, head: verb, last: verb, recipSlot: -1, parties: parties}, true
}

// herebyVerb returns the performative verb right after the first "hereby"
// of sentence sent ("have hereby stated"), or -1.
func (x *extraction) herebyVerb(sent doc.Sentence) int {
	for i := sent.First; i+1 < sent.Last; i++ {
		if !strings.EqualFold(x.d.Tokens[i].Text, "hereby") {
			continue
		}
		for j := i + 1; j < sent.Last && j <= i+2; j++ {
			if x.d.Tokens[j].UPOS == "VERB" && performative[x.lemmaAt(j)] {
				return j
			}
		}
		return -1
	}
	return -1
}

// implicitRecipients finds a target for a pattern that marks none: the
// object of the trigger or of its last pattern word, else the first
// prepositional phrase on either that names an actor ("abandon ties with
// Gondor").
func (x *extraction) implicitRecipients(m match) []int {
	for _, h := range []int{m.head, m.last} {
		for _, dep := range x.deps[h] {
			if x.d.Tokens[dep].Rel == "obj" {
				if k := x.nominal(dep); x.ms.At(k) != nil {
					return x.conjuncts(dep)
				}
			}
		}
	}
	for _, h := range []int{m.head, m.last} {
		for _, dep := range x.deps[h] {
			if x.isNmod(dep) && x.caseOf(dep) != "by" {
				if k := x.nominal(dep); x.ms.At(k) != nil {
					return x.conjuncts(dep)
				}
			}
		}
	}
	return nil
}

// recipientActor turns recipient phrase head r into an actor: the mention
// it carries, or, for an event noun, the actor of that event: "condemned
// the attack by M23" targets M23, and "condemned these attacks" targets
// whoever the document last reported attacking.
func (x *extraction) recipientActor(r int) *event.Actor {
	if a := x.actor(r); a != nil && a.Country != "" {
		return a
	}
	if k := x.phraseActor(r, 0); k >= 0 {
		// "New US Sanctions" in a title-case headline, where the head
		// became a name of its own.
		return x.actor(k)
	}
	t := x.d.Tokens[r]
	if t.UPOS != "NOUN" && t.UPOS != "PROPN" {
		return nil
	}
	if a := x.disc.Actors[r]; a != nil {
		return a
	}
	if !x.definiteNoun(r) {
		return nil
	}
	// "the attack" is the latest attack reported, unless it names another
	// target: "the attack on Rwanda" after an attack on Burundi is another
	// one. The noun's type is the one it was found as here ("the drills":
	// MOBILIZE), else the first of its patterns' types reported before.
	types := []event.Type{x.disc.TriggerTypes[r]}
	for _, tr := range x.c.kb.Triggers(x.lemmaAt(r)) {
		if tr.POS == "N" {
			types = append(types, tr.Type)
		}
	}
	for _, t := range types {
		if a := x.disc.LastOfType[t]; a != nil {
			if own := x.ownTarget(r); own != "" && country(x.disc.LastTargets[t]) != own {
				return nil
			}
			return a
		}
	}
	return nil
}

// ownTarget is the country event noun n names as its target in an
// "on"/"against" phrase ("the attack on Rwanda"), or "".
func (x *extraction) ownTarget(n int) string {
	for _, dep := range x.deps[n] {
		if !x.isNmod(dep) {
			continue
		}
		if c := x.caseOf(dep); c != "on" && c != "against" {
			continue
		}
		if m := x.ms.At(dep); m != nil && m.Country != "" {
			return m.Country
		}
	}
	return ""
}

// definiteNoun says whether noun n is determined by "the", a demonstrative
// or "such": it refers back to something already reported.
func (x *extraction) definiteNoun(n int) bool {
	for _, dep := range x.deps[n] {
		if t := x.d.Tokens[dep]; t.Rel == "det" || t.Rel == "amod" {
			switch strings.ToLower(t.Text) {
			case "the", "this", "these", "that", "those", "such":
				return true
			}
		}
	}
	return false
}

// lemmaAt is the lower-cased lemma (or text) of token i.
func (x *extraction) lemmaAt(i int) string {
	t := x.d.Tokens[i]
	if t.Lemma != "" {
		return strings.ToLower(t.Lemma)
	}
	return strings.ToLower(t.Text)
}

// predicative says whether verb v has a predicate on its object: a
// noun or adjective complement ("named him envoy", "called it a crime").
func (x *extraction) predicative(v int) bool {
	for _, dep := range x.deps[v] {
		t := x.d.Tokens[dep]
		if t.Rel == "xcomp" && (t.UPOS == "NOUN" || t.UPOS == "ADJ" || t.UPOS == "PROPN") {
			return true
		}
		if t.Rel == "obj" && x.twoPhrases(dep) {
			return true
		}
	}
	return false
}

// twoPhrases says whether the parse made one phrase of two noun phrases
// at object n: a name or pronoun before the determiner that opens the
// second ("called Russia a terrorist state" parsed as one object).
func (x *extraction) twoPhrases(n int) bool {
	det := -1
	for _, dep := range x.deps[n] {
		if x.d.Tokens[dep].Rel == "det" {
			det = dep
		}
	}
	for _, dep := range x.deps[n] {
		if u := x.d.Tokens[dep].UPOS; det >= 0 && dep < det && (u == "PROPN" || u == "PRON") {
			return true
		}
	}
	return false
}

// lightVerbOf is the light verb (data/light_verbs.txt) whose object or
// passive subject event noun n is ("sent aid", "aid was delivered"), or
// the light verb's participle that describes n ("sanctions imposed on
// Iran", "aid sent to Sudan"), or -1.
func (x *extraction) lightVerbOf(n int) int {
	t := x.d.Tokens[n]
	if (t.Rel == "obj" || t.Rel == "nsubj:pass") && t.Head >= 0 && x.d.Tokens[t.Head].UPOS == "VERB" && lightVerbs[x.lemmaAt(t.Head)] {
		return t.Head
	}
	for _, dep := range x.deps[n] {
		if x.d.Tokens[dep].Rel == "acl" && x.participle(dep) && lightVerbs[x.lemmaAt(dep)] {
			return dep
		}
	}
	return -1
}

// participle says whether verb v is a past participle. A reduced relative
// is one whatever the tagger made of its -ed ("the aid delivered/VBD to
// Sudan"); a clause with a marker or a subject of its own is not ("the
// need for continued work").
func (x *extraction) participle(v int) bool {
	switch t := x.d.Tokens[v]; t.XPOS {
	case "VBN":
		return true
	case "VBD":
		for _, dep := range x.deps[v] {
			if r := x.d.Tokens[dep].Rel; r == "mark" || strings.HasPrefix(r, "nsubj") {
				return false
			}
		}
		return t.Rel == "acl"
	}
	return false
}

// skippable tokens may stand between pattern words: "gave high marks to",
// "met on Thursday with", "pledged €40 million in loans to".
func skippable(t doc.Token) bool {
	switch t.UPOS {
	case "DET", "ADJ", "ADV", "NUM", "PART":
		return t.Text != "not" && t.Text != "n't"
	case "SYM":
		return t.Text == "$" || t.Text == "€" || t.Text == "£"
	case "PRON":
		return t.XPOS == "PRP$"
	}
	return false
}

// matchPattern checks trigger tr at token h.
func (x *extraction) matchPattern(tr kb.Trigger, h int, sent doc.Sentence) (match, bool) {
	d := x.d
	m := match{tr: tr, head: h, last: h, recipSlot: -1}
	// Words before the head (noun compounds: "air" of "air strike") must
	// stand right before it, allowing a hyphen.
	pos := h
	for k := tr.Head - 1; k >= 0; k-- {
		j := pos - 1
		if j >= sent.First && d.Tokens[j].Text == "-" {
			j--
		}
		if j < sent.First || !x.wordIs(j, tr.Words[k]) {
			return m, false
		}
		pos = j
	}
	if tr.Intransitive {
		for _, dep := range x.deps[h] {
			if x.d.Tokens[dep].Rel == "obj" {
				return m, false
			}
		}
	}
	if tr.Recipient == tr.Head {
		if tr.POS == "V" && x.predicative(h) {
			// "called Russia a terrorist state", "called the shelling
			// outrageous": a verb with a predicate on its object says
			// what the object is, not what was done to it.
			return m, false
		}
		m.recipSlot = h
	}
	// Words after the head, in order, with a few modifiers between them.
	pos = h
	for k := tr.Head + 1; k < len(tr.Words); k++ {
		w := tr.Words[k]
		if k-1 == tr.Recipient && k-1 >= tr.Head {
			// "+" stands between two pattern words ("call on + to", "accuse
			// + of"): the recipient phrase must be there, then the word.
			// In the passive the recipient is the subject, and a "by"
			// agent may stand in its place ("Iran was urged by Germany
			// to ...").
			if s := x.passiveSubject(h); s >= 0 {
				if a := x.agentAfter(pos); a >= 0 {
					pos = x.ms.At(a).Last - 1
				}
				m.recipSlot, m.recipToks = h, []int{s}
			} else {
				r := x.nextMention(pos+1, 2)
				if r < 0 {
					return m, false
				}
				pos = x.ms.At(r).Last - 1
				m.recipSlot, m.recipToks = h, []int{r}
			}
		}
		j, ok := x.find(w, pos+1, sent, kb.IsPreposition(w), tr.POS == "N" && k == tr.Head+1)
		if !ok {
			// A preposition may also be found through the parse: the
			// trigger's dependent phrase with that case marker ("met on
			// Thursday in Moscow with X").
			// Only for a recipient's preposition: a bare "to" in "offer to"
			// is an infinitive, not the "to" of any dependent phrase.
			if kb.IsPreposition(w) && k == tr.Recipient {
				if c := x.obliqueWith(h, w); c >= 0 {
					j, ok = c, true
				} else if g := x.lightVerbOf(h); g >= 0 && tr.POS == "N" {
					// "aid was delivered to Sudan", "sent aid to
					// Sudan": the light verb carries the noun's phrase.
					if c := x.obliqueWith(g, w); c >= 0 {
						j, ok = c, true
					}
				}
			}
			if !ok {
				return m, false
			}
		}
		if k == tr.Recipient {
			m.recipSlot = j
		}
		pos = j
		if j > m.last {
			m.last = j
		}
	}
	return m, true
}

// find looks for lemma w from token from on, skipping at most a few
// modifiers. After an event noun, a preposition may come further on,
// past a "by" phrase or a date ("the detention by the Houthi authorities
// on 23 January of seven UN personnel"), as long as no verb or clause
// boundary intervenes.
func (x *extraction) find(w string, from int, sent doc.Sentence, prep, afterNoun bool) (int, bool) {
	limit := 3
	if prep {
		limit = 2
	}
	for j := from; j < sent.Last && j <= from+limit+1; j++ {
		if (x.wordIs(j, w) || strings.EqualFold(x.d.Tokens[j].Text, w)) && !(prep && x.timeCase(j)) {
			// "sanctions on Friday": a preposition of a time phrase
			// marks no recipient.
			return j, true
		}
		if !skippable(x.d.Tokens[j]) && !x.compoundBefore(j, w) {
			if !(prep && afterNoun) {
				return 0, false
			}
			for k := j; k < sent.Last && k <= from+12; k++ {
				t := x.d.Tokens[k]
				if t.UPOS == "VERB" || t.UPOS == "AUX" || t.Text == "," || t.Text == ";" || t.UPOS == "SCONJ" {
					return 0, false
				}
				if strings.EqualFold(t.Text, w) && !x.timeCase(k) {
					return k, true
				}
			}
			return 0, false
		}
	}
	return 0, false
}

// compoundBefore says whether token j is a noun compounded with the next
// token, which is pattern word w: "eased visa restrictions", "lifted
// travel bans" are "ease restriction", "lift ban".
func (x *extraction) compoundBefore(j int, w string) bool {
	t := x.d.Tokens[j]
	return t.UPOS == "NOUN" && t.Rel == "compound" && t.Head == j+1 && j+1 < len(x.d.Tokens) && x.wordIs(j+1, w)
}

// wordIs says whether token j is pattern word w: its lemma, or for
// "@class" a word of that class ("@relief": food, medicine, ...).
func (x *extraction) wordIs(j int, w string) bool {
	if class, ok := strings.CutPrefix(w, "@"); ok {
		return x.c.kb.InClass(class, x.lemmaAt(j)) || x.c.kb.InClass(class, strings.ToLower(x.d.Tokens[j].Text))
	}
	return x.lemmaAt(j) == w
}

// obliqueWith returns the case token w of a dependent of h ("with" in "met
// ... with Abu Marzouk"), or -1.
func (x *extraction) obliqueWith(h int, w string) int {
	for _, dep := range x.deps[h] {
		r := x.d.Tokens[dep].Rel
		if !strings.HasPrefix(r, "obl") && !strings.HasPrefix(r, "nmod") {
			continue
		}
		for _, c := range x.deps[dep] {
			if x.d.Tokens[c].Rel == "case" && strings.EqualFold(x.d.Tokens[c].Text, w) && !x.timeCase(c) {
				return c
			}
		}
	}
	return -1
}

// complementPartner is the side a two-sided verb's infinitive complement
// is done with: "Chile and Peru agreed to restore ties with Bolivia" is an
// agreement with Bolivia, as is "agreed to hold talks with Bolivia". It
// returns -1 when the complement names no such side.
func (x *extraction) complementPartner(v int) int {
	for _, c := range x.deps[v] {
		if r := x.d.Tokens[c].Rel; r != "xcomp" && r != "advcl" || !x.hasMarkTo(c) {
			continue
		}
		phrases := []int{c}
		for _, o := range x.deps[c] {
			if x.d.Tokens[o].Rel == "obj" {
				phrases = append(phrases, o)
			}
		}
		for _, p := range phrases {
			for _, dep := range x.deps[p] {
				r := x.d.Tokens[dep].Rel
				if (strings.HasPrefix(r, "obl") || strings.HasPrefix(r, "nmod")) && x.caseOf(dep) == "with" && x.namesActor(dep) {
					return dep
				}
			}
		}
	}
	return -1
}

// complementTarget is the side a threat's, an aid's or a pledge's
// infinitive aims at: "a threat to retaliate against Chile", "threatened
// to strike Chad", "aid to help Malawi", "pledged to help Nepal". It
// returns -1 when the complement names none.
func (x *extraction) complementTarget(h int) int {
	for _, c := range x.deps[h] {
		if r := x.d.Tokens[c].Rel; r != "xcomp" && r != "acl" && r != "advcl" || !x.hasMarkTo(c) {
			continue
		}
		// "pledged to continue helping Chile": through a verb of
		// continuing or starting to the act it governs.
		verbs := []int{c}
		for _, dep := range x.deps[c] {
			if x.d.Tokens[dep].Rel == "xcomp" {
				verbs = append(verbs, dep)
			}
		}
		for _, c := range verbs {
			if r := x.targetOf(c); r >= 0 {
				return r
			}
		}
	}
	return -1
}

// targetOf is verb c's object, or its "against", "on" or "at" phrase,
// when it names an actor, or -1.
func (x *extraction) targetOf(c int) int {
	for _, dep := range x.deps[c] {
		r := x.d.Tokens[dep].Rel
		target := r == "obj" || strings.HasPrefix(r, "obl") && (x.caseOf(dep) == "against" || x.caseOf(dep) == "on" || x.caseOf(dep) == "at")
		if !target {
			continue
		}
		if x.namesActor(dep) {
			return dep
		}
		if k := x.phraseActor(dep, 0); k >= 0 && x.namesActor(k) {
			return k // "Sudanese positions"
		}
	}
	return -1
}

// hasMarkTo says whether verb v is an infinitive marked by "to".
func (x *extraction) hasMarkTo(v int) bool {
	for _, dep := range x.deps[v] {
		if t := x.d.Tokens[dep]; t.Rel == "mark" && strings.EqualFold(t.Text, "to") {
			return true
		}
	}
	return false
}

// timeCase says whether token j is part of a time expression or the
// preposition of one ("on" of "on Friday").
func (x *extraction) timeCase(j int) bool {
	h := x.d.Tokens[j].Head
	return x.inTime(j) || x.d.Tokens[j].Rel == "case" && h >= 0 && x.inTime(h)
}

// inTime says whether token i is part of a time expression ("on Sunday",
// "in March"): such a phrase tells when, never whom.
func (x *extraction) inTime(i int) bool {
	si := int(x.sentIndex[i])
	first := x.d.Sentences[si].First
	for _, e := range x.times[si] {
		if i >= first+e.First && i < first+e.Last {
			return true
		}
	}
	return false
}

// events builds the events of one trigger match: one per actor ×
// recipient after coordination is expanded.
func (x *extraction) events(si int, m match, exprs []dates.Expr, all []match) []event.Event {
	d := x.d
	tr := m.tr
	actors, via, frame := x.actorsFound(m)
	found := via
	actors, offered, via := x.chooseActor(m, actors, via)
	if len(actors) == 0 && offered == nil && !x.detention(m) {
		return nil
	}
	var recips []int
	rvia := "" // the rule that found recips
	if !tr.NoRecip && m.recipSlot >= 0 {
		recips, rvia = x.recipientsOf(m), "slot"
	} else if !tr.NoRecip && tr.POS == "V" && m.last > m.head && x.d.Tokens[m.last].UPOS == "NOUN" {
		// "rejected the proposal by the United States": a pattern that
		// ends on its object noun may still name whose it is; "released
		// 12 Bolivian prisoners", "expelled two Russian diplomats": the
		// object is itself the side acted upon.
		k := x.nominal(m.last)
		if x.ms.At(k) == nil {
			k = x.agentAfter(m.last)
		}
		switch {
		case k >= 0 && k != m.last && x.ms.At(k) != nil:
			recips, rvia = x.conjuncts(k), "object's owner"
		case k == m.last && x.ms.At(k) != nil && x.ms.At(k).Country != "":
			recips, rvia = x.conjuncts(k), "object"
		}
	}
	if tr.Type == event.Assault && x.figurative(m, recips) {
		// "the fight against the pandemic", "fighting the climate crisis"
		return nil
	}
	if via == "between" && len(actors) > 1 {
		// "fighting between A and B": the sides play the same role; one
		// event joins the first to each other one, as for a meeting.
		recips, rvia = actors[1:], "other side"
		actors = actors[:1]
	}
	if !tr.NoRecip && len(recips) == 0 {
		if r := x.frameRecipients(m); len(r) > 0 {
			recips, rvia = r, "frame"
		}
	}
	if (tr.Sym || tr.Type == event.Agree) && tr.POS == "V" && len(recips) == 0 {
		if r := x.complementPartner(m.head); r >= 0 {
			recips, rvia = x.conjuncts(r), "complement's partner"
		}
	}
	if (tr.Type == event.Threaten || tr.Type == event.Aid || tr.Type == event.Agree && !tr.Sym) && len(recips) == 0 {
		// "a threat to retaliate against X", "aid to help X rebuild",
		// "pledged to help X"
		if r := x.complementTarget(m.head); r >= 0 {
			recips, rvia = x.conjuncts(r), "complement's target"
		}
	}
	if x.c.ImplicitRecipients && !tr.NoRecip && len(recips) == 0 {
		recips, rvia = x.implicitRecipients(m), "implicit"
	}
	if !tr.NoRecip && len(recips) == 0 && tr.POS == "N" {
		// "drone attacks targeting the Kherson region", "missiles hitting
		// the base": a participle describing the event noun names its
		// target, also one on the noun's "of" phrase ("a volley of
		// rockets striking the airfield").
		phrases := []int{m.head}
		for _, dep := range x.deps[m.head] {
			if x.isNmod(dep) && x.caseOf(dep) == "of" {
				phrases = append(phrases, dep)
			}
		}
		for _, p := range phrases {
			for _, dep := range x.deps[p] {
				if t := x.d.Tokens[dep]; t.Rel == "acl" && t.UPOS == "VERB" {
					for _, o := range x.deps[dep] {
						if x.d.Tokens[o].Rel == "obj" && len(recips) == 0 {
							recips, rvia = x.conjuncts(o), "participle object"
						}
					}
				}
			}
		}
	}
	if !tr.NoRecip && len(recips) == 0 && x.proximity(tr.Type) {
		recips, rvia = x.proximityTargets(m), "proximity"
	}
	pt, _ := x.c.kb.PloverType(tr.Type)
	// A meeting or agreement with no other side named is a body's own
	// session, not a dyad; a weak trigger needs both sides to be an event.
	needsRecipient := tr.Weak || tr.Sym || tr.Type == event.Consult
	// "targeting Israeli interests or US forces": either may have been
	// hit, so the event has no definite recipient.
	indefinite := !tr.Sym && x.disjunctive(recips)
	if indefinite {
		recips = nil
	}
	if tr.Sym && len(actors) > 1 && len(recips) == 1 && x.ms.At(recips[0]) != nil && x.ms.At(recips[0]).SetIn {
		// "Turkey's and Egypt's ministers met in Ankara": where two
		// named sides met is not a third side.
		recips = nil
	}
	if tr.Sym && len(recips) == 0 && len(actors) > 1 {
		// "A and B met": the second conjunct is the other side.
		recips, rvia = actors[1:2], "second side"
		actors = actors[:1]
	}
	var responder *event.Actor
	if !tr.NoRecip && len(recips) == 0 && tr.POS == "N" && x.hostile(tr.Type) {
		responder = x.responder(m.head)
	}
	if !tr.NoRecip && len(recips) == 0 && responder == nil && !indefinite && tr.Type != event.Sanction && !x.impliesRecipient(m, actors, offered) {
		// The frames found no recipient phrase: the model may choose one
		// among the sentence's actors. A recipient phrase the frames
		// found stands, even one that names no actor ("struck targets
		// in Yemen": the place's country is the target), and so does
		// one the frames read from the rest of the sentence ("demanded
		// that Somalia reopen ..."). Sanctions without a target take the
		// document's (sanctionTargets).
		recips, responder = x.chooseRecipients(m, actors, x.firstCountry(actors, offered))
		rvia = "model"
	}
	otherSide := ""
	if tr.Sym && len(recips) == 0 && responder == nil && len(actors) == 1 {
		if pair := x.pairSides(actors[0]); pair != nil {
			// "the two sides agreed": one side acts, the other is its
			// counterpart.
			offered, responder, otherSide = pair[0], pair[1], "other side"
		}
	}
	if needsRecipient && len(recips) == 0 && responder == nil {
		return nil
	}
	mode := tr.Mode
	if mode == "" && tr.Type == event.Request {
		mode = x.requestMode(m)
	}
	sent := d.Sentences[si]
	trig := d.Tokens[m.head]
	date, prec, dvia := x.dateFor(m, exprs, all)
	modality := x.modality(m)
	attrib := x.attribution(m.head)
	base := event.Event{
		DocID: d.ID, Date: date, DatePrecision: prec, Type: tr.Type, Mode: mode,
		CAMEO: cameo(tr, mode, pt), Quad: pt.Quad, Intensity: pt.Intensity,
		Modality: modality, Sentence: si, Span: [2]int{sent.Start, sent.End},
		Trigger:     d.Text[trig.Start:d.Tokens[m.last].End],
		TriggerSpan: [2]int{trig.Start, trig.End},
		Text:        d.SentenceText(sent),
		Rule:        tr.Source,
		Contexts:    x.contexts(sent),
		Attribution: attrib,
	}
	acts := x.actorList(actors)
	if offered != nil {
		acts = []*event.Actor{offered}
	}
	if len(acts) == 0 && x.detention(m) && len(recips) == 1 {
		if a := x.detainer(m, recips[0]); a != nil {
			acts, via = []*event.Actor{a}, "implied"
		}
	}
	// The rule recorded for the actor: the argument frame's id where one
	// found it ("noun-agent") and nothing replaced its choice, else how it
	// was found.
	actorRule := via
	if frame != "" && via == found {
		actorRule = frame
	}
	var evs []event.Event
	for _, act := range acts {
		if len(recips) == 0 {
			e := base
			e.Actor = act
			why := &event.Why{Actor: actorRule, Date: dvia}
			if responder != nil && !sameActor(act, responder) {
				e.Recipient, why.Recipient = responder, "responder"
				if otherSide != "" {
					why.Recipient = otherSide
				}
			} else if !indefinite {
				e.Recipient, why.Recipient = x.impliedRecipient(m, act), "implied"
			}
			e.Location, why.Place = x.placeWhy(m, nil)
			if e.Recipient == nil && !indefinite {
				if rec := placeTarget(tr.Type, e.Location, false); rec != nil && !sameActor(act, rec) {
					e.Recipient, why.Recipient = rec, "place"
				}
			}
			if e.Recipient == nil && !indefinite && !tr.NoRecip && pt.Setting {
				e.Recipient, why.Recipient = x.settingTarget(m, act, e.Location, why.Place), "setting"
			}
			e.Why = whyOf(e, why)
			e.Confidence = confidence(via, false)
			evs = append(evs, e)
			continue
		}
		named := x.namedRecipients(recips)
		type side struct {
			head int
			rec  *event.Actor
		}
		var sides []side
		for _, r := range recips {
			if pair := x.pairSides(r); pair != nil {
				sides = append(sides, side{r, pair[0]}, side{r, pair[1]})
			} else if pair := x.mutualAct(m, r); pair != nil {
				sides = append(sides, side{r, pair[0]}, side{r, pair[1]})
			} else {
				sides = append(sides, side{r, x.recipientActor(r)})
			}
		}
		for _, s := range sides {
			r := s.head
			rec, why := s.rec, &event.Why{Actor: actorRule, Recipient: rvia, Date: dvia}
			if rec == nil && named {
				// "drills in the Taiwan Strait and around Taiwan": a
				// coordinated target that names no one adds no event
				// beside the one that does.
				continue
			}
			if rec == nil {
				// "demanded the release of those detained": the slot
				// holds no actor, but the sentence may still name one.
				rec, why.Recipient = x.impliedRecipient(m, act), "implied"
			}
			if rec == nil && (pt.RecipientRequired || needsRecipient) {
				continue
			}
			if rec != nil && sameActor(act, rec) {
				continue // "Israel ... Israeli territory" is no dyad
			}
			e := base
			e.Location, why.Place = x.placeWhy(m, x.ms.At(r))
			if tr.Type == event.Assault && (rec == nil || x.facility(r)) {
				if o := x.occupants(r); o != nil {
					rec, why.Recipient = o, "occupants"
				}
			}
			if rec == nil {
				// "struck targets in Yemen": a target that is no actor
				// stands for the country the sentence places it in.
				if rec = placeTarget(tr.Type, e.Location, true); rec != nil && sameActor(act, rec) {
					rec = nil
				}
				why.Recipient = "place"
			}
			if rec == nil && pt.Setting {
				rec, why.Recipient = x.settingTarget(m, act, e.Location, why.Place), "setting"
			}
			e.Actor, e.Recipient = act, rec
			e.Why = whyOf(e, why)
			e.Confidence = confidence(via, rec != nil)
			evs = append(evs, e)
		}
	}
	if tr.Type == event.Consult {
		evs = slices.DeleteFunc(evs, func(e event.Event) bool { return press(e.Actor) || press(e.Recipient) })
		if tr.Mode == "phone" && tr.POS == "V" && m.recipSlot == m.head && !x.objectNamesSide(m.head) {
			// "what he called a reckless policy in the region":
			// a call is made to someone, not to a phrase that only
			// mentions a country.
			evs = nil
		}
	}
	return x.perDate(evs, x.moreDates(m, exprs, all))
}

// mutualAct gives both sides of a two-sided act that judging trigger m
// is aimed at: "Kenya welcomed the agreement" after "Chad and Sudan
// signed a truce" praises both, as does "welcomed the pact to halt the
// clashes between Chad and Sudan". Token r is the act's noun; the sides
// are those of the latest event between two countries (Discourse.Pair)
// when one of them did the act. Nil otherwise.
func (x *extraction) mutualAct(m match, r int) []*event.Actor {
	if !x.judging(m.tr.Type) || x.disc.Pair[0] == nil || x.d.Tokens[r].UPOS != "NOUN" {
		return nil
	}
	sym := x.c.symmetric(x.disc.TriggerTypes[r])
	for _, tr := range x.c.kb.Triggers(x.lemmaAt(r)) {
		sym = sym || tr.POS == "N" && tr.Sym
	}
	a := x.recipientActor(r)
	if !sym || a == nil {
		return nil
	}
	if p := x.disc.Pair; p[0].Country == a.Country || p[1].Country == a.Country {
		return x.pair()
	}
	return nil
}

// figurative says whether the target of hostile trigger m is one of the
// ills fought only in a figure of speech (word class "ills"): its recipient
// phrase, or, for a pattern without one, its object or "against" phrase.
func (x *extraction) figurative(m match, recips []int) bool {
	heads := slices.Clone(recips)
	for _, dep := range x.deps[m.head] {
		if r := x.d.Tokens[dep].Rel; r == "obj" || x.isNmod(dep) && (x.caseOf(dep) == "against" || x.caseOf(dep) == "on") {
			heads = append(heads, dep)
		}
	}
	for _, h := range heads {
		if h >= 0 && h < len(x.d.Tokens) && x.c.kb.InClass("ills", x.lemmaAt(h)) {
			return true
		}
	}
	return false
}

// objectNamesSide says whether the direct object of verb v is itself an
// actor mention ("called the Bolivian leader", "phoned Kenya's president").
func (x *extraction) objectNamesSide(v int) bool {
	for _, dep := range x.deps[v] {
		if x.d.Tokens[dep].Rel == "obj" {
			return x.ms.At(dep) != nil
		}
	}
	return false
}

// press says whether a is journalists or a news outlet. Speaking to
// reporters, or a reporter's trip, is no consultation between sides: "the
// minister briefed reporters in Lima", "a Ghanaian reporter travelled to
// Lomé".
func press(a *event.Actor) bool { return a != nil && (a.Sector == "JRN" || a.Sector == "MED") }

// conditionalThreats reads a forceful act that will or would happen if
// something else does as a threat made now: "said it would impose
// sanctions on Belarus if Minsk expelled its envoy", "will strike the
// rebels unless they withdraw" threaten Belarus and the rebels. evs are the events
// of trigger m; the threats are theirs with type THREATEN, asserted.
func (x *extraction) conditionalThreats(m match, evs []event.Event) []event.Event {
	if len(evs) == 0 || evs[0].Modality != event.Future && evs[0].Modality != event.Hypothetical {
		return nil
	}
	if pt, _ := x.c.kb.PloverType(m.tr.Type); !pt.Hostile || !x.conditioned(m) {
		return nil
	}
	threat, _ := x.c.kb.PloverType(event.Threaten)
	mode := "violence"
	switch m.tr.Type {
	case event.Sanction:
		mode = "restrict"
	case event.Coerce:
		mode = "arrest"
	}
	var out []event.Event
	for _, e := range evs {
		if e.Recipient == nil || x.reportedByOther(m.head, e.Actor.Country) {
			// Only its doer can threaten: "Somalia could expel the
			// envoy if ..., analysts said" is a forecast.
			continue
		}
		e.Type, e.Mode, e.Modality = event.Threaten, mode, event.Asserted
		e.CAMEO, e.Quad, e.Intensity = threat.Modes[mode], threat.Quad, threat.Intensity
		e.Rule += " conditional"
		out = append(out, e)
	}
	return out
}

// conditioned says whether the clause of trigger m has an "if" or
// "unless" clause of its own.
func (x *extraction) conditioned(m match) bool {
	v := m.head
	if m.tr.POS == "N" {
		if g, ok := x.governingVerb(v); ok {
			v = g
		} else if h := x.d.Tokens[v].Head; h >= 0 && x.d.Tokens[h].UPOS == "VERB" {
			v = h
		}
	}
	for _, dep := range x.deps[v] {
		if x.d.Tokens[dep].Rel != "advcl" {
			continue
		}
		for _, mk := range x.deps[dep] {
			if t := x.d.Tokens[mk]; t.Rel == "mark" && modalityOf("mark", t.Text) == event.Conditional {
				return true
			}
		}
	}
	return false
}

// whyOf is why with the parts e lacks left empty.
func whyOf(e event.Event, why *event.Why) *event.Why {
	if e.Recipient == nil {
		why.Recipient = ""
	}
	if e.Location == nil {
		why.Place = ""
	}
	return why
}

// perDate repeats events once for each further day of a dated list.
func (x *extraction) perDate(evs []event.Event, more []dates.Expr) []event.Event {
	n := len(evs)
	for _, e := range more {
		for _, ev := range evs[:n] {
			ev.Date, ev.DatePrecision = e.Day, event.Precision(e.Precision)
			why := *ev.Why
			why.Date = "list"
			ev.Why = &why
			evs = append(evs, ev)
		}
	}
	return evs
}

// placeTarget is the target of violence or coercion that names none: the
// country of its place. Violence "in Al Jazirah State" with no named target
// is violence against that place's country, and so is violence the text
// places no closer than the country it is about (unless named says the
// sentence must name the place, as for a target that is a thing: "struck
// targets in Yemen"). Coercion takes its place as target only when the
// text names the place ("detentions in Sanaa"): restrictions are aimed
// elsewhere than where a story is set. Protests, threats and the like name
// no target this way. It returns nil when there is no such target.
func placeTarget(typ event.Type, l *event.Location, named bool) *event.Actor {
	if l == nil || l.Country == "" {
		return nil
	}
	if !(typ == event.Assault && (!named || l.Text != "") || typ == event.Coerce && l.Text != "") {
		return nil
	}
	return &event.Actor{Text: l.Text, Name: l.Name, Country: l.Country, Code: l.Country}
}

// settingTarget is the recipient of an act whose sentence names no
// target that resolves to an actor, for the types aimed at the country
// where they take place (plover.tsv's setting column): that country,
// whose people, places or government bear the act. "Police detained
// dozens overnight" in Minsk, "gunmen attacked a checkpoint" in a story
// set in Somalia, "the minister condemned all acts of violence" in a
// story set in Peru: each concerns that country, and a reader looking
// for what was done or said about it expects to find them there. l is
// the event's place and how it was found (placeWhy), act its actor.
//
// A deed is aimed where it is done; words are aimed at the country the
// story is about, wherever they are spoken ("speaking in Paris, the
// minister condemned the violence" is not aimed at France). What only
// seems a setting is none: where the reporter filed from; a story's
// setting where the text does not set things in one country more than in
// any other (countries named as sides, "France and Germany condemned the
// killings", set nothing); a sentence that places things in two
// countries ("attacks in Sudan and Chad"); and the actor's own country,
// unless the story is set there ("in a US airstrike" sets nothing in the
// United States), and always for praise and criticism, which are aimed at
// others ("Qatar praised both sides" after talks in Doha).
func (x *extraction) settingTarget(m match, act *event.Actor, l *event.Location, how string) *event.Actor {
	settled := x.settledCountry()
	c := settled
	if x.physical(m) {
		c = ""
		if l != nil && how != "dateline" && (how != "story place" || l.Country == settled) {
			c = l.Country
		}
	}
	if c == "" || x.c.kb.Special(c) || c == act.Country && (c != settled || x.judging(m.tr.Type)) {
		return nil
	}
	sent := x.sentenceOf(m.head)
	for i := sent.First; i < sent.Last; i++ {
		if mn := x.ms.At(i); mn != nil && mn.Place && mn.SetIn && mn.Country != "" && mn.Country != c {
			return nil
		}
	}
	name := c
	if k, ok := x.c.kb.Country(c); ok {
		name = k.Name
	}
	return &event.Actor{Name: name, Country: c, Code: c}
}

func sameActor(a, b *event.Actor) bool {
	return a.Country == b.Country && (a.Name == b.Name || a.Sector == b.Sector)
}

func confidence(via string, recip bool) float64 {
	c := 0.5
	if via == "subject" || via == "possessor" || via == "agent" {
		c += 0.2
	}
	if recip {
		c += 0.2
	}
	return c
}

// cameo is the CAMEO code for a trigger: its own, or its mode's, or the
// type's root.
func cameo(tr kb.Trigger, mode string, pt kb.PloverType) string {
	if c := pt.Modes[mode]; c != "" && mode != tr.Mode {
		return c // a mode found in the text refines the trigger's own code
	}
	if tr.CAMEO != "" {
		return tr.CAMEO
	}
	if c := pt.Modes[mode]; c != "" {
		return c
	}
	return pt.CAMEO
}

// requestMode reads what a request asks for from the words after its
// trigger: "called for a ceasefire" yields, "urged talks" meets.
func (x *extraction) requestMode(m match) string {
	sent := x.sentenceOf(m.head)
	for j := m.last + 1; j < sent.Last && j <= m.last+12; j++ {
		if mode := requestModes[x.lemmaAt(j)]; mode != "" {
			return mode
		}
		if x.d.Tokens[j].Text == ";" {
			break
		}
	}
	return ""
}

// actor turns the mention covering token i into an event actor.
func (x *extraction) actor(i int) *event.Actor {
	m := x.ms.At(i)
	if m == nil {
		return nil
	}
	d := x.d
	a := &event.Actor{
		Text:    d.Text[d.Tokens[m.First].Start:d.Tokens[m.Last-1].End],
		Name:    m.Name,
		Country: m.Country,
		Sector:  m.Sector,
		Title:   m.Title,
		Span:    [2]int{d.Tokens[m.First].Start, d.Tokens[m.Last-1].End},
	}
	a.Code = a.Country + a.Sector
	return a
}

// contexts collects the PLOVER contexts signalled by the sentence's words.
func (x *extraction) contexts(sent doc.Sentence) []string {
	var out []string
	seen := map[string]bool{}
	for i := sent.First; i < sent.Last; i++ {
		for _, c := range x.c.kb.Contexts(x.lemmaAt(i)) {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	if out == nil {
		out = []string{}
	}
	return out
}
