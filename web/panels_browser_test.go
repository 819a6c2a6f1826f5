package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// TestBrowserPanels drives the panels as an analyst would: a bad filter in
// the address is reported, not dropped; the timeline's bins and brush, the
// map's zoom and country shading, the network's colours, the table's sort,
// page size and download, and the filters' suggestions all work.
func TestBrowserPanels(t *testing.T) {
	u := startUI(t)

	// An invalid date and type in the address: reported, nothing shown.
	u.do("loading with bad filters",
		chromedp.Navigate(u.base+"#from=2023-13-45&type=MEET&actor=Bogdanov"),
		chromedp.WaitVisible(css(`#errors`)),
		chromedp.Poll[chromedp.Void](`document.getElementById('count').textContent.includes('fix the filters')`),
	)
	if errs := u.text(`#errors`); !strings.Contains(errs, `from: "2023-13-45" is not a date`) || !strings.Contains(errs, `type: "MEET" is not a PLOVER event type`) {
		t.Errorf("errors shown: %q", errs)
	}
	if rows := u.eval(`String(document.querySelectorAll('#table tbody tr[data-id]').length)`); rows != "0" {
		t.Errorf("%s rows shown under invalid filters", rows)
	}
	if h := u.eval(`location.hash`); !strings.Contains(h, "from=2023-13-45") {
		t.Errorf("the bad value left the address: %s", h)
	}
	u.shot("bad-filters")
	// Typed text the API refuses is reported too.
	u.do("typing a bad country",
		chromedp.Click(css(`#clear-filters`)),
		chromedp.WaitVisible(css(`#table tbody tr[data-id]`)),
		chromedp.SetValue(css(`#filters input[name=country]`), "Russia"),
		chromedp.Click(css(`#filters button[type=submit]`)),
		chromedp.WaitVisible(css(`#errors`)),
	)
	if errs := u.text(`#errors`); !strings.Contains(errs, "three-letter country codes") {
		t.Errorf("errors shown: %q", errs)
	}
	u.do("resetting", append([]chromedp.Action[chromedp.Void]{chromedp.Click(css(`#clear-filters`))}, u.loaded()...)...)
	if hidden := u.eval(`String(document.getElementById('errors').hidden)`); hidden != "true" {
		t.Error("errors still shown after a reset")
	}

	// Suggestions come from the store.
	u.do("suggestions", chromedp.Poll[chromedp.Void](`[...document.querySelectorAll('#actor-list option')].some(o => o.value === 'Mikhail Bogdanov')
		&& [...document.querySelectorAll('#country-list option')].some(o => o.value === 'RUS')
		&& [...document.querySelectorAll('#place-list option')].some(o => o.value === 'Kherson')`))

	// Timeline: the user's bin, then a brush across the chart.
	u.do("monthly bins",
		chromedp.SetValue(css(`#bin`), "month"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('bin').dispatchEvent(new Event('change'))`),
		// The label is set before the timeline's data arrive, too: wait for
		// the chart itself (its brush) before dragging across it.
		chromedp.Poll[chromedp.Void](`document.getElementById('bin-label').textContent === 'month' && document.querySelector('#timeline rect.brush') !== null`),
	)
	if !strings.Contains(u.eval(`location.hash`), "bin=month") {
		t.Errorf("the bin is not kept in the address: %s", u.eval(`location.hash`))
	}
	rect := strings.Split(u.eval(`(() => { const r = document.getElementById('timeline').getBoundingClientRect(); return [r.left, r.top, r.width, r.height].join(','); })()`), ",")
	num := func(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }
	left, top, width, height := num(rect[0]), num(rect[1]), num(rect[2]), num(rect[3])
	y := top + height/2
	u.do("brushing the timeline",
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, left+width*0.55, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, left+width*0.75, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, left+width*0.98, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, left+width*0.98, y, chromedp.ButtonLeft),
		chromedp.Poll[chromedp.Void](`document.querySelector('#filters input[name=from]').value !== '' && location.hash.includes('from=')`),
	)
	from, to := u.eval(`document.querySelector('#filters input[name=from]').value`), u.eval(`document.querySelector('#filters input[name=to]').value`)
	if from == "" || to == "" || from > to {
		t.Errorf("brushed period %q – %q", from, to)
	}
	u.do("clearing the period", append([]chromedp.Action[chromedp.Void]{chromedp.Click(css(`#clear-filters`))}, u.loaded()...)...)

	// Map: zoom in, then shade countries.
	before := u.eval(`document.getElementById('map-world').getAttribute('transform')`)
	u.do("zooming the map", chromedp.Click(css(`#map-in`)))
	if after := u.eval(`document.getElementById('map-world').getAttribute('transform')`); after == before {
		t.Errorf("zoom in left the map at %s", after)
	}
	u.do("fitting the map", chromedp.Click(css(`#map-fit`)))
	if got := u.eval(`document.getElementById('map-world').getAttribute('transform')`); got != before {
		t.Errorf("fit: %s, the first view was %s", got, before)
	}
	u.do("shading countries",
		chromedp.SetValue(css(`#map-mode`), "countries"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('map-mode').dispatchEvent(new Event('change'))`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#map path.country[data-iso3=UKR]').style.fill !== ''`),
	)
	if legend := u.text(`#map-legend`); !strings.Contains(legend, "events placed in the country") {
		t.Errorf("choropleth legend: %q", legend)
	}
	u.shot("map-countries")
	u.do("clicking a shaded country",
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#map path.country[data-iso3=UKR]').dispatchEvent(new MouseEvent('click', {bubbles: true}))`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#filters input[name=place]').value === 'UKR'`),
		chromedp.Poll[chromedp.Void](`document.getElementById('count').textContent.includes(' of ')`),
	)
	if rows := u.eval(`String(document.querySelectorAll('#table tbody tr[data-id]').length)`); rows == "0" {
		t.Error("no events placed in Ukraine")
	}
	u.do("back to places",
		chromedp.SetValue(css(`#map-mode`), "symbols"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('map-mode').dispatchEvent(new Event('change'))`),
		chromedp.Click(css(`#clear-filters`)),
	)
	u.do("waiting", u.loaded()...)

	// Network: colour by country, with its legend.
	u.do("colouring the network by country",
		chromedp.SetValue(css(`#net-colour`), "country"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('net-colour').dispatchEvent(new Event('change'))`),
		chromedp.Poll[chromedp.Void](`document.getElementById('net-legend').textContent.includes('Russia')`),
	)
	if n := u.eval(`String(document.querySelectorAll('#network .labels text').length)`); n == "0" {
		t.Error("the network has no labels")
	}
	if overlap := u.eval(`(() => { const r = [...document.querySelectorAll('#network .labels text')].map(t => t.getBoundingClientRect());
		for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++)
			if (r[i].left < r[j].right - 1 && r[j].left < r[i].right - 1 && r[i].top < r[j].bottom - 1 && r[j].top < r[i].bottom - 1) return 'overlap';
		return 'none'; })()`); overlap != "none" {
		t.Error("network labels overlap")
	}
	// Drag a node: it moves and stays where it is dropped, and no filter is set.
	u.do("showing the network", chromedp.Evaluate[chromedp.Void](`document.getElementById('network').scrollIntoView({block: 'center'})`))
	node := strings.Split(u.eval(`(() => { const c = document.querySelector('#network g.node circle'); const r = c.getBoundingClientRect();
		return [r.left + r.width/2, r.top + r.height/2, c.getAttribute('cx'), c.parentNode.dataset.key].join('\n'); })()`), "\n")
	nx, ny := num(node[0]), num(node[1])
	u.do("dragging a node",
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, nx, ny, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, nx+20, ny+10, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, nx+45, ny+25, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, nx+45, ny+25, chromedp.ButtonLeft),
	)
	// A node's key may hold "|" ("United Nations Security Council|UNO"):
	// the fields above are split on new lines.
	if cx := u.eval(`document.querySelector('#network g.node[data-key="` + node[3] + `"] circle').getAttribute('cx')`); cx == node[2] {
		t.Errorf("the dragged node %s did not move (cx %s)", node[3], cx)
	}
	if strings.Contains(u.eval(`location.hash`), "actor=") {
		t.Errorf("dragging a node set a filter: %s", u.eval(`location.hash`))
	}

	// Table: sort by type, 50 rows a page, download what is shown.
	u.do("sorting by type",
		chromedp.Click(css(`#table th[data-sort=type]`)),
		chromedp.Poll[chromedp.Void](`location.hash.includes('sort=type') && document.querySelector('#table th.sorted').dataset.sort === 'type'`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#table tbody tr[data-id] .type').textContent === 'ACCUSE'`),
	)
	types := u.eval(`[...document.querySelectorAll('#table tbody tr[data-id] td:nth-child(2)')].map(td => td.textContent).join(',')`)
	list := strings.Split(types, ",")
	for i := 1; i < len(list); i++ {
		if list[i] < list[i-1] {
			t.Errorf("types not in order: %s", types)
			break
		}
	}
	u.do("50 rows a page",
		chromedp.SetValue(css(`#page-size`), "50"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('page-size').dispatchEvent(new Event('change'))`),
		// The count is written after the rows: wait for the page of 50, not
		// the page of 25 still shown.
		chromedp.Poll[chromedp.Void](`(() => { const m = document.getElementById('count').textContent.match(/^1–(\d+) of ([\d,]+)/);
			return m && +m[1] === Math.min(50, +m[2].replace(/,/g, '')) && location.hash.includes('page=50'); })()`),
	)
	total, _ := strconv.Atoi(u.eval(`document.getElementById('count').textContent.match(/of ([\d,]+)/)[1].replace(/,/g, '')`))
	rows, _ := strconv.Atoi(u.eval(`String(document.querySelectorAll('#table tbody tr[data-id]').length)`))
	if rows != min(total, 50) {
		t.Errorf("%d rows shown of %d, 50 a page", rows, total)
	}
	csv := u.evalAsync(`(async () => { const r = await fetch(document.getElementById('dl-csv').href); return r.headers.get('Content-Disposition') + '\n' + await r.text(); })()`)
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if !strings.Contains(lines[0], "attachment") || !strings.HasPrefix(lines[1], "level,id,") || len(lines) < 2+total {
		t.Errorf("CSV download: %d lines for %d stories: %.300s", len(lines), total, csv)
	}
	if href := u.eval(`document.getElementById('dl-parquet').getAttribute('href')`); !strings.Contains(href, "format=parquet") || !strings.Contains(href, "sort=type") {
		t.Errorf("parquet link %q", href)
	}
	u.do("top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	u.shot("panels")
}

// evalAsync evaluates an expression whose value is a promise.
func (u *ui) evalAsync(expr string) string {
	u.t.Helper()
	v, err := chromedp.Run(u.ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		u.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}
