package reader

import (
	"bufio"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/nlnwa/gowarc/v3"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/webdoc"
)

// readWARC reads a WARC file (ISO 28500; plain, or gzip-compressed record
// by record as crawlers write it) and yields one document per successful
// HTML response: "response" records holding an HTTP 200 with an HTML
// payload, and "resource" records holding HTML. Requests, metadata,
// revisits, redirects, error pages and non-HTML payloads (images, scripts,
// feeds) are not articles and are passed over. A page webdoc cannot read
// (no article text, no date) is an error naming the record, and reading
// goes on; a WARC file broken past repair stops at the break.
//
// A document's ID and URL are the record's WARC-Target-URI unless the page
// names a canonical URL. Pages without a date of their own are dated by
// Options.Date, never by the crawl date, which may be years after
// publication.
func readWARC(br *bufio.Reader, path string, opts Options, max int, yield func(*doc.Document, error) bool) bool {
	// gowarc's default policies note (and here ignore) what crawlers get
	// wrong in headers and digests instead of failing, and they keep each
	// record's block (in memory, or a temporary file past 1 MiB) so it can
	// be read after the record has been parsed.
	wr, err := gowarc.NewWarcFileReaderFromStream(br, 0)
	if err != nil {
		return yield(nil, &Error{Path: path, Err: err})
	}
	defer wr.Close()
	for n := 1; ; n++ {
		rec, err := wr.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			rec.Close()
			return yield(nil, &Error{Path: path, Err: fmt.Errorf("WARC record %d (at byte %d): %v: the rest of the file is not read", n, rec.Offset, err)})
		}
		d, err := warcPage(rec.WarcRecord, opts, max)
		rec.Close()
		switch {
		case errors.Is(err, errNotAPage):
			continue
		case err != nil:
			uri := rec.WarcRecord.WarcHeader().Get(gowarc.WarcTargetURI)
			if !yield(nil, &Error{Path: path, Err: fmt.Errorf("WARC record %d (%s): %w", n, uri, err)}) {
				return false
			}
		default:
			d.Path = path
			if !yield(d, nil) {
				return false
			}
		}
	}
}

// errNotAPage marks a record that holds no web page: nothing to report.
var errNotAPage = errors.New("not an HTML page")

// warcPage reads the web page of one record.
func warcPage(rec gowarc.WarcRecord, opts Options, max int) (*doc.Document, error) {
	h := rec.WarcHeader()
	// gowarc blanks a target URI it cannot parse (one written in angle
	// brackets, as in the WARC 1.1 text's examples); the record ID then
	// names the document.
	uri := h.Get(gowarc.WarcTargetURI)
	var body io.Reader
	var contentType string
	switch rec.Type() {
	case gowarc.Response:
		if !strings.HasPrefix(strings.ToLower(h.Get(gowarc.ContentType)), "application/http") {
			return nil, errNotAPage // a DNS or FTP response
		}
		raw, err := rec.Block().RawBytes()
		if err != nil {
			return nil, err
		}
		block := bufio.NewReader(raw)
		resp, err := http.ReadResponse(block, nil)
		if err != nil {
			return nil, fmt.Errorf("bad HTTP response: %v", err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, errNotAPage // redirects and error pages
		}
		contentType = resp.Header.Get("Content-Type")
		// The payload is the rest of the block, whose length the WARC
		// header gives; the HTTP Content-Length may be stale (crawlers
		// that store decoded bodies keep the original header). A chunked
		// body is decoded.
		payload := io.Reader(block)
		if len(resp.TransferEncoding) > 0 {
			payload = resp.Body
		}
		body, err = decodeContent(payload, resp.Header.Get("Content-Encoding"))
		if err != nil {
			return nil, err
		}
	case gowarc.Resource:
		contentType = h.Get(gowarc.ContentType)
		raw, err := rec.Block().RawBytes()
		if err != nil {
			return nil, err
		}
		body = raw
	default:
		return nil, errNotAPage
	}
	if contentType != "" {
		mt, _, _ := mime.ParseMediaType(contentType)
		if mt != "text/html" && mt != "application/xhtml+xml" {
			return nil, errNotAPage
		}
	}
	page, err := io.ReadAll(io.LimitReader(body, int64(max)+1))
	if err != nil {
		return nil, fmt.Errorf("reading the page: %v", err)
	}
	if len(page) > max {
		return nil, fmt.Errorf("page larger than %d bytes: not read", max)
	}
	if contentType == "" && !webdoc.IsHTML(page) {
		return nil, errNotAPage
	}
	d, err := HTML(page, uri, contentType, opts)
	if err != nil {
		return nil, err
	}
	if d.ID == "" {
		d.ID = strings.Trim(h.Get(gowarc.WarcRecordID), "<>")
	}
	return d, nil
}

// decodeContent undoes an HTTP Content-Encoding that a crawler stored as
// received.
func decodeContent(r io.Reader, encoding string) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return r, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("Content-Encoding gzip: %v", err)
		}
		return zr, nil
	case "deflate": // zlib-wrapped, as servers send it
		zr, err := zlib.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("Content-Encoding deflate: %v", err)
		}
		return zr, nil
	}
	return nil, fmt.Errorf("Content-Encoding %q is not supported", encoding)
}
