package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/store"
)

// BenchmarkAPIBigStore measures every API endpoint and every filter of
// /api/events on a store of at least a million events (built as
// BenchmarkServeBigStore builds it), at 1 and at 10 connections, against a
// real `parley serve` on 127.0.0.1:
//
//	PARLEY_BIG_STORE=/tmp/big.db PARLEY_BIG_YEARS=6 go test ./cmd/parley -run '^$' -bench APIBigStore -benchtime 1x -timeout 60m -v
//
// Each case picks its parameters at random among the store's busiest
// actors, countries, places and sources, its types, modes and months, its
// stories, events and documents, and runs until PARLEY_API_REQUESTS
// answers (default 400 at 10 connections, 150 at 1) or 20 s. Every answer
// must be 200; the table printed at the end gives p50 and p99 per case and
// connection count (PARLEY_API_CASES, a regular expression, picks cases).
func BenchmarkAPIBigStore(b *testing.B) {
	st, base := bigStoreServed(b)
	// The served binary's own figures (the store may be of an older
	// schema than this test's: PARLEY_BENCH_BIN).
	getJSON(b, base+"/api/stats", &st)
	cases := apiCases(b, base, st)
	var report strings.Builder
	fmt.Fprintf(&report, "%-26s %6s %8s %9s %9s %9s %8s\n", "case", "conns", "requests", "p50", "p99", "max", "req/s")
	for _, c := range cases {
		if pat := os.Getenv("PARLEY_API_CASES"); pat != "" && !matches(pat, c.name) {
			continue
		}
		for _, conns := range []int{1, 10} {
			n := 150
			if conns > 1 {
				n = 400
			}
			if v := os.Getenv("PARLEY_API_REQUESTS"); v != "" {
				fmt.Sscan(v, &n)
				if conns == 1 {
					n = max(n*3/8, 20)
				}
			}
			b.Run(fmt.Sprintf("%s/c%d", c.name, conns), func(b *testing.B) {
				r := load(b, conns, n, 20*time.Second, 11, c.next)
				b.ReportMetric(float64(r.p50.Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(r.p99.Microseconds())/1000, "p99-ms")
				b.ReportMetric(0, "ns/op")
				fmt.Fprintf(&report, "%-26s %6d %8d %9v %9v %9v %8.0f\n", c.name, conns, r.requests,
					r.p50.Round(100*time.Microsecond), r.p99.Round(100*time.Microsecond), r.max.Round(100*time.Microsecond),
					float64(r.requests)/r.elapsed.Seconds())
			})
		}
	}
	b.Logf("parley serve on 127.0.0.1, %d events, %d stories:\n%s", st.Events, st.Stories, report.String())
}

func matches(pat, name string) bool {
	for _, p := range strings.Split(pat, "|") {
		if strings.Contains(name, p) {
			return true
		}
	}
	return false
}

type apiCase struct {
	name string
	next func(rng *rand.Rand) string
}

// apiCases lists the requests of BenchmarkAPIBigStore, with the store's
// values they choose from.
func apiCases(tb testing.TB, base string, st store.Stats) []apiCase {
	var actorPage store.Page[store.ActorCount]
	getJSON(tb, base+"/api/actors?limit=20", &actorPage)
	var countryPage store.Page[store.Count]
	getJSON(tb, base+"/api/counts?by=country", &countryPage)
	var placePage store.Page[store.PlaceCount]
	getJSON(tb, base+"/api/places?limit=20", &placePage)
	var storyPage store.Page[store.Story]
	getJSON(tb, base+"/api/events?limit=1000", &storyPage)
	var eventPage store.Page[store.Mention]
	getJSON(tb, base+"/api/events?level=event&limit=1000", &eventPage)
	actors, countries, places := actorPage.Items, countryPage.Items[:min(10, len(countryPage.Items))], placePage.Items
	var types []string
	for _, c := range st.ByType {
		types = append(types, c.Key)
	}
	var months []time.Time
	first, _ := time.Parse("2006-01-02", st.FirstDate)
	last, _ := time.Parse("2006-01-02", st.LastDate)
	for m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(last); m = m.AddDate(0, 1, 0) {
		months = append(months, m)
	}
	sources := map[string]bool{}
	var docs []string
	for _, m := range eventPage.Items {
		if m.Source != "" {
			sources[m.Source] = true
		}
		docs = append(docs, m.DocID)
	}
	var sourceList []string
	for s := range sources {
		sourceList = append(sourceList, s)
	}
	slices.Sort(sourceList)
	if len(actors) == 0 || len(countries) == 0 || len(types) == 0 || len(months) == 0 || len(places) == 0 ||
		len(storyPage.Items) == 0 || len(eventPage.Items) == 0 || len(sourceList) == 0 {
		tb.Fatalf("store lacks actors, countries, types, dates, places, stories, events or sources: %+v", st)
	}
	actor := func(rng *rand.Rand) string {
		a := actors[rng.IntN(len(actors))]
		if a.Name != "" {
			return a.Name
		}
		return a.Code
	}
	country := func(rng *rand.Rand) string { return countries[rng.IntN(len(countries))].Key }
	typ := func(rng *rand.Rand) string { return types[rng.IntN(len(types))] }
	month := func(rng *rand.Rand) (string, string) {
		m := months[rng.IntN(len(months))]
		return m.Format("2006-01-02"), m.AddDate(0, 1, -1).Format("2006-01-02")
	}
	words := []string{"ceasefire", "minister", "talks", "attack", "sanctions", "president", "troops", "aid", "Gaza", "Kyiv"}
	get := func(path string, v func(rng *rand.Rand) url.Values) func(rng *rand.Rand) string {
		return func(rng *rand.Rand) string {
			if v == nil {
				return base + path
			}
			return base + path + "?" + v(rng).Encode()
		}
	}
	filters := []struct {
		name string
		v    func(rng *rand.Rand) url.Values
	}{
		{"default", func(*rand.Rand) url.Values { return url.Values{} }},
		{"actor", func(rng *rand.Rand) url.Values { return url.Values{"actor": {actor(rng)}} }},
		{"actor-month", func(rng *rand.Rand) url.Values {
			f, t := month(rng)
			return url.Values{"actor": {actor(rng)}, "from": {f}, "to": {t}}
		}},
		{"recipient", func(rng *rand.Rand) url.Values { return url.Values{"recipient": {actor(rng)}} }},
		{"actor-code", func(rng *rand.Rand) url.Values { return url.Values{"actor": {country(rng)}} }},
		{"country", func(rng *rand.Rand) url.Values { return url.Values{"country": {country(rng)}} }},
		{"country-type-month", func(rng *rand.Rand) url.Values {
			f, t := month(rng)
			return url.Values{"country": {country(rng)}, "type": {typ(rng)}, "from": {f}, "to": {t}}
		}},
		{"type", func(rng *rand.Rand) url.Values { return url.Values{"type": {typ(rng)}} }},
		{"mode", func(rng *rand.Rand) url.Values {
			return url.Values{"mode": {[]string{"aerial", "restrict", "yield", "demo"}[rng.IntN(4)]}}
		}},
		{"quad", func(rng *rand.Rand) url.Values { return url.Values{"quad": {fmt.Sprint(1 + rng.IntN(4))}} }},
		{"month", func(rng *rand.Rand) url.Values {
			f, t := month(rng)
			return url.Values{"from": {f}, "to": {t}}
		}},
		{"place", func(rng *rand.Rand) url.Values { return url.Values{"place": {places[rng.IntN(len(places))].Name}} }},
		{"place-country", func(rng *rand.Rand) url.Values { return url.Values{"place": {country(rng)}} }},
		{"source", func(rng *rand.Rand) url.Values { return url.Values{"source": {sourceList[rng.IntN(len(sourceList))]}} }},
		{"text", func(rng *rand.Rand) url.Values { return url.Values{"text": {words[rng.IntN(len(words))]}} }},
		{"text-2words", func(rng *rand.Rand) url.Values {
			return url.Values{"text": {words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))]}}
		}},
		{"reviewed", func(*rand.Rand) url.Values { return url.Values{"reviewed": {"yes"}} }},
		{"sort", func(rng *rand.Rand) url.Values {
			return url.Values{"sort": {[]string{"type", "-articles", "actor", "-mentions", "place", "recipient"}[rng.IntN(6)]}}
		}},
		{"offset", func(rng *rand.Rand) url.Values { return url.Values{"offset": {fmt.Sprint(rng.IntN(20000))}} }},
	}
	var cases []apiCase
	for _, f := range filters {
		cases = append(cases, apiCase{"events/" + f.name, get("/api/events", f.v)})
	}
	// Keyset pages as deep as the offset cases: each starts after one of
	// the first 20,000 stories or raw events (a binary without after
	// answers 400, and is not asked).
	deep := func(level string) []string {
		var ids []string
		u := base + "/api/events?limit=1000&level=" + level
		for len(ids) < 20000 {
			var p struct {
				Items []struct{ ID string }
				Next  string
			}
			if !getOK(u, &p) || p.Next == "" {
				break
			}
			for _, it := range p.Items {
				ids = append(ids, it.ID)
			}
			u = base + "/api/events?limit=1000&level=" + level + "&after=" + p.Next
		}
		return ids
	}
	afterStory, afterEvent := deep("story"), deep("event")
	if len(afterStory) > 1000 && len(afterEvent) > 1000 {
		cases = append(cases,
			apiCase{"events/after", get("/api/events", func(rng *rand.Rand) url.Values {
				return url.Values{"after": {afterStory[rng.IntN(len(afterStory))]}}
			})},
			apiCase{"raw/after", get("/api/events", func(rng *rand.Rand) url.Values {
				return url.Values{"level": {"event"}, "after": {afterEvent[rng.IntN(len(afterEvent))]}}
			})})
	}
	for _, f := range filters {
		if f.name == "sort" || f.name == "actor-code" || f.name == "text-2words" || f.name == "reviewed" {
			continue
		}
		v := f.v
		cases = append(cases, apiCase{"raw/" + f.name, get("/api/events", func(rng *rand.Rand) url.Values {
			q := v(rng)
			q.Set("level", "event")
			return q
		})})
	}
	for _, agg := range []string{"actors", "timeline", "network", "places"} {
		for _, f := range filters {
			switch f.name {
			case "default", "country", "type", "actor-month", "text", "month":
				cases = append(cases, apiCase{agg + "/" + f.name, get("/api/"+agg, f.v)})
			}
		}
	}
	for _, by := range []string{"day", "week", "month", "type", "quad", "actor", "country"} {
		cases = append(cases, apiCase{"counts/" + by, get("/api/counts", func(*rand.Rand) url.Values { return url.Values{"by": {by}} })})
	}
	cases = append(cases,
		apiCase{"counts/month-country", get("/api/counts", func(rng *rand.Rand) url.Values {
			return url.Values{"by": {"month"}, "country": {country(rng)}}
		})},
		apiCase{"story", func(rng *rand.Rand) string {
			return base + "/api/events/" + storyPage.Items[rng.IntN(len(storyPage.Items))].ID
		}},
		apiCase{"event", func(rng *rand.Rand) string {
			return base + "/api/events/" + eventPage.Items[rng.IntN(len(eventPage.Items))].ID
		}},
		apiCase{"event-reviews", func(rng *rand.Rand) string {
			return base + "/api/events/" + eventPage.Items[rng.IntN(len(eventPage.Items))].ID + "/reviews"
		}},
		apiCase{"document", func(rng *rand.Rand) string {
			return base + "/api/documents/" + url.PathEscape(docs[rng.IntN(len(docs))])
		}},
		apiCase{"reviews", get("/api/reviews", nil)},
		apiCase{"download/actor-month", get("/api/download", func(rng *rand.Rand) url.Values {
			f, t := month(rng)
			return url.Values{"format": {"csv"}, "actor": {actor(rng)}, "from": {f}, "to": {t}}
		})},
		apiCase{"stats", get("/api/stats", nil)},
		apiCase{"healthz", get("/healthz", nil)},
		apiCase{"openapi", get("/api/openapi.json", nil)},
	)
	return cases
}

// getOK decodes the JSON answer of u into v, and says whether it was a
// 200.
func getOK(u string, v any) bool {
	resp, err := http.Get(u)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK && json.NewDecoder(resp.Body).Decode(v) == nil
}
