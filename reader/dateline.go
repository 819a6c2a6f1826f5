package reader

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/parley-events/parley/doc"
)

// datelineRE matches the opening of a wire story: a place in capitals,
// optionally a region and a date, optionally the agency in slashes or
// parentheses, and a closing dash or period:
//
//	MOSCOW, October 27. /TASS/.
//	GAZA CITY, Oct 7 (AP) —
//	KYIV, Ukraine (Reuters) -
//	TEHRAN (Tasnim) –
//	(MENAFN- Nam News Network) TEHRAN, Nov 19 (NNN-TASNIM) –
var datelineRE = regexp.MustCompile(`^(?:\([^()\n]{1,60}\)\s*)?` + // syndication prefix: "(MENAFN- Nam News Network)"
	`([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})` + // place
	`(?:,\s+(` + datePat + `|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:,?\s+` + datePat + `)?))?` + // date, or region and date
	`\.?\s*` +
	`(/[A-Za-z][A-Za-z\- ]{0,20}/\.?|\([A-Za-z][A-Za-z.&\- ]{0,30}\))?` + // agency
	`\s*([—–\-]{1,2}|:)?\s*`)

// datePat is a dateline date: "October 27", "Oct. 7", "27 October", with an
// optional year.
const datePat = `(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?`

// FindDateline recognises a dateline at the start of text, or returns nil.
// A run of capitals alone is not a dateline ("NATO said ..."): it must be
// followed by a date, an agency or a dash.
func FindDateline(text string) *doc.Dateline {
	m := datelineRE.FindStringSubmatchIndex(text)
	if m == nil {
		return nil
	}
	hasDate, hasAgency, hasDash := m[4] >= 0, m[6] >= 0, m[8] >= 0
	if !hasDate && !hasAgency && !hasDash {
		return nil
	}
	place := text[m[2]:m[3]]
	if len([]rune(place)) < 3 || !isUpperWord(place) {
		return nil
	}
	end := m[1]
	// The dateline must be followed by the story: a capital or a quote.
	if end >= len(text) {
		return nil
	}
	dl := &doc.Dateline{Place: titleCase(place), Start: 0, End: end}

	if hasAgency {
		a := strings.Trim(text[m[6]:m[7]], "/().")
		dl.Source = strings.TrimSpace(a)
	}
	return dl
}

func isUpperWord(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters >= 3
}

// titleCase turns "GAZA CITY" into "Gaza City" and "AL-ARISH" into "Al-Arish".
func titleCase(s string) string {
	b := []rune(strings.ToLower(s))
	up := true
	for i, r := range b {
		if up && unicode.IsLetter(r) {
			b[i] = unicode.ToUpper(r)
		}
		up = r == ' ' || r == '-' || r == '\''
	}
	return string(b)
}
