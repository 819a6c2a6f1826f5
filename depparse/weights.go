package depparse

import (
	"math"
	"slices"
	"unsafe"
)

// weights is the read-only weight table of a trained parser: a sparse row
// of (class, weight) pairs per feature, found through an open-addressing
// hash table. A row entry packs class and weight into one word; a slot
// holds the feature's key and the first two entries of its row, which is
// the whole row for most features, so looking up a feature usually touches
// a single cache line. Weights are integers in units of unit, so
// scores are exact sums and the same on every machine.
type weights struct {
	nclass int
	unit   float32
	mask   uint32
	slots  []slot
	ents   []uint32 // weight<<8 | class, weight a signed 24-bit integer
}

// slot is one hash-table slot: a short feature key (0 = empty), the length
// of its row (ref&0xff), the row's first two entries, and the rest of the
// row at ents[ref>>8:].
type slot struct {
	key, ref uint32
	e        [2]uint32
}

// maxEntries is the most weights a table can hold (24-bit row starts).
const maxEntries = 1 << 24

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

// newWeights builds the table from rows with distinct keys, rounding the
// weights to multiples of unit (weights that round to 0 are dropped).
func newWeights(nclass int, unit float32, keys []uint32, rows [][]entry) *weights {
	// At most half the slots are used: a feature the model lacks (most
	// features of a sentence) is found absent after about two probes, where
	// a table two-thirds full needs four or five.
	size := 1
	for size < 2*len(keys)+2 {
		size <<= 1
	}
	t := &weights{nclass: nclass, unit: unit, mask: uint32(size - 1), slots: make([]slot, size)}
	adviseHugePages(unsafe.Pointer(unsafe.SliceData(t.slots)), uintptr(size)*unsafe.Sizeof(slot{}))
	n := 0
	for _, r := range rows {
		n += len(r)
	}
	if n >= maxEntries {
		panic("depparse: weight table too large; prune harder")
	}
	t.ents = make([]uint32, 0, n)
	var row []uint32
	for i, k := range keys {
		row = row[:0]
		for _, e := range rows[i] {
			if q := quantize(e.w, unit); q != 0 {
				row = append(row, uint32(q)<<8|uint32(e.c))
			}
		}
		if len(row) == 0 {
			continue
		}
		sl := slot{key: k, ref: uint32(len(t.ents))<<8 | uint32(len(row))}
		copy(sl.e[:], row)
		if len(row) > 2 {
			t.ents = append(t.ents, row[2:]...)
		}
		j := k & t.mask
		for t.slots[j].key != 0 {
			j = (j + 1) & t.mask
		}
		t.slots[j] = sl
	}
	return t
}

// quantize rounds w to a multiple of unit, clamped to 24 bits.
func quantize(w, unit float32) int32 {
	q := math.Round(float64(w / unit))
	return int32(max(-(1<<23 - 1), min(1<<23-1, q)))
}

// shortened turns rows under 64-bit keys in ascending order into a table
// under short keys, merging the rows of keys that shorten alike.
func shortened(nclass int, unit float32, keys []uint64, rows [][]entry) *weights {
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
	return newWeights(nclass, unit, ks, rs)
}

// score adds the weights of feats to scores (len nclass, zeroed by
// caller). Its result means nothing: the caller keeps it so that the
// compiler cannot drop the prefetching loads.
//
// The work is in three passes so that the processor overlaps the cache
// misses instead of waiting for each: the first touches every feature's
// slot (these loads do not depend on each other, where the probing loop,
// with its unpredictable branches, would wait for each); the second probes,
// adds the weights held in the slots and touches the start of every longer
// row; the third adds the rest of those rows. Integer sums do not depend on
// the order of addition, so the scores are those of a single pass.
func (t *weights) score(feats []uint64, scores []int32) (touch uint32) {
	slots, ents, mask := t.slots, t.ents, t.mask
	for _, f := range feats {
		touch += slots[short(f)&mask].key
	}
	var pend [256]uint32 // refs of the rows with more than two entries
	np := 0
	for _, f := range feats {
		k := short(f)
		j := k & mask
		for {
			s := &slots[j]
			if s.key == k {
				n := s.ref & 0xff
				scores[uint8(s.e[0])] += int32(s.e[0]) >> 8
				if n > 1 {
					scores[uint8(s.e[1])] += int32(s.e[1]) >> 8
					if n > 2 {
						if np < len(pend) {
							pend[np] = s.ref
							np++
							touch += ents[s.ref>>8]
						} else {
							for _, e := range ents[s.ref>>8 : s.ref>>8+n-2] {
								scores[uint8(e)] += int32(e) >> 8
							}
						}
					}
				}
				break
			}
			if s.key == 0 {
				break
			}
			j = (j + 1) & mask
		}
	}
	for _, ref := range pend[:np] {
		lo := ref >> 8
		for _, e := range ents[lo : lo+ref&0xff-2] {
			scores[uint8(e)] += int32(e) >> 8
		}
	}
	return touch
}

// features returns the number of features in the table.
func (t *weights) features() int {
	n := 0
	for _, s := range t.slots {
		if s.key != 0 {
			n++
		}
	}
	return n
}

// row returns the entries of the feature with short key k (nil if absent).
func (t *weights) row(k uint32) []uint32 {
	for j := k & t.mask; t.slots[j].key != 0; j = (j + 1) & t.mask {
		if s := t.slots[j]; s.key == k {
			n := s.ref & 0xff
			row := append([]uint32(nil), s.e[:min(n, 2)]...)
			if n > 2 {
				row = append(row, t.ents[s.ref>>8:s.ref>>8+n-2]...)
			}
			return row
		}
	}
	return nil
}

// rows lists the table's keys in ascending order with their rows.
func (t *weights) rows() (keys []uint32, rows [][]entry) {
	for _, s := range t.slots {
		if s.key != 0 {
			keys = append(keys, s.key)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		var row []entry
		for _, e := range t.row(k) {
			row = append(row, entry{c: uint8(e), w: float32(int32(e)>>8) * t.unit})
		}
		rows = append(rows, row)
	}
	return keys, rows
}

// pruned returns a copy of t without the weights smaller than minWeight in
// magnitude and without features left empty.
func (t *weights) pruned(minWeight float32) *weights {
	keys, rows := t.rows()
	for i, r := range rows {
		var kept []entry
		for _, e := range r {
			if e.w >= minWeight || e.w <= -minWeight {
				kept = append(kept, e)
			}
		}
		rows[i] = kept
	}
	return newWeights(t.nclass, t.unit, keys, rows)
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
func (t *trainWeights) table(minWeight float64, unit float32) *weights {
	keys, rows := t.averaged(minWeight)
	return shortened(t.nclass, unit, keys, rows)
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
