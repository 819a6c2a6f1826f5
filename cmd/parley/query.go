package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/store"
)

func init() {
	register(command{name: "query", usage: "[filters] print stored events (merged stories or raw) as a table, JSON Lines or CSV", run: runQuery})
}

// queryFlags are the event filters shared by query (and mirrored by the
// HTTP API's parameters).
func queryFlags(fs *flag.FlagSet) *store.Query {
	q := &store.Query{}
	fs.StringVar(&q.Actor, "actor", "", "actor: name (substring), CAMEO code (IRNGOV) or country (IRN)")
	fs.StringVar(&q.Recipient, "recipient", "", "recipient: name (substring), CAMEO code or country")
	fs.StringVar(&q.Country, "country", "", "country of either side, ISO alpha-3 (comma-separated list)")
	fs.StringVar(&q.Type, "type", "", "PLOVER event type (comma-separated list)")
	fs.StringVar(&q.Mode, "mode", "", "PLOVER mode (comma-separated list)")
	fs.IntVar(&q.Quad, "quad", 0, "quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict")
	fs.StringVar(&q.From, "from", "", "first day, YYYY-MM-DD")
	fs.StringVar(&q.To, "to", "", "last day, YYYY-MM-DD")
	fs.StringVar(&q.Place, "place", "", "place name (substring) or place country (alpha-3)")
	fs.StringVar(&q.Source, "source", "", "outlet (substring)")
	fs.StringVar(&q.Text, "text", "", "words that must all appear in the event's sentence (full-text search)")
	fs.StringVar(&q.Level, "level", "story", "story (merged across articles) or event (raw, one per article)")
	fs.StringVar(&q.Reviewed, "reviewed", "", "analysts' reviews: yes (reviewed), no, correct or wrong (the newest verdict)")
	fs.BoolFunc("reviewed-only", "only events an analyst has reviewed (--reviewed yes)", func(string) error { q.Reviewed = "yes"; return nil })
	return q
}

// defaultDB is the store every command uses unless --db says otherwise.
const defaultDB = "parley.db"

