package reader

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// The publication dates a document may have: news from 1800 (digitised
// newspaper archives) to 2199. Dates outside are typing mistakes or
// placeholders (0001-01-01 is Go's zero time, 9999-12-31 a database's
// "never"), and coding against them would date "tomorrow" in a year of
// five digits.
var (
	FirstDate = time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)
	LastDate  = time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC)
)

// dateLayouts are the forms of a publication date: a day, or a timestamp
// whose day is kept.
var dateLayouts = []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"}

// ParseDate reads a publication date, YYYY-MM-DD or an RFC 3339 timestamp
// (the day is kept, at midnight UTC), and checks it with CheckDate. The
// error says what is wrong: "2023-13-45" has no month 13, "0001-01-01"
// is outside the years accepted.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errors.New("no publication date")
	}
	var first error
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err == nil {
			day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			return day, checkRange(day)
		}
		if first == nil {
			first = err
		}
	}
	var pe *time.ParseError
	if errors.As(first, &pe) && pe.Message != "" {
		// ": month out of range", ": day out of range"
		return time.Time{}, fmt.Errorf("bad date %q%s (want YYYY-MM-DD)", s, pe.Message)
	}
	return time.Time{}, fmt.Errorf("bad date %q: want YYYY-MM-DD", s)
}

// CheckDate says why t cannot be a publication date, or returns nil.
func CheckDate(t time.Time) error {
	if t.IsZero() {
		return errors.New("no publication date")
	}
	return checkRange(t)
}

// checkRange says why t is outside the accepted dates, or returns nil.
func checkRange(t time.Time) error {
	if t.Before(FirstDate) || t.After(LastDate.Add(24*time.Hour-1)) {
		return fmt.Errorf("publication date %s is outside the years %d to %d accepted (a mistake or a placeholder date?)",
			t.Format("2006-01-02"), FirstDate.Year(), LastDate.Year())
	}
	return nil
}

// dateLike matches what is meant as a date even when it is not a valid
// one ("2023-13-45", "0001-01-01", "27/10/2023"), as opposed to text that
// starts with the word ("Date palms grow ...").
var dateLike = regexp.MustCompile(`^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}`)
