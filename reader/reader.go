// Package reader turns files into dated Documents.
//
// It reads four layouts, recognised by content, not by file name:
//
//   - the seed format: a first line "date YYYY-MM-DD", the text following on
//     the same line or on the next ones;
//   - header files: "key value" lines (date, source, url, title, id), a blank
//     line, then the text;
//   - JSON Lines: one object per line with id, date, source, url, title, text;
//   - plain text, dated by Options.Date.
//
// A wire dateline ("MOSCOW, October 27. /TASS/.") at the start of the text is
// recognised and kept as Document.Dateline. Bad input never stops a run: a bad
// document or line is reported as an error naming the file and line, and
// reading goes on with the next one.
package reader

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-events/parley/doc"
)

// DefaultMaxBytes is the largest document accepted by default. News
// articles are a few kilobytes; anything this large is almost certainly not
// an article, and coding it would hold a worker for minutes.
const DefaultMaxBytes = 16 << 20

// Options control how documents are read.
type Options struct {
	// Date dates documents that carry no date of their own (plain text).
	// A document with neither is an error.
	Date time.Time
	// MaxBytes bounds one document's text (DefaultMaxBytes when zero).
	MaxBytes int

	// stem is what the ids of the file being read derive from: its path
	// inside the folder argument, without extension ("2023-01/article"),
	// set by Documents; empty for the file's base name.
	stem string
}

// idStem is what ids derived from the file at path start with: the
// file's path inside the folder it was found in, else its base name,
// without extension.
func (o Options) idStem(path string) string {
	if o.stem != "" {
		return o.stem
	}
	return baseID(path)
}

