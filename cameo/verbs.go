package cameo

import (
	"strings"
	"time"
)

// verbMatch is a verb of the dictionary found in the sentence.
type verbMatch struct {
	entry      *verbEntry
	start, end int // the verb's words, inclusive
	at         int // the inflected word
}

// findVerbs looks the token at i up in the verb dictionary, multi-word
// verbs first; their other words must be next to it (skippable words
// aside). A word may belong to several verb blocks.
func (c *Coder) findVerbs(s *sentence, i int) []verbMatch {
	var out []verbMatch
	list := c.Dict.verbs[s.words[i]]
	for k := range list {
		e := &list[k]
		start, end, ok := i, i, true
		for j := e.verbAt + 1; j < len(e.words) && ok; j++ {
			end = s.nextWord(end, 1)
			ok = end >= 0 && s.words[end] == e.words[j]
		}
		for j := e.verbAt - 1; j >= 0 && ok; j-- {
			start = s.nextWord(start, -1)
			ok = start >= 0 && s.words[start] == e.words[j]
		}
		if ok {
			out = append(out, verbMatch{entry: e, start: start, end: end, at: i})
		}
	}
	return out
}

// nextWord is the next kept token from i in direction dir that is not a
// skippable word, or -1.
func (s *sentence) nextWord(i, dir int) int {
	for j := i + dir; j >= 0 && j < len(s.toks); j += dir {
		if s.deleted[j] {
			continue
		}
		if !skipWord(s.words[j]) {
			return j
		}
	}
	return -1
}

func isVerbTag(xpos string) bool { return strings.HasPrefix(xpos, "VB") }

// vpEnd is the last token of the verb phrase of v: v's words and
// complements, without its subject, coordinated verbs, parenthetical
// clauses and what follows a coordinated verb.
func (s *sentence) vpEnd(v, end int) int {
	if r := s.toks[v].Rel; (r == "aux" || r == "aux:pass" || r == "cop") && s.toks[v].Head > v {
		return s.vpEnd(s.toks[v].Head, max(end, s.toks[v].Head))
	}
	last := end
	for _, c := range s.deps[v] {
		if c < v {
			continue
		}
		switch baseRel(s.toks[c].Rel) {
		case "nsubj", "csubj", "expl", "parataxis", "conj", "cc", "punct", "discourse", "vocative", "dislocated", "reparandum", "orphan":
			continue
		}
		last = max(last, s.subtreeEnd(c))
	}
	// A coordinated verb ("... and promised aid") starts a verb phrase of
	// its own, however the parser attached it.
	for j := end + 1; j <= last; j++ {
		if s.toks[j].UPOS == "CCONJ" && j+1 < len(s.toks) && isVerbTag(s.toks[j+1].XPOS) &&
			s.toks[j+1].Rel != "amod" {
			return j - 1
		}
	}
	return last
}

func (s *sentence) subtreeEnd(h int) int {
	m := h
	for _, c := range s.deps[h] {
		m = max(m, s.subtreeEnd(c))
	}
	return m
}

// passive reports a passive verb with a by-agent ("was opposed by X"):
// PETRARCH swaps its source and target.
func (s *sentence) passive(v, end int) bool {
	if s.toks[v].XPOS != "VBN" {
		return false
	}
	aux := false
	for _, c := range s.deps[v] {
		if s.toks[c].Rel == "aux:pass" {
			aux = true
		}
	}
	if !aux {
		for j := v - 1; j >= 0 && j >= v-3; j-- {
			switch s.words[j] {
			case "WAS", "IS", "BEEN", "WERE", "ARE", "BE", "BEING":
				aux = true
			}
		}
	}
	if !aux {
		return false
	}
	for j := v + 1; j <= end; j++ {
		if s.words[j] == "BY" && !s.deleted[j] {
			return true
		}
	}
	return false
}

// codeSentence codes the verbs of one sentence left to right; a verb that
// codes (or matches a pattern) hides the verbs inside its verb phrase.
func (c *Coder) codeSentence(s *sentence, day time.Time) []Event {
	s.buildPhrases(func(w []string) string { return c.actorCode(w, day) })
	s.deleteCommaClauses(c.Opt.Commas)
	var out []Event
	seen := map[[3]string]bool{}
	for v := 0; v < len(s.toks); v++ {
		if s.deleted[v] || !isVerbTag(s.toks[v].XPOS) || s.inPhrase[v] != nil {
			continue
		}
		var (
			vm           verbMatch
			code         string
			b            binding
			pat          *pattern
			end          int
			upper, lower []int
		)
		for _, m := range c.findVerbs(s, v) {
			vm = m
			end = s.vpEnd(v, vm.end)
			lower = s.sequence(vm.end+1, end, 1)
			upper = s.sequence(vm.start-1, 0, -1)
			if code, b, pat = c.matchPatterns(s, vm.entry, upper, lower); code != "" {
				break
			}
		}
		if code == "" {
			continue
		}
		for _, e := range c.events(s, vm, code, b, upper, lower, end) {
			k := [3]string{e.Source, e.Target, e.Code}
			if seen[k] {
				continue
			}
			seen[k] = true
			e.Verb = v
			if pat != nil {
				e.Pattern, e.PatternLine = pat.text, pat.line
			}
			out = append(out, e)
		}
		// The verb has matched: PETRARCH resumes after its verb phrase.
		v = max(v, end)
	}
	return out
}

