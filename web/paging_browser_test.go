package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPaging: the table's Next and Previous buttons walk the
// stories by keyset pages (each asked for as the rows after the last of
// the page before): the pages hold, in order, the rows an offset would
// give, and Previous comes back to the same rows.
func TestBrowserPaging(t *testing.T) {
	u := startUI(t)
	u.do("loading the UI", append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(u.base)}, u.loaded()...)...)
	ids := `[...document.querySelectorAll('#table tbody tr[data-id]')].map(tr => tr.dataset.id).join(' ')`
	// Pages of 3 (the corpus has fewer stories than the smallest page
	// the selector offers).
	u.do("pages of 3",
		chromedp.Evaluate[chromedp.Void](`state.page = 3; firstPage(); loadTable()`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#table tbody tr[data-id]').length === 3`),
	)
	want := func(offset string) string {
		return u.evalAsync(`fetch('/api/events?limit=3&offset=` + offset + `').then(r => r.json()).then(p => p.items.map(s => s.id).join(' '))`)
	}
	first := u.eval(ids)
	if w := want("0"); first != w {
		t.Fatalf("first page %q, want %q", first, w)
	}
	u.do("next", chromedp.Click(css(`#next`)),
		chromedp.Poll[chromedp.Void](ids+` !== '`+first+`'`))
	second := u.eval(ids)
	if w := want("3"); second != w || w == "" {
		t.Errorf("second page %q, want %q", second, w)
	}
	if count := u.text(`#count`); !strings.HasPrefix(count, "4–6 of") {
		t.Errorf("count line on the second page: %q", count)
	}
	u.do("next again", chromedp.Click(css(`#next`)),
		chromedp.Poll[chromedp.Void](ids+` !== '`+second+`'`))
	if third, w := u.eval(ids), want("6"); third != w {
		t.Errorf("third page %q, want %q", third, w)
	}
	u.do("previous", chromedp.Click(css(`#prev`)),
		chromedp.Poll[chromedp.Void](ids+` === '`+second+`'`))
	u.do("previous again", chromedp.Click(css(`#prev`)),
		chromedp.Poll[chromedp.Void](ids+` === '`+first+`'`))
	if disabled := u.eval(`String(document.getElementById('prev').disabled)`); disabled != "true" {
		t.Error("Previous is enabled on the first page")
	}
}
