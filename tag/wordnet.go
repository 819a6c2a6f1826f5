package tag

import (
	"strings"
	"sync"

	"github.com/parley-events/parley/lemma"
)

// The treebank has 200,000 words; news brings many it never saw. For those
// the tagger asks WordNet (through the lemma package's embedded lexicon)
// what the word can be: a noun, a verb, an adjective, a proper name, or a
// regular inflection of one (strikes = strike+s, shelled = shell+ed). The
// answer is a bit set that becomes a feature.

// Morphological analysis bits.
const (
	wnNoun = 1 << iota
	wnProper
	wnVerb
	wnAdj
	wnAdv
	wnNounS   // regular plural of a noun
	wnVerbS   // verb + s
	wnVerbEd  // verb + ed
	wnVerbIng // verb + ing
	wnAdjEr   // adjective + er / est
	wnIrrNoun // irregular plural (WordNet exception list)
	wnIrrVerb // irregular verb form
	wnIrrAdj  // irregular comparative or superlative
)

type wordNetTables struct {
	lexicon    hashTable // hash of lemma → lemma bits (wnNoun..wnAdv)
	exceptions hashTable // hash of irregular form → wnIrr* bits
}

var (
	wnOnce sync.Once
	wn     *wordNetTables
)

func wordNet() *wordNetTables {
	wnOnce.Do(func() {
		var lex []uint64
		lemma.Lexicon(func(w string, pos uint8) {
			var b uint64
			if pos&lemma.Noun != 0 {
				b |= wnNoun
			}
			if pos&lemma.Proper != 0 {
				b |= wnProper
			}
			if pos&lemma.Verb != 0 {
				b |= wnVerb
			}
			if pos&lemma.Adj != 0 {
				b |= wnAdj
			}
			if pos&lemma.Adv != 0 {
				b |= wnAdv
			}
			lex = append(lex, hashString(w), b)
		})
		excBits := map[uint64]uint64{}
		lemma.Exceptions(func(form, pos, _ string) {
			var b uint64
			switch pos {
			case "n":
				b = wnIrrNoun
			case "v":
				b = wnIrrVerb
			default:
				b = wnIrrAdj
			}
			excBits[hashString(form)] |= b
		})
		t := &wordNetTables{lexicon: newHashTable(len(lex) / 2), exceptions: newHashTable(len(excBits))}
		for i := 0; i < len(lex); i += 2 {
			t.lexicon.put(dictKey(lex[i]), lex[i+1])
		}
		for h, b := range excBits {
			t.exceptions.put(dictKey(h), b)
		}
		wn = t
	})
	return wn
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for _, r := range s {
		h ^= uint64(r)
		h *= fnvPrime
	}
	return h
}

// extend continues an FNV hash with more (ASCII) characters, giving the
// hash of stem+suffix from the hash of stem.
func extend(h uint64, suffix string) uint64 {
	for i := 0; i < len(suffix); i++ {
		h ^= uint64(suffix[i])
		h *= fnvPrime
	}
	return h
}

// lemmaBits returns the lexicon bits of the word whose hash is h.
func (t *wordNetTables) lemmaBits(h uint64) uint64 {
	v, _ := t.lexicon.get(dictKey(h))
	return v
}

// analyse returns the analysis bits of a lower-cased word (hash h, runes lw).
func (t *wordNetTables) analyse(lw []rune, h uint64) uint64 {
	b := t.lemmaBits(h)
	if v, ok := t.exceptions.get(dictKey(h)); ok {
		b |= v
	}
	n := len(lw)
	if n < 4 {
		return b
	}
	ends := func(suf string) bool {
		if len(suf) > n {
			return false
		}
		for i := 0; i < len(suf); i++ {
			if lw[n-len(suf)+i] != rune(suf[i]) {
				return false
			}
		}
		return true
	}
	// stem hashes the word without its last k letters, plus rep.
	stem := func(k int, rep string) uint64 { return extend(hashRunes(lw[:n-k]), rep) }
	undoubled := func(k int) uint64 {
		if n-k >= 3 && lw[n-k-1] == lw[n-k-2] && strings.ContainsRune("bdgklmnprtvz", lw[n-k-1]) {
			return hashRunes(lw[:n-k-1])
		}
		return 0
	}
	switch {
	case ends("ies"):
		s := t.lemmaBits(stem(3, "y"))
		b |= pick(s, wnNoun, wnNounS) | pick(s, wnVerb, wnVerbS)
	case ends("s") && !ends("ss"):
		s := t.lemmaBits(stem(1, ""))
		if ends("es") {
			s |= t.lemmaBits(stem(2, ""))
		}
		b |= pick(s, wnNoun, wnNounS) | pick(s, wnVerb, wnVerbS)
	case ends("ed"):
		s := t.lemmaBits(stem(2, "")) | t.lemmaBits(stem(1, ""))
		if ends("ied") {
			s |= t.lemmaBits(stem(3, "y"))
		}
		if u := undoubled(2); u != 0 {
			s |= t.lemmaBits(u)
		}
		b |= pick(s, wnVerb, wnVerbEd)
	case ends("ing"):
		s := t.lemmaBits(stem(3, "")) | t.lemmaBits(stem(3, "e"))
		if u := undoubled(3); u != 0 {
			s |= t.lemmaBits(u)
		}
		b |= pick(s, wnVerb, wnVerbIng)
	case ends("er") || ends("est"):
		k := 2
		if ends("est") {
			k = 3
		}
		s := t.lemmaBits(stem(k, "")) | t.lemmaBits(stem(k-1, ""))
		if lw[n-k-1] == 'i' {
			s |= t.lemmaBits(stem(k+1, "y"))
		}
		if u := undoubled(k); u != 0 {
			s |= t.lemmaBits(u)
		}
		b |= pick(s, wnAdj, wnAdjEr)
	}
	return b
}

// pick returns out when bits has the bit want.
func pick(bits, want, out uint64) uint64 {
	if bits&want != 0 {
		return out
	}
	return 0
}
