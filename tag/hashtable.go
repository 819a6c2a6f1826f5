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

// featTable maps a feature key to the position and length of its weight
// entries. Key and run share one slot, so a lookup touches one cache line.
type featTable struct {
	slots []featSlot
	mask  uint64
}

type featSlot struct {
	key   uint64 // 0 = empty
	lo, n uint32
}

func newFeatTable(n int) featTable {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return featTable{slots: make([]featSlot, size), mask: uint64(size - 1)}
}

func (h *featTable) put(key uint64, lo, n uint32) {
	i := key & h.mask
	for h.slots[i].key != 0 && h.slots[i].key != key {
		i = (i + 1) & h.mask
	}
	h.slots[i] = featSlot{key, lo, n}
}

// get returns the run of key, or an empty run when key is unknown.
func (h *featTable) get(key uint64) (lo, n uint32) {
	i := key & h.mask
	for {
		s := &h.slots[i]
		if s.key == key {
			return s.lo, s.n
		}
		if s.key == 0 {
			return 0, 0
		}
		i = (i + 1) & h.mask
	}
}
