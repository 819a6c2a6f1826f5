package depparse

import (
	"unicode"
	"unicode/utf8"
)

// Feature templates after Zhang and Nivre (2011), adapted to arc-hybrid:
// words, tags and universal tags of the top three stack items and the first
// three buffer items, the labels, words and tags of their outermost
// children, valencies, label sets, and the distance between s0 and b0 and
// between s1 and s0. Every feature is a 64-bit hash of its template number
// and values; the hash indexes the weight table directly, so no feature
// strings are ever built.

// Attribute values for positions outside the sentence and for ROOT.
const (
	noWord   = 0x6e6f6e65 // hash of a missing word
	rootWord = 0x726f6f74 // hash of ROOT's word
	unkWord  = 0x756e6b21 // hash of a word not seen (often enough) in training
	noTag    = 0
	rootTag  = 1
	unkTag   = 2 // a tag not seen in training
)

// sentence holds the interned attributes of one sentence; index i+1 holds
// token i (0 = ROOT), index 0 stands for "no token".
type sentence struct {
	w       []uint64 // lower-cased word hash (unkWord if rare)
	sig     []uint64 // the word's signature (see signature)
	t, p    []uint16 // XPOS and UPOS ids
	n       int
	wordBuf []byte
}

func (x *sentence) word(i int32) uint64 { return x.w[i+1] }
func (x *sentence) sign(i int32) uint64 { return x.sig[i+1] }

// signature hashes what a word's spelling says about it when the word
// itself is rare: its last three letters, lower-cased, and whether it is
// capitalised, in capitals, or has a digit or a hyphen. "Kosovar" and
// "Qatari" share nothing but their shape; "shelled" and "expelled" share
// "led" and being lower case.
func signature(w string) uint64 {
	var shape uint64
	start := max(0, len(w)-3)
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			if i == 0 {
				shape |= 1
			}
			shape |= 2
		case 'a' <= c && c <= 'z':
			shape |= 4
		case '0' <= c && c <= '9':
			shape |= 8
		case c == '-':
			shape |= 16
		}
	}
	h := uint64(14695981039346656037) ^ shape
	for i := start; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * 1099511628211
	}
	if h == noWord || h == rootWord {
		h++
	}
	return h
}
func (x *sentence) tag(i int32) uint64  { return uint64(x.t[i+1]) }
func (x *sentence) upos(i int32) uint64 { return uint64(x.p[i+1]) }

// wordHash hashes the lower-cased form of w with every digit mapped to 0,
// so "1984" and "2001" share weights. FNV-1a, no allocation.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			} else if '0' <= c && c <= '9' {
				c = '0'
			}
			h = (h ^ uint64(c)) * 1099511628211
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		r = unicode.ToLower(r)
		if unicode.IsDigit(r) {
			r = '0'
		}
		h = (h ^ uint64(r)) * 1099511628211
	}
	if h == noWord || h == rootWord || h == unkWord {
		h++
	}
	return h
}

// mix folds value v into hash h.
func mix(h, v uint64) uint64 {
	h = (h ^ v) * 0x9E3779B97F4A7C15
	return h ^ h>>31
}

func key1(t, a uint64) uint64       { return fin(mix(mix(t, a), 0)) }
func key2(t, a, b uint64) uint64    { return fin(mix(mix(mix(t, a), b), 0)) }
func key3(t, a, b, c uint64) uint64 { return fin(mix(mix(mix(mix(t, a), b), c), 0)) }
func key4(t, a, b, c, d uint64) uint64 {
	return fin(mix(mix(mix(mix(mix(t, a), b), c), d), 0))
}

// fin makes the final key; 0 is reserved for empty slots of the table.
func fin(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	if h == 0 {
		h = 1
	}
	return h
}

// dist buckets the distance between two tokens.
func dist(a, b int32) uint64 {
	if a < 0 || b < 0 {
		return 0
	}
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 10:
		return 6
	default:
		return 7
	}
}

