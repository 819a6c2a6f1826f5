// Package dates finds temporal expressions in a sentence ("on Thursday",
// "October 7", "last month", "two days ago") and resolves them to calendar
// days against the article's publication date, so that an event can be
// dated by the day it happened rather than the day it was reported.
//
// It works on the sentence's tokens as written (parley's segmenter splits
// "Sunday's" into "Sunday" and "'s" and keeps "Oct." whole; both spellings
// are understood either way) and allocates nothing for a sentence without a
// date. The calendar words are in words.tsv.
package dates

import (
	"strings"
	"time"
)

// Expr is one temporal expression found in a sentence.
type Expr struct {
	First, Last int // token indices [First, Last) within the tokens given to Find
	Text        string
	Day         string // resolved YYYY-MM-DD (for month/year/week precision: the first day, e.g. 2023-11-01)
	Precision   string // "day", "month", "year", "week"
	Relative    bool   // resolved relative to the publication date (weekday, yesterday, last week ...)
	// Since marks "since October 7": Day is the start of a period that runs
	// up to the publication date.
	Since bool
}

// Precisions.
const (
	Day   = "day"
	Week  = "week"
	Month = "month"
	Year  = "year"
)

// Find finds the temporal expressions in one sentence. words are the
// sentence's tokens as written; pub is the publication date; tense is
// "past", "present" or "future" for the sentence's main verb (anything else
// is taken as present). The tense decides which way a bare weekday or a
// month without a year points: "will meet on Monday" is the coming Monday,
// "met on Monday" the last one.
func Find(words []string, pub time.Time, tense string) []Expr {
	s := scanner{words: words, pub: dayOf(pub), future: tense == "future", past: tense == "past"}
	for i := 0; i < len(words); {
		if end := s.at(i); end > i {
			i = end
		} else {
			i++
		}
	}
	return s.out
}

// Resolve is Find for one expression given as text ("on Thursday",
// "Oct. 7, 2023"): it returns the first expression found in it.
func Resolve(text string, pub time.Time, tense string) (Expr, bool) {
	es := Find(splitText(text), pub, tense)
	if len(es) == 0 {
		return Expr{}, false
	}
	return es[0], true
}

// splitText splits text into tokens the way the segmenter would for the
// parts that matter here: white space, and punctuation at a word's edges.
// A final "." stays on the word, where classify reads it as an abbreviation
// mark.
func splitText(text string) []string {
	var out []string
	for _, f := range strings.Fields(text) {
		var tail []string
		for len(f) > 1 && strings.ContainsAny(f[:1], "(\"") {
			out = append(out, f[:1])
			f = f[1:]
		}
		for len(f) > 1 && strings.ContainsAny(f[len(f)-1:], ",;:)!?\"") {
			tail = append(tail, f[len(f)-1:])
			f = f[:len(f)-1]
		}
		out = append(out, f)
		for k := len(tail) - 1; k >= 0; k-- {
			out = append(out, tail[k])
		}
	}
	return out
}

// scanner matches expressions in one sentence.
type scanner struct {
	words        []string
	pub          time.Time // publication day, UTC midnight
	future, past bool
	out          []Expr
}

func (s *scanner) tok(i int) tok {
	if i < 0 || i >= len(s.words) {
		return tok{}
	}
	return classify(s.words[i])
}

// prefix is what comes before the core of an expression.
type prefix struct {
	prep   string // "on", "since", ... or ""
	edge   string // "early", "late", "earlier", ... or ""
	mod    int    // -1 last, 0 this, 1 next
	hasMod bool
}

// at tries to match an expression starting at token i. It appends what it
// finds to s.out and returns the index after it, or i when nothing starts
// there.
func (s *scanner) at(i int) int {
	start := i
	t := s.tok(i)
	if t.e.kind == kNone && t.digits == 0 && t.y == 0 && !t.the {
		return start
	}
	var p prefix
	if t.e.kind == kPrep {
		p.prep = t.e.word
		i++
		t = s.tok(i)
	}
	if t.e.kind == kEdge {
		p.edge = t.e.word
		i++
		t = s.tok(i)
	}
	if t.e.kind == kMod {
		p.mod, p.hasMod = t.e.val, true
		i++
		t = s.tok(i)
	}
	if (p.edge == "earlier" || p.edge == "later") && !p.hasMod && t.e.kind != kRelDay {
		return start // "earlier this month", "earlier today", not "earlier talks"
	}
	end := s.core(start, i, t, p)
	if end <= i {
		return start
	}
	return end
}

