package web_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The tests of this file drive a running `parley serve` rather than a
// store of their own, so they run only when given its address:
//
//	parley ingest --db /tmp/dev.db /work/shared/eval/dev/*.txt examples/*.txt
//	parley serve --db /tmp/dev.db --token T &
//	go test ./web -run TestDocScreenshots -args -server http://127.0.0.1:8080/ -token T -doc-shots docs/ui
//
//	parley serve --db /tmp/big.db &  # 100,000 events or more
//	go test ./web -run TestLoadTime -v -args -server http://127.0.0.1:8080/
var (
	serverURL   = flag.String("server", "", "URL of a running parley serve for TestDocScreenshots and TestLoadTime")
	serverToken = flag.String("token", "", "the review token of the -server (TestDocScreenshots shows the review form)")
	docShots    = flag.String("doc-shots", "", "TestDocScreenshots: save the screenshots of the documentation in this directory")
)

// widths are the window sizes the documentation shows: a desktop and a phone.
var widths = []struct {
	name string
	w, h int
}{{"1400", 1400, 1000}, {"420", 420, 900}}

// remote opens a headless Chromium of the given window size on the
// -server; it skips the test when -server is not given.
func remote(t *testing.T, w, h int) (context.Context, string) {
	t.Helper()
	if *serverURL == "" {
		t.Skip("no -server: this test drives a running parley serve")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	base := *serverURL
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return newTab(t, ctx, w, h), base
}

// TestDocScreenshots saves a picture of each panel, of the detail panel of
// a merged story and of the review form, at each of widths, as the PNGs of
// docs/ui.
func TestDocScreenshots(t *testing.T) {
	for _, size := range widths {
		t.Run(size.name, func(t *testing.T) {
			ctx, base := remote(t, size.w, size.h)
			dir := *docShots
			if dir == "" {
				dir = t.TempDir()
			}
			save := func(name string, png []byte, err error) {
				t.Helper()
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				out := filepath.Join(dir, name+"-"+size.name+".png")
				if err := os.WriteFile(out, png, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("%s: %d bytes", out, len(png))
			}
			if err := chromedp.Do(ctx, append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(base)}, loadedSteps()...)...); err != nil {
				t.Fatalf("loading the UI: %v", err)
			}
			if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			save("page", png, err)
			for _, panel := range []string{"timeline", "map", "network", "events"} {
				png, err := chromedp.Run(ctx, chromedp.Screenshot(css(`section.`+panel)))
				save(panel, png, err)
			}
			// A story of the dev articles merged from six reports.
			if err := chromedp.Do(ctx, append([]chromedp.Action[chromedp.Void]{
				chromedp.Navigate(base + "#actor=Israel&recipient=Palestinians&from=2024-03-28&to=2024-03-28"), chromedp.Reload()},
				loadedSteps()...)...); err != nil {
				t.Fatalf("selecting the story: %v", err)
			}
			if err := chromedp.Do(ctx,
				chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0); document.querySelector('#table tbody tr[data-id]').click()`),
				chromedp.WaitVisible(css(`#detail .report mark.trigger`)),
				chromedp.Sleep(200*time.Millisecond),
			); err != nil {
				t.Fatalf("opening the story: %v", err)
			}
			png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
			save("detail", png, err)
			if err := chromedp.Do(ctx,
				chromedp.SetValue(css(`#detail input[name=reviewer]`), "Ana Analyst"),
				chromedp.SetValue(css(`#detail input[name=token]`), *serverToken),
				chromedp.Click(css(`#detail .review-details summary`)),
				chromedp.WaitVisible(css(`#detail .review-form`)),
				chromedp.SetValue(css(`#detail .review-form select[name=verdict]`), "wrong"),
				chromedp.SetValue(css(`#detail .review-form textarea[name=note]`), "the recipient is the Iranian deputy minister"),
				chromedp.Evaluate[chromedp.Void](`document.querySelector('#detail .review-box').scrollIntoView()`),
				chromedp.Sleep(200*time.Millisecond),
			); err != nil {
				t.Fatalf("opening the review form: %v", err)
			}
			png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
			save("review", png, err)
		})
	}
}

// drawn is a predicate that holds once every panel has drawn; it keeps in
// window.drawnAt the page's clock when it first held.
const drawn = `(() => {
	const ok = !!(document.querySelector('#table tbody tr[data-id]') && document.querySelector('#map g.place circle') &&
		document.querySelector('#network g.node') && document.querySelector('#timeline rect'));
	if (ok && !window.drawnAt) window.drawnAt = performance.now();
	return ok;
})()`

// TestLoadTime measures, on the -server's store, the first load of the page
// until every panel has drawn, and a filter change until the table, the
// map, the timeline and the network have drawn the new selection. It fails
// when either takes a second or more.
func TestLoadTime(t *testing.T) {
	ctx, base := remote(t, 1400, 1000)
	// A first visit warms the browser's cache of the static files and the
	// server's of the store's pages, as a second visit would find them.
	for i, name := range []string{"cold", "warm"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"#"+fmt.Sprint(i)), chromedp.Reload(),
			chromedp.Poll[chromedp.Void](drawn, chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
			t.Fatalf("loading the UI: %v", err)
		}
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.drawnAt`))
		if err != nil {
			t.Fatal(err)
		}
		count, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('stats').textContent`))
		t.Logf("first load (%s): panels drawn %.0f ms after navigation started (%s)", name, ms, count)
		slow, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`performance.getEntriesByType('resource').filter(e => e.duration > 50)
			.map(e => e.name.replace(location.origin, '') + ' ' + Math.round(e.startTime) + '+' + Math.round(e.duration) + ' ms').join(', ')`))
		t.Logf("  requests over 50 ms (start+duration): %s", slow)
		if name == "warm" && ms >= 1000 {
			t.Errorf("first load took %.0f ms, want under 1 s", ms)
		}
	}

	// Each change sets one filter on the whole store. The old rows,
	// places, bars and nodes are marked; the change is done
	// when each panel holds unmarked ones again.
	for _, change := range []struct{ name, field, value string }{
		{"country", "country", "RUS"}, {"type", "type", "ASSAULT"}, {"from", "from", "2023-07-01"},
	} {
		js := fmt.Sprintf(`(() => {
			for (const e of document.querySelectorAll('#table tbody tr, #map g.place, #network g.node, #timeline rect')) e.dataset.old = 1;
			document.getElementById('filters').reset();
			const f = document.querySelector('#filters [name=%s]');
			f.value = %q;
			window.changedAt = performance.now();
			document.querySelector('#filters button[type=submit]').click();
		})()`, change.field, change.value)
		fresh := `['#table tbody tr[data-id]', '#map g.place', '#network g.node', '#timeline rect'].every(s => document.querySelector(s + ':not([data-old])'))
			&& !document.getElementById('count').textContent.includes('loading')`
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js),
			chromedp.Poll[chromedp.Void](fresh, chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
			t.Fatalf("changing the %s filter: %v", change.name, err)
		}
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.now() - window.changedAt`))
		if err != nil {
			t.Fatal(err)
		}
		count, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('count').textContent`))
		t.Logf("filter change (%s=%s): panels drawn in %.0f ms (%s)", change.field, change.value, ms, count)
		if ms >= 1000 {
			t.Errorf("changing the %s filter took %.0f ms, want under 1 s", change.name, ms)
		}
	}
}
