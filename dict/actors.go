package dict

import (
	"fmt"
	"strings"
	"time"
)

// Actor is one entry of a PETRARCH actor dictionary: a primary phrase, its
// synonyms, and its codes (a default and/or date-restricted ones). Phrases
// are kept as written in the file ("BAN_KI-MOON"); see DisplayName.
type Actor struct {
	Names   []string    // primary phrase first, then synonyms ('+' lines) in file order
	Codes   []CodeRule  // in file order; PETRARCH uses the first restriction that holds, else the first default
	Comment string      // remark on the primary line ("CountryInfo.txt" marks people from CountryInfo)
	File    string      // source file name
	Line    int         // line of the primary phrase
	Bad     []SkipEntry // restriction lines PETRARCH would skip (bad dates), with reasons
}

// CodeRule is one code of an actor: a default (no dates), or a code valid
// before, after or between dates (inclusive, as PETRARCH reads them).
type CodeRule struct {
	Code     string
	From, To string // YYYY-MM-DD; "" for open ends; both "" for a default code
	Line     int
}

// Default reports whether the rule has no date restriction.
func (c CodeRule) Default() bool { return c.From == "" && c.To == "" }

// ParseActors reads a PETRARCH/TABARI actor dictionary. Each record is a
// primary phrase with an optional [code], optional '+' synonym lines and
// optional indented date restrictions "[CODE >YYMMDD]", "[CODE <date]",
// "[CODE date-date]" or "[CODE]". As in PETRARCH, a primary phrase without
// a code joins the previous record while that record has no code yet, so
// "A\n+B\nC\n\t[X]" codes A, B and C as X. Restrictions with bad dates are
// kept in Actor.Bad (PETRARCH skips them too); structural problems (a
// synonym or restriction before any actor) are returned as skips.
func ParseActors(file, data string) ([]Actor, []SkipEntry) {
	var actors []Actor
	var skips []SkipEntry
	var cur *Actor
	for _, ln := range readLines(data, true) {
		if strings.Contains(ln.text, "---STOP---") {
			break
		}
		t := ln.text
		switch {
		case t[0] == '\t' || t[0] == ' ' && strings.HasPrefix(strings.TrimSpace(t), "["):
			if cur == nil {
				skips = append(skips, SkipEntry{file, ln.n, "date restriction before any actor", t})
				continue
			}
			inside, _, ok := bracket(t)
			if !ok {
				cur.Bad = append(cur.Bad, SkipEntry{file, ln.n, "restriction line without [code]", strings.TrimSpace(t)})
				continue
			}
			rule, err := parseRestriction(inside)
			if err != nil {
				cur.Bad = append(cur.Bad, SkipEntry{file, ln.n, err.Error(), strings.TrimSpace(t)})
				continue
			}
			rule.Line = ln.n
			cur.Codes = append(cur.Codes, rule)
		case t[0] == '+':
			if cur == nil {
				skips = append(skips, SkipEntry{file, ln.n, "synonym before any actor", t})
				continue
			}
			_, before, _ := bracket(t[1:])
			if name := strings.TrimSpace(before); name != "" {
				cur.Names = append(cur.Names, name)
			}
		default:
			inside, before, hasCode := bracket(t)
			name := strings.TrimSpace(before)
			if cur == nil || len(cur.Codes) > 0 {
				actors = append(actors, Actor{File: file, Line: ln.n, Comment: ln.comment})
				cur = &actors[len(actors)-1]
			}
			if name != "" {
				cur.Names = append(cur.Names, name)
			}
			if hasCode {
				code := firstField(inside)
				if code == "" {
					cur.Bad = append(cur.Bad, SkipEntry{file, ln.n, "empty [] code", t})
				} else {
					cur.Codes = append(cur.Codes, CodeRule{Code: code, Line: ln.n})
				}
			}
		}
	}
	return actors, skips
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// parseRestriction reads the inside of "[CODE restriction]".
func parseRestriction(s string) (CodeRule, error) {
	code, rest, _ := strings.Cut(strings.TrimSpace(s), " ")
	code = strings.TrimSpace(code)
	rest = strings.TrimSpace(rest)
	if code == "" {
		return CodeRule{}, fmt.Errorf("empty code in date restriction")
	}
	r := CodeRule{Code: code}
	switch {
	case rest == "":
		return r, nil
	case rest[0] == '<' || rest[0] == '>':
		d, err := petrarchDate(strings.TrimSpace(rest[1:]))
		if err != nil {
			return r, err
		}
		if rest[0] == '<' {
			r.To = d
		} else {
			r.From = d
		}
		return r, nil
	case strings.Contains(rest, "-"):
		a, b, _ := strings.Cut(rest, "-")
		from, err := petrarchDate(strings.TrimSpace(a))
		if err != nil {
			return r, err
		}
		to, err := petrarchDate(strings.TrimSpace(b))
		if err != nil {
			return r, err
		}
		if to < from {
			return r, fmt.Errorf("date range ends before it starts")
		}
		r.From, r.To = from, to
		return r, nil
	}
	return r, fmt.Errorf("unreadable date restriction")
}

// petrarchDate converts a YYYYMMDD or YYMMDD date (PETRARCH: strings of at
// most 7 characters are YYMMDD, years 00-30 are 20YY, others 19YY) to
// YYYY-MM-DD, checking that the day exists.
func petrarchDate(s string) (string, error) {
	digits := 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	s = s[:digits]
	var y, m, d int
	switch {
	case len(s) >= 8:
		fmt.Sscanf(s[:8], "%4d%2d%2d", &y, &m, &d)
	case len(s) >= 6:
		fmt.Sscanf(s[:6], "%2d%2d%2d", &y, &m, &d)
		if y <= 30 {
			y += 2000
		} else {
			y += 1900
		}
	default:
		return "", fmt.Errorf("bad date %q (want YYYYMMDD or YYMMDD)", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return "", fmt.Errorf("bad date %q (no such day)", s)
	}
	return t.Format("2006-01-02"), nil
}

// Period is a stretch of time with one code: the resolution of an actor's
// rules into disjoint periods, so that "the code on day D" is a lookup.
type Period struct {
	Code     string
	From, To string // YYYY-MM-DD inclusive; "" open
	Line     int    // the rule it comes from
}

// Periods resolves an actor's code rules the way PETRARCH applies them
// (the first date restriction that holds wins; otherwise the first default
// code) into disjoint periods in time order. Periods covered by an earlier
// rule are dropped; adjacent periods with the same code are merged.
func (a *Actor) Periods() []Period {
	var def *CodeRule
	type span struct {
		lo, hi int // day numbers, inclusive; math extremes for open ends
		code   string
		line   int
	}
	const minDay, maxDay = -1 << 40, 1 << 40
	var spans []span
	for i := range a.Codes {
		c := &a.Codes[i]
		if c.Default() {
			if def == nil {
				def = c
			}
			continue
		}
		lo, hi := minDay, maxDay
		if c.From != "" {
			lo = dayNumber(c.From)
		}
		if c.To != "" {
			hi = dayNumber(c.To)
		}
		// Subtract what earlier restrictions already cover.
		pieces := []span{{lo, hi, c.Code, c.Line}}
		for _, s := range spans {
			var next []span
			for _, p := range pieces {
				if s.hi < p.lo || s.lo > p.hi {
					next = append(next, p)
					continue
				}
				if p.lo < s.lo {
					next = append(next, span{p.lo, s.lo - 1, p.code, p.line})
				}
				if p.hi > s.hi {
					next = append(next, span{s.hi + 1, p.hi, p.code, p.line})
				}
			}
			pieces = next
		}
		spans = append(spans, pieces...)
	}
	// Sort by start.
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j].lo < spans[j-1].lo; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
	// The default fills the gaps.
	if def != nil {
		var filled []span
		at := minDay
		for _, s := range spans {
			if s.lo > at {
				filled = append(filled, span{at, s.lo - 1, def.Code, def.Line})
			}
			filled = append(filled, s)
			at = s.hi + 1
		}
		if at <= maxDay && (len(spans) == 0 || spans[len(spans)-1].hi < maxDay) {
			filled = append(filled, span{at, maxDay, def.Code, def.Line})
		}
		spans = filled
	}
	var out []Period
	for _, s := range spans {
		if n := len(out); n > 0 && out[n-1].Code == s.code && dayNumber(out[n-1].To)+1 == s.lo {
			out[n-1].To = dayString(s.hi, maxDay)
			continue
		}
		out = append(out, Period{Code: s.code, From: dayString(s.lo, minDay), To: dayString(s.hi, maxDay), Line: s.line})
	}
	return out
}

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

func dayNumber(d string) int {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return 1 << 41 // open end: never adjacent
	}
	return int(t.Sub(epoch).Hours() / 24)
}

func dayString(n, open int) string {
	if n == open {
		return ""
	}
	return epoch.AddDate(0, 0, n).Format("2006-01-02")
}
