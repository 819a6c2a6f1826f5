package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/parley-events/parley/export"
	"github.com/parley-events/parley/store"
)

// GET /api/download?format=csv|jsonl|parquet&FILTERS sends every story or
// raw event (level=event) that the filters select, in the table's sort
// order, as a file: CSV and Parquet in export's columns, JSON Lines as the
// API's own objects (with their reviews), one per line. At most
// maxDownload rows; the X-Parley-Truncated header says when more matched.

// maxDownload bounds the rows of one download.
const maxDownload = 100000

// downloadTypes are the formats of a download with their media types.
var downloadTypes = map[string]string{
	"csv":     "text/csv; charset=utf-8",
	"jsonl":   "application/x-ndjson",
	"parquet": "application/vnd.apache.parquet",
}

func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	status, err := s.writeDownload(w, r)
	if err != nil && status != 0 {
		writeJSON(w, status, apiError{Error: err.Error()})
	}
	if status == 0 {
		status = http.StatusOK
	}
	s.metrics.observe("/api/download", status, time.Since(start))
}

// writeDownload writes the file. It returns a status and an error to send
// when nothing was written yet, or status 0 once the file has started (an
// error then cuts the file short, which the client sees as a broken
// transfer).
func (s *Server) writeDownload(w http.ResponseWriter, r *http.Request) (int, error) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.QueryTimeout+time.Minute)
	defer cancel()
	params := r.URL.Query()
	format := params.Get("format")
	ctype, ok := downloadTypes[format]
	if !ok {
		return http.StatusBadRequest, fmt.Errorf("bad format %q (want csv, jsonl or parquet)", format)
	}
	params.Del("format")
	fr := r.Clone(ctx)
	fr.URL = &url.URL{Path: r.URL.Path, RawQuery: params.Encode()}
	q, err := query(fr)
	if err != nil {
		return http.StatusBadRequest, err
	}
	// A file holds every match from the first: the pages are the
	// server's own.
	q.Offset, q.After = 0, ""
	stories := true
	switch q.Level {
	case "", "story", "stories":
	case "event", "events", "raw":
		stories = false
	default:
		return http.StatusBadRequest, fmt.Errorf("bad level %q (want story or event)", q.Level)
	}
	// The first page answers bad filters before anything is sent. The
	// store counts matches only up to store.MaxCount: the total is sent
	// when it is exact, and whether rows are left out past maxDownload is
	// asked of the store directly.
	total, capped, err := s.count(ctx, q, stories, 0)
	if err != nil {
		if errors.Is(err, store.ErrBadQuery) {
			return http.StatusBadRequest, err
		}
		return http.StatusInternalServerError, err
	}
	truncated := !capped && total > maxDownload
	if capped {
		more, _, err := s.count(ctx, q, stories, maxDownload)
		if err != nil {
			return http.StatusInternalServerError, err
		}
		truncated = more > 0
	}
	what := "stories"
	if !stories {
		what = "events"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="parley-%s-%s.%s"`, what, time.Now().UTC().Format("20060102-150405"), format))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !capped {
		w.Header().Set("X-Parley-Total", fmt.Sprint(total))
	}
	if truncated && capped {
		w.Header().Set("X-Parley-Truncated", fmt.Sprintf("%d rows of more", maxDownload))
	} else if truncated {
		w.Header().Set("X-Parley-Truncated", fmt.Sprintf("%d of %d rows", maxDownload, total))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var write func(stories []store.Story, events []store.Mention) error
	var closeWriter func() error
	if format == "jsonl" {
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		write = func(sts []store.Story, evs []store.Mention) error {
			for i := range sts {
				if err := enc.Encode(&sts[i]); err != nil {
					return err
				}
			}
			for i := range evs {
				if err := enc.Encode(&evs[i]); err != nil {
					return err
				}
			}
			return nil
		}
		closeWriter = func() error { return nil }
	} else {
		ew, err := export.NewWriter(format, bw, export.Options{})
		if err != nil {
			return http.StatusInternalServerError, err
		}
		write = func(sts []store.Story, evs []store.Mention) error {
			// A story's record takes its article fields from its first
			// report and its contexts from all of them, read for the
			// whole page at once when the store can.
			if bs, ok := s.cfg.Store.(storyRecorder); ok && len(sts) > 0 {
				rs, err := bs.StoryRecords(ctx, sts)
				if err != nil {
					return err
				}
				for i := range rs {
					d := recordDetail(&rs[i])
					rec := export.FromStory(&d)
					if err := ew.Write(&rec); err != nil {
						return err
					}
				}
				sts = nil
			}
			for i := range sts {
				d, err := s.cfg.Store.Story(ctx, sts[i].ID)
				if err != nil {
					return err
				}
				rec := export.FromStory(d)
				if err := ew.Write(&rec); err != nil {
					return err
				}
			}
			for i := range evs {
				rec := export.FromMention(&evs[i])
				if err := ew.Write(&rec); err != nil {
					return err
				}
			}
			return nil
		}
		closeWriter = ew.Close
	}
	// Each page starts after the last row of the one before (keyset
	// paging): the 100th page costs what the first does, where an offset
	// would read and skip the 99,000 rows before it.
	const page = 1000
	for off := 0; off < maxDownload; off += page {
		q.Offset, q.Limit = 0, min(page, maxDownload-off)
		n, next := 0, ""
		if stories {
			p, err := s.cfg.Store.Stories(ctx, q)
			if err == nil {
				n, next, err = len(p.Items), p.Next, write(p.Items, nil)
			}
			if err != nil {
				return 0, err
			}
		} else {
			p, err := s.cfg.Store.Events(ctx, q)
			if err == nil {
				n, next, err = len(p.Items), p.Next, write(nil, p.Items)
			}
			if err != nil {
				return 0, err
			}
		}
		if n < q.Limit || next == "" {
			break
		}
		q.After = next
	}
	if err := closeWriter(); err != nil {
		return 0, err
	}
	return 0, bw.Flush()
}

// storyRecorder reads what the records of a page of stories take from
// their reports at once (the SQLite and PostgreSQL stores).
type storyRecorder interface {
	StoryRecords(ctx context.Context, stories []store.Story) ([]store.StoryRecord, error)
}

// recordDetail is a story with the reports export.FromStory reads: its
// first, holding the contexts of all of them (FromStory takes the
// article fields from the first and the union of every report's
// contexts), which makes the record Story's reports would make
// (TestDownloadRecords).
func recordDetail(r *store.StoryRecord) store.StoryDetail {
	d := store.StoryDetail{Story: r.Story, Reports: []store.Mention{}}
	if r.First != nil {
		first := *r.First
		first.Event.Contexts = r.Contexts
		d.Reports = append(d.Reports, first)
	}
	return d
}

// count returns how many stories or raw events q selects (capped: at
// least that many), or with offset > 0, whether any is left past offset
// (1 or 0).
func (s *Server) count(ctx context.Context, q store.Query, stories bool, offset int) (n int, capped bool, err error) {
	q.Limit, q.Offset = 1, offset
	if stories {
		p, err := s.cfg.Store.Stories(ctx, q)
		if offset > 0 {
			return len(p.Items), false, err
		}
		return p.Total, p.Capped, err
	}
	p, err := s.cfg.Store.Events(ctx, q)
	if offset > 0 {
		return len(p.Items), false, err
	}
	return p.Total, p.Capped, err
}
