package score

import (
	"strings"

	"github.com/parley-events/parley/event"
)

// fit says how a prediction fits a gold event under the dyad rule.
type fit int

const (
	noFit   fit = iota
	direct      // actor to actor, recipient to recipient
	swapped     // a symmetric event coded the other way round
)

func actorCountry(a *event.Actor) string {
	if a == nil {
		return ""
	}
	return a.Country
}

func actorName(a *event.Actor) string {
	if a == nil {
		return ""
	}
	return a.Name
}

// TypeFits reports whether event type t is the gold type or one of its
// alternatives (case aside).
func (g *Gold) TypeFits(t event.Type) bool {
	if strings.EqualFold(string(t), g.Type) {
		return true
	}
	for _, a := range g.AltTypes {
		if strings.EqualFold(string(t), a) {
			return true
		}
	}
	return false
}

// sidesFit reports how the predicted actor and recipient countries fit the
// gold sides, ignoring the type. A null gold recipient accepts any predicted
// recipient; a symmetric event may be coded either way round (with a null
// recipient, that means the gold actor may be the predicted recipient).
func sidesFit(g *Gold, p *event.Event) fit {
	pa, pr := actorCountry(p.Actor), actorCountry(p.Recipient)
	if sameCountry(pa, g.Actor.Country) && (g.Recipient == nil || sameCountry(pr, g.Recipient.Country)) {
		return direct
	}
	if g.Symmetric && sameCountry(pr, g.Actor.Country) && (g.Recipient == nil || sameCountry(pa, g.Recipient.Country)) {
		return swapped
	}
	return noFit
}

func sameCountry(pred, gold string) bool {
	return pred != "" && strings.EqualFold(pred, gold)
}

// dyadFit is the headline rule: type and sides.
func dyadFit(g *Gold, p *event.Event) fit {
	if !g.TypeFits(p.Type) {
		return noFit
	}
	return sidesFit(g, p)
}

// nameMatch reports whether a predicted name contains, or is contained in,
// one of the gold names, ignoring case.
func nameMatch(pred string, names []string) bool {
	p := normName(pred)
	if p == "" {
		return false
	}
	for _, n := range names {
		n := normName(n)
		if n != "" && (strings.Contains(p, n) || strings.Contains(n, p)) {
			return true
		}
	}
	return false
}

// normName lower-cases a name, folds typographic apostrophes and collapses
// white space, so that "Al-Aqsa’s" and "al-aqsa's" compare equal.
func normName(s string) string {
	return apostrophes.Replace(strings.ToLower(strings.Join(strings.Fields(s), " ")))
}

var apostrophes = strings.NewReplacer("’", "'", "‘", "'")

// sideNames returns the gold names the predicted actor is compared with: the
// gold actor's, or for a symmetric event matched the other way round, the
// gold recipient's (nil when that is null).
func sideNames(g *Gold, f fit) []string {
	if f == swapped {
		if g.Recipient == nil {
			return nil
		}
		return g.Recipient.Names
	}
	return g.Actor.Names
}

// agreement counts the secondary attributes on which a prediction agrees with
// a gold event. The matcher uses it only to choose among matchings with the
// same counts, so that a right duplicate is preferred to a wrong one.
func agreement(g *Gold, p *event.Event, f fit) int64 {
	var n int64
	if g.Mode != "" && strings.EqualFold(g.Mode, p.Mode) {
		n++
	}
	if nameMatch(actorName(p.Actor), sideNames(g, f)) {
		n++
	}
	if g.Date != "" && g.Date == p.Date {
		n++
	}
	if g.Place != nil && p.Location != nil {
		if sameCountry(p.Location.Country, g.Place.Country) {
			n++
		}
		if nameMatch(p.Location.Name, g.Place.Names) {
			n++
		}
	}
	return n
}

const maxAgreement = 5

// match pairs gold events with predictions of one document. edge says which
// pairs may match. The result is a maximum matching in which as many
// required gold events as possible are matched (an optional one never takes
// a prediction a required one needs), then as many optional ones as
// possible, and among those the one with the most secondary agreement.
// It returns, for each gold event, the index of its prediction or -1.
//
// The counts are those of a Kuhn augmenting-path matching that visits the
// required gold events first; solving it as an assignment problem with
// lexicographic weights gives the same counts and also a principled choice
// between equally good matchings.
func match(golds []Gold, preds []*event.Event, edge func(g *Gold, p *event.Event) fit) []int {
	n, k := len(golds), len(preds)
	res := make([]int, n)
	for i := range res {
		res[i] = -1
	}
	if n == 0 || k == 0 {
		return res
	}
	fits := make([][]fit, n)
	uf := newUnionFind(n + k)
	for i := range golds {
		fits[i] = make([]fit, k)
		for j, p := range preds {
			if f := edge(&golds[i], p); f != noFit {
				fits[i][j] = f
				uf.union(i, n+j)
			}
		}
	}
	// Solve each connected component on its own: components are small
	// (one happening and its duplicates), the whole document need not be.
	comps := map[int][]int{}
	for i := 0; i < n+k; i++ {
		r := uf.find(i)
		comps[r] = append(comps[r], i)
	}
	for _, nodes := range comps {
		var gs, ps []int
		for _, v := range nodes {
			if v < n {
				gs = append(gs, v)
			} else {
				ps = append(ps, v-n)
			}
		}
		if len(gs) == 0 || len(ps) == 0 {
			continue
		}
		size := int64(len(gs) + 1)
		wOpt := size * (maxAgreement + 1)
		wReq := size * (wOpt + maxAgreement + 1)
		cost := make([][]int64, len(gs))
		for a, gi := range gs {
			cost[a] = make([]int64, len(ps)+len(gs)) // dummy columns: left unmatched
			for b, pj := range ps {
				f := fits[gi][pj]
				if f == noFit {
					continue
				}
				w := wOpt
				if !golds[gi].Optional {
					w = wReq
				}
				cost[a][b] = -(w + agreement(&golds[gi], preds[pj], f))
			}
		}
		for a, b := range assign(cost) {
			if b < len(ps) && fits[gs[a]][ps[b]] != noFit {
				res[gs[a]] = ps[b]
			}
		}
	}
	return res
}

// assign solves the assignment problem for an n×m cost matrix (n ≤ m),
// minimising the total cost, by the Hungarian method (successive shortest
// augmenting paths with potentials). It returns the column of each row.
func assign(cost [][]int64) []int {
	n := len(cost)
	m := len(cost[0])
	const inf = int64(1) << 62
	u := make([]int64, n+1)
	v := make([]int64, m+1)
	p := make([]int, m+1) // p[j]: row (1-based) assigned to column j, 0 if none
	way := make([]int, m+1)
	minv := make([]int64, m+1)
	used := make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = inf
			used[j] = false
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], inf, 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				cur := cost[i0-1][j-1] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j] = cur
					way[j] = j0
				}
				if minv[j] < delta {
					delta = minv[j]
					j1 = j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	col := make([]int, n)
	for j := 1; j <= m; j++ {
		if p[j] != 0 {
			col[p[j]-1] = j - 1
		}
	}
	return col
}

type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(x int) int {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u unionFind) union(a, b int) { u[u.find(a)] = u.find(b) }
