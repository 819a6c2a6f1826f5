package depparse

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Model file: gzip of
//
//	magic line "parley-depparse 2\n"
//	labels, XPOS tags, UPOS tags: count, then length-prefixed strings
//	known word hashes: count, then ascending deltas
//	class count, weight scale (float32 bits)
//	features: count, then per feature its key as an ascending delta, its
//	entry count, and per entry the class and the weight in units of scale
//	(zig-zag varint)
//
// All integers are unsigned varints unless said otherwise. Feature keys
// are the 32-bit short keys; weights are quantised to multiples of the
// scale, which costs no accuracy and keeps most to one byte.

const magic = "parley-depparse 2\n"

// Save writes the model to w.
func (p *Parser) Save(w io.Writer) error {
	z, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(z)
	var buf [binary.MaxVarintLen64]byte
	u := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	strs := func(ss []string) {
		u(uint64(len(ss)))
		for _, s := range ss {
			u(uint64(len(s)))
			bw.WriteString(s)
		}
	}
	bw.WriteString(magic)
	strs(p.labels)
	strs(p.xpos.names)
	strs(p.upos.names)
	known := make([]uint64, 0, len(p.known))
	for h := range p.known {
		known = append(known, h)
	}
	slices.Sort(known)
	u(uint64(len(known)))
	var prev uint64
	for _, h := range known {
		u(h - prev)
		prev = h
	}
	t := p.wt
	u(uint64(t.nclass))
	u(uint64(math.Float32bits(t.unit)))
	var prevKey uint32
	u(uint64(t.features()))
	keys := make([]uint32, 0, len(t.slots)/2)
	for _, s := range t.slots {
		if s.key != 0 {
			keys = append(keys, s.key)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		u(uint64(k - prevKey))
		prevKey = k
		row := t.row(k)
		u(uint64(len(row)))
		for _, e := range row {
			u(uint64(uint8(e)))
			bw.Write(buf[:binary.PutVarint(buf[:], int64(int32(e)>>8))])
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return z.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Parser, error) {
	z, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("depparse: model: %w", err)
	}
	defer z.Close()
	br := bufio.NewReader(z)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("depparse: model: not a parley-depparse 2 model file")
	}
	var rerr error
	u := func(what string, limit uint64) uint64 {
		if rerr != nil {
			return 0
		}
		v, err := binary.ReadUvarint(br)
		if err == nil && v > limit {
			err = fmt.Errorf("value %d out of range", v)
		}
		if err != nil {
			rerr = fmt.Errorf("depparse: model: reading %s: %w", what, err)
			return 0
		}
		return v
	}
	strs := func(what string) []string {
		n := u(what, 1<<16)
		out := make([]string, 0, n)
		for i := uint64(0); i < n && rerr == nil; i++ {
			b := make([]byte, u(what, 1<<10))
			if _, err := io.ReadFull(br, b); err != nil && rerr == nil {
				rerr = fmt.Errorf("depparse: model: reading %s: %w", what, err)
			}
			out = append(out, string(b))
		}
		return out
	}
	labels := strs("labels")
	xpos := strs("XPOS tags")
	upos := strs("UPOS tags")
	if rerr != nil {
		return nil, rerr
	}
	root := slices.Index(labels, "root")
	if root < 0 || len(labels) > 64 || len(xpos) > 1<<15 || len(upos) > 1<<15 {
		return nil, errors.New("depparse: model: bad label or tag set")
	}
	p := &Parser{labels: labels, root: root, xpos: newTagSet(xpos), upos: newTagSet(upos)}
	nk := u("known words", 1<<26)
	p.known = make(map[uint64]struct{}, nk)
	var prev uint64
	for i := uint64(0); i < nk && rerr == nil; i++ {
		prev += u("known words", math.MaxUint64)
		p.known[prev] = struct{}{}
	}
	nclass := int(u("class count", 255))
	scale := math.Float32frombits(uint32(u("scale", math.MaxUint32)))
	nf := u("feature count", 1<<28)
	if rerr != nil {
		return nil, rerr
	}
	if nclass != 3+2*len(labels) {
		return nil, fmt.Errorf("depparse: model: %d classes for %d labels", nclass, len(labels))
	}
	keys := make([]uint32, 0, nf)
	rows := make([][]entry, 0, nf)
	entries := 0
	var prevKey uint32
	for i := uint64(0); i < nf && rerr == nil; i++ {
		prevKey += uint32(u("feature key", math.MaxUint32))
		ne := u("feature entries", uint64(nclass))
		row := make([]entry, ne)
		for j := range row {
			row[j].c = uint8(u("class", uint64(nclass-1)))
			q, err := binary.ReadVarint(br)
			if err != nil && rerr == nil {
				rerr = fmt.Errorf("depparse: model: reading weight: %w", err)
			}
			if q < -(1<<23) || q >= 1<<23 {
				q = 0
			}
			row[j].w = float32(q) * scale
			entries++
		}
		keys = append(keys, prevKey)
		rows = append(rows, row)
	}
	if rerr != nil {
		return nil, rerr
	}
	if entries >= maxEntries || !(scale > 0) {
		return nil, errors.New("depparse: model: bad weight table")
	}
	p.wt = newWeights(nclass, scale, keys, rows)
	return p, nil
}
