package tag

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Model file format (all integers little-endian, the whole file gzipped):
//
//	magic "parley-tagger-1\n"
//	uvarint nlabels, then per label: uvarint len, UPOS bytes, uvarint len, XPOS bytes
//	uvarint ndict, then per entry: uint64 key, uint8 class      (keys ascending)
//	uvarint nlex, then per entry: uint64 key, uint64 value      (keys ascending)
//	float32 scale
//	uvarint nfeats, then per feature: uint64 key, uvarint nentries,
//	    then per entry: uint8 class, int16 weight in units of scale (keys ascending)
const modelMagic = "parley-tagger-1\n"

// Save writes the model in the format read by Load.
func (t *Tagger) Save(w io.Writer) error {
	z, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(z)
	var buf [binary.MaxVarintLen64]byte
	uv := func(v uint64) { b.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	u64 := func(v uint64) { b.Write(binary.LittleEndian.AppendUint64(buf[:0], v)) }
	str := func(s string) { uv(uint64(len(s))); b.WriteString(s) }

	b.WriteString(modelMagic)
	uv(uint64(len(t.labels)))
	for _, l := range t.labels {
		str(l.upos)
		str(l.xpos)
	}
	dk, dv := t.tagDict.sorted()
	uv(uint64(len(dk)))
	for i, k := range dk {
		u64(k)
		b.WriteByte(byte(dv[i]))
	}
	lk, lv := t.lexicon.sorted()
	uv(uint64(len(lk)))
	for i, k := range lk {
		u64(k)
		u64(lv[i])
	}
	b.Write(binary.LittleEndian.AppendUint32(buf[:0], math.Float32bits(t.scale)))
	slots := make([]featSlot, 0, len(t.weights.slots)/2)
	for _, sl := range t.weights.slots {
		if sl.key != 0 {
			slots = append(slots, sl)
		}
	}
	slices.SortFunc(slots, func(a, b featSlot) int { return cmp.Compare(a.key, b.key) })
	uv(uint64(len(slots)))
	for _, sl := range slots {
		u64(sl.key)
		uv(uint64(sl.n))
		for _, e := range t.entries[sl.lo : sl.lo+sl.n] {
			b.WriteByte(byte(e))
			b.Write(binary.LittleEndian.AppendUint16(buf[:0], uint16(e>>8)))
		}
	}
	if err := b.Flush(); err != nil {
		return err
	}
	return z.Close()
}

// sorted returns the keys in ascending order with their values.
func (h *hashTable) sorted() (keys, vals []uint64) {
	type kv struct{ k, v uint64 }
	var all []kv
	for i, k := range h.keys {
		if k != 0 {
			all = append(all, kv{k, h.vals[i]})
		}
	}
	sortKV := func(a, b kv) int {
		switch {
		case a.k < b.k:
			return -1
		case a.k > b.k:
			return 1
		}
		return 0
	}
	slices.SortFunc(all, sortKV)
	for _, e := range all {
		keys = append(keys, e.k)
		vals = append(vals, e.v)
	}
	return keys, vals
}

// modelReader reads the model format, remembering the first error.
type modelReader struct {
	r   *bufio.Reader
	err error
	buf [8]byte
}

func (m *modelReader) fail(what string, err error) {
	if m.err == nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		m.err = fmt.Errorf("reading %s: %w", what, err)
	}
}

func (m *modelReader) uvarint(what string, limit uint64) uint64 {
	if m.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(m.r)
	if err != nil {
		m.fail(what, err)
		return 0
	}
	if v > limit {
		m.fail(what, fmt.Errorf("value %d exceeds limit %d", v, limit))
		return 0
	}
	return v
}

func (m *modelReader) bytes(what string, n int) []byte {
	if m.err != nil {
		return m.buf[:n]
	}
	if _, err := io.ReadFull(m.r, m.buf[:n]); err != nil {
		m.fail(what, err)
	}
	return m.buf[:n]
}

func (m *modelReader) str(what string) string {
	n := m.uvarint(what, 64)
	if m.err != nil {
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(m.r, b); err != nil {
		m.fail(what, err)
	}
	return string(b)
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Tagger, error) {
	z, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("tag: model is not gzipped: %w", err)
	}
	m := &modelReader{r: bufio.NewReaderSize(z, 1<<16)}
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(m.r, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("tag: not a parley tagger model (bad header)")
	}
	t := &Tagger{}
	nl := m.uvarint("label count", 256)
	for i := uint64(0); i < nl && m.err == nil; i++ {
		t.labels = append(t.labels, label{m.str("label UPOS"), m.str("label XPOS")})
	}
	t.setVerbal()
	if m.err == nil && len(t.labels) == 0 {
		m.fail("labels", errors.New("model has no labels"))
	}
	nd := m.uvarint("tag dictionary size", 1<<24)
	t.tagDict = newHashTable(int(nd))
	for i := uint64(0); i < nd && m.err == nil; i++ {
		k := binary.LittleEndian.Uint64(m.bytes("tag dictionary key", 8))
		c := m.bytes("tag dictionary class", 1)[0]
		if m.err == nil && (k == 0 || int(c) >= len(t.labels)) {
			m.fail("tag dictionary", fmt.Errorf("entry %d is invalid", i))
		}
		t.tagDict.put(k|boolBit(k == 0), uint64(c))
	}
	nx := m.uvarint("lexicon size", 1<<24)
	t.lexicon = newHashTable(int(nx))
	for i := uint64(0); i < nx && m.err == nil; i++ {
		k := binary.LittleEndian.Uint64(m.bytes("lexicon key", 8))
		v := binary.LittleEndian.Uint64(m.bytes("lexicon value", 8))
		t.lexicon.put(k|boolBit(k == 0), v)
	}
	t.scale = math.Float32frombits(binary.LittleEndian.Uint32(m.bytes("weight scale", 4)))
	nf := m.uvarint("feature count", 1<<26)
	t.weights = newFeatTable(int(nf))
	for i := uint64(0); i < nf && m.err == nil; i++ {
		k := binary.LittleEndian.Uint64(m.bytes("feature key", 8))
		ne := m.uvarint("feature entry count", uint64(len(t.labels)))
		lo := uint32(len(t.entries))
		for j := uint64(0); j < ne && m.err == nil; j++ {
			c := m.bytes("weight class", 1)[0]
			if int(c) >= len(t.labels) {
				m.fail("weight class", fmt.Errorf("class %d out of range", c))
			}
			q := int16(binary.LittleEndian.Uint16(m.bytes("weight", 2)))
			t.entries = append(t.entries, packEntry(c, q))
		}
		if k == 0 {
			m.fail("feature key", errors.New("zero key"))
		}
		t.weights.put(k, lo, uint32(len(t.entries))-lo)
	}
	if m.err != nil {
		return nil, fmt.Errorf("tag: model: %w", m.err)
	}
	return t, nil
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func (t *Tagger) setVerbal() {
	t.verbal = make([]bool, len(t.labels))
	for i, l := range t.labels {
		t.verbal[i] = l.upos == "VERB" || l.upos == "AUX"
	}
}