// core matches the core of an expression at token i (its prefix runs from
// start) and returns the index after it, or i when it does not match.
func (s *scanner) core(start, i int, t tok, p prefix) int {
	switch {
	case t.y != 0:
		if p.hasMod {
			return i
		}
		return s.emit(start, i+1, date(t.y, t.m, t.d), Day, false, p)
	case t.e.kind == kWeekday && t.cap && !t.mid:
		return s.weekday(start, i, t, p)
	case t.isMonth():
		return s.month(start, i, t, p)
	case t.digits > 0 && !t.isYear():
		if t.num >= 1 && t.num <= 31 && (t.digits <= 2 || t.ord) {
			if end := s.dayMonth(start, i, p); end > i {
				return end
			}
		}
		if !p.hasMod && p.edge == "" && p.prep == "" {
			return s.ago(start, i, t)
		}
		return i
	case t.isYear():
		return s.year(start, i, t, p)
	case t.e.kind == kRelDay:
		return s.relDay(start, i, t, p)
	case t.e.kind == kUnit && p.hasMod:
		return s.period(start, i, t, p)
	case t.e.kind == kPart && p.hasMod:
		// "last night", "this morning", "late last night"
		day := s.pub
		if p.mod == -1 {
			day = day.AddDate(0, 0, -1)
		} else if p.mod == 1 {
			return i
		}
		return s.emit(start, s.possessive(i+1), day, Day, true, p)
	case t.e.kind == kOvernight && !p.hasMod && p.edge == "":
		// The night that ended on the publication day: the gold annotations
		// (and wire usage) date overnight strikes to the publication day.
		return s.emit(start, i+1, s.pub, Day, true, p)
	case t.e.kind == kNumber && !p.hasMod && p.edge == "" && p.prep == "":
		return s.ago(start, i, t)
	case t.the && !p.hasMod && p.edge == "":
		return s.the(start, i, p)
	}
	return i
}

// possessive skips a following "'s" token.
func (s *scanner) possessive(i int) int {
	if s.tok(i).sfx {
		return i + 1
	}
	return i
}

// weekday: "Thursday", "on Thursday afternoon", "last Monday night",
// "Sunday's attack", "Thursday, October 26".
func (s *scanner) weekday(start, i int, t tok, p prefix) int {
	prev := s.tok(i - 1)
	if start == i && prev.e.kind == kEpithet && prev.cap {
		return i // "Bloody Sunday", "Good Friday"
	}
	next := s.tok(i + 1)
	if start == i && prev.the && next.cap && next.e.kind == kNone && !t.poss {
		return i // "the Sunday Times"
	}
	j := i + 1
	if !t.poss {
		j = s.possessive(j)
	}
	if s.tok(j).e.kind == kPart {
		j++
	}
	// An explicit date after the weekday wins: "Thursday, October 26".
	k := j
	if s.tok(k).punct == ',' {
		k++
	}
	if kt := s.tok(k); kt.isMonth() || kt.isDay() {
		n := len(s.out)
		var end int
		if kt.isMonth() {
			end = s.month(k, k, kt, prefix{})
		} else {
			end = s.dayMonth(k, k, prefix{})
		}
		if end > k && len(s.out) > n {
			if e := &s.out[n]; e.Precision == Day {
				e.First, e.Text = start, s.text(start, e.Last)
				e.Since = p.prep == "since"
				return end
			}
			s.out = s.out[:n]
		}
	}
	wd := time.Weekday(t.e.val)
	back := (int(s.pub.Weekday()) - int(wd) + 7) % 7
	fwd := (7 - back) % 7
	var day time.Time
	switch {
	case p.hasMod && p.mod == -1:
		if back == 0 {
			back = 7
		}
		day = s.pub.AddDate(0, 0, -back)
	case p.hasMod && p.mod == 1:
		if fwd == 0 {
			fwd = 7
		}
		day = s.pub.AddDate(0, 0, fwd)
	case s.future:
		day = s.pub.AddDate(0, 0, fwd)
	default:
		day = s.pub.AddDate(0, 0, -back)
	}
	return s.emit(start, j, day, Day, true, p)
}

