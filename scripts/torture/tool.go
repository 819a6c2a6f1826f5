//go:build ignore

// tool.go is scripts/torture's helper:
//
//	go run scripts/torture/tool.go stats DB
//	go run scripts/torture/tool.go docs DB
//	go run scripts/torture/tool.go load URL SECONDS ORDINARY HOSTILE
//	go run scripts/torture/tool.go flood URL SECONDS CONNS
//
// docs prints how many documents a store holds (0 when it cannot be
// read yet). flood requests URL from CONNS connections at once for SECONDS and prints
// the requests per second and the latency. stats prints a store's documents, events, stories and the number of
// document ids stored more than once. load runs ORDINARY clients making the
// requests the web UI makes and HOSTILE clients sending what an attacker
// would (huge filters, NUL bytes, deep pages, whole-store downloads, bad
// tokens, oversized bodies, slowloris connections) against a running
// parley serve, and prints the ordinary requests' latency and every
// answer's status; it exits 1 when the ordinary p99 is 100 ms or more, when
// an ordinary request fails, or when a hostile one gets a 5xx other than
// 503.
package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parley-events/parley/store"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: tool.go stats DB | load URL SECONDS ORDINARY HOSTILE")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "stats":
		stats(os.Args[2])
	case "docs":
		docs(os.Args[2])
	case "flood":
		secs, _ := strconv.Atoi(os.Args[3])
		conns, _ := strconv.Atoi(os.Args[4])
		flood(os.Args[2], time.Duration(secs)*time.Second, conns)
	case "load":
		secs, _ := strconv.Atoi(os.Args[3])
		ord, _ := strconv.Atoi(os.Args[4])
		hos, _ := strconv.Atoi(os.Args[5])
		os.Exit(load(os.Args[2], time.Duration(secs)*time.Second, ord, hos))
	}
}