// features appends the feature keys of state s over sentence x to out.
func features(s *state, x *sentence, out []uint64) []uint64 {
	s0, s1, s2 := s.s(0), s.s(1), s.s(2)
	b0, b1, b2, b3 := s.buf(0), s.buf(1), s.buf(2), s.buf(3)

	child := func(c []int32, i int32) int32 {
		if i < 0 {
			return none
		}
		return c[i]
	}
	lab := func(i int32) uint64 {
		if i < 0 {
			return 0
		}
		return uint64(s.label[i] + 1)
	}
	val := func(v []int16, i int32) uint64 {
		if i < 0 {
			return 0
		}
		return uint64(v[i]) + 1
	}
	set := func(v []uint64, i int32) uint64 {
		if i < 0 {
			return 0
		}
		return v[i]
	}
	s0l, s0l2, s0r, s0r2 := child(s.l1, s0), child(s.l2, s0), child(s.r1, s0), child(s.r2, s0)
	s1l, s1r, s1r2 := child(s.l1, s1), child(s.r1, s1), child(s.r2, s1)
	b0l, b0l2 := child(s.l1, b0), child(s.l2, b0)

	s0w, s0t, s0p := x.word(s0), x.tag(s0), x.upos(s0)
	s1w, s1t, s1p := x.word(s1), x.tag(s1), x.upos(s1)
	s2w, s2t := x.word(s2), x.tag(s2)
	b0w, b0t, b0p := x.word(b0), x.tag(b0), x.upos(b0)
	b1w, b1t := x.word(b1), x.tag(b1)
	b2w, b2t := x.word(b2), x.tag(b2)
	b3t := x.tag(b3)
	s0lw, s0lt, s0ll := x.word(s0l), x.tag(s0l), lab(s0l)
	s0rw, s0rt, s0rl := x.word(s0r), x.tag(s0r), lab(s0r)
	s0l2t, s0l2l := x.tag(s0l2), lab(s0l2)
	s0r2t, s0r2l := x.tag(s0r2), lab(s0r2)
	s1lt, s1ll := x.tag(s1l), lab(s1l)
	s1rw, s1rt, s1rl := x.word(s1r), x.tag(s1r), lab(s1r)
	s1r2t, s1r2l := x.tag(s1r2), lab(s1r2)
	b0lw, b0lt, b0ll := x.word(b0l), x.tag(b0l), lab(b0l)
	b0l2t, b0l2l := x.tag(b0l2), lab(b0l2)
	d0 := dist(s0, b0)
	d1 := dist(s1, s0)
	if s0 == 0 || s1 == 0 {
		d1 = 8 // distance to ROOT says nothing
	}
	s0vl, s0vr, s1vl, s1vr, b0vl := val(s.nl, s0), val(s.nr, s0), val(s.nl, s1), val(s.nr, s1), val(s.nl, b0)
	s0ls, s0rs, s1rs, b0ls := set(s.lset, s0), set(s.rset, s0), set(s.rset, s1), set(s.lset, b0)

	var t uint64
	next := func() uint64 { t++; return t << 40 }
	add := func(k uint64) { out = append(out, k) }

	// single positions
	add(key1(next(), s0w))
	add(key1(next(), s0t))
	add(key2(next(), s0w, s0t))
	add(key1(next(), s0p))
	add(key1(next(), s1w))
	add(key1(next(), s1t))
	add(key2(next(), s1w, s1t))
	add(key1(next(), s1p))
	add(key1(next(), s2w))
	add(key1(next(), s2t))
	add(key1(next(), b0w))
	add(key1(next(), b0t))
	add(key2(next(), b0w, b0t))
	add(key1(next(), b0p))
	add(key1(next(), b1w))
	add(key1(next(), b1t))
	add(key2(next(), b1w, b1t))
	add(key1(next(), b2w))
	add(key1(next(), b2t))
	add(key2(next(), b2w, b2t))

	// pairs of s0 and b0
	add(key4(next(), s0w, s0t, b0w, b0t))
	add(key3(next(), s0w, s0t, b0w))
	add(key3(next(), s0w, b0w, b0t))
	add(key3(next(), s0w, s0t, b0t))
	add(key3(next(), s0t, b0w, b0t))
	add(key2(next(), s0w, b0w))
	add(key2(next(), s0t, b0t))
	add(key2(next(), s0p, b0p))
	add(key2(next(), b0t, b1t))
	add(key2(next(), b0w, b1w))
	add(key2(next(), b0w, b1t))
	add(key2(next(), b0t, b1w))

	// pairs of s1 and s0 (RIGHT decides between them)
	add(key4(next(), s1w, s1t, s0w, s0t))
	add(key3(next(), s1w, s1t, s0t))
	add(key3(next(), s1t, s0w, s0t))
	add(key3(next(), s1w, s1t, s0w))
	add(key3(next(), s1w, s0w, s0t))
	add(key2(next(), s1w, s0w))
	add(key2(next(), s1t, s0t))
	add(key2(next(), s1p, s0p))
	add(key2(next(), s1t, b0t))
	add(key2(next(), s1w, b0w))

	// tag trigrams
	add(key3(next(), b0t, b1t, b2t))
	add(key4(next(), b0t, b1t, b2t, b3t))
	add(key3(next(), s0t, b0t, b1t))
	add(key3(next(), s1t, s0t, b0t))
	add(key3(next(), s2t, s1t, s0t))
	add(key3(next(), s1t, s0t, b1t))
	add(key3(next(), s0w, b0t, b1t))
	add(key3(next(), s0t, b0w, b1t))
	add(key3(next(), s1t, s0w, b0t))
	add(key3(next(), s1t, s0t, b0w))
	add(key4(next(), s2t, s1t, s0t, b0t))
	add(key4(next(), s1t, s0t, b0t, b1t))

	// children
	add(key1(next(), s0lw))
	add(key1(next(), s0lt))
	add(key1(next(), s0ll))
	add(key1(next(), s0rw))
	add(key1(next(), s0rt))
	add(key1(next(), s0rl))
	add(key1(next(), s1rw))
	add(key1(next(), s1rt))
	add(key1(next(), s1rl))
	add(key1(next(), s1ll))
	add(key1(next(), b0lw))
	add(key1(next(), b0lt))
	add(key1(next(), b0ll))
	add(key2(next(), s0l2t, s0l2l))
	add(key2(next(), s0r2t, s0r2l))
	add(key2(next(), b0l2t, b0l2l))
	add(key3(next(), s0t, s0lt, s0l2t))
	add(key3(next(), s0t, s0rt, s0r2t))
	add(key3(next(), b0t, b0lt, b0l2t))
	add(key3(next(), s1t, s1rt, s1r2t))
	add(key3(next(), s0t, s0ll, s0l2l))
	add(key3(next(), s0t, s0rl, s0r2l))
	add(key3(next(), b0t, b0ll, b0l2l))
	add(key3(next(), s1t, s1rl, s1r2l))
	add(key3(next(), s0t, s0lt, b0t))
	add(key3(next(), s0t, s0rt, b0t))
	add(key3(next(), s0t, b0t, b0lt))
	add(key3(next(), s1t, s0t, s0lt))
	add(key3(next(), s1t, s0t, s0rt))
	add(key3(next(), s1t, s1rt, s0t))
	add(key3(next(), s1t, s1lt, s0t))
	add(key3(next(), s0w, s0ll, b0t))
	add(key3(next(), s0w, s0rl, b0t))
	add(key3(next(), s1w, s1rl, s0t))
	add(key3(next(), s0t, s0ll, s0rl))
	add(key3(next(), b0w, b0ll, s0t))

	// distance
	add(key2(next(), s0w, d0))
	add(key2(next(), s0t, d0))
	add(key2(next(), b0w, d0))
	add(key2(next(), b0t, d0))
	add(key3(next(), s0w, b0w, d0))
	add(key3(next(), s0t, b0t, d0))
	add(key3(next(), s1t, s0t, d1))
	add(key3(next(), s1w, s0w, d1))
	add(key2(next(), s1w, d1))
	add(key2(next(), s0w, d1))

	// valency
	add(key2(next(), s0w, s0vl))
	add(key2(next(), s0t, s0vl))
	add(key2(next(), s0w, s0vr))
	add(key2(next(), s0t, s0vr))
	add(key2(next(), s1w, s1vr))
	add(key2(next(), s1t, s1vr))
	add(key2(next(), s1t, s1vl))
	add(key2(next(), b0w, b0vl))
	add(key2(next(), b0t, b0vl))

	// label sets
	add(key2(next(), s0w, s0ls))
	add(key2(next(), s0t, s0ls))
	add(key2(next(), s0w, s0rs))
	add(key2(next(), s0t, s0rs))
	add(key2(next(), s1t, s1rs))
	add(key2(next(), s1w, s1rs))
	add(key2(next(), b0w, b0ls))
	add(key2(next(), b0t, b0ls))

	// spelling signatures, for rare and unknown words
	s0g, b0g, s1g, b1g := x.sign(s0), x.sign(b0), x.sign(s1), x.sign(b1)
	add(key2(next(), s0g, s0t))
	add(key2(next(), b0g, b0t))
	add(key1(next(), s1g))
	add(key1(next(), b1g))
	add(key3(next(), s0g, b0g, d0))
	add(key2(next(), b0g, s0t))
	return out
}