// month: "October 7", "Oct. 7, 2023", "November 19, 22", "October 2023",
// "in October", "since mid-November".
func (s *scanner) month(start, i int, t tok, p prefix) int {
	m := t.e.val
	j := i + 1
	if t.e.abbr && !t.dot && s.tok(j).punct == '.' {
		j++ // "Oct" "."
	}
	n := s.tok(j)
	if n.isDay() && !t.mid && p.edge == "" && !p.hasMod {
		d := n.num
		j++
		k := j
		if s.tok(k).punct == ',' {
			k++
		}
		if yt := s.tok(k); yt.isYear() {
			if !validDay(yt.num, m, d) {
				return k + 1 // "February 30, 2023": skipped whole
			}
			return s.emit(start, k+1, date(yt.num, m, d), Day, false, p)
		}
		y, ok := s.dayYear(m, d)
		if !ok {
			return j
		}
		end := s.emit(start, j, date(y, m, d), Day, false, p)
		return s.dayList(end, m)
	}
	if n.isYear() && !p.hasMod {
		return s.emit(start, j+1, date(n.num, m, 1), Month, false, p)
	}
	if j < len(s.words) && s.words[j] != "" && s.words[j][0] >= '0' && s.words[j][0] <= '9' {
		return i // "October 7-9", "October 32": not the month as a whole
	}
	if t.e.abbr || (p.prep == "" && p.edge == "" && !p.hasMod && !t.mid) {
		return i // a bare month name is too often something else ("the October war", "May")
	}
	y := s.pub.Year()
	pm := int(s.pub.Month())
	switch {
	case p.hasMod && p.mod == -1:
		if m >= pm {
			y--
		}
	case p.hasMod && p.mod == 1:
		if m <= pm {
			y++
		}
	case s.future:
		if m < pm {
			y++
		}
	default:
		if m > pm {
			y--
		}
	}
	return s.emit(start, s.possessive(i+1), date(y, m, 1), Month, p.hasMod, p)
}

// dayList continues "November 19" with ", 22" or "and 22" (each a day of
// the same month), as long as the number is followed by punctuation, "and"
// or the end, so that "October 7, 20 people" is not read as a list.
func (s *scanner) dayList(i, m int) int {
	for {
		j := i
		if s.tok(j).punct == ',' {
			j++
		}
		if s.tok(j).and {
			j++
		}
		if j == i {
			return i
		}
		d := s.tok(j)
		after := s.tok(j + 1)
		if !d.isDay() || !(j+1 == len(s.words) || after.punct != 0 || after.and) {
			return i
		}
		y, ok := s.dayYear(m, d.num)
		if !ok {
			return i
		}
		i = s.emit(j, j+1, date(y, m, d.num), Day, false, prefix{})
	}
}

// dayMonth: "7 October", "22 May 2022", "7th of October".
func (s *scanner) dayMonth(start, i int, p prefix) int {
	if p.hasMod || p.edge != "" {
		return i
	}
	d := s.tok(i)
	j := i + 1
	if d.ord && s.tok(j).of {
		j++
	}
	mt := s.tok(j)
	if !mt.isMonth() || mt.mid {
		return i
	}
	m := mt.e.val
	j++
	if mt.e.abbr && !mt.dot && s.tok(j).punct == '.' {
		j++
	}
	k := j
	if s.tok(k).punct == ',' {
		k++
	}
	if yt := s.tok(k); yt.isYear() {
		if !validDay(yt.num, m, d.num) {
			return k + 1 // "29 February 2023": not a day, and not February either
		}
		return s.emit(start, k+1, date(yt.num, m, d.num), Day, false, p)
	}
	y, ok := s.dayYear(m, d.num)
	if !ok {
		return j
	}
	return s.emit(start, j, date(y, m, d.num), Day, false, p)
}

// year: "in 2023", "since 2021 and 2023", "early 2024". A year needs a
// preposition or an edge word: a bare four-digit number is too often a
// count ("1960 servicemen").
func (s *scanner) year(start, i int, t tok, p prefix) int {
	if p.hasMod || (p.prep == "" && p.edge == "" && !t.mid) {
		return i
	}
	end := s.emit(start, i+1, date(t.num, 1, 1), Year, false, p)
	for {
		j := end
		if s.tok(j).punct == ',' {
			j++
		}
		if !s.tok(j).and {
			return end
		}
		y := s.tok(j + 1)
		if !y.isYear() {
			return end
		}
		end = s.emit(j+1, j+2, date(y.num, 1, 1), Year, false, prefix{prep: p.prep})
	}
}

// relDay: "yesterday", "today's", "tomorrow morning", "earlier today".
func (s *scanner) relDay(start, i int, t tok, p prefix) int {
	if p.hasMod {
		return i
	}
	j := i + 1
	if !t.poss {
		j = s.possessive(j)
	}
	if s.tok(j).e.kind == kPart {
		j++
	}
	return s.emit(start, j, s.pub.AddDate(0, 0, t.e.val), Day, true, p)
}

// period: "last week", "this month's", "earlier this year", "next year".
func (s *scanner) period(start, i int, t tok, p prefix) int {
	end := i + 1
	if !t.poss {
		end = s.possessive(end)
	}
	switch t.e.word {
	case "week":
		monday := s.pub.AddDate(0, 0, -((int(s.pub.Weekday()) + 6) % 7))
		return s.emit(start, end, monday.AddDate(0, 0, 7*p.mod), Week, true, p)
	case "month":
		first := date(s.pub.Year(), int(s.pub.Month()), 1)
		return s.emit(start, end, first.AddDate(0, p.mod, 0), Month, true, p)
	case "year":
		return s.emit(start, end, date(s.pub.Year()+p.mod, 1, 1), Year, true, p)
	}
	return i
}

