package tag

import (
	"unicode"
	"unicode/utf8"
)

// Feature extraction works on 64-bit hashes, never on strings: each word's
// string-valued properties (lower-cased form, affixes, shape) are hashed
// once per token into a tokenInfo, and each feature template combines those
// hashes with a template number and the previous tags by integer mixing.
// Nothing is allocated per token; the buffers live in a scratch that the
// caller reuses.

// Feature templates. The numbers are part of the model file format: a
// feature's hash includes its template number, so renumbering invalidates
// trained models.
const (
	fBias = iota + 1
	fWord
	fPre1
	fPre2
	fPre3
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fShape
	fHyphen
	fDigit
	fAllCaps
	fInitCap
	fInitCapFirst
	fTag1
	fTag2
	fTag12
	fTag1Word
	fWordM1
	fSuf3M1
	fWordM2
	fWordP1
	fSuf3P1
	fWordP2
	fShapeP1
	fShapeM1
	fWordM1Word
	fWordWordP1
	fTag1Suf3
	fFormCase
	fAmbigP1
	fAmbigP2
	fTag1WordP1
	fAmbig
	fWordNet
	fWordNetP1
	fWordNetM1
	fWordNetShape
	fLastVerb
	fLastVerbSuf
	fAllCapsWordNet
)

// Flags of a token's shape.
const (
	flHyphen = 1 << iota
	flDigit
	flAllCaps
	flInitCap
)

// tokenInfo holds the hashed properties of one word.
type tokenInfo struct {
	lower, form                              uint64
	pre1, pre2, pre3, suf1, suf2, suf3, suf4 uint64
	shape                                    uint64
	ambig                                    uint64 // hash of the word's ambiguity class, or 0 when the word is not in the lexicon
	wordnet                                  uint64 // WordNet analysis bits (wn*) plus 1; 0 for the sentence padding
	flags                                    uint8
}

// Hash constants (FNV-1a offset and prime, golden-ratio multipliers).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix is the splitmix64 finaliser: a cheap, well-distributed 64-bit mixer.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// feat combines a template number with up to two values into a feature key.
// Keys are never 0, which marks an empty slot in the lookup table.
func feat(template int, a, b uint64) uint64 {
	h := mix(uint64(template)*0x9e3779b97f4a7c15 ^ a)
	h = mix(h ^ (b + 0x632be59bd9b4e019))
	if h == 0 {
		h = 1
	}
	return h
}

func hashRunes(rs []rune) uint64 {
	h := uint64(fnvOffset)
	for _, r := range rs {
		h ^= uint64(r)
		h *= fnvPrime
	}
	return h
}

// normRune maps typographic quotes and dashes to their ASCII forms, so that
// news text (“ ” ‘ ’ –) looks like the mostly-ASCII training treebank.
func normRune(r rune) rune {
	switch r {
	case '“', '”', '„', '‟', '«', '»', '″':
		return '"'
	case '‘', '’', '‚', '‛', '′', '`':
		return '\''
	case '–', '—', '‒', '―', '−':
		return '-'
	}
	return r
}

// Pseudo-words for positions before the start and after the end of the
// sentence.
var (
	startInfo = padInfo("-START-")
	endInfo   = padInfo("-END-")
)

func padInfo(s string) tokenInfo {
	h := hashRunes([]rune(s))
	return tokenInfo{lower: h, form: h, suf3: h, shape: h}
}

// scratch is the per-call working memory of Tag and of training.
type scratch struct {
	info   []tokenInfo // padded: info[0], info[1] are start, then words, then two ends
	runes  []rune
	lower  []rune
	shape  []rune
	tags   []int32 // predicted classes so far, padded with two start tags
	scores []int32
	feats  []uint64
	// lastVerb is 1 + the class of the last word tagged VERB or AUX so
	// far, 0 if none: whether a finite verb came before tells a past
	// tense (troops struck) from a participle (had struck).
	lastVerb int32
	verbal   []bool
	// touched sinks the prefetching loads of predict, so that the
	// compiler cannot drop them; its value means nothing.
	touched uint32
}

// set records the class of word i.
func (s *scratch) set(i int, c int32) {
	s.tags[i+2] = c
	if s.verbal[c] {
		s.lastVerb = c + 1
	}
}

// fill computes tokenInfo for every word. lex gives the ambiguity class of
// a lower-cased word hash (0 when absent).
func (s *scratch) fill(words []string, lex func(uint64) uint64) {
	n := len(words)
	if cap(s.info) < n+4 {
		s.info = make([]tokenInfo, n+4)
	}
	s.info = s.info[:n+4]
	s.info[0], s.info[1] = startInfo, startInfo
	s.info[n+2], s.info[n+3] = endInfo, endInfo
	for i, w := range words {
		s.info[i+2] = s.wordInfo(w, lex)
	}
}

