package depparse

import "strings"

// The parser is greedy and the treebank is web text; two structures that
// news writes all the time and the treebank almost never does come out
// broken, and both cost the event coder a subject:
//
//   - a bare time noun between subject and verb ("The Security Council
//     today adopted", "A senior official today condemned"). The parser
//     takes "today" as the head of the noun phrase before it, or as the
//     subject of a relative clause on it; "today" is a modifier of the verb
//     (obl:unmarked) and never takes a determiner or a compound.
//   - a noun phrase split into two subjects of one verb ("The Hermit
//     Kingdom fired": Hermit and Kingdom both nsubj). A clause has one
//     subject; two adjacent nominal subjects are one phrase, the first a
//     compound of the second.
//
//   - the agent of a passive verb taken as its object ("was shelled by
//     government artillery": artillery obj). A passive verb has no
//     object; a noun under it with "by" is its agent (obl:agent).
//
//   - a closing reporting clause (", the official news agency WFNA said on
//     Thursday."), whose subject the parser hangs on a noun before the
//     comma (agency appos of rift) and whose verb it makes a modifier of
//     the main verb. The phrase is the subject of "said", and "said" is
//     parataxis, as the treebank has it.
//
//   - the agent of an event noun hung on the noun's "of" object ("the
//     detention of seven staff members by the Houthis": Houthis under
//     members). The by-phrase belongs to the event noun, as its object
//     does.
//
//   - a relative clause whose pronoun is its object read as a noun phrase
//     ("the town, which Turkish drones hit on Sunday, ...": which a
//     determiner of drones, hit a reduced relative on drones). After a
//     comma, "which" opens a clause: the noun is its subject, "which" its
//     object, and the clause describes the noun before the comma.
//
//   - the subject of a reported clause taken as the reporting verb's object
//     ("India says its troops were shelled": troops obj of says). A
//     reporting verb whose clause has an auxiliary and no subject of its
//     own lends it the object standing between them.
//
//   - a clause after a subordinating preposition read as a prepositional
//     phrase with a relative clause ("was freed after Chile and Peru agreed
//     to ...": Chile obl, agreed its acl). A past tense is no reduced
//     relative: the noun is its subject, "after" its marker.
//
//   - a clause after a subordinating preposition read as a prepositional
//     phrase and a second main clause ("celebrated Eid after a hafling was
//     reported": hafling obl, reported conj). A conjunct with its own
//     auxiliary, no conjunction and no subject, right after such a phrase,
//     is the phrase's clause: the noun its subject, "after" its marker,
//     the clause an adverbial (advcl).
//
// repair rewrites these after parsing. Each rewrite keeps the result a
// tree: it only moves dependents between a token and its neighbours in the
// same phrase.

// timeNoun reports the nouns that stand alone as time modifiers.
func timeNoun(w string) bool {
	if len(w) < 5 || len(w) > 9 { // cheap test first: nouns are many
		return false
	}
	return strings.EqualFold(w, "today") || strings.EqualFold(w, "yesterday") || strings.EqualFold(w, "tonight")
}

func nominalTag(u string) bool { return u == "NOUN" || u == "PROPN" || u == "PRON" }

// phraseRel lists the relations of a noun's left dependents inside its
// phrase.
func phraseRel(r string) bool {
	switch r {
	case "det", "amod", "compound", "nmod:poss", "nummod", "flat", "det:poss":
		return true
	}
	return false
}

