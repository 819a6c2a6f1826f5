package depparse

// The transition system is arc-hybrid (Kuhlmann, Gómez-Rodríguez and Satta
// 2011) with the artificial ROOT (index 0) at the bottom of the stack:
//
//	SHIFT    moves the buffer front b onto the stack;
//	LEFT-l   makes b the head of the stack top s0 (label l) and pops s0;
//	RIGHT-l  makes s1 the head of s0 (label l) and pops s0.
//
// RIGHT onto ROOT is allowed only when the buffer is empty, so every parse
// has exactly one word attached to ROOT, as UD requires, and that attachment
// always carries the root label.
//
// The buffer of arc-hybrid is always the contiguous run b..n, so it is held
// as a single index.

const none = -1 // "no token" in child and head slots

// Transition kinds. A class (what the classifier predicts) is SHIFT, or a
// kind with a label: class 1+l is LEFT-l, class 1+L+l is RIGHT-l for L labels.
const (
	shift = iota
	left
	right
)

// state is a parser configuration plus the partial tree built so far. It
// keeps, for every token, the children the feature templates look at, so a
// feature never has to search the tree.
type state struct {
	n     int32 // words 1..n; 0 is ROOT
	stack []int32
	b     int32 // buffer front; the buffer is empty when b > n

	head  []int32 // head of each token, none if unattached
	label []int16 // label of the arc into each token
	// leftmost, second leftmost, rightmost, second rightmost child
	l1, l2, r1, r2 []int32
	nl, nr         []int16  // number of left and right children (valency)
	lset, rset     []uint64 // bitsets of the labels of left and right children
}

// reset prepares s for a sentence of n words, reusing its storage.
func (s *state) reset(n int) {
	s.n = int32(n)
	s.stack = append(s.stack[:0], 0)
	s.b = 1
	m := n + 1
	s.head = grow32(s.head, m)
	s.l1 = grow32(s.l1, m)
	s.l2 = grow32(s.l2, m)
	s.r1 = grow32(s.r1, m)
	s.r2 = grow32(s.r2, m)
	if cap(s.label) < m {
		s.label = make([]int16, m)
		s.nl = make([]int16, m)
		s.nr = make([]int16, m)
		s.lset = make([]uint64, m)
		s.rset = make([]uint64, m)
	}
	s.label, s.nl, s.nr = s.label[:m], s.nl[:m], s.nr[:m]
	s.lset, s.rset = s.lset[:m], s.rset[:m]
	for i := 0; i < m; i++ {
		s.head[i], s.l1[i], s.l2[i], s.r1[i], s.r2[i] = none, none, none, none, none
		s.label[i], s.nl[i], s.nr[i] = -1, 0, 0
		s.lset[i], s.rset[i] = 0, 0
	}
}

func grow32(x []int32, m int) []int32 {
	if cap(x) < m {
		return make([]int32, m)
	}
	return x[:m]
}

func (s *state) terminal() bool { return s.b > s.n && len(s.stack) == 1 }

// s returns the i-th stack element from the top (0 = top), or none.
func (s *state) s(i int) int32 {
	if i >= len(s.stack) {
		return none
	}
	return s.stack[len(s.stack)-1-i]
}

// buf returns the i-th buffer element (0 = front), or none.
func (s *state) buf(i int32) int32 {
	if s.b+i > s.n {
		return none
	}
	return s.b + i
}

// canShift, canLeft and canRight say which transition kinds are valid.
// rootOnly reports that RIGHT is valid only with the root label (s1 is
// ROOT), and that LEFT and RIGHT may never carry the root label otherwise.
func (s *state) canShift() bool { return s.b <= s.n }
func (s *state) canLeft() bool  { return len(s.stack) >= 2 && s.b <= s.n }
func (s *state) canRight() bool {
	if len(s.stack) < 2 {
		return false
	}
	return s.stack[len(s.stack)-2] != 0 || s.b > s.n
}
func (s *state) rightIsRoot() bool { return len(s.stack) == 2 }

// headIf returns the head that transition kind k (LEFT or RIGHT) would give
// the stack top: the buffer front or the item under the top.
func (s *state) headIf(k int) int32 {
	if k == left {
		return s.b
	}
	return s.stack[len(s.stack)-2]
}

// apply performs transition kind k with label l (ignored for SHIFT).
func (s *state) apply(k int, l int16) {
	switch k {
	case shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case left:
		d := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(s.b, d, l)
	case right:
		d := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(s.stack[len(s.stack)-1], d, l)
	}
}

func (s *state) attach(h, d int32, l int16) {
	s.head[d] = h
	s.label[d] = l
	bit := uint64(1) << (uint(l) & 63)
	if d < h {
		s.nl[h]++
		s.lset[h] |= bit
		if s.l1[h] == none || d < s.l1[h] {
			s.l2[h] = s.l1[h]
			s.l1[h] = d
		} else if s.l2[h] == none || d < s.l2[h] {
			s.l2[h] = d
		}
	} else {
		s.nr[h]++
		s.rset[h] |= bit
		if s.r1[h] == none || d > s.r1[h] {
			s.r2[h] = s.r1[h]
			s.r1[h] = d
		} else if s.r2[h] == none || d > s.r2[h] {
			s.r2[h] = d
		}
	}
}

// costs returns the dynamic-oracle costs of SHIFT, LEFT and RIGHT (without
// the label): the number of gold arcs each would make unreachable (Goldberg
// and Nivre 2013). goldHead is indexed by token (goldHead[0] unused). For
// projective gold trees the costs are exact; for non-projective ones they
// are the usual approximation, and training follows the cheapest
// transitions.
func (s *state) costs(goldHead []int32) (cShift, cLeft, cRight int) {
	n := s.n
	s0, s1 := s.s(0), s.s(1)
	b := s.b
	if s.canShift() {
		// b loses any head deeper than s0 and any dependent in the stack.
		for i, t := range s.stack {
			if i < len(s.stack)-1 && goldHead[b] == t {
				cShift++
			}
			if t != 0 && goldHead[t] == b {
				cShift++
			}
		}
	}
	if s0 > 0 {
		// Popping s0 loses its dependents still in the buffer.
		deps := 0
		for d := b; d <= n; d++ {
			if goldHead[d] == s0 {
				deps++
			}
		}
		h := goldHead[s0]
		if s.canLeft() {
			cLeft = deps
			if h != b && (h == s1 || h > b) {
				cLeft++
			}
		}
		if s.canRight() {
			cRight = deps
			if h >= b {
				cRight++
			}
		}
	}
	return
}
