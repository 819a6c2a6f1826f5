package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserReview reviews events as an analyst would: opens the
// Bogdanov–Bagheri Kani story, marks it wrong with a corrected recipient
// and a note, marks one report correct with its quick button, and finds
// the reviews in the table, the filter and the store.
func TestBrowserReview(t *testing.T) {
	u := startUI(t)
	u.do("loading the UI", append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(u.base + "#actor=Bogdanov&recipient=IRN")}, u.loaded()...)...)
	u.do("opening the story",
		chromedp.Click(css(`#table tbody tr[data-id]`)),
		chromedp.WaitVisible(css(`#detail .review-box button.verdict.wrong`)),
	)
	if got := u.text(`#detail .review-box`); !strings.Contains(got, "Reports: 2 not reviewed.") {
		t.Errorf("review box before any review: %q", got)
	}
	// Without a name the review is not sent.
	u.do("reviewing without a name",
		chromedp.Click(css(`#detail .review-box button.verdict.correct`)),
		chromedp.Poll[chromedp.Void](`document.querySelector('#detail .review-msg').textContent.includes('name')`),
	)
	u.do("correcting the story",
		chromedp.SetValue(css(`#detail input[name=reviewer]`), "Ana Analyst"),
		chromedp.SetValue(css(`#detail input[name=token]`), token),
		chromedp.Click(css(`#detail .review-details summary`)),
		chromedp.SetValue(css(`#detail .review-form select[name=verdict]`), "wrong"),
		chromedp.SetValue(css(`#detail .review-form input[name=recipient_name]`), "Ali Bagheri Kani"),
		chromedp.SetValue(css(`#detail .review-form input[name=recipient_country]`), "irn"),
		chromedp.SetValue(css(`#detail .review-form input[name=date]`), "2023-10-26"),
		chromedp.SetValue(css(`#detail .review-form textarea[name=note]`), "the recipient is the Iranian deputy minister"),
	)
	u.shot("review-form")
	u.do("saving the correction",
		chromedp.Click(css(`#detail .review-form button[type=submit]`)),
		chromedp.WaitVisible(css(`#detail .review-box .review-badge.wrong`)),
		chromedp.WaitVisible(css(`#table tbody tr[data-id] .review-badge.wrong`)),
	)
	box := u.text(`#detail .review-box`)
	for _, want := range []string{"Reports: 1 marked wrong, 1 not reviewed.", "marked wrong by Ana Analyst", "recipient → Ali Bagheri Kani · IRN", "date → 2023-10-26", "the recipient is the Iranian deputy minister"} {
		if !strings.Contains(box, want) {
			t.Errorf("review box lacks %q: %q", want, box)
		}
	}
	u.shot("review-story")

	// The IRNA report is right: one click.
	u.do("marking a report correct",
		chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('#detail .report')].find(r => r.textContent.includes('IRNA')).querySelector('.quick .verdict.correct').click()`),
		chromedp.Poll[chromedp.Void](`[...document.querySelectorAll('#detail .report')].some(r => r.textContent.includes('IRNA') && r.querySelector('.report-review .review-badge.correct'))`),
	)
	u.do("opening the history",
		chromedp.Click(css(`#detail .review-history summary`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#detail .review-history .history-item').length === 2`),
	)
	u.shot("review-history")

	ctx := context.Background()
	reviews, err := u.st.ReviewedEvents(ctx)
	if err != nil || len(reviews) != 2 {
		t.Fatalf("stored reviews: %+v %v", reviews, err)
	}
	for _, r := range reviews {
		switch r.DocID {
		case "tass-2023-10-27":
			if r.Verdict != "wrong" || r.Reviewer != "Ana Analyst" || r.Recipient == nil || r.Recipient.Country != "IRN" || r.Date != "2023-10-26" {
				t.Errorf("TASS review: %+v", r)
			}
		case "irna-2023-10-27":
			if r.Verdict != "correct" || r.Reviewer != "Ana Analyst" {
				t.Errorf("IRNA review: %+v", r)
			}
		default:
			t.Errorf("review of %s", r.DocID)
		}
	}

	// The API and an export of the selection carry the correction.
	get := func(path string) string {
		return u.eval(`(() => { const x = new XMLHttpRequest(); x.open('GET', '` + path + `', false); x.send(); return x.status + ' ' + x.responseText; })()`)
	}
	if got := get("/api/reviews"); !strings.HasPrefix(got, "200 ") || !strings.Contains(got, "Ana Analyst") || !strings.Contains(got, `"IRN"`) {
		t.Errorf("GET /api/reviews lacks the correction: %.400s", got)
	}
	if got := get("/api/download?format=csv&level=event&reviewed=wrong"); !strings.HasPrefix(got, "200 ") ||
		!strings.Contains(got, "the recipient is the Iranian deputy minister") || !strings.Contains(got, "Ana Analyst") || !strings.Contains(got, "2023-10-26") {
		t.Errorf("CSV export of the reviewed events lacks the correction: %.600s", got)
	}

	// The reviewed filter selects them; raw events show each verdict.
	u.do("filtering reviewed raw events",
		chromedp.Evaluate[chromedp.Void](`document.getElementById('close').click()`),
		chromedp.Evaluate[chromedp.Void](`(() => { const f = document.getElementById('filters');
			f.elements.actor.value = ''; f.elements.recipient.value = ''; f.elements.reviewed.value = 'wrong'; f.elements.level.value = 'event';
			f.requestSubmit(); })()`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#table tbody tr[data-id]').length === 1 && document.getElementById('count').textContent.includes('raw events')`),
	)
	if row := u.text(`#table tbody tr[data-id]`); !strings.Contains(row, "TASS") {
		t.Errorf("wrong raw events: %q", row)
	}
}
