package web_test

import (
	"context"
	"flag"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/parley-events/parley/server"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/web"
)

var (
	screenshot  = flag.String("screenshot", "", "also save the UI screenshot here (the repository keeps one in docs/ui.png)")
	screenshots = flag.String("screenshots", "", "save a screenshot of each step of the browser tests in this directory")
)

// chromium finds a Chromium or Chrome binary, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// ui is the web UI served over an ingested corpus, in a headless Chromium.
type ui struct {
	t    *testing.T
	base string
	st   store.Store
	ctx  context.Context // the browser tab
}

// token is the bearer token the test server accepts reviews with.
const token = "t0ken"

// startUI ingests the corpus into a real SQLite store, serves it (with
// the review token) and opens a headless Chromium. CI always has Chromium
// (.ci/run installs it), so there the test fails rather than skips.
func startUI(t *testing.T) *ui {
	t.Helper()
	bin := chromium()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no chromium binary found: CI runs the browser tests (.ci/run installs chromium)")
		}
		t.Skip("no chromium binary found (apt-get install chromium): skipping the browser test")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	t.Cleanup(cancel)

	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "parley.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ingestCorpus(t, ctx, st)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- server.New(server.Config{Store: st, Token: token, UI: web.FS()}).Serve(sctx, ln) }()
	t.Cleanup(func() { stop(); <-done })

	u := &ui{t: t, base: "http://" + ln.Addr().String() + "/", st: st, ctx: newTab(t, ctx, 1440, 1000)}
	u.ownRequestsOnly(ln.Addr().String())
	return u
}

// ownRequestsOnly records every request the page makes and, when the test
// ends, fails it if any went to a host other than the server's: the UI
// fetches no tiles, fonts or scripts from elsewhere. Addresses of the
// data:, blob: and about: schemes are no requests to a host.
func (u *ui) ownRequestsOnly(host string) {
	var (
		mu      sync.Mutex
		own     int
		foreign []string
	)
	err := chromedp.Listen(u.ctx, func(ev any) {
		req, ok := ev.(*network.EventRequestWillBeSent)
		if !ok {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		switch a, err := url.Parse(req.Request.URL); {
		case err == nil && (a.Scheme == "data" || a.Scheme == "blob" || a.Scheme == "about"):
		case err == nil && (a.Scheme == "http" || a.Scheme == "https") && a.Host == host:
			own++
		default:
			foreign = append(foreign, req.Request.URL)
		}
	})
	if err != nil {
		u.t.Fatal(err)
	}
	u.t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if len(foreign) > 0 {
			u.t.Errorf("the page made %d requests to other hosts than the server's %s: %v", len(foreign), host, foreign)
		}
		if own == 0 && !u.t.Skipped() {
			u.t.Errorf("no request to the server %s was seen: the requests are not recorded", host)
		}
		u.t.Logf("%d requests, all to the server %s", own, host)
	})
}

// newTab opens a headless Chromium with a window of w×h pixels and
// returns its tab, closed when the test ends.
func newTab(t *testing.T, ctx context.Context, w, h int) context.Context {
	t.Helper()
	bin := chromium()
	if bin == "" {
		t.Fatal("no chromium binary found")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(w, h),
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	return bctx
}

// phone checks the page, with the detail panel open, at a phone's width:
// nothing but the table (which scrolls in its panel) is wider than the
// screen.
func (u *ui) phone() {
	u.t.Helper()
	u.do("narrowing the window", chromedp.EmulateViewport(420, 900), chromedp.Sleep(400*time.Millisecond))
	wide := u.eval(`(() => {
		const w = document.documentElement.clientWidth, out = [];
		if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth);
		for (const e of document.querySelectorAll('header, #filters, #filters label, .panel, .panel h2, .panel svg, #detail')) {
			const r = e.getBoundingClientRect();
			if (r.width && (r.left < 0 || r.right > w + 0.5)) out.push((e.id || e.className || e.tagName) + ' ' + Math.round(r.left) + '–' + Math.round(r.right));
		}
		return out.join(', ');
	})()`)
	if wide != "" {
		u.t.Errorf("at 420 px, wider than the screen: %s", wide)
	}
	u.shot("ui-420")
}

func css(s string) chromedp.CSS { return chromedp.CSS(s) }

// do runs browser steps and fails the test with what as the reason.
func (u *ui) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	u.t.Helper()
	if err := chromedp.Do(u.ctx, steps...); err != nil {
		u.t.Fatalf("%s: %v", what, err)
	}
}

