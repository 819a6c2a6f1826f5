package dict

import (
	"strconv"
	"strings"

	"github.com/parley-events/parley/lemma"
)

// verbs converts a verb dictionary into trigger lines: each verb alone
// (with its own or its block's code) and each verb with each pattern of
// its block, PETRARCH applying a block's patterns to all its verbs.
func (c *converter) verbs(vd *VerbDict) {
	for bi := range vd.Blocks {
		b := &vd.Blocks[bi]
		c.rep.Read["verbs"] += len(b.Verbs)
		c.rep.Read["verb patterns"] += len(b.Patterns)
		for _, v := range b.Verbs {
			if v.VerbAt > 0 {
				c.rep.skip(b.File, v.Line, "words before the verb (parley verb patterns start with the verb)", strings.Join(v.Words, "_"))
				continue
			}
			verb := make([]string, len(v.Words))
			for i, w := range v.Words {
				verb[i] = strings.ToLower(w)
			}
			code := v.Code
			if code == "" {
				code = b.Code
			}
			// The verb alone: its direct object is the recipient.
			c.trigger(b.File, v.Line, append(append([]string{}, verb...), "+"), code, strings.Join(v.Words, "_"))
		}
		for _, p := range b.Patterns {
			alts, reason := c.compile(p.Text, vd)
			if reason != "" {
				// Counted once per pattern, not once per verb.
				c.rep.skip(b.File, p.Line, reason, p.Text+" ["+p.Code+"]")
				continue
			}
			for _, v := range b.Verbs {
				if v.VerbAt > 0 {
					continue
				}
				verb := make([]string, len(v.Words))
				for i, w := range v.Words {
					verb[i] = strings.ToLower(w)
				}
				for _, rest := range alts {
					c.trigger(b.File, p.Line, append(append([]string{}, verb...), rest...), p.Code, p.Text)
				}
			}
		}
	}
}

// trigger writes one V line for pattern words and a dictionary code.
func (c *converter) trigger(file string, line int, words []string, code, text string) {
	flags := "-"
	if a, b, paired := strings.Cut(code, ":"); paired {
		switch {
		case a == "":
			c.rep.skip(file, line, "reversed-role code [:X] (the target acts on the source)", text+" ["+code+"]")
			return
		case a == b:
			flags = "sym"
		default:
			c.rep.Notes["paired code [A:B]: the reverse event B dropped"]++
		}
		code = a
	}
	if code == "" {
		// TABARI's discard code [###] reads as an empty code: '#' starts a
		// remark in PETRARCH's dictionaries.
		c.rep.skip(file, line, "empty code ([###] discard code, cut by the # remark)", text)
		return
	}
	if code == "---" {
		c.rep.skip(file, line, "null code --- (the verb or pattern is not an event)", text)
		return
	}
	typ, mode, reason := c.m.Plover(code)
	if reason != "" {
		if !c.opt.Raw {
			c.rep.skip(file, line, reason, text+" ["+code+"]")
			return
		}
		typ, mode = "-", ""
		c.rep.Notes["raw mode: code PLOVER does not map kept with type - ("+reason+")"]++
	}
	if mode == "" {
		mode = "-"
	}
	// A trailing "+" after prepositions only (nothing to attach to) and
	// doubled markers were removed by compile; here only the key matters.
	pattern := strings.Join(words, " ")
	key := "V\x00" + pattern
	if prev, ok := c.trigSeen[key]; ok {
		if prev == code {
			c.rep.Notes["same pattern and code from several lines: written once"]++
		} else {
			c.rep.skip(file, line, "pattern already written with another code (first kept)", pattern+" ["+code+"]")
		}
		return
	}
	c.trigSeen[key] = code
	c.triggers = append(c.triggers, []string{"V", pattern, typ, mode, code, flags, file + ":" + strconv.Itoa(line)})
}

// compile turns the elements of a pattern ("* (TO {ARMS SHIPMENT}) +")
// into the pattern words after the verb, one list per synset expansion.
func (c *converter) compile(text string, vd *VerbDict) ([][]string, string) {
	r := strings.NewReplacer("(", " ", ")", " ", "{", " ", "}", " ")
	toks := strings.Fields(r.Replace(text))
	star := -1
	for i, t := range toks {
		if t == "*" || t == "*_" {
			star = i
			break
		}
	}
	if star < 0 {
		return nil, "pattern without the verb marker *"
	}
	for _, t := range toks[:star] {
		switch t {
		case "$":
		case "+":
			return nil, "recipient + before the verb"
		case "%":
			return nil, "compound actor % (not expressible)"
		default:
			return nil, "words before the verb (subject constraints are not expressible)"
		}
	}
	// slots: each a list of alternative word sequences.
	var slots [][][]string
	plus := false
	for _, t := range toks[star+1:] {
		switch t {
		case "+":
			if plus {
				return nil, "two recipient markers +"
			}
			plus = true
			slots = append(slots, [][]string{{"+"}})
			continue
		case "$":
			return nil, "source $ after the verb (parley takes the actor from the subject)"
		case "%":
			return nil, "compound actor % (not expressible)"
		case "^":
			return nil, "^ skip marker (not expressible)"
		case "*", "*_":
			return nil, "two verb markers *"
		}
		for _, part := range strings.Split(t, "_") {
			if part == "" {
				continue
			}
			if strings.HasPrefix(part, "&") {
				alts, reason := synsetAlternatives(part, vd, 0)
				if reason != "" {
					return nil, reason
				}
				slots = append(slots, alts)
				continue
			}
			if strings.ContainsAny(part, "+$%^*&") {
				return nil, "marker inside a word"
			}
			slots = append(slots, [][]string{{wordLemma(part)}})
		}
	}
	n := 1
	for _, s := range slots {
		n *= len(s)
		if n > c.opt.MaxExpansions {
			return nil, "synset expansion too large (over " + strconv.Itoa(c.opt.MaxExpansions) + " lines)"
		}
	}
	out := [][]string{nil}
	for _, s := range slots {
		var next [][]string
		for _, prefix := range out {
			for _, alt := range s {
				next = append(next, append(append([]string{}, prefix...), alt...))
			}
		}
		out = next
	}
	return out, ""
}

func synsetAlternatives(label string, vd *VerbDict, depth int) ([][]string, string) {
	s := vd.Synsets[strings.TrimSuffix(label, "_")]
	if s == nil {
		return nil, "undefined synset " + label
	}
	if depth > 3 {
		return nil, "synset nested too deep " + label
	}
	var out [][]string
	for _, m := range s.Members {
		if strings.HasPrefix(m, "&") {
			sub, reason := synsetAlternatives(firstField(m), vd, depth+1)
			if reason != "" {
				return nil, reason
			}
			out = append(out, sub...)
			continue
		}
		var words []string
		for _, w := range phraseWords(m) {
			if strings.ContainsAny(w, "+$%^*&") {
				return nil, "marker inside a synset member of " + label
			}
			words = append(words, wordLemma(w))
		}
		if len(words) > 0 {
			out = append(out, words)
		}
	}
	return out, ""
}

// wordLemma gives a pattern word as parley's matcher sees it: the lower-case
// lemma of a noun-or-other word ("ATTACKS" -> "attack", "DOWN" -> "down").
func wordLemma(w string) string {
	return lemma.Lemma(strings.ToLower(w), "NOUN", "NNS")
}
