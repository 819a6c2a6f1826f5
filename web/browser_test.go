package web_test

import (
	"context"
	"flag"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/parley-events/parley/server"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/web"
)

var screenshot = flag.String("screenshot", "", "also save the UI screenshot here (the repository keeps one in docs/ui.png)")

// chromium finds a Chromium or Chrome binary, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowser loads the UI in real headless Chromium over an ingested
// corpus, filters, opens an event and checks the highlighted sentence.
func TestBrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no chromium binary found (apt-get install chromium): skipping the browser test")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "parley.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ingestCorpus(t, ctx, st)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- server.New(server.Config{Store: st, UI: web.FS()}).Serve(sctx, ln) }()
	defer func() { stop(); <-done }()
	base := "http://" + ln.Addr().String() + "/"

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
		chromedp.WindowSize(1440, 900),
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return v
	}
	if err := chromedp.Do(bctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible(css(`#table tbody tr[data-id]`)),
		chromedp.WaitVisible(css(`#map circle.place`)),
		chromedp.WaitVisible(css(`#network g.node`)),
		chromedp.WaitVisible(css(`#timeline rect`)),
	); err != nil {
		t.Fatalf("loading the UI: %v", err)
	}
	if count := text(`#count`); !strings.Contains(count, "merged stories") {
		t.Errorf("event count line: %q", count)
	}

	// Filter on the Russian diplomat: his two meetings remain, the one
	// with Bagheri Kani reported by two outlets.
	if err := chromedp.Do(bctx,
		chromedp.SetValue(css(`#filters input[name=actor]`), "Bogdanov"),
		chromedp.SetValue(css(`#filters input[name=recipient]`), "IRN"),
		chromedp.Click(css(`#filters button[type=submit]`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#table tbody tr[data-id]').length === 1`),
	); err != nil {
		t.Fatalf("filtering: %v", err)
	}
	if rows := text(`#table tbody`); !strings.Contains(rows, "CONSULT") || !strings.Contains(rows, "2 / 2") {
		t.Errorf("filtered table: %q", rows)
	}

	// Open it: both reports, each sentence with its parts highlighted.
	if err := chromedp.Do(bctx,
		chromedp.Click(css(`#table tbody tr[data-id]`)),
		chromedp.WaitVisible(css(`#detail .report mark.trigger`)),
	); err != nil {
		t.Fatalf("opening the event: %v", err)
	}
	actor, trigger, recipient := text(`#detail .report mark.actor`), text(`#detail .report mark.trigger`), text(`#detail .report mark.recipient`)
	if actor != "Russian Deputy Foreign Minister Mikhail Bogdanov" || trigger != "met" || recipient != "his Iranian colleague" {
		t.Errorf("highlighted actor %q, trigger %q, recipient %q", actor, trigger, recipient)
	}
	if detail := text(`#detail`); !strings.Contains(detail, "2 articles, 2 sources") || !strings.Contains(detail, "held talks") {
		t.Errorf("detail panel: %q", detail)
	}

	// Back to the whole corpus, the event still open, for the picture.
	if err := chromedp.Do(bctx,
		// The open detail panel covers the filter bar's right end, so the
		// button is pressed from script rather than by a mouse click.
		chromedp.Evaluate[chromedp.Void](`document.getElementById('clear-filters').click()`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#table tbody tr[data-id]').length > 1`),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`),
		chromedp.Sleep(300*time.Millisecond), // let the last panel paint
	); err != nil {
		t.Fatalf("reset: %v (table shows %q)", err, text(`#count`))
	}
	png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(t.TempDir(), "ui.png")
	if *screenshot != "" {
		out = *screenshot
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", out, len(png))
}