func (u *ui) text(sel string) string {
	u.t.Helper()
	v, err := chromedp.Run(u.ctx, chromedp.Text(css(sel)))
	if err != nil {
		u.t.Fatalf("reading %s: %v", sel, err)
	}
	return v
}

func (u *ui) eval(expr string) string {
	u.t.Helper()
	v, err := chromedp.Run(u.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		u.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// shot saves a screenshot of the page as NAME.png in -screenshots (or the
// test's temporary directory) and returns its path.
func (u *ui) shot(name string) string {
	u.t.Helper()
	png, err := chromedp.Run(u.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		u.t.Fatalf("screenshot: %v", err)
	}
	dir := *screenshots
	if dir == "" {
		dir = u.t.TempDir()
	}
	out := filepath.Join(dir, name+".png")
	if err := os.WriteFile(out, png, 0o644); err != nil {
		u.t.Fatal(err)
	}
	u.t.Logf("screenshot: %s (%d bytes)", out, len(png))
	return out
}

// loaded waits until every panel has drawn.
func (u *ui) loaded() []chromedp.Action[chromedp.Void] { return loadedSteps() }

// loadedSteps waits until every panel has drawn.
func loadedSteps() []chromedp.Action[chromedp.Void] {
	return []chromedp.Action[chromedp.Void]{
		chromedp.WaitVisible(css(`#table tbody tr[data-id]`)),
		chromedp.WaitVisible(css(`#map g.place circle`)),
		chromedp.WaitVisible(css(`#network g.node`)),
		chromedp.WaitVisible(css(`#timeline rect`)),
	}
}

// TestBrowser loads the UI in real headless Chromium over an ingested
// corpus, filters, opens an event and checks the highlighted sentence.
func TestBrowser(t *testing.T) {
	u := startUI(t)
	u.do("loading the UI", append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(u.base)}, u.loaded()...)...)
	if count := u.text(`#count`); !strings.Contains(count, "merged stories") {
		t.Errorf("event count line: %q", count)
	}

	// Filter on the Russian diplomat: his two meetings remain, the one
	// with Bagheri Kani reported by two outlets.
	u.do("filtering",
		chromedp.SetValue(css(`#filters input[name=actor]`), "Bogdanov"),
		chromedp.SetValue(css(`#filters input[name=recipient]`), "IRN"),
		chromedp.Click(css(`#filters button[type=submit]`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#table tbody tr[data-id]').length === 1`),
	)
	if rows := u.text(`#table tbody`); !strings.Contains(rows, "CONSULT") || !strings.Contains(rows, "2 / 2") {
		t.Errorf("filtered table: %q", rows)
	}
	if !strings.Contains(u.eval(`location.hash`), "actor=Bogdanov") {
		t.Errorf("the address does not keep the filters: %s", u.eval(`location.hash`))
	}

	// Open it: both reports, each sentence with its parts highlighted.
	u.do("opening the event",
		chromedp.Click(css(`#table tbody tr[data-id]`)),
		chromedp.WaitVisible(css(`#detail .report mark.trigger`)),
	)
	actor, trigger, recipient := u.text(`#detail .report mark.actor`), u.text(`#detail .report mark.trigger`), u.text(`#detail .report mark.recipient`)
	if actor != "Russian Deputy Foreign Minister Mikhail Bogdanov" || trigger != "met" || recipient != "his Iranian colleague" {
		t.Errorf("highlighted actor %q, trigger %q, recipient %q", actor, trigger, recipient)
	}
	if detail := u.text(`#detail`); !strings.Contains(detail, "2 articles, 2 sources") || !strings.Contains(detail, "held talks") {
		t.Errorf("detail panel: %q", detail)
	}
	if n := u.eval(`String(document.querySelectorAll('#detail .report').length)`); n != "2" {
		t.Errorf("%s reports in the detail panel, want 2", n)
	}
	// The heading stays clear of the close button.
	if overlap := u.eval(`(() => { const h = document.querySelector('#detail h3').getBoundingClientRect(), c = document.getElementById('close').getBoundingClientRect();
		return String(h.right > c.left && h.top < c.bottom); })()`); overlap != "false" {
		t.Error("the detail heading runs under the close button")
	}

	// Back to the whole corpus, the event still open, for the picture.
	u.do("reset",
		// The open detail panel covers the filter bar's right end, so the
		// button is pressed from script rather than by a mouse click.
		chromedp.Evaluate[chromedp.Void](`document.getElementById('clear-filters').click()`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#table tbody tr[data-id]').length > 1`),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`),
		chromedp.Sleep(300*time.Millisecond), // let the last panel paint
	)
	out := u.shot("ui")
	defer u.phone()
	if *screenshot != "" {
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*screenshot, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