// repair fixes heads (1-based, 0 = root) and rels in place.
func repair(words, upos, xpos []string, heads []int, rels []string) {
	n := len(words)
	agents(words, heads, rels)
	nounAgents(words, upos, heads, rels)
	reportingTail(words, upos, heads, rels)
	subordinateClauses(words, upos, heads, rels)
	pastAfterSubordinator(words, upos, xpos, heads, rels)
	reportedSubjects(words, heads, rels)
	relativeObjects(words, upos, heads, rels)
	for i := 0; i < n; i++ {
		if upos[i] != "NOUN" || !timeNoun(words[i]) {
			continue
		}
		id := i + 1
		// The rightmost nominal among the time noun's phrase dependents
		// is the phrase's real head.
		c := 0
		for d := i; d >= 1; d-- { // d is 1-based, d < id
			if heads[d-1] == id && phraseRel(rels[d-1]) && nominalTag(upos[d-1]) {
				c = d
				break
			}
		}
		if c > 0 {
			heads[c-1], rels[c-1] = heads[i], rels[i]
			for d := 1; d < id; d++ {
				if d != c && heads[d-1] == id && d < c {
					heads[d-1] = c
				}
			}
			heads[i], rels[i] = modifierOf(upos, heads[c-1], c)
			continue
		}
		// A relative clause on the noun before, with the time noun as its
		// subject: the clause is the main one and the noun its subject.
		v := heads[i]
		if !strings.HasPrefix(rels[i], "nsubj") || v <= id || i == 0 {
			continue
		}
		nn := i // 1-based index of the token before the time noun
		if !nominalTag(upos[nn-1]) || heads[v-1] != nn || !strings.HasPrefix(rels[v-1], "acl") {
			continue
		}
		heads[v-1], rels[v-1] = heads[nn-1], rels[nn-1]
		heads[nn-1], rels[nn-1] = v, rels[i]
		for d := v + 1; d <= n; d++ {
			if heads[d-1] == nn {
				heads[d-1] = v
			}
		}
		heads[i], rels[i] = v, "obl:unmarked"
	}
	// A name with a title, after a place or body that the title belongs to
	// ("Iran Foreign Minister Hossein Amirabdollahian", "Bree Prime
	// Minister Romendacil"): the parser heads the phrase with the first
	// name and hangs the person from it (flat, conj, appos), with the
	// title already a description of the person. The treebank heads it
	// with the person: the first name becomes a compound of the title.
	for t := 1; t <= n; t++ {
		r := heads[t-1] // the person the title describes
		if rels[t-1] != "nmod:desc" || r <= t || upos[r-1] != "PROPN" {
			continue
		}
		lo := t
		for lo > 1 && spans(heads, lo-1, lo-1, t) {
			lo--
		}
		p := lo - 1 // the place or body before the title
		if p < 1 || upos[p-1] != "PROPN" || !spans(heads, lo, r-1, t) {
			continue
		}
		switch {
		case heads[r-1] == p && (rels[r-1] == "flat" || rels[r-1] == "conj" || rels[r-1] == "appos" || rels[r-1] == "compound" || rels[r-1] == "nmod"):
			heads[r-1], rels[r-1] = heads[p-1], rels[p-1]
			for d := 1; d <= n; d++ {
				if heads[d-1] == p && d != r && (d > r || rels[d-1] == "det") {
					heads[d-1] = r
				}
			}
		case heads[p-1] == heads[r-1] && rels[p-1] == rels[r-1]:
			// Two subjects of one verb, the place and the person.
		default:
			continue
		}
		heads[p-1], rels[p-1] = t, "compound"
	}
	// Two adjacent nominal subjects of one verb are one phrase. Its head
	// follows the treebank: a common noun before a common noun, or a
	// capitalised one before a name ("The Hermit Kingdom"), is a compound
	// of the second; a name before a name heads it (flat, "Hans
	// Pettersson"). A lower-case noun before a name ("the owner Karla")
	// is left alone: the treebank makes the name an apposition or the noun
	// a description about equally often.
	for b := 2; b <= n; b++ {
		a := b - 1
		if !strings.HasPrefix(rels[b-1], "nsubj") || heads[a-1] != heads[b-1] || rels[a-1] != rels[b-1] {
			continue
		}
		switch {
		case upos[a-1] == "PROPN" && upos[b-1] == "PROPN":
			heads[b-1], rels[b-1] = a, "flat"
		case upos[a-1] == "NOUN" && (upos[b-1] == "NOUN" || upos[b-1] == "PROPN" && capitalised(words[a-1])):
			heads[a-1], rels[a-1] = b, "compound"
			for d := 1; d < a; d++ {
				if heads[d-1] == a && (rels[d-1] == "det" || rels[d-1] == "det:poss" || rels[d-1] == "nmod:poss" || rels[d-1] == "amod") {
					heads[d-1] = b
				}
			}
		}
	}
}

