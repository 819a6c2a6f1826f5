package export

import (
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley/event"
)

// Row is the flat record of the CSV and Parquet exports: one column per
// field, named by its parquet tag. docs/export-columns.md describes every
// column.
//
// A value parley does not know is null (an empty CSV cell), never 0 or "":
// every column tagged optional is written as null when its field holds the
// zero value, and Lat, Lon and Goldstein are pointers, nil when unknown
// (0 is a real latitude and a real Goldstein score). Dates are Parquet
// DATE columns (days since 1970-01-01), written YYYY-MM-DD in CSV.
type Row struct {
	Level         string   `parquet:"level,dict"`                   // event or story
	ID            string   `parquet:"id"`                           // store id: E12 (event) or S7 (story)
	StoryID       string   `parquet:"story_id,optional"`            // the story a raw event belongs to
	Date          *int32   `parquet:"date,date,optional"`           // event date
	DatePrecision string   `parquet:"date_precision,dict,optional"` // day, month, year or publication
	Type          string   `parquet:"type,dict"`                    // PLOVER event type
	Mode          string   `parquet:"mode,dict,optional"`           // PLOVER mode
	Contexts      []string `parquet:"contexts,list"`                // PLOVER contexts; "; "-separated in CSV
	CAMEO         string   `parquet:"cameo,dict,optional"`          // CAMEO event code, a string: "051"
	Quad          int32    `parquet:"quad,optional"`                // 1 verbal coop .. 4 material conflict
	Intensity     float64  `parquet:"intensity"`                    // PLOVER intensity, -10..+10
	Goldstein     *float64 `parquet:"goldstein,optional"`           // Goldstein score of the CAMEO code

	ActorName        string `parquet:"actor_name,optional"`
	ActorText        string `parquet:"actor_text,optional"` // the words that named the actor
	ActorCountry     string `parquet:"actor_country,dict,optional"`
	ActorSector      string `parquet:"actor_sector,dict,optional"`
	ActorTitle       string `parquet:"actor_title,optional"`
	ActorCode        string `parquet:"actor_code,dict,optional"`
	RecipientName    string `parquet:"recipient_name,optional"`
	RecipientText    string `parquet:"recipient_text,optional"`
	RecipientCountry string `parquet:"recipient_country,dict,optional"`
	RecipientSector  string `parquet:"recipient_sector,dict,optional"`
	RecipientTitle   string `parquet:"recipient_title,optional"`
	RecipientCode    string `parquet:"recipient_code,dict,optional"`

	PlaceName       string   `parquet:"place_name,optional"`
	PlaceText       string   `parquet:"place_text,optional"`
	PlaceCountry    string   `parquet:"place_country,dict,optional"`
	Lat             *float64 `parquet:"lat,optional"`
	Lon             *float64 `parquet:"lon,optional"`
	GeonamesID      int64    `parquet:"geonames_id,optional"`      // GeoNames id of a gazetteer place
	PlaceResolution int32    `parquet:"place_resolution,optional"` // 5 sub-city .. 1 country

	Mentions  int32  `parquet:"mentions"` // sentences that reported it
	Articles  int32  `parquet:"articles"` // distinct articles
	Sources   int32  `parquet:"sources"`  // distinct outlets
	FirstSeen *int32 `parquet:"first_seen,date,optional"`
	LastSeen  *int32 `parquet:"last_seen,date,optional"`

	DocID     string `parquet:"doc_id,optional"` // the (first) reporting article
	Source    string `parquet:"source,dict,optional"`
	URL       string `parquet:"url,optional"`
	Title     string `parquet:"title,optional"`
	Published *int32 `parquet:"published,date,optional"`

	Trigger    string  `parquet:"trigger,optional"`
	Modality   string  `parquet:"modality,dict,optional"`
	Confidence float64 `parquet:"confidence"`
	Text       string  `parquet:"text,optional"` // the sentence

	// An analyst's review, whose corrected values the columns above hold
	// (review.go). Reviewed is always there; the others are null when the
	// record has no review (and the verdict when the review corrected).
	Reviewed      bool   `parquet:"reviewed"`
	ReviewVerdict string `parquet:"review_verdict,dict,optional"` // correct, wrong or null
	Reviewer      string `parquet:"reviewer,optional"`
	ReviewedAt    string `parquet:"reviewed_at,optional"` // RFC 3339
	ReviewNote    string `parquet:"review_note,optional"`
}

