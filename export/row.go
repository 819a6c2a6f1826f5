package export

import (
	"io"
	"reflect"
	"strconv"
	"strings"
)

// Row is the flat record of the CSV and Parquet exports: one column per
// field, named by its parquet tag. Empty text means unknown; Lat and Lon
// are null (an empty CSV cell) when the event has no place.
type Row struct {
	Level         string   `parquet:"level,dict"`          // event or story
	ID            string   `parquet:"id"`                  // store id: E12 (event) or S7 (story)
	StoryID       string   `parquet:"story_id"`            // the story a raw event belongs to
	Date          string   `parquet:"date"`                // event date, YYYY-MM-DD
	DatePrecision string   `parquet:"date_precision,dict"` // day, month, year or publication
	Type          string   `parquet:"type,dict"`           // PLOVER event type
	Mode          string   `parquet:"mode,dict"`           // PLOVER mode
	Contexts      []string `parquet:"contexts,list"`       // PLOVER contexts; "; "-separated in CSV
	CAMEO         string   `parquet:"cameo,dict"`          // CAMEO event code
	Quad          int32    `parquet:"quad"`                // 1 verbal coop .. 4 material conflict
	Intensity     float64  `parquet:"intensity"`           // PLOVER intensity, -10..+10
	Goldstein     float64  `parquet:"goldstein"`           // Goldstein score of the CAMEO code

	ActorName        string `parquet:"actor_name"`
	ActorText        string `parquet:"actor_text"` // the words that named the actor
	ActorCountry     string `parquet:"actor_country,dict"`
	ActorSector      string `parquet:"actor_sector,dict"`
	ActorTitle       string `parquet:"actor_title"`
	ActorCode        string `parquet:"actor_code,dict"`
	RecipientName    string `parquet:"recipient_name"`
	RecipientText    string `parquet:"recipient_text"`
	RecipientCountry string `parquet:"recipient_country,dict"`
	RecipientSector  string `parquet:"recipient_sector,dict"`
	RecipientTitle   string `parquet:"recipient_title"`
	RecipientCode    string `parquet:"recipient_code,dict"`

	PlaceName       string   `parquet:"place_name"`
	PlaceText       string   `parquet:"place_text"`
	PlaceCountry    string   `parquet:"place_country,dict"`
	Lat             *float64 `parquet:"lat,optional"`
	Lon             *float64 `parquet:"lon,optional"`
	GeonamesID      int64    `parquet:"geonames_id"`      // 0 when none
	PlaceResolution int32    `parquet:"place_resolution"` // 5 sub-city .. 1 country, 0 none

	Mentions  int32  `parquet:"mentions"` // sentences that reported it
	Articles  int32  `parquet:"articles"` // distinct articles
	Sources   int32  `parquet:"sources"`  // distinct outlets
	FirstSeen string `parquet:"first_seen"`
	LastSeen  string `parquet:"last_seen"`

	DocID     string `parquet:"doc_id"` // the (first) reporting article
	Source    string `parquet:"source,dict"`
	URL       string `parquet:"url"`
	Title     string `parquet:"title"`
	Published string `parquet:"published"`

	Trigger    string  `parquet:"trigger"`
	Modality   string  `parquet:"modality,dict"`
	Confidence float64 `parquet:"confidence"`
	Text       string  `parquet:"text"` // the sentence

	// An analyst's review, whose corrected values the columns above hold.
	Reviewed      bool   `parquet:"reviewed"`
	ReviewVerdict string `parquet:"review_verdict,dict"` // correct, wrong or empty
	Reviewer      string `parquet:"reviewer"`
	ReviewedAt    string `parquet:"reviewed_at"` // RFC 3339
	ReviewNote    string `parquet:"review_note"`
}

// RowOf flattens a record.
func RowOf(r *Record) Row {
	e := &r.Event
	row := Row{Level: string(r.Level), ID: e.ID, StoryID: r.StoryID, Date: e.Date, DatePrecision: e.DatePrecision,
		Type: e.Type, Mode: e.Mode, Contexts: e.Contexts, CAMEO: e.CAMEO, Quad: int32(e.Quad), Intensity: e.Intensity,
		Mentions: int32(r.Mentions), Articles: int32(r.Articles), Sources: int32(r.Sources),
		FirstSeen: r.FirstSeen, LastSeen: r.LastSeen, DocID: r.DocID, Source: r.Source, URL: r.URL, Title: r.Title,
		Published: r.Published, Trigger: e.Trigger, Modality: e.Modality, Confidence: e.Confidence, Text: e.Text}
	if row.Contexts == nil {
		row.Contexts = []string{}
	}
	row.Goldstein, _ = Goldstein(e.CAMEO)
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
		lat, lon := l.Lat, l.Lon
		row.PlaceName, row.PlaceText, row.PlaceCountry, row.Lat, row.Lon = l.Name, l.Text, l.Country, &lat, &lon
		row.GeonamesID, row.PlaceResolution = int64(l.GeonamesID), int32(l.Resolution)
	}
	return row
}

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

// Strings is the row as CSV cells: numbers in shortest form, lists joined
// by "; ", null as "".
func (r *Row) Strings() []string {
	v := reflect.ValueOf(r).Elem()
	out := make([]string, v.NumField())
	for i := range out {
		f := v.Field(i)
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				continue
			}
			f = f.Elem()
		}
		switch f.Kind() {
		case reflect.String:
			out[i] = f.String()
		case reflect.Int32, reflect.Int64:
			out[i] = strconv.FormatInt(f.Int(), 10)
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