// Error is a problem with one document or input line.
type Error struct {
	Path string // file, or "-" for standard input
	Line int    // 1-based line, or 0 when the whole file is concerned
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Documents yields every document of the paths: files, folders (recursively,
// in name order, skipping hidden files) and "-" for standard input. A bad
// document or line, and a folder entry that cannot be read, yields (nil,
// err) with an *Error, and iteration goes on.
//
// A document's id is its own (an "id" header line or JSON field), else
// the file's path inside the folder argument without extension
// ("2023-01/article" for corpus/2023-01/article.txt read as corpus), or
// for a file named as an argument its base name ("article"), with ":LINE"
// for the records of a JSON Lines file. The same tree read again gives the
// same ids. Ids are unique within one call: a document whose id an earlier
// document with another text already has is an error naming both files
// (the same page twice in a crawl, same id and same text, is read twice).
func Documents(paths []string, opts Options) iter.Seq2[*doc.Document, error] {
	return func(yield func(*doc.Document, error) bool) {
		type first struct {
			where string // file, or file:line
			text  uint64 // hash of the text
		}
		seen := map[string]first{}
		yieldUnique := func(d *doc.Document, err error) bool {
			if err != nil {
				return yield(nil, err)
			}
			h := fnv.New64a()
			h.Write([]byte(d.Text))
			this := first{where: d.Path, text: h.Sum64()}
			if d.Line > 0 {
				this.where = fmt.Sprintf("%s:%d", d.Path, d.Line)
			}
			if f, dup := seen[d.ID]; dup && f.text != this.text {
				return yield(nil, &Error{Path: d.Path, Line: d.Line,
					Err: fmt.Errorf("document id %q is already that of %s: not read (give one of them an id line or field)", d.ID, f.where)})
			} else if !dup {
				seen[d.ID] = this
			}
			return yield(d, nil)
		}
		for _, p := range paths {
			if p == "-" {
				if !readStream(os.Stdin, "-", opts, yieldUnique) {
					return
				}
				continue
			}
			files, problems, err := expand(p)
			if err != nil {
				if !yield(nil, &Error{Path: p, Err: err}) {
					return
				}
				continue
			}
			for _, e := range problems {
				if !yield(nil, e) {
					return
				}
			}
			dir := isDir(p)
			for _, f := range files {
				fh, err := os.Open(f)
				if err != nil {
					if !yield(nil, &Error{Path: f, Err: err}) {
						return
					}
					continue
				}
				fopts := opts
				if dir {
					fopts.stem = relativeStem(p, f)
				}
				ok := readStream(fh, f, fopts, yieldUnique)
				fh.Close()
				if !ok {
					return
				}
			}
		}
	}
}

// isDir says whether path is a folder.
func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// relativeStem is file's path inside folder dir, with forward slashes and
// without extension: "2023-01/article" for dir/2023-01/article.txt.
func relativeStem(dir, file string) string {
	rel, err := filepath.Rel(dir, file)
	if err != nil {
		return baseID(file)
	}
	rel = filepath.ToSlash(rel)
	if ext := filepath.Ext(rel); ext != "" && !strings.Contains(ext, "/") {
		rel = strings.TrimSuffix(rel, ext)
	}
	return rel
}

// Files lists the files Documents reads for paths, in the order it reads
// them: each file named, and the inputs of each folder (recursively, in
// name order, without hidden files and gold files); "-" stays "-".
func Files(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if p == "-" {
			out = append(out, p)
			continue
		}
		files, _, err := expand(p)
		if err != nil {
			return out, err
		}
		out = append(out, files...)
	}
	return out, nil
}

// OneDocument says whether the file at path holds one document by its
// kind: a text or HTML file does, JSON Lines and WARC files hold any
// number.
func OneDocument(path string) bool {
	name := strings.ToLower(path)
	switch filepath.Ext(name) {
	case ".jsonl", ".ndjson", ".warc", ".gz", ".json":
		return false
	}
	return true
}

// expand lists the files under p (p itself when it is a file). An entry
// of the folder that cannot be read (a subfolder without permission, a
// path longer than the system allows) is a problem, and the rest is still
// listed; err is set only when p itself cannot be read.
func expand(p string) (files []string, problems []*Error, err error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, nil, err
	}
	if !st.IsDir() {
		return []string{p}, nil, nil
	}
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == p {
				return err
			}
			problems = append(problems, &Error{Path: path, Err: fmt.Errorf("not read: %w", unwrapPath(err))})
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if path != p && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && readable(name) {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return skipGold(files), problems, err
}

// unwrapPath drops the path an *fs.PathError repeats (the Error names it).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// skipGold drops gold files from a folder's listing: a .json or .jsonl
// file beside a .txt file of the same name holds the article's annotated
// events, not articles ("001.jsonl" beside "001.txt").
func skipGold(files []string) []string {
	texts := map[string]bool{}
	for _, f := range files {
		if strings.EqualFold(filepath.Ext(f), ".txt") {
			texts[strings.TrimSuffix(f, filepath.Ext(f))] = true
		}
	}
	out := files[:0]
	for _, f := range files {
		switch strings.ToLower(filepath.Ext(f)) {
		case ".json", ".jsonl":
			if texts[strings.TrimSuffix(f, filepath.Ext(f))] {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// readable says whether a file in a folder is an input: text and JSON Lines
// files, files without an extension, web pages and WARC files (html.go). Gold files (.json, .jsonl beside a
// .txt of the same name) are not inputs.
func readable(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text", ".jsonl", ".ndjson", "", ".html", ".htm", ".xhtml", ".warc":
		return true
	}
	return strings.HasSuffix(strings.ToLower(name), ".warc.gz")
}

// readStream reads one file or stream; it returns false when the consumer
// stopped the iteration.
func readStream(r io.Reader, path string, opts Options, yield func(*doc.Document, error) bool) bool {
	max := opts.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(512)
	if read := webReader(head, path); read != nil { // web pages and WARC files: html.go
		return read(br, path, opts, max, yield)
	}
	if isJSONLines(head, path) {
		return readJSONLines(br, path, opts, max, yield)
	}
	// Read one byte more than allowed, to tell "too large" from "exactly max".
	data, err := io.ReadAll(io.LimitReader(br, int64(max)+1))
	if err != nil {
		return yield(nil, &Error{Path: path, Err: err})
	}
	if len(data) > max {
		return yield(nil, &Error{Path: path, Err: fmt.Errorf("document larger than %d bytes: not read (raise the limit if it really is one article)", max)})
	}
	d, err := parseText(data, path, opts)
	if err != nil {
		return yield(nil, &Error{Path: path, Err: err})
	}
	return yield(d, nil)
}

// isJSONLines recognises JSON Lines by extension or by a first non-blank
// byte of '{'.
func isJSONLines(head []byte, path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		return true
	}
	t := bytes.TrimLeft(head, " \t\r\n\ufeff")
	return len(t) > 0 && t[0] == '{'
}

// record is one JSON Lines input document.
type record struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Source string `json:"source"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	Text   string `json:"text"`
}

func readJSONLines(br *bufio.Reader, path string, opts Options, max int, yield func(*doc.Document, error) bool) bool {
	line := 0
	for {
		raw, tooLong, err := readLine(br, max)
		if len(raw) == 0 && err != nil {
			if err != io.EOF {
				return yield(nil, &Error{Path: path, Line: line + 1, Err: err})
			}
			return true
		}
		line++
		if tooLong {
			if !yield(nil, &Error{Path: path, Line: line, Err: fmt.Errorf("record larger than %d bytes: skipped", max)}) {
				return false
			}
			continue
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		d, perr := parseRecord(raw, path, line, opts)
		if perr != nil {
			if !yield(nil, &Error{Path: path, Line: line, Err: perr}) {
				return false
			}
		} else if !yield(d, nil) {
			return false
		}
		if err == io.EOF {
			return true
		}
	}
}

// readLine reads one line of at most max bytes; a longer line is consumed
// and reported as too long without being kept in memory.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, isPrefix, e := br.ReadLine()
		if !tooLong {
			if len(line)+len(chunk) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if e != nil {
			return line, tooLong, e
		}
		if !isPrefix {
			return line, tooLong, nil
		}
	}
}

func parseRecord(raw []byte, path string, line int, opts Options) (*doc.Document, error) {
	if !utf8.Valid(raw) {
		return nil, errors.New("invalid UTF-8 in JSON record")
	}
	var r record
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	d := &doc.Document{ID: r.ID, Source: r.Source, URL: r.URL, Title: r.Title, Path: path, Line: line}
	if d.ID == "" {
		d.ID = fmt.Sprintf("%s:%d", opts.idStem(path), line)
	}
	if err := setDate(d, r.Date, opts); err != nil {
		return nil, fmt.Errorf("record %q: %w", d.ID, err)
	}
	if err := setText(d, []byte(r.Text)); err != nil {
		return nil, fmt.Errorf("record %q: %w", d.ID, err)
	}
	return d, nil
}

// parseText reads the seed, header and plain layouts.
func parseText(data []byte, path string, opts Options) (*doc.Document, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("empty document")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, errors.New("binary file (contains NUL bytes): not a text article")
	}
	d := &doc.Document{ID: opts.idStem(path), Path: path}
	body := bytes.TrimLeft(data, " \t\r\n\ufeff")
	headerSeen := false
	// Header lines: "key value" with a known key, until a blank line. The
	// seed format's "date YYYY-MM-DD" may carry the text on the same line.
header:
	for len(body) > 0 {
		line, rest, more := bytes.Cut(body, []byte("\n"))
		key, val, ok := headerField(string(line))
		if !ok {
			break
		}
		if key == "date" {
			day, text, _ := strings.Cut(val, " ")
			if err := setDate(d, day, opts); err != nil {
				if !headerSeen && !dateLike.MatchString(day) {
					break header // "Date palms grow ...": plain text, not a header
				}
				return nil, err
			}
			if text = strings.TrimSpace(text); text != "" {
				// The text starts on the date line: keep everything from it.
				return finish(d, body[bytes.Index(line, []byte(text)):], opts)
			}
		} else {
			setField(d, key, val)
		}
		headerSeen = true
		if !more {
			body = nil
			break
		}
		body = rest
		if t := bytes.TrimLeft(body, " \t\r"); len(t) > 0 && t[0] == '\n' {
			body = t[1:]
			break // a blank line ends the header
		}
	}
	return finish(d, body, opts)
}

func setField(d *doc.Document, key, val string) {
	switch key {
	case "source":
		d.Source = val
	case "url":
		d.URL = val
	case "title":
		d.Title = val
	case "id":
		d.ID = val
	}
}

func finish(d *doc.Document, body []byte, opts Options) (*doc.Document, error) {
	if d.Date.IsZero() {
		if opts.Date.IsZero() {
			return nil, errors.New("no publication date: add a 'date YYYY-MM-DD' line or pass --date")
		}
		d.Date = opts.Date
	}
	if err := setText(d, body); err != nil {
		return nil, err
	}
	return d, nil
}

var headerKeys = map[string]bool{"date": true, "source": true, "url": true, "title": true, "id": true}

func headerField(line string) (key, val string, ok bool) {
	line = strings.TrimRight(line, "\r")
	k, v, found := strings.Cut(line, " ")
	if !found {
		k, v, found = strings.Cut(line, "\t")
	}
	k = strings.ToLower(strings.TrimSuffix(k, ":"))
	if !found || !headerKeys[k] {
		return "", "", false
	}
	return k, strings.TrimSpace(v), true
}

// setText validates and stores the body, replacing invalid UTF-8 with
// U+FFFD (with a warning: the text stays readable, offsets stay valid).
func setText(d *doc.Document, body []byte) error {
	if bytes.IndexByte(body, 0) >= 0 {
		return errors.New("text contains NUL bytes: binary data, not an article")
	}
	if !utf8.Valid(body) {
		body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
		d.Warnings = append(d.Warnings, "invalid UTF-8 replaced by U+FFFD")
	}
	text := strings.TrimRight(string(body), " \t\r\n")
	if strings.TrimSpace(text) == "" {
		return errors.New("empty text")
	}
	d.Text = text
	d.Dateline = FindDateline(text)
	if d.Dateline != nil && d.Source == "" {
		d.Source = d.Dateline.Source
	}
	return nil
}

// setDate parses a publication date (see ParseDate); an empty one is
// opts.Date.
func setDate(d *doc.Document, s string, opts Options) error {
	s = strings.TrimSpace(s)
	if s == "" {
		if opts.Date.IsZero() {
			return errors.New("no publication date: give a date field or pass --date")
		}
		d.Date = opts.Date
		return nil
	}
	t, err := ParseDate(s)
	if err != nil {
		return err
	}
	d.Date = t
	return nil
}

// baseID is a file's name without folder and extension ("-" for stdin).
func baseID(path string) string {
	if path == "-" {
		return "stdin"
	}
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}