func runQuery(args []string) int {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	db := fs.String("db", defaultDB, "store: SQLite file or postgres:// URL")
	q := queryFlags(fs)
	format := fs.String("format", "table", "output: table, jsonl or csv")
	countBy := fs.String("count-by", "", "aggregate instead of listing: day, week, month, type, quad, actor or country")
	limit := fs.Int("limit", 0, "at most this many events (0: all)")
	offset := fs.Int("offset", 0, "skip this many events")
	setUsage(fs, "parley query [filters] [--format table|jsonl|csv] [--count-by KEY] [--db PATH|postgres://...]",
		"Prints the stored events that match the filters, newest first: merged stories\n(with article and source counts) or raw events (--level event), or counts of them.")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "parley query: unexpected argument %q (filters are flags: see parley query -h)\n", fs.Arg(0))
		return 2
	}
	if *format != "table" && *format != "jsonl" && *format != "csv" {
		fmt.Fprintf(os.Stderr, "parley query: bad --format %q (want table, jsonl or csv)\n", *format)
		return 2
	}
	if !checkQuery("query", q, *limit, *offset) {
		return 2
	}
	ctx := context.Background()
	s, ok := openStore(ctx, "query", *db, store.Options{ReadOnly: true})
	if !ok {
		return 1
	}
	defer s.Close()
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()

	var out table
	var err error
	switch {
	case *countBy != "":
		counts, err := s.CountBy(ctx, *q, *countBy)
		if err != nil {
			fmt.Fprintln(os.Stderr, "parley query:", err)
			return 2
		}
		out.header = []string{*countBy, "count"}
		for _, c := range counts {
			out.rows = append(out.rows, []string{c.Key, strconv.Itoa(c.Count)})
			out.objects = append(out.objects, c)
		}
	case q.Level == "event" || q.Level == "events" || q.Level == "raw":
		out.header = []string{"id", "story", "date", "type", "mode", "actor", "actor_country", "recipient", "recipient_country", "place", "doc", "source", "sentence"}
		err = pages(*limit, *offset, func(l, o int, after string) (int, string, error) {
			q.Limit, q.Offset, q.After = l, o, after
			p, err := s.Events(ctx, *q)
			for _, m := range p.Items {
				e := m.Event
				out.rows = append(out.rows, []string{m.ID, m.StoryID, e.Date, string(e.Type), e.Mode, actorName(e.Actor), actorCountry(e.Actor),
					actorName(e.Recipient), actorCountry(e.Recipient), placeName(e.Location), m.DocID, m.Source, m.Sentence})
				out.objects = append(out.objects, m)
			}
			return len(p.Items), p.Next, err
		})
	case q.Level == "story" || q.Level == "" || q.Level == "stories":
		out.header = []string{"id", "date", "type", "mode", "actor", "actor_country", "recipient", "recipient_country", "place", "articles", "sources", "mentions", "first_seen", "last_seen"}
		err = pages(*limit, *offset, func(l, o int, after string) (int, string, error) {
			q.Limit, q.Offset, q.After = l, o, after
			p, err := s.Stories(ctx, *q)
			for _, st := range p.Items {
				place := ""
				if st.Place != nil {
					place = st.Place.Name
				}
				out.rows = append(out.rows, []string{st.ID, st.Date, st.Type, st.Mode, entityName(st.Actor), entityCountry(st.Actor),
					entityName(st.Recipient), entityCountry(st.Recipient), place, strconv.Itoa(st.Articles), strconv.Itoa(st.Sources),
					strconv.Itoa(st.Mentions), st.FirstSeen, st.LastSeen})
				out.objects = append(out.objects, st)
			}
			return len(p.Items), p.Next, err
		})
	default:
		fmt.Fprintf(os.Stderr, "parley query: bad --level %q (want story or event)\n", q.Level)
		return 2
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley query:", err)
		return 1
	}
	if err := out.write(w, *format); err != nil {
		fmt.Fprintln(os.Stderr, "parley query:", err)
		return 1
	}
	return 0
}

// pages fetches limit results from offset (all when limit is 0) in pages
// of at most 1000: the first from offset, each next one after the last
// row of the one before (its next), which costs the same at any depth
// where an offset reads and skips every row before it.
func pages(limit, offset int, fetch func(limit, offset int, after string) (int, string, error)) error {
	after := ""
	for got := 0; limit == 0 || got < limit; {
		n := 1000
		if limit > 0 {
			n = min(n, limit-got)
		}
		o := offset
		if after != "" {
			o = 0
		}
		k, next, err := fetch(n, o, after)
		if err != nil {
			return err
		}
		got += k
		if k < n || next == "" {
			return nil
		}
		after = next
	}
	return nil
}

// table is query output: rows for table and CSV, objects for JSON Lines.
type table struct {
	header  []string
	rows    [][]string
	objects []any
}

func (t *table) write(w io.Writer, format string) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, o := range t.objects {
			if err := enc.Encode(o); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(t.header)
		cw.WriteAll(t.rows)
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(t.header, "\t")))
	for _, r := range t.rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = clip(strings.ReplaceAll(c, "\t", " "), 60)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// clip shortens a table cell to n characters.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func entityName(e *store.Entity) string {
	if e == nil {
		return ""
	}
	if e.Name != "" {
		return e.Name
	}
	return e.Code
}

func entityCountry(e *store.Entity) string {
	if e == nil {
		return ""
	}
	return e.Country
}

func actorName(a *event.Actor) string {
	if a == nil {
		return ""
	}
	if a.Name != "" {
		return a.Name
	}
	return a.Text
}

func actorCountry(a *event.Actor) string {
	if a == nil {
		return ""
	}
	return a.Country
}

func placeName(l *event.Location) string {
	if l == nil {
		return ""
	}
	return l.Name
}
