package feed

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"mime"
	"net/http"
	"slices"
	"time"
)

// Handler does the work for one new item: it turns the fetched page into
// a document and stores it. It returns the stored document's ID. Errors
// wrapped with Permanent (the page is no article, has no date, is refused
// by the store) are not retried; others are, at the next poll, up to
// Watcher.MaxAttempts times.
type Handler func(ctx context.Context, it Item, page *Response) (docID string, err error)

// permanent marks an error that retrying will not cure.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps err so that the watcher gives the item up at once.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

// IsPermanent says whether err was wrapped with Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}

// Watcher polls feeds and hands each new item's page to Handle.
type Watcher struct {
	Feeds   []string
	Fetcher *Fetcher
	State   *State
	Handle  Handler

	// Interval is the time between two polls of a feed (each wait varies
	// by ±10% so that many feeds do not fall into step).
	Interval time.Duration
	// RetryBase is the wait after a feed's first failure; it doubles with
	// each further failure up to MaxBackoff, with jitter. A server's
	// Retry-After is honoured when longer.
	RetryBase  time.Duration
	MaxBackoff time.Duration
	// PageDelay is the pause between two page fetches, not to hammer a
	// site whose feed just listed fifty new stories.
	PageDelay time.Duration
	// MaxAttempts is how often an item's page is tried before it is
	// given up (default 5).
	MaxAttempts int
	// Log receives one line per poll (nil: silent);
	// Problem one line per failure (nil: sent to Log).
	Log     func(format string, args ...any)
	Problem func(format string, args ...any)

	rand *rand.Rand
}

// Poll counts what one poll of one feed did.
type Poll struct {
	Feed        string
	NotModified bool // the server answered 304: nothing to read
	Items       int  // items in the feed
	New         int  // items handled for the first time or retried
	Stored      int  // handled successfully
	Failed      int  // given up
	Retry       int  // failed, to be tried again
	Err         error
	RetryAfter  time.Duration // the server's Retry-After, if it sent one
}

// PollFeed polls one feed once: fetches it (conditionally), and handles
// every item not handled before, oldest first, so that the store sees a
// story's reports in the order they were published. It returns an error
// when the feed itself could not be read; a failing item is counted, not
// returned.
func (w *Watcher) PollFeed(ctx context.Context, feedURL string) Poll {
	p := Poll{Feed: feedURL}
	v, err := w.State.Validators(ctx, feedURL)
	if err != nil {
		p.Err = fmt.Errorf("feed state: %w", err)
		return p
	}
	resp, err := w.Fetcher.Get(ctx, feedURL, AcceptFeed, v)
	if err != nil {
		var he *HTTPError
		if errors.As(err, &he) {
			p.RetryAfter = he.RetryAfter
		}
		p.Err = err
		return p
	}
	if resp.NotModified {
		p.NotModified = true
		return p
	}
	f, err := Parse(resp.Body, resp.URL)
	if err != nil {
		p.Err = fmt.Errorf("%s: %w", feedURL, err)
		return p
	}
	p.Items = len(f.Items)
	items := slices.Clone(f.Items)
	// Oldest first: by date when every item has one, else reversed feed
	// order (feeds list the newest first).
	slices.Reverse(items)
	if !slices.ContainsFunc(items, func(it Item) bool { return it.Published.IsZero() }) {
		slices.SortStableFunc(items, func(a, b Item) int { return a.Published.Compare(b.Published) })
	}
	fetched := 0
	for _, it := range items {
		if ctx.Err() != nil {
			p.Err = ctx.Err()
			return p
		}
		st, err := w.State.Item(ctx, feedURL, it.Key)
		if err != nil {
			p.Err = fmt.Errorf("feed state: %w", err)
			return p
		}
		if st.Status == StatusStored || st.Status == StatusFailed {
			continue
		}
		p.New++
		if fetched > 0 && w.PageDelay > 0 {
			select {
			case <-time.After(w.PageDelay):
			case <-ctx.Done():
				p.Err = ctx.Err()
				return p
			}
		}
		docID, didFetch, err := w.handleItem(ctx, it)
		if didFetch {
			fetched++
		}
		if err := w.record(ctx, feedURL, it, st, docID, err, &p); err != nil {
			p.Err = fmt.Errorf("feed state: %w", err)
			return p
		}
	}
	// The validators are kept only once every item is settled: were they
	// saved with items still to retry, the next poll would get a 304 and
	// never see those items again.
	if p.Retry == 0 {
		if err := w.State.SetValidators(ctx, feedURL, resp.Validators); err != nil {
			p.Err = fmt.Errorf("feed state: %w", err)
		}
	}
	return p
}

// handleItem fetches an item's page and passes it to Handle.
func (w *Watcher) handleItem(ctx context.Context, it Item) (docID string, fetched bool, err error) {
	if it.Link == "" {
		return "", false, Permanent(errors.New("the item has no link to an article page"))
	}
	if id, err := w.State.StoredLink(ctx, it.Link); err != nil {
		return "", false, err
	} else if id != "" {
		return id, false, nil // stored from another feed
	}
	page, err := w.Fetcher.Get(ctx, it.Link, AcceptHTML, Validators{})
	if err != nil {
		if !Temporary(err) {
			err = Permanent(err)
		}
		return "", true, err
	}
	if !isWebPage(page) {
		return "", true, Permanent(fmt.Errorf("%s is %s, not a web page", page.URL, page.ContentType))
	}
	// Coding and storing a page takes a moment; a shutdown request waits
	// for it rather than throwing the work away.
	hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	docID, err = w.Handle(hctx, it, page)
	return docID, true, err
}