// sequence lists the kept tokens from `from` towards `to` (inclusive) in
// direction dir; going backward it stops at a clause comma.
func (s *sentence) sequence(from, to, dir int) []int {
	var seq []int
	for j := from; (dir > 0 && j <= to) || (dir < 0 && j >= to); j += dir {
		if j < 0 || j >= len(s.toks) {
			break
		}
		if s.deleted[j] {
			continue
		}
		if dir < 0 && s.clauseComma(j) {
			break
		}
		if s.words[j] == "" && s.inPhrase[j] == nil {
			continue
		}
		seq = append(seq, j)
	}
	return seq
}

// matchPatterns tries the verb's patterns, most specific first. It returns
// the event code ("" when the verb codes nothing), the pattern's
// bindings and the pattern.
func (c *Coder) matchPatterns(s *sentence, vm *verbEntry, upper, lower []int) (string, binding, *pattern) {
	lm := &seqMatcher{s: s, seq: lower, syn: c.Dict.synsets}
	um := &seqMatcher{s: s, seq: upper, backward: true, syn: c.Dict.synsets}
	for _, p := range vm.block.patterns {
		b, ok := lm.match(p.lower, 0, 0, binding{})
		if !ok {
			continue
		}
		b, ok = um.match(p.upperRev, 0, 0, b)
		if !ok {
			continue
		}
		if p.code == "---" {
			break // a null pattern leaves the verb's own code
		}
		return p.code, b, p
	}
	if vm.code == "---" || vm.code == "" {
		return "", binding{}, nil
	}
	return vm.code, binding{}, nil
}

// events makes the events of a matched verb: source and target from the
// pattern's markers, else the nearest coded noun phrases; compounds give
// one event per member, paired codes ("032:033") one each way.
func (c *Coder) events(s *sentence, vm verbMatch, code string, b binding, upper, lower []int, end int) []Event {
	target := b.target
	source := b.source
	if b.compound != nil {
		source, target = b.compound, b.compound
	}
	if target == nil {
		target = firstPhrase(s, lower, nil)
	}
	if target == nil {
		return nil
	}
	if source == nil {
		source = c.subject(s, vm, target, upper)
	}
	if source == nil {
		return nil
	}
	src, tgt := c.codes(source), c.codes(target)
	if s.passive(vm.at, end) && b.source == nil && b.target == nil && b.compound == nil {
		src, tgt = tgt, src
	}
	var out []Event
	add := func(ss, ts []string, code string) {
		for _, x := range ss {
			for _, y := range ts {
				if x == y {
					continue
				}
				if c.Opt.RequireDyad && (x == "---" || y == "---") {
					continue
				}
				out = append(out, Event{Source: x, Target: y, Code: code})
			}
		}
	}
	if a, bcode, paired := strings.Cut(code, ":"); paired {
		if src[0] == "---" {
			src = tgt
		} else if tgt[0] == "---" {
			tgt = src
		}
		if a != "" {
			add(src, tgt, a)
		}
		add(tgt, src, bcode)
	} else {
		add(src, tgt, code)
	}
	return out
}

// codes lists the codes of a phrase's readings ("A/B" codes expanded).
func (c *Coder) codes(p *phrase) []string {
	var out []string
	for _, a := range p.alts {
		code := a.code
		if code == "---" && c.Opt.NewActorLength > 0 && len(a.words) > 0 && len(a.words) < c.Opt.NewActorLength+1 {
			code = `"` + strings.Join(a.words, " ") + `"`
		}
		out = append(out, strings.Split(code, "/")...)
	}
	if len(out) == 0 {
		out = []string{"---"}
	}
	return out
}

// firstPhrase is the first compound or coded phrase in seq other than
// skip, else the first phrase at all.
func firstPhrase(s *sentence, seq []int, skip *phrase) *phrase {
	var any *phrase
	for _, j := range seq {
		p := s.inPhrase[j]
		if p == nil || p == skip || (skip != nil && sameCodes(p, skip)) {
			continue
		}
		if p.compound() || p.coded() {
			return p
		}
		if any == nil {
			any = p
		}
	}
	return any
}

func sameCodes(a, b *phrase) bool {
	if len(a.alts) != len(b.alts) {
		return false
	}
	for i := range a.alts {
		if a.alts[i].code != b.alts[i].code {
			return false
		}
	}
	return true
}

// subject is the verb's source when no pattern marked one: its
// grammatical subject (also through "to"-infinitives and coordinated
// verbs) when that precedes it, else the nearest coded phrase before it.
// A verb after "and" shares the subject of the verb before it.
func (c *Coder) subject(s *sentence, vm verbMatch, target *phrase, upper []int) *phrase {
	v := vm.at
	for hop := 0; hop < 4 && v >= 0; hop++ {
		for _, d := range s.deps[v] {
			if r := baseRel(s.toks[d].Rel); (r == "nsubj") && d < vm.start && !s.deleted[d] {
				if p := s.inPhrase[d]; p != nil && p != target && (p.coded() || p.compound()) && !sameCodes(p, target) {
					return p
				}
			}
		}
		r := s.toks[v].Rel
		if r != "xcomp" && r != "conj" && r != "aux" && r != "cop" {
			break
		}
		v = s.toks[v].Head
	}
	seq := upper
	if p := s.nextWord(vm.start, -1); p >= 0 && s.toks[p].UPOS == "CCONJ" {
		// Skip back over the first verb phrase of the coordination.
		for j := p - 1; j >= 0; j-- {
			if isVerbTag(s.toks[j].XPOS) && s.inPhrase[j] == nil && s.toks[j].Rel != "amod" {
				seq = s.sequence(j-1, 0, -1)
				break
			}
		}
	}
	return firstPhrase(s, seq, target)
}
