package reader

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/webdoc"
)

// Web inputs: saved news pages (.html, .htm, or any file that starts with a
// doctype or an <html> tag) are read as one article each through webdoc,
// which keeps the article text and reads the headline, publication date,
// canonical URL and outlet from the page's metadata; WARC files (.warc,
// .warc.gz, or content starting with a WARC record) yield one article per
// HTML response (see warc.go). A page without a date of its own is dated by
// Options.Date.

// webReader picks the reader for web content (nil for the text layouts).
func webReader(head []byte, path string) func(*bufio.Reader, string, Options, int, func(*doc.Document, error) bool) bool {
	switch webFormat(head, path) {
	case "warc":
		return readWARC
	case "html":
		return readHTMLFile
	}
	return nil
}

// webFormat tells "warc", "html" or "" (not web content), by file name
// first and then by the first bytes.
func webFormat(head []byte, path string) string {
	name := strings.ToLower(filepath.Base(path))
	switch {
	case strings.HasSuffix(name, ".warc") || strings.HasSuffix(name, ".warc.gz") || isWARC(head):
		return "warc"
	case strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm") || strings.HasSuffix(name, ".xhtml") || webdoc.IsHTML(head):
		return "html"
	}
	return ""
}

// isWARC recognises a WARC file by its first record's "WARC/1.x" version
// line, plain or in a gzip member.
func isWARC(head []byte) bool {
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return true
	}
	if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
		return false
	}
	zr, err := gzip.NewReader(bytes.NewReader(head))
	if err != nil {
		return false
	}
	var magic [5]byte
	n, _ := io.ReadFull(zr, magic[:])
	return n == 5 && string(magic[:]) == "WARC/"
}

// readHTMLFile reads one saved web page.
func readHTMLFile(br *bufio.Reader, path string, opts Options, max int, yield func(*doc.Document, error) bool) bool {
	data, err := io.ReadAll(io.LimitReader(br, int64(max)+1))
	if err != nil {
		return yield(nil, &Error{Path: path, Err: err})
	}
	if len(data) > max {
		return yield(nil, &Error{Path: path, Err: fmt.Errorf("page larger than %d bytes: not read (raise the limit if it really is one article)", max)})
	}
	d, err := HTML(data, "", "", opts)
	if err != nil {
		return yield(nil, &Error{Path: path, Err: err})
	}
	// A saved page is known by its canonical URL when it names one (so
	// saved copies of one article are one document, and index.html files
	// in different folders are not), else by its file name.
	if d.ID == "" {
		d.ID = opts.idStem(path)
	}
	d.Path = path
	return yield(d, nil)
}

// HTML reads one web page into a Document: webdoc's article text and
// metadata, then the checks every input gets (UTF-8, no NUL bytes) and the
// wire dateline. pageURL is where the page was fetched from ("" for a saved
// file) and contentType its HTTP Content-Type ("" when unknown). A page
// without a publication date is dated by opts.Date, with a warning, or is
// an error wrapping webdoc.ErrNoDate; a page without article text is an
// error wrapping webdoc.ErrNoText. The ID is the page's canonical URL, else
// pageURL; the source, when the page names none, is the agency of the
// dateline, else the site's host name.
func HTML(page []byte, pageURL, contentType string, opts Options) (*doc.Document, error) {
	d, err := webdoc.Extract(page, webdoc.Options{URL: pageURL, ContentType: contentType, Date: opts.Date})
	if err != nil {
		return nil, err
	}
	if err := setText(d, []byte(d.Text)); err != nil {
		return nil, err
	}
	if d.Source == "" && d.URL != "" {
		if u, err := url.Parse(d.URL); err == nil {
			d.Source = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	return d, nil
}
