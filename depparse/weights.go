package depparse

import "math"

// weights is the read-only weight table of a trained parser: a sparse row
// of (class, weight) pairs per feature key, in flat arrays, found through an
// open-addressing hash table. Scoring a state adds up the rows of its
// features without allocating.
type weights struct {
	nclass int
	mask   uint32
	slots  []uint32 // short feature key per slot, 0 = empty
	row    []uint32 // row number of the key in slots[i]
	start  []uint32 // row r is cls/w[start[r]:start[r+1]]
	cls    []uint8
	w      []float32
	unit   float32 // quantisation unit of w, once quantised
}

// short is the 32-bit key under which a feature's weights are stored. A
// parser keeps a few hundred thousand features, so an absent feature
// matches a stored one by chance about once in ten thousand lookups, which
// changes nothing; the table and the model file are half the size they
// would be with full 64-bit keys.
func short(k uint64) uint32 {
	if s := uint32(k >> 32); s != 0 {
		return s
	}
	return 1
}

// newWeights builds the table from rows with distinct keys.
func newWeights(nclass int, keys []uint32, rows [][]entry) *weights {
	size := 1
	for size < 2*len(keys)+2 {
		size <<= 1
	}
	t := &weights{
		nclass: nclass,
		mask:   uint32(size - 1),
		slots:  make([]uint32, size),
		row:    make([]uint32, size),
		start:  make([]uint32, len(keys)+1),
	}
	n := 0
	for _, r := range rows {
		n += len(r)
	}
	t.cls = make([]uint8, 0, n)
	t.w = make([]float32, 0, n)
	for i, k := range keys {
		t.start[i] = uint32(len(t.cls))
		for _, e := range rows[i] {
			t.cls = append(t.cls, e.c)
			t.w = append(t.w, e.w)
		}
		j := k & t.mask
		for t.slots[j] != 0 {
			j = (j + 1) & t.mask
		}
		t.slots[j] = k
		t.row[j] = uint32(i)
	}
	t.start[len(keys)] = uint32(len(t.cls))
	return t
}

// shortened turns rows under 64-bit keys in ascending order into a table
// under short keys, merging the rows of keys that shorten alike.
func shortened(nclass int, keys []uint64, rows [][]entry) *weights {
	var ks []uint32
	var rs [][]entry
	for i, k := range keys {
		s := short(k)
		if len(ks) > 0 && ks[len(ks)-1] == s {
			last := &rs[len(rs)-1]
			for _, e := range rows[i] {
				merged := false
				for j := range *last {
					if (*last)[j].c == e.c {
						(*last)[j].w += e.w
						merged = true
					}
				}
				if !merged {
					*last = append(*last, e)
				}
			}
			continue
		}
		ks = append(ks, s)
		rs = append(rs, append([]entry(nil), rows[i]...))
	}
	return newWeights(nclass, ks, rs)
}

// score adds the weights of feats to scores (len nclass, zeroed by caller).
func (t *weights) score(feats []uint64, scores []float32) {
	for _, f := range feats {
		k := short(f)
		j := k & t.mask
		for {
			s := t.slots[j]
			if s == k {
				r := t.row[j]
				a, b := t.start[r], t.start[r+1]
				cls, w := t.cls[a:b], t.w[a:b]
				for i, c := range cls {
					scores[c] += w[i]
				}
				break
			}
			if s == 0 {
				break
			}
			j = (j + 1) & t.mask
		}
	}
}

// entry is one class weight of a feature during training. u accumulates
// the time-weighted updates so that the average over all steps is
// w - u/steps (Daumé 2006), without visiting every weight at every step.
type entry struct {
	c uint8
	w float32
	u float64
}

// trainWeights is the growing weight table used while training.
type trainWeights struct {
	nclass int
	index  map[uint64]int32
	rows   [][]entry
	keys   []uint64
	steps  float64 // number of training steps so far (the c of Daumé's trick)
}

func newTrainWeights(nclass int) *trainWeights {
	return &trainWeights{nclass: nclass, index: make(map[uint64]int32, 1<<20)}
}

func (t *trainWeights) score(feats []uint64, scores []float32) {
	for _, k := range feats {
		if r, ok := t.index[k]; ok {
			for _, e := range t.rows[r] {
				scores[e.c] += e.w
			}
		}
	}
}

// update adds delta to the weight of class c for every feature in feats.
func (t *trainWeights) update(feats []uint64, c int, delta float32) {
	for _, k := range feats {
		r, ok := t.index[k]
		if !ok {
			r = int32(len(t.rows))
			t.index[k] = r
			t.rows = append(t.rows, nil)
			t.keys = append(t.keys, k)
		}
		row := t.rows[r]
		found := false
		for i := range row {
			if int(row[i].c) == c {
				row[i].w += delta
				row[i].u += t.steps * float64(delta)
				found = true
				break
			}
		}
		if !found {
			t.rows[r] = append(row, entry{c: uint8(c), w: delta, u: t.steps * float64(delta)})
		}
	}
}

// table returns the averaged weights as a table, pruned as by averaged.
func (t *trainWeights) table(minWeight float64) *weights {
	keys, rows := t.averaged(minWeight)
	return shortened(t.nclass, keys, rows)
}

// averaged returns the averaged weights, dropping those whose magnitude is
// below minWeight and features left with no weight, as rows in key order.
func (t *trainWeights) averaged(minWeight float64) (keys []uint64, rows [][]entry) {
	order := make([]int, len(t.keys))
	for i := range order {
		order[i] = i
	}
	sortByKey(order, t.keys)
	for _, i := range order {
		var row []entry
		for _, e := range t.rows[i] {
			a := float64(e.w) - e.u/t.steps
			if math.Abs(a) < minWeight {
				continue
			}
			row = append(row, entry{c: e.c, w: float32(a)})
		}
		if len(row) > 0 {
			keys = append(keys, t.keys[i])
			rows = append(rows, row)
		}
	}
	return keys, rows
}

// pruned returns a copy of t without the weights smaller than minWeight in
// magnitude and without features left empty.
func (t *weights) pruned(minWeight float32) *weights {
	var keys []uint32
	var rows [][]entry
	for i, k := range t.slots {
		if k == 0 {
			continue
		}
		r := t.row[i]
		var row []entry
		for j := t.start[r]; j < t.start[r+1]; j++ {
			if t.w[j] >= minWeight || t.w[j] <= -minWeight {
				row = append(row, entry{c: t.cls[j], w: t.w[j]})
			}
		}
		if len(row) > 0 {
			keys = append(keys, k)
			rows = append(rows, row)
		}
	}
	return newWeights(t.nclass, keys, rows)
}
