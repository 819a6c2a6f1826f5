package tag

// hashTable is an open-addressing map from non-zero 64-bit keys (already
// well-mixed hashes) to 64-bit values. It is built once and then only read,
// which is faster and far smaller than a Go map for the tagger's few hundred
// thousand features.
type hashTable struct {
	keys []uint64 // 0 = empty slot
	vals []uint64
	mask uint64
}

func newHashTable(n int) hashTable {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return hashTable{keys: make([]uint64, size), vals: make([]uint64, size), mask: uint64(size - 1)}
}

// put inserts or replaces key. key must not be 0.
func (h *hashTable) put(key, val uint64) {
	i := key & h.mask
	for {
		k := h.keys[i]
		if k == 0 || k == key {
			h.keys[i], h.vals[i] = key, val
			return
		}
		i = (i + 1) & h.mask
	}
}

func (h *hashTable) get(key uint64) (uint64, bool) {
	if len(h.keys) == 0 {
		return 0, false
	}
	i := key & h.mask
	for {
		k := h.keys[i]
		if k == key {
			return h.vals[i], true
		}
		if k == 0 {
			return 0, false
		}
		i = (i + 1) & h.mask
	}
}
