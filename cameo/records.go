package cameo

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Record is one <Sentence> of a PETRARCH validation file: a dated text and
// the CAMEO events PETRARCH should code from it.
type Record struct {
	ID       string
	Category string // DEMO, ACTOR, AGENT, COMPOUND, ...
	Date     time.Time
	Text     string   // white space collapsed: the file breaks sentences over lines
	Expected []Coding // the <EventCoding> elements; empty when NoEvents
	NoEvents bool     // <EventCoding noevents="True">, or an error: the sentence codes nothing
	// Error is the <EventCoding error="..."> PETRARCH should report instead
	// of coding ("dateline", "bad_input_parse", "sentencediscard",
	// "storydiscard"); the record expects no events.
	Error string
	// NotImplemented is sentence="false": the file marks the record as a
	// case PETRARCH itself does not implement. Such records are scored with
	// the rest and counted apart.
	NotImplemented bool
	// Config is the options set by the <Config> elements read before the
	// record (they stay in force until changed), lower-case option names.
	Config map[string]string
	Line   int // line of the <Sentence> element
}

// Coding is one CAMEO event: source and target actor codes and the event
// code, as PETRARCH writes them ("ARN", "GON", "064"; "---" for a side
// with no actor).
type Coding struct {
	Source, Target, Code string
}

func (c Coding) String() string { return c.Source + " " + c.Target + " " + c.Code }

// ReadRecords reads a PETRARCH validation file (PETR.UnitTest.records.xml).
// Errors name the file and line.
func ReadRecords(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseRecords(path, f)
}

func parseRecords(name string, r io.Reader) ([]Record, error) {
	dec := xml.NewDecoder(r)
	config := map[string]string{}
	var recs []Record
	var cur *Record
	var inText bool
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := dec.InputPos()
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "Config":
				opt, val := attr(t, "option"), attr(t, "value")
				if opt == "" {
					continue // an empty <Config> sets nothing
				}
				// A copy, so that records already read keep theirs.
				next := make(map[string]string, len(config)+1)
				for k, v := range config {
					next[k] = v
				}
				next[strings.ToLower(opt)] = val
				config = next
			case "Sentence":
				if cur != nil {
					return nil, fmt.Errorf("%s:%d: <Sentence> inside record %s (line %d)", name, line, cur.ID, cur.Line)
				}
				cur = &Record{ID: attr(t, "id"), Category: attr(t, "category"), Config: config, Line: line,
					NotImplemented: strings.EqualFold(attr(t, "sentence"), "false")}
				if cur.ID == "" {
					return nil, fmt.Errorf("%s:%d: <Sentence> without an id", name, line)
				}
				d, err := time.Parse("20060102", attr(t, "date"))
				if err != nil {
					return nil, fmt.Errorf("%s:%d: record %s: date %q is not YYYYMMDD", name, line, cur.ID, attr(t, "date"))
				}
				cur.Date = d
			case "EventCoding":
				if cur == nil {
					return nil, fmt.Errorf("%s:%d: <EventCoding> outside a <Sentence>", name, line)
				}
				if strings.EqualFold(attr(t, "noevents"), "true") {
					cur.NoEvents = true
					continue
				}
				if e := attr(t, "error"); e != "" {
					cur.NoEvents, cur.Error = true, e
					continue
				}
				c := Coding{attr(t, "sourcecode"), attr(t, "targetcode"), attr(t, "eventcode")}
				if c.Source == "" || c.Target == "" || c.Code == "" {
					return nil, fmt.Errorf("%s:%d: record %s: <EventCoding> needs sourcecode, targetcode and eventcode (or noevents)", name, line, cur.ID)
				}
				cur.Expected = append(cur.Expected, c)
			case "Text":
				if cur != nil {
					inText = true
					text.Reset()
				}
			}
		case xml.CharData:
			if inText {
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "Text":
				if inText {
					cur.Text = strings.Join(strings.Fields(text.String()), " ")
					inText = false
				}
			case "Sentence":
				if cur == nil {
					continue
				}
				if cur.Text == "" {
					return nil, fmt.Errorf("%s:%d: record %s has no <Text>", name, cur.Line, cur.ID)
				}
				if cur.NoEvents && len(cur.Expected) > 0 {
					return nil, fmt.Errorf("%s:%d: record %s has both noevents and events", name, cur.Line, cur.ID)
				}
				recs = append(recs, *cur)
				cur = nil
			}
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("%s:%d: record %s is not closed", name, cur.Line, cur.ID)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: no <Sentence> records", name)
	}
	return recs, nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}