func (s *scratch) wordInfo(w string, lex func(uint64) uint64) tokenInfo {
	s.runes, s.lower, s.shape = s.runes[:0], s.lower[:0], s.shape[:0]
	var t tokenInfo
	upper, letters := 0, 0
	var last rune = -1
	for i := 0; i < len(w); {
		r, size := rune(w[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(w[i:])
			r = normRune(r)
		} else if r == '`' {
			r = '\''
		}
		i += size
		s.runes = append(s.runes, r)
		lr := r
		var cls rune
		switch {
		case r >= 'a' && r <= 'z':
			cls = 'x'
			letters++
		case r >= 'A' && r <= 'Z':
			cls = 'X'
			lr = r + ('a' - 'A')
			letters++
			upper++
		case r >= '0' && r <= '9':
			cls = 'd'
			t.flags |= flDigit
		case r < utf8.RuneSelf:
			cls = r
			if r == '-' {
				t.flags |= flHyphen
			}
		case unicode.IsUpper(r):
			cls = 'X'
			lr = unicode.ToLower(r)
			letters++
			upper++
		case unicode.IsLetter(r):
			cls = 'x'
			letters++
		case unicode.IsDigit(r):
			cls = 'd'
			t.flags |= flDigit
		default:
			cls = r
		}
		s.lower = append(s.lower, lr)
		if cls != last {
			s.shape = append(s.shape, cls)
			last = cls
		}
	}
	if letters > 0 && upper == letters {
		t.flags |= flAllCaps
	}
	if len(s.runes) > 0 && s.shape[0] == 'X' {
		t.flags |= flInitCap
	}
	lw := s.lower
	n := len(lw)
	t.lower = hashRunes(lw)
	t.form = hashRunes(s.runes)
	t.shape = hashRunes(s.shape)
	t.pre1 = hashRunes(lw[:min(1, n)])
	t.pre2 = hashRunes(lw[:min(2, n)])
	t.pre3 = hashRunes(lw[:min(3, n)])
	t.suf1 = hashRunes(lw[max(0, n-1):])
	t.suf2 = hashRunes(lw[max(0, n-2):])
	t.suf3 = hashRunes(lw[max(0, n-3):])
	t.suf4 = hashRunes(lw[max(0, n-4):])
	if lex != nil {
		t.ambig = lex(t.lower)
	}
	t.wordnet = wordNet().analyse(lw, t.lower) + 1
	return t
}

// features writes the feature keys of word i (0-based) into s.feats, given
// the classes already predicted for words before i in s.tags.
func (s *scratch) features(i int) []uint64 {
	c := &s.info[i+2]
	m1, m2 := &s.info[i+1], &s.info[i]
	p1, p2 := &s.info[i+3], &s.info[i+4]
	t1 := uint64(s.tags[i+1]) + 1
	t2 := uint64(s.tags[i]) + 1
	f := s.feats[:0]
	f = append(f,
		feat(fBias, 0, 0),
		feat(fWord, c.lower, 0),
		feat(fPre1, c.pre1, 0),
		feat(fPre2, c.pre2, 0),
		feat(fPre3, c.pre3, 0),
		feat(fSuf1, c.suf1, 0),
		feat(fSuf2, c.suf2, 0),
		feat(fSuf3, c.suf3, 0),
		feat(fSuf4, c.suf4, 0),
		feat(fShape, c.shape, 0),
		feat(fTag1, t1, 0),
		feat(fTag2, t2, 0),
		feat(fTag12, t1, t2),
		feat(fTag1Word, t1, c.lower),
		feat(fWordM1, m1.lower, 0),
		feat(fSuf3M1, m1.suf3, 0),
		feat(fWordM2, m2.lower, 0),
		feat(fWordP1, p1.lower, 0),
		feat(fSuf3P1, p1.suf3, 0),
		feat(fWordP2, p2.lower, 0),
		feat(fShapeP1, p1.shape, 0),
		feat(fShapeM1, m1.shape, 0),
		feat(fWordM1Word, m1.lower, c.lower),
		feat(fWordWordP1, c.lower, p1.lower),
		feat(fTag1Suf3, t1, c.suf3),
		feat(fFormCase, c.form, 0),
		feat(fTag1WordP1, t1, p1.lower),
	)
	if c.flags&flHyphen != 0 {
		f = append(f, feat(fHyphen, 0, 0))
	}
	if c.flags&flDigit != 0 {
		f = append(f, feat(fDigit, 0, 0))
	}
	if c.flags&flAllCaps != 0 {
		first := uint64(0)
		if i == 0 {
			first = 1
		}
		f = append(f, feat(fAllCaps, 0, 0), feat(fAllCapsWordNet, c.wordnet, first))
	}
	if c.flags&flInitCap != 0 {
		if i == 0 {
			f = append(f, feat(fInitCapFirst, 0, 0))
		} else {
			f = append(f, feat(fInitCap, 0, 0))
		}
	}
	f = append(f,
		feat(fWordNet, c.wordnet, 0),
		feat(fWordNetP1, p1.wordnet, 0),
		feat(fWordNetM1, m1.wordnet, 0),
		feat(fWordNetShape, c.wordnet, c.shape),
		feat(fLastVerb, uint64(s.lastVerb), 0),
		feat(fLastVerbSuf, uint64(s.lastVerb), c.suf2),
	)
	if c.ambig != 0 {
		f = append(f, feat(fAmbig, c.ambig, 0))
	}
	if p1.ambig != 0 {
		f = append(f, feat(fAmbigP1, p1.ambig, 0))
	}
	if p2.ambig != 0 {
		f = append(f, feat(fAmbigP2, p2.ambig, 0))
	}
	s.feats = f
	return f
}