// spans reports whether every token from lo to hi (1-based) lies under t.
func spans(heads []int, lo, hi, t int) bool {
	for d := lo; d <= hi; d++ {
		h := d
		for k := 0; h != t && h > 0 && k < len(heads); k++ {
			h = heads[h-1]
		}
		if h != t {
			return false
		}
	}
	return true
}

func capitalised(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// modifierOf returns the head and relation of a time noun that modifies the
// phrase headed by c, whose head is h: the verb's obl:unmarked, or, when
// the phrase is the root or hangs from a noun, the phrase's own nmod.
func modifierOf(upos []string, h, c int) (int, string) {
	if h > 0 && (upos[h-1] == "VERB" || upos[h-1] == "AUX" || upos[h-1] == "ADJ") {
		return h, "obl:unmarked"
	}
	return c, "nmod:unmarked"
}

// agents relabels as obl:agent the object of a passive verb (one with an
// aux:pass or nsubj:pass dependent) that has "by" as its case marker, and
// moves a "by" that the parser hung on a modifier of the noun ("by
// government artillery": by under government) to the noun.
func agents(words []string, heads []int, rels []string) {
	for x := range heads {
		if rels[x] != "obj" && rels[x] != "iobj" {
			continue
		}
		v := heads[x] // 1-based
		by := caseBy(words, heads, rels, x+1)
		if v == 0 || by < 0 {
			continue
		}
		passive := false
		for d := range heads {
			if heads[d] == v && (rels[d] == "aux:pass" || rels[d] == "nsubj:pass") {
				passive = true
				break
			}
		}
		if passive {
			rels[x] = "obl:agent"
			heads[by] = x + 1
		}
	}
}

// caseBy returns the index (0-based) of a "by" that marks token t (1-based):
// a case dependent of t or of one of t's left modifiers, or -1.
func caseBy(words []string, heads []int, rels []string, t int) int {
	for d := 0; d < t-1; d++ {
		if rels[d] != "case" || !strings.EqualFold(words[d], "by") {
			continue
		}
		h := heads[d]
		if h == t || h > d+1 && h < t && heads[h-1] == t && phraseRel(rels[h-1]) {
			return d
		}
	}
	return -1
}

// reportingVerb lists the verbs of a closing attribution ("..., officials
// said").
func reportingVerb(w string) bool {
	switch strings.ToLower(w) {
	case "said", "says", "told", "added", "reported", "announced", "stated", "confirmed":
		return true
	}
	return false
}

// reportingTail repairs a closing reporting clause: a reporting verb after
// a comma and one noun phrase, the verb without a subject of its own and
// attached to a word before the comma, the phrase hung on a word before the
// comma too. The phrase becomes the verb's subject and the verb parataxis.
func reportingTail(words, upos []string, heads []int, rels []string) {
	n := len(words)
	for i := 2; i < n; i++ {
		if upos[i] != "VERB" || !reportingVerb(words[i]) || heads[i] == 0 || heads[i] > i {
			continue
		}
		hasSubject := false
		for d := range heads {
			if heads[d] == i+1 && strings.HasPrefix(rels[d], "nsubj") {
				hasSubject = true
				break
			}
		}
		if hasSubject {
			continue
		}
		c := i - 1
		for c >= 0 && words[c] != "," {
			c--
		}
		if c < 1 || c >= i-1 {
			continue
		}
		// The words between the comma and the verb form one nominal
		// phrase: one of them heads all the others.
		h := -1
		for k := c + 1; k < i; k++ {
			if heads[k] <= c || heads[k] > i {
				if h >= 0 {
					h = -2
					break
				}
				h = k
			}
		}
		if h < 0 || !nominalTag(upos[h]) || heads[h] > c+1 || !spans(heads, c+2, i, h+1) {
			continue
		}
		heads[h], rels[h] = i+1, "nsubj"
		heads[c], rels[c] = i+1, "punct"
		rels[i] = "parataxis"
	}
}

// nounAgents moves a by-phrase that hangs as nmod on the "of" object of a
// noun to that noun: the head of "X of Y by Z" is X.
func nounAgents(words, upos []string, heads []int, rels []string) {
	for z := range heads {
		y := heads[z] // 1-based
		if rels[z] != "nmod" || y == 0 || y > z || caseBy(words, heads, rels, z+1) < 0 {
			continue
		}
		x := heads[y-1]
		if rels[y-1] != "nmod" || x == 0 || x > y || upos[x-1] != "NOUN" || partitive(words[x-1]) || !caseOf(words, heads, rels, y) {
			continue
		}
		heads[z] = x
	}
}

// partitive lists nouns of quantity whose "of" object is the real head
// ("a string of bad investments by her investors").
func partitive(w string) bool {
	switch strings.ToLower(w) {
	case "string", "series", "number", "lot", "lots", "group", "couple", "range", "set", "dozens",
		"hundreds", "thousands", "millions", "part", "some", "most", "many", "one", "wave", "spate":
		return true
	}
	return false
}

// caseOf reports whether token t (1-based) has "of" as a case dependent.
func caseOf(words []string, heads []int, rels []string, t int) bool {
	for d := 0; d < t-1; d++ {
		if heads[d] == t && rels[d] == "case" && strings.EqualFold(words[d], "of") {
			return true
		}
	}
	return false
}

// subordinators lists the prepositions that also introduce clauses.
func subordinator(w string) bool {
	switch strings.ToLower(w) {
	case "after", "before", "since", "until", "as":
		return true
	}
	return false
}

// subordinateClauses repairs "X after N AUX V" parsed as X's obl N and X's
// conj V (see repair).
func subordinateClauses(words, upos []string, heads []int, rels []string) {
	for v := range heads {
		if rels[v] != "conj" || upos[v] != "VERB" {
			continue
		}
		x := heads[v] // 1-based
		aux, cc, subj := -1, false, false
		for d := range heads {
			if heads[d] != v+1 {
				continue
			}
			switch {
			case strings.HasPrefix(rels[d], "aux") && d < v:
				if aux < 0 {
					aux = d
				}
			case rels[d] == "cc":
				cc = true
			case strings.HasPrefix(rels[d], "nsubj"):
				subj = true
			}
		}
		if aux < 1 || cc || subj {
			continue
		}
		n := aux - 1 // the word before the auxiliary: the noun
		if heads[n] != x || (rels[n] != "obl" && rels[n] != "nmod") || !nominalTag(upos[n]) {
			continue
		}
		m := -1
		for d := 0; d < n; d++ {
			if heads[d] == n+1 && rels[d] == "case" && subordinator(words[d]) {
				m = d
			}
		}
		if m < 0 {
			continue
		}
		heads[m], rels[m] = v+1, "mark"
		heads[n], rels[n] = v+1, "nsubj"
		if rels[aux] == "aux:pass" {
			rels[n] = "nsubj:pass"
		}
		rels[v] = "advcl"
	}
}

// pastAfterSubordinator repairs "X after N V-ed" parsed as X's obl N with V
// its acl: a verb tagged past tense (VBD), with no subject, marker or
// auxiliary of its own, modifying a noun marked by a subordinator, heads
// a clause of which the noun is the subject ("freed after Chile and Peru
// agreed to ..."). A participle (VBN) is left a reduced relative ("after
// the talks held in Lima").
func pastAfterSubordinator(words, upos, xpos []string, heads []int, rels []string) {
	for v := range heads {
		if upos[v] != "VERB" || v >= len(xpos) || xpos[v] != "VBD" {
			continue
		}
		n := -1 // the noun, 0-based
		switch rels[v] {
		case "acl":
			n = heads[v] - 1
		case "advcl":
			// "... after Chile , Peru and Bolivia agreed": the clause
			// hung beside the phrase that ends right before it.
			for d := v - 1; d >= 0; d-- {
				if heads[d] == heads[v] && rels[d] == "obl" {
					if spans(heads, d+1, v, d+1) {
						n = d
					}
					break
				}
			}
		}
		if n < 0 || n > v || (rels[n] != "obl" && rels[n] != "nmod") || !nominalTag(upos[n]) {
			continue
		}
		own := false
		m := -1
		for d := range heads {
			switch {
			case heads[d] == v+1 && (strings.HasPrefix(rels[d], "nsubj") || rels[d] == "mark" || strings.HasPrefix(rels[d], "aux")):
				own = true
			case heads[d] == n+1 && d < n && rels[d] == "case" && subordinator(words[d]):
				m = d
			}
		}
		if own || m < 0 {
			continue
		}
		heads[m], rels[m] = v+1, "mark"
		heads[v], rels[v] = heads[n], "advcl"
		heads[n], rels[n] = v+1, "nsubj"
	}
	// The same clause with the subject split at its first comma ("after
	// Spain , Portugal and Greece agreed": Spain obl of the main verb,
	// Portugal the subject of "agreed"): the first conjunct heads the
	// subject, and "after" marks the clause.
	for s := 2; s < len(heads); s++ {
		v := heads[s] - 1
		if rels[s] != "nsubj" || v < s || v < 0 || rels[v] != "advcl" || words[s-1] != "," {
			continue
		}
		n := s - 2
		if heads[n] != heads[v] || rels[n] != "obl" || !nominalTag(upos[n]) || upos[s] != upos[n] {
			continue
		}
		m := -1
		mark := false
		for d := range heads {
			switch {
			case heads[d] == n+1 && d < n && rels[d] == "case" && subordinator(words[d]):
				m = d
			case heads[d] == v+1 && rels[d] == "mark":
				mark = true
			}
		}
		if m < 0 || mark {
			continue
		}
		heads[m], rels[m] = v+1, "mark"
		heads[n], rels[n] = v+1, "nsubj"
		heads[s-1] = s + 1
		heads[s], rels[s] = n+1, "conj"
		for d := range heads {
			if heads[d] == s+1 && rels[d] == "conj" {
				heads[d] = n + 1
			}
		}
	}
}

// reportedSubjects repairs "X says N AUX V-ed" parsed with N as the object
// of "says" and V as its clausal complement without a subject: N is V's
// subject (nsubj:pass after a passive auxiliary).
func reportedSubjects(words []string, heads []int, rels []string) {
	for v := range heads {
		if rels[v] != "ccomp" || heads[v] < 1 || !reportingVerb(words[heads[v]-1]) {
			continue
		}
		h := heads[v] - 1
		obj, aux, pass := -1, false, false
		for d := range heads {
			switch {
			case heads[d] == h+1 && rels[d] == "obj" && d > h && d < v:
				obj = d
			case heads[d] == v+1 && strings.HasPrefix(rels[d], "nsubj"):
				obj, aux = -2, false
			case heads[d] == v+1 && strings.HasPrefix(rels[d], "aux") && d < v:
				aux = true
				pass = pass || rels[d] == "aux:pass"
			}
			if obj == -2 {
				break
			}
		}
		if obj < 0 || !aux {
			continue
		}
		heads[obj], rels[obj] = v+1, "nsubj"
		if pass {
			rels[obj] = "nsubj:pass"
		}
	}
}

// relativeObjects repairs ", which N V-ed" parsed as one noun phrase with
// "which" a determiner or possessive of N and V a reduced relative on N:
// V heads a relative clause on the noun N hangs on, N is V's subject and
// "which" its object.
func relativeObjects(words, upos []string, heads []int, rels []string) {
	for w := 1; w+2 < len(words); w++ {
		if !strings.EqualFold(words[w], "which") || words[w-1] != "," || (rels[w] != "nmod:poss" && rels[w] != "det") {
			continue
		}
		n := heads[w] - 1 // the noun "which" was hung on
		if n <= w || !nominalTag(upos[n]) || heads[n] < 1 || heads[n]-1 >= w {
			continue
		}
		v := -1
		for d := n + 1; d < len(words); d++ {
			if heads[d] == n+1 && rels[d] == "acl" && upos[d] == "VERB" {
				v = d
				break
			}
		}
		if v < 0 {
			continue
		}
		a := heads[n] // the noun before the comma, 1-based
		heads[v], rels[v] = a, "acl:relcl"
		heads[n], rels[n] = v+1, "nsubj"
		heads[w], rels[w] = v+1, "obj"
		heads[w-1] = v + 1
	}
}