// ago: "two days ago", "a week ago", "3 months ago", "hours ago".
func (s *scanner) ago(start, i int, t tok) int {
	n := t.num
	if t.e.kind == kNumber {
		n = t.e.val
	} else if t.ord || t.digits > 3 {
		return i
	}
	u := s.tok(i + 1)
	if u.e.kind != kUnit || s.tok(i+2).e.kind != kAgo {
		return i
	}
	end := i + 3
	switch u.e.word {
	case "day", "days":
		return s.emit(start, end, s.pub.AddDate(0, 0, -n), Day, true, prefix{})
	case "week", "weeks":
		return s.emit(start, end, s.pub.AddDate(0, 0, -7*n), Day, true, prefix{})
	case "month", "months":
		first := date(s.pub.Year(), int(s.pub.Month()), 1)
		return s.emit(start, end, first.AddDate(0, -n, 0), Month, true, prefix{})
	case "year", "years":
		return s.emit(start, end, date(s.pub.Year()-n, 1, 1), Year, true, prefix{})
	default: // hours, minutes
		return s.emit(start, end, s.pub, Day, true, prefix{})
	}
}

// the: "the day before yesterday", "on the 7th", "the 7th of October".
func (s *scanner) the(start, i int, p prefix) int {
	n := s.tok(i + 1)
	if n.e.word == "day" && s.tok(i+2).e.word == "before" && s.tok(i+3).e.word == "yesterday" {
		return s.emit(start, i+4, s.pub.AddDate(0, 0, -2), Day, true, p)
	}
	if !n.ord || n.num < 1 || n.num > 31 {
		return i
	}
	if end := s.dayMonth(start, i+1, p); end > i+1 {
		return end
	}
	// "on the 7th" alone is a day of the publication month (or of the one
	// before, when the day has not come yet in a past-tense sentence).
	after := s.tok(i + 2)
	if p.prep != "on" || !(i+2 == len(s.words) || after.punct != 0 || after.and) {
		return i
	}
	first := date(s.pub.Year(), int(s.pub.Month()), 1)
	switch {
	case n.num > s.pub.Day() && !s.future:
		first = first.AddDate(0, -1, 0)
	case n.num < s.pub.Day() && s.future:
		first = first.AddDate(0, 1, 0)
	}
	if !validDay(first.Year(), int(first.Month()), n.num) {
		return i
	}
	return s.emit(start, i+2, first.AddDate(0, 0, n.num-1), Day, true, p)
}

// dayYear chooses the year of a month and day written without one: in a
// past-tense sentence the latest not after publication, in a future one the
// earliest not before it, otherwise the nearest.
func (s *scanner) dayYear(m, d int) (int, bool) {
	y := s.pub.Year()
	c := date(y, m, d)
	switch {
	case s.past:
		if c.After(s.pub) {
			y--
		}
	case s.future:
		if c.Before(s.pub) {
			y++
		}
	default:
		best := -1
		var bestGap time.Duration
		for _, cy := range [3]int{y - 1, y, y + 1} {
			if !validDay(cy, m, d) {
				continue
			}
			gap := date(cy, m, d).Sub(s.pub)
			if gap < 0 {
				gap = -gap
			}
			if best < 0 || gap < bestGap {
				best, bestGap = cy, gap
			}
		}
		if best < 0 {
			return 0, false
		}
		y = best
	}
	return y, validDay(y, m, d)
}

// emit records an expression over tokens [first, last) and returns last.
func (s *scanner) emit(first, last int, day time.Time, precision string, relative bool, p prefix) int {
	s.out = append(s.out, Expr{
		First:     first,
		Last:      last,
		Text:      s.text(first, last),
		Day:       day.Format("2006-01-02"),
		Precision: precision,
		Relative:  relative,
		Since:     p.prep == "since",
	})
	return last
}

// text joins tokens, without a space before punctuation and "'s".
func (s *scanner) text(first, last int) string {
	var b strings.Builder
	for k := first; k < last; k++ {
		w := s.words[k]
		if k > first {
			if t := classify(w); !t.sfx && (t.punct == 0 || t.punct == '(' || t.punct == '"') {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

func dayOf(t time.Time) time.Time { return date(t.Year(), int(t.Month()), t.Day()) }

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// validDay reports whether y-m-d is a real calendar day.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return date(y, m, d).Day() == d
}