func stats(db string) {
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{ReadOnly: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Every stored document id, to find any stored twice.
	seen := map[string]int{}
	dups := 0
	for q := (store.Query{Level: "event", Limit: 1000}); ; q.Offset += q.Limit {
		p, err := s.Events(ctx, q)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		for _, m := range p.Items {
			seen[m.DocID+"\x00"+m.Event.ID]++
			if seen[m.DocID+"\x00"+m.Event.ID] == 2 {
				dups++
			}
		}
		if len(p.Items) < q.Limit {
			break
		}
	}
	fmt.Printf("%d %d %d %d\n", st.Documents, st.Events, st.Stories, dups)
}

// ordinary are the requests the web UI makes, with the filters its users
// pick.
func ordinary(base string, rng *rand.Rand) string {
	countries := []string{"RUS", "UKR", "ISR", "PSE", "IRN", "USA", "MMR", "SDN"}
	types := []string{"CONSULT", "ASSAULT", "ACCUSE", "SUPPORT", "REQUEST", "AID"}
	months := []string{"2023-10", "2023-11", "2024-01", "2024-04", "2024-05"}
	m := months[rng.IntN(len(months))]
	switch rng.IntN(12) {
	case 0:
		return base + "/api/events"
	case 1:
		return base + "/api/events?country=" + countries[rng.IntN(len(countries))]
	case 2:
		return base + "/api/events?type=" + types[rng.IntN(len(types))] + "&from=" + m + "-01&to=" + m + "-28"
	case 3:
		return base + "/api/events?actor=Guterres&offset=" + strconv.Itoa(50*rng.IntN(3))
	case 4:
		return base + "/api/events?text=ceasefire"
	case 5:
		return base + "/api/actors?limit=20"
	case 6:
		return base + "/api/timeline?country=" + countries[rng.IntN(len(countries))]
	case 7:
		return base + "/api/network?type=" + types[rng.IntN(len(types))]
	case 8:
		return base + "/api/places"
	case 9:
		return base + "/api/counts?by=month"
	case 10:
		return base + "/api/events?level=event&sort=-date"
	default:
		return base + "/api/stats"
	}
}

// hostile are requests meant to hurt: each must be refused (4xx) or
// answered within the server's bounds.
func hostile(base string, rng *rand.Rand) (method, u, body string) {
	many := func(word string, n int) string { return strings.TrimSuffix(strings.Repeat(word+" ", n), " ") }
	var codes []string
	for i := 0; i < 20000; i++ {
		codes = append(codes, fmt.Sprintf("%c%c%c", 'A'+i%26, 'A'+i/26%26, 'A'+i/676%26))
	}
	q := func(k, v string) string { return base + "/api/events?" + url.Values{k: {v}}.Encode() }
	switch rng.IntN(16) {
	case 0:
		return "GET", q("text", many("a", 30000)), ""
	case 1:
		return "GET", q("country", strings.Join(codes, ",")), ""
	case 2:
		return "GET", q("actor", strings.Repeat("%_", 30000)), ""
	case 3:
		return "GET", q("actor", "Russia\x00"), ""
	case 4:
		return "GET", q("text", "the"), ""
	case 5:
		return "GET", base + "/api/events?offset=100000000&sort=actor", ""
	case 6:
		return "GET", base + "/api/download?format=parquet", ""
	case 7:
		return "GET", base + "/api/download?format=csv&level=event", ""
	case 8:
		return "POST", base + "/api/documents", `{"id":"x","date":"2024-01-01","text":"` + strings.Repeat("Russia attacked Ukraine. ", 100000) + `"}`
	case 9:
		return "GET", base + "/api/network?limit=10000&level=event", ""
	case 10:
		return "GET", q("from", "0001-01-01"), ""
	case 11:
		return "GET", base + "/api/events?level=event&sort=source&offset=" + strconv.Itoa(rng.IntN(5000)), ""
	case 12:
		return "GET", base + "/../../../../etc/passwd", ""
	case 13:
		return "GET", q("place", strings.Repeat("ü", 20000)), ""
	case 14:
		return "GET", base + "/api/counts?by=country&level=event&text=" + url.QueryEscape(many("x", 16)), ""
	default:
		return "SLOW", "", ""
	}
}

// slowloris opens a connection and sends a request's header one byte at a
// time, for as long as the server keeps it open (at most 30 s).
func slowloris(addr string) string {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return "dial error"
	}
	defer c.Close()
	req := "GET /api/events HTTP/1.1\r\nHost: x\r\nX-Slow: " + strings.Repeat("a", 1000)
	start := time.Now()
	for i := 0; i < len(req); i++ {
		c.SetWriteDeadline(time.Now().Add(2 * time.Second))
		if _, err := c.Write([]byte{req[i]}); err != nil {
			return fmt.Sprintf("slowloris cut after %ds", int(time.Since(start).Seconds()+0.5))
		}
		if time.Since(start) > 30*time.Second {
			return "slowloris still open after 30s"
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "slowloris sent all"
}

func load(base string, d time.Duration, nOrd, nHos int) int {
	u, _ := url.Parse(base)
	var mu sync.Mutex
	var lat []time.Duration
	ordStatus, hosStatus := map[string]int{}, map[string]int{}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: nOrd + nHos}, Timeout: 60 * time.Second}
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for w := range nHos {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 99))
			for time.Now().Before(deadline) {
				method, target, body := hostile(base, rng)
				var status string
				if method == "SLOW" {
					status = slowloris(u.Host)
				} else {
					req, _ := http.NewRequest(method, target, strings.NewReader(body))
					req.Header.Set("Authorization", "Bearer wrong")
					resp, err := client.Do(req)
					if err != nil {
						status = "error: " + err.Error()
					} else {
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						status = resp.Status
					}
				}
				mu.Lock()
				hosStatus[status]++
				mu.Unlock()
			}
		}()
	}
	time.Sleep(time.Second) // the hostile clients first
	for w := range nOrd {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for time.Now().Before(deadline) {
				el, status := timedGet(client, ordinary(base, rng))
				mu.Lock()
				lat = append(lat, el)
				ordStatus[status]++
				mu.Unlock()
				time.Sleep(time.Duration(rng.IntN(20)) * time.Millisecond) // a person's pace, many of them
			}
		}()
	}
	wg.Wait()
	if len(lat) == 0 {
		fmt.Println("FAIL: no ordinary request was made")
		return 1
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	fmt.Printf("ordinary: %d requests from %d clients, p50 %v, p99 %v, max %v\n", len(lat), nOrd,
		pct(0.5).Round(100*time.Microsecond), pct(0.99).Round(100*time.Microsecond), lat[len(lat)-1].Round(time.Millisecond))
	fmt.Printf("ordinary statuses: %v\n", ordStatus)
	keys := make([]string, 0, len(hosStatus))
	total := 0
	for k, n := range hosStatus {
		keys = append(keys, k)
		total += n
	}
	slices.Sort(keys)
	fmt.Printf("hostile: %d requests from %d clients:\n", total, nHos)
	bad := false
	for _, k := range keys {
		fmt.Printf("  %6d  %s\n", hosStatus[k], k)
		if strings.HasPrefix(k, "5") && !strings.HasPrefix(k, "503") || strings.HasPrefix(k, "error") {
			bad = true
		}
	}
	if len(ordStatus) != 1 || ordStatus["200 OK"] == 0 {
		fmt.Println("FAIL: an ordinary request was not answered 200")
		return 1
	}
	if pct(0.99) >= 100*time.Millisecond {
		fmt.Println("FAIL: ordinary p99 is 100 ms or more")
		return 1
	}
	if bad {
		fmt.Println("FAIL: a hostile request got a server error")
		return 1
	}
	return 0
}

func flood(target string, d time.Duration, conns int) {
	idle := conns
	if v := os.Getenv("FLOOD_IDLE"); v != "" {
		idle, _ = strconv.Atoi(v) // 2 is Go's default: the other connections are opened anew
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: idle}, Timeout: 60 * time.Second}
	var mu sync.Mutex
	var lat []time.Duration
	statuses := map[string]int{}
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				el, status := timedGet(client, target)
				mu.Lock()
				lat = append(lat, el)
				statuses[status]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	fmt.Printf("%d connections: %d requests, %.0f req/s, p50 %v, p99 %v, statuses %v\n", conns, len(lat),
		float64(len(lat))/el.Seconds(), pct(0.5).Round(100*time.Microsecond), pct(0.99).Round(100*time.Microsecond), statuses)
}

func docs(db string) {
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{ReadOnly: true})
	if err != nil {
		fmt.Println(0)
		return
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		fmt.Println(0)
		return
	}
	fmt.Println(st.Documents)
}

// timedGet fetches url and reads the whole answer, and returns how long
// that took and the answer's status ("error" when there was none).
func timedGet(client *http.Client, url string) (time.Duration, string) {
	t0 := time.Now()
	resp, err := client.Get(url)
	if err != nil {
		return time.Since(t0), "error"
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return time.Since(t0), resp.Status
}
