// Command worldgen converts the world-atlas TopoJSON of Natural Earth
// country borders (npm world-atlas, countries-50m.json) into the compact
// file the web UI embeds: one SVG path per country, already projected
// (equirectangular, 2 units per degree, latitudes 84°N..60°S), so the
// browser only draws it, tagged with the country's ISO 3166-1 alpha-3 code
// (from iso3166-numeric.tsv; Natural Earth's Kosovo, which has no ISO
// number, becomes KOS as in parley's knowledge base).
//
//	npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//	go run ./web/internal/worldgen package/countries-50m.json iso3166-numeric.tsv > web/assets/world.json
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// Projection bounds, shared with assets/app.js.
const (
	scale  = 2.0
	top    = 84.0
	bottom = -60.0
)

type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string          `json:"type"`
			ID         string          `json:"id"`
			Arcs       json.RawMessage `json:"arcs"`
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
	Arcs [][][2]float64 `json:"arcs"`
}

type country struct {
	ID   string `json:"id"`
	ISO3 string `json:"iso3,omitempty"`
	Name string `json:"name"`
	D    string `json:"d"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: worldgen countries-50m.json iso3166-numeric.tsv > world.json")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "worldgen:", err)
		os.Exit(1)
	}
}

// readISO reads the numeric → alpha-3 table.
func readISO(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	codes := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 2 || len(f[1]) != 3 {
			return nil, fmt.Errorf("%s:%d: want numeric code, tab, alpha-3 code", path, i+1)
		}
		codes[f[0]] = f[1]
	}
	return codes, nil
}

func run(path, isoPath string) error {
	iso, err := readISO(isoPath)
	if err != nil {
		return err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if t.Type != "Topology" || t.Transform == nil {
		return fmt.Errorf("%s: not a quantized TopoJSON topology", path)
	}
	// Decode the delta-encoded, quantized arcs into longitude/latitude.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		for _, p := range a {
			x += p[0]
			y += p[1]
			arcs[i] = append(arcs[i], [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]})
		}
	}
	ring := func(idx []int) [][2]float64 {
		var pts [][2]float64
		for k, i := range idx {
			var a [][2]float64
			if i >= 0 {
				a = arcs[i]
			} else {
				src := arcs[^i]
				for j := len(src) - 1; j >= 0; j-- {
					a = append(a, src[j])
				}
			}
			if k > 0 && len(a) > 0 {
				a = a[1:] // each arc starts where the previous one ended
			}
			pts = append(pts, a...)
		}
		return pts
	}
	obj, ok := t.Objects["countries"]
	if !ok {
		return fmt.Errorf("%s: no countries object", path)
	}
	var out []country
	for _, g := range obj.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return err
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return err
			}
		default:
			continue
		}
		var d strings.Builder
		for _, p := range polys {
			for _, r := range p {
				pts := ring(r)
				last := [2]float64{math.NaN(), math.NaN()}
				n := 0
				shift, prev := 0.0, math.NaN()
				for _, pt := range pts {
					// A ring crossing the antimeridian is unwrapped into one
					// continuous ring; the part beyond the map edge is clipped
					// by the SVG viewport.
					if !math.IsNaN(prev) && pt[0]-prev > 180 {
						shift -= 360
					} else if !math.IsNaN(prev) && pt[0]-prev < -180 {
						shift += 360
					}
					prev = pt[0]
					lon := pt[0] + shift
					lat := math.Max(bottom, math.Min(top, pt[1]))
					xy := [2]float64{math.Round((lon+180)*scale*10) / 10, math.Round((top-lat)*scale*10) / 10}
					if xy == last {
						continue
					}
					// The first point is absolute, the others relative to
					// the one before (in tenths, so the sums stay exact).
					if n == 0 {
						d.WriteString("M" + strconv.FormatFloat(xy[0], 'f', -1, 64) + "," + strconv.FormatFloat(xy[1], 'f', -1, 64))
					} else {
						dx, dy := math.Round((xy[0]-last[0])*10)/10, math.Round((xy[1]-last[1])*10)/10
						if n == 1 {
							d.WriteString("l")
						} else if dx >= 0 {
							d.WriteString(" ")
						}
						d.WriteString(strconv.FormatFloat(dx, 'f', -1, 64))
						if dy >= 0 {
							d.WriteString(",")
						}
						d.WriteString(strconv.FormatFloat(dy, 'f', -1, 64))
					}
					last = xy
					n++
				}
				if n > 0 {
					d.WriteString("Z")
				}
			}
		}
		if d.Len() > 0 && g.Properties.Name != "Antarctica" {
			code := iso[g.ID]
			if g.Properties.Name == "Kosovo" {
				code = "KOS"
			}
			out = append(out, country{ID: g.ID, ISO3: code, Name: g.Properties.Name, D: d.String()})
		}
	}
	enc := json.NewEncoder(os.Stdout)
	return enc.Encode(map[string]any{
		"source":    "Natural Earth 1:50m admin 0 countries via npm world-atlas 2.0.2 (public domain data; world-atlas ISC)",
		"width":     360 * scale,
		"height":    (top - bottom) * scale,
		"countries": out,
	})
}
