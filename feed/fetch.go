package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// UserAgent names parley to the sites it reads, with where to learn what
// it is.
const UserAgent = "parley-watch/1.0 (news event coder; +https://github.com/parley-events/parley)"

// DefaultMaxBytes bounds one feed or page. News pages are under a few
// megabytes; anything larger is not worth holding in memory.
const DefaultMaxBytes = 8 << 20

// Fetcher gets feeds and pages over HTTP.
type Fetcher struct {
	Client    *http.Client
	UserAgent string
	MaxBytes  int64 // largest body read (DefaultMaxBytes when zero)
}

// NewFetcher returns a Fetcher whose requests give up after timeout (the
// whole exchange: connecting, waiting for the server and reading the body).
func NewFetcher(timeout time.Duration) *Fetcher {
	dialer := &net.Dialer{Timeout: min(timeout, 10*time.Second), KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   min(timeout, 10*time.Second),
		ResponseHeaderTimeout: timeout,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   2,
	}
	return &Fetcher{
		Client: &http.Client{
			Timeout:   timeout,
			Transport: transport,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= 5 {
					return errors.New("more than 5 redirects")
				}
				if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
					return fmt.Errorf("redirect to a %s: URL", req.URL.Scheme)
				}
				return nil
			},
		},
		UserAgent: UserAgent,
	}
}

// Validators are what a server said about the last copy fetched, sent
// back so that it can answer 304 Not Modified instead of the whole feed.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a fetched document.
type Response struct {
	URL         string // the final URL, after redirects
	ContentType string
	Body        []byte
	NotModified bool       // 304: Body is empty, the copy we have is current
	Validators  Validators // to send with the next request for the same URL
}

// HTTPError is an answer other than 200 or 304.
type HTTPError struct {
	URL        string
	Status     int
	RetryAfter time.Duration // from a Retry-After header, if any
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// Temporary says whether the same request may succeed later: server
// errors, timeouts and rate limits; not 404s or 403s.
func (e *HTTPError) Temporary() bool {
	return e.Status >= 500 || e.Status == http.StatusTooManyRequests || e.Status == http.StatusRequestTimeout
}

// ErrTooLarge is returned for a body larger than the Fetcher's MaxBytes.
var ErrTooLarge = errors.New("response too large")

// Accept headers: what a feed reader and a browser ask for.
const (
	AcceptFeed = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
	AcceptHTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
)

// Get fetches rawURL, sending v as If-None-Match / If-Modified-Since.
func (f *Fetcher) Get(ctx context.Context, rawURL, accept string, v Validators) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, fmt.Errorf("%s: only http and https URLs can be fetched", rawURL)
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", accept)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out := &Response{
		URL:         resp.Request.URL.String(),
		ContentType: resp.Header.Get("Content-Type"),
		Validators:  Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")},
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		out.NotModified = true
		out.Validators = v.merge(out.Validators)
		return out, nil
	default:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return nil, &HTTPError{URL: rawURL, Status: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	max := f.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	out.Body, err = io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: reading the body: %w", rawURL, err)
	}
	if int64(len(out.Body)) > max {
		return nil, fmt.Errorf("%s: %w (more than %d bytes)", rawURL, ErrTooLarge, max)
	}
	return out, nil
}

// merge keeps the validators a 304 did not repeat.
func (v Validators) merge(fresh Validators) Validators {
	if fresh.ETag == "" {
		fresh.ETag = v.ETag
	}
	if fresh.LastModified == "" {
		fresh.LastModified = v.LastModified
	}
	return fresh
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// Temporary says whether a fetch error may go away by itself: network
// failures, timeouts and server errors, as opposed to a page that is gone,
// forbidden or too large.
func Temporary(err error) bool {
	if err == nil {
		return false
	}
	var he *HTTPError
	if errors.As(err, &he) {
		return he.Temporary()
	}
	if errors.Is(err, ErrTooLarge) {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	// Refused connections, resets, truncated bodies, DNS failures.
	var oe *net.OpError
	var de *net.DNSError
	return errors.As(err, &oe) || errors.As(err, &de) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, context.DeadlineExceeded)
}