// record writes an item's outcome to the state and the counts.
func (w *Watcher) record(ctx context.Context, feedURL string, it Item, st ItemState, docID string, err error, p *Poll) error {
	max := w.MaxAttempts
	if max <= 0 {
		max = 5
	}
	switch {
	case err == nil:
		p.Stored++
		return w.State.Mark(context.WithoutCancel(ctx), feedURL, it, StatusStored, docID, "")
	case IsPermanent(err) || st.Attempts+1 >= max:
		p.Failed++
		w.problem("gave up %s: %v", it.Link, err)
		return w.State.Mark(context.WithoutCancel(ctx), feedURL, it, StatusFailed, "", err.Error())
	default:
		if ctx.Err() != nil {
			return nil // interrupted: the item is simply tried next time
		}
		p.Retry++
		w.problem("will retry %s: %v", it.Link, err)
		return w.State.Mark(ctx, feedURL, it, StatusRetry, "", err.Error())
	}
}

// Once polls every feed once. It returns the polls and an error naming
// the feeds that failed.
func (w *Watcher) Once(ctx context.Context) ([]Poll, error) {
	var polls []Poll
	var errs []error
	for _, f := range w.Feeds {
		if ctx.Err() != nil {
			return polls, ctx.Err()
		}
		p := w.PollFeed(ctx, f)
		w.logPoll(p)
		polls = append(polls, p)
		if p.Err != nil {
			errs = append(errs, p.Err)
		}
	}
	return polls, errors.Join(errs...)
}

// Run polls the feeds until ctx is cancelled: each feed every Interval,
// and after a failure with exponential backoff and jitter. It returns nil
// when stopped by ctx: stopping is the normal way to end a watch.
func (w *Watcher) Run(ctx context.Context) error {
	if len(w.Feeds) == 0 {
		return errors.New("no feeds to watch")
	}
	if w.Interval <= 0 {
		return errors.New("the poll interval must be positive")
	}
	type schedule struct {
		next     time.Time
		failures int
	}
	sched := make([]schedule, len(w.Feeds))
	start := time.Now()
	for i := range sched {
		// Spread the first polls over a tenth of the interval.
		sched[i].next = start.Add(time.Duration(float64(w.Interval/10) * float64(i) / float64(len(w.Feeds))))
	}
	for {
		i := 0
		for j := range sched {
			if sched[j].next.Before(sched[i].next) {
				i = j
			}
		}
		if wait := time.Until(sched[i].next); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil
			case <-t.C:
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		p := w.PollFeed(ctx, w.Feeds[i])
		if ctx.Err() != nil {
			return nil
		}
		w.logPoll(p)
		if p.Err != nil {
			sched[i].failures++
			d := max(w.Backoff(sched[i].failures), min(p.RetryAfter, w.maxBackoff()))
			sched[i].next = time.Now().Add(d)
			w.problem("%s: failure %d, next try in %v", w.Feeds[i], sched[i].failures, d.Round(time.Millisecond))
		} else {
			sched[i].failures = 0
			sched[i].next = time.Now().Add(w.jitter(w.Interval, 0.1))
		}
	}
}

// Backoff is the wait after the n-th failure in a row: RetryBase doubled
// n-1 times, at most MaxBackoff, scaled by a random factor in [0.5, 1.0)
// so that feeds failing together (one server down) do not retry together.
func (w *Watcher) Backoff(n int) time.Duration {
	base := w.RetryBase
	if base <= 0 {
		base = time.Minute
	}
	d := base
	for i := 1; i < n && d < w.maxBackoff(); i++ {
		d *= 2
	}
	d = min(d, w.maxBackoff())
	return time.Duration(float64(d) * (0.5 + 0.5*w.random()))
}

func (w *Watcher) maxBackoff() time.Duration {
	if w.MaxBackoff > 0 {
		return w.MaxBackoff
	}
	return time.Hour
}

// jitter varies d by ±frac.
func (w *Watcher) jitter(d time.Duration, frac float64) time.Duration {
	return time.Duration(float64(d) * (1 - frac + 2*frac*w.random()))
}

func (w *Watcher) random() float64 {
	if w.rand == nil {
		w.rand = rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x9e3779b97f4a7c15))
	}
	return w.rand.Float64()
}

func (w *Watcher) logPoll(p Poll) {
	switch {
	case p.Err != nil:
		w.problem("%s: %v", p.Feed, p.Err)
	case p.NotModified:
		w.logf("%s: not modified", p.Feed)
	default:
		w.logf("%s: %d items, %d new: %d stored, %d given up, %d to retry", p.Feed, p.Items, p.New, p.Stored, p.Failed, p.Retry)
	}
}

func (w *Watcher) problem(format string, args ...any) {
	if w.Problem != nil {
		w.Problem(format, args...)
		return
	}
	w.logf(format, args...)
}

func (w *Watcher) logf(format string, args ...any) {
	if w.Log != nil {
		w.Log(format, args...)
	}
}

// isWebPage says whether a fetched item is an HTML page: by its
// Content-Type, or by its first bytes when the server sent none or a
// generic one. Feeds also link PDFs, images and podcasts.
func isWebPage(r *Response) bool {
	mt, _, _ := mime.ParseMediaType(r.ContentType)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return true
	case "", "application/octet-stream", "text/plain":
		sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(r.Body))
		return sniffed == "text/html"
	}
	return false
}
