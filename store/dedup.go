package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/parley-events/parley/kb"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// Cross-article de-duplication.
//
// Two raw events report the same happening when they have the same type,
// the same actor and recipient entities (their countries when an event
// names no entity), the same place (an event without a place does not
// contradict one with a place: coders often miss "in Moscow" in one of
// two reports), and dates within the window of the story's first report. The story's date is fixed by its first report so
// that a chain of daily reports cannot drift a story across weeks.

// symmetric says whether the two sides of type t play the same role (a
// column of kb/data/plover.tsv, which the coder reads too): "A met B" and
// "B met A" are one meeting, so reports may name either side first.
func symmetric(t string) bool {
	pt, _ := kb.Default().PloverType(event.Type(t))
	return pt.Symmetric
}

// normName folds a name for comparison: lower case, letters and digits
// only, single spaces.
func normName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// sameEntity reports whether two normalised names can denote one entity:
// equal, or every word of the shorter is a word of the longer ("Bogdanov"
// and "Mikhail Bogdanov"). An empty name is no entity: the countries,
// compared by the caller, decide.
func sameEntity(a, b string) bool {
	if a == "" || b == "" || a == b {
		return true
	}
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	have := make(map[string]bool, len(wb))
	for _, w := range wb {
		have[w] = true
	}
	for _, w := range wa {
		if !have[w] {
			return false
		}
	}
	return true
}

// placeKey identifies an event's place: its GeoNames id, else its name
// and country, else its country; "" when the event has no place.
func placeKey(l *event.Location) string {
	if l == nil {
		return ""
	}
	if l.GeonamesID != 0 {
		return fmt.Sprintf("geonames:%d", l.GeonamesID)
	}
	if n := normName(l.Name); n != "" {
		return "name:" + l.Country + ":" + n
	}
	if l.Country != "" {
		return "country:" + l.Country
	}
	return ""
}

// epoch is day 0 of the day numbers stored beside dates.
var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// dayNumber converts YYYY-MM-DD to days since 1970-01-01.
func dayNumber(date string) (int, bool) {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return 0, false
	}
	return int(t.Sub(epoch).Hours() / 24), true
}

// dayDate converts a day number back to YYYY-MM-DD.
func dayDate(n int) string { return epoch.AddDate(0, 0, n).Format("2006-01-02") }

// textHash is the content hash of a document's text.
func textHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// docKey is the id a document is stored under: its own id, or a name
// derived from its content hash when it has none.
func docKey(d *doc.Document, hash string) string {
	if d.ID != "" {
		return d.ID
	}
	return "sha256-" + hash[:16]
}

// sourceKey names the outlet of a document for counting distinct sources:
// its source, else the host of its URL, else the document itself.
func sourceKey(d *doc.Document, id string) string {
	if s := normName(d.Source); s != "" {
		return s
	}
	if u, err := url.Parse(d.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	return "doc:" + id
}

// eventDate is the event's date, else the publication date, else "".
func eventDate(e *event.Event, d *doc.Document) string {
	if _, ok := dayNumber(e.Date); ok {
		return e.Date
	}
	return d.Day()
}