// RowOf flattens a record.
func RowOf(r *Record) Row {
	e := &r.Event
	row := Row{Level: string(r.Level), ID: e.ID, StoryID: r.StoryID, Date: epochDay(e.Date), DatePrecision: string(e.DatePrecision),
		Type: string(e.Type), Mode: e.Mode, Contexts: e.Contexts, CAMEO: e.CAMEO, Quad: int32(e.Quad), Intensity: e.Intensity,
		Mentions: int32(r.Mentions), Articles: int32(r.Articles), Sources: int32(r.Sources),
		FirstSeen: epochDay(r.FirstSeen), LastSeen: epochDay(r.LastSeen), DocID: r.DocID, Source: r.Source, URL: r.URL, Title: r.Title,
		Published: epochDay(r.Published), Trigger: e.Trigger, Modality: string(e.Modality), Confidence: e.Confidence, Text: e.Text}
	if row.Contexts == nil {
		row.Contexts = []string{}
	}
	if g, ok := Goldstein(e.CAMEO); ok {
		row.Goldstein = &g
	}
	reviewColumns(&row, r.Review)
	if a := e.Actor; a != nil {
		row.ActorName, row.ActorText, row.ActorCountry, row.ActorSector, row.ActorTitle, row.ActorCode =
			a.Name, a.Text, a.Country, a.Sector, a.Title, a.Code
	}
	if a := e.Recipient; a != nil {
		row.RecipientName, row.RecipientText, row.RecipientCountry, row.RecipientSector, row.RecipientTitle, row.RecipientCode =
			a.Name, a.Text, a.Country, a.Sector, a.Title, a.Code
	}
	if l := e.Location; l != nil {
		row.PlaceName, row.PlaceText, row.PlaceCountry = l.Name, l.Text, l.Country
		if located(l) {
			lat, lon := l.Lat, l.Lon
			row.Lat, row.Lon = &lat, &lon
		}
		row.GeonamesID, row.PlaceResolution = int64(l.GeonamesID), int32(l.Resolution)
	}
	return row
}

// located says whether a place has coordinates. Coordinates 0, 0 are a
// place parley could not locate (the Gulf of Guinea holds no news place).
func located(l *event.Location) bool { return l != nil && (l.Lat != 0 || l.Lon != 0) }

// epoch is day 0 of Parquet's DATE type.
var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// epochDay turns a YYYY-MM-DD date into days since 1970-01-01, nil when
// the date is empty or not a date.
func epochDay(day string) *int32 {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return nil
	}
	d := int32(t.Unix() / 86400)
	return &d
}

// dayString is the YYYY-MM-DD form of days since 1970-01-01.
func dayString(d int32) string { return epoch.AddDate(0, 0, int(d)).Format("2006-01-02") }

var rowType = reflect.TypeFor[Row]()

// CSVColumns is the CSV header: Row's column names, in order.
func CSVColumns() []string {
	cols := make([]string, rowType.NumField())
	for i := range cols {
		name, _, _ := strings.Cut(rowType.Field(i).Tag.Get("parquet"), ",")
		cols[i] = name
	}
	return cols
}

// Strings is the row as CSV cells: numbers in shortest form, dates
// YYYY-MM-DD, lists joined by "; ", null (a nil pointer, or the zero value
// of an optional column) as "".
func (r *Row) Strings() []string {
	v := reflect.ValueOf(r).Elem()
	out := make([]string, v.NumField())
	for i := range out {
		f := v.Field(i)
		tag := rowType.Field(i).Tag.Get("parquet")
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				continue
			}
			f = f.Elem()
		} else if f.IsZero() && strings.Contains(tag, ",optional") {
			continue
		}
		switch f.Kind() {
		case reflect.String:
			out[i] = f.String()
		case reflect.Int32, reflect.Int64:
			if strings.Contains(tag, ",date") {
				out[i] = dayString(int32(f.Int()))
			} else {
				out[i] = strconv.FormatInt(f.Int(), 10)
			}
		case reflect.Float64:
			out[i] = num(f.Float())
		case reflect.Bool:
			out[i] = strconv.FormatBool(f.Bool())
		case reflect.Slice:
			out[i] = strings.Join(f.Interface().([]string), "; ")
		}
	}
	return out
}

type csvWriter struct{ t *tableWriter }

// NewCSV returns a writer of RFC 4180 CSV (comma-separated, fields quoted
// where needed, CRLF line ends) with a header row of CSVColumns. Cells are
// Row.Strings.
func NewCSV(w io.Writer) (Writer, error) {
	t, err := newTable(w, "csv", CSVColumns(), true)
	if err != nil {
		return nil, err
	}
	return &csvWriter{t: t}, nil
}

func (c *csvWriter) Write(r *Record) error {
	row := RowOf(r)
	return c.t.row(row.Strings())
}

func (c *csvWriter) Close() error { return c.t.Close() }
