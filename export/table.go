package export

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// tableWriter writes rows of a fixed number of columns, tab- or
// comma-separated, with RFC 4180 quoting where a field needs it.
type tableWriter struct {
	cw      *csv.Writer
	format  string
	columns int
	tsv     bool
}

func newTable(w io.Writer, format string, header []string, writeHeader bool) (*tableWriter, error) {
	t := &tableWriter{cw: csv.NewWriter(w), format: format, columns: len(header), tsv: format != "csv"}
	if t.tsv {
		t.cw.Comma = '\t'
	} else {
		t.cw.UseCRLF = true // RFC 4180 ends records with CRLF
	}
	if writeHeader {
		if err := t.cw.Write(header); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *tableWriter) row(fields []string) error {
	if len(fields) != t.columns {
		return fmt.Errorf("%s: internal error: %d fields for %d columns", t.format, len(fields), t.columns)
	}
	if t.tsv {
		// Tab-separated files are often split on tabs and lines without
		// any quoting rules (GDELT's own readers do), so a field must
		// never hold a tab or a line break.
		for i, f := range fields {
			fields[i] = tsvField(f)
		}
	}
	return t.cw.Write(fields)
}

func (t *tableWriter) Close() error {
	t.cw.Flush()
	return t.cw.Error()
}

// tsvField folds tabs and line breaks to spaces and trims the field.
func tsvField(s string) string {
	if strings.ContainsAny(s, "\t\r\n") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\r' || r == '\n' {
				return ' '
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

// ReadTable reads a POLECAT, GDELT or CSV export back, checking that every
// row has the layout's number of columns (40, 61 or len(CSVColumns)). It
// returns the header (nil for a GDELT file without one) and the data rows.
// POLECAT and CSV files must start with their header.
func ReadTable(r io.Reader, format string) (header []string, rows [][]string, err error) {
	var want []string
	cr := csv.NewReader(r)
	switch format {
	case "polecat":
		want = POLECATColumns
		cr.Comma, cr.LazyQuotes = '\t', true
	case "gdelt":
		want = GDELTColumns
		cr.Comma, cr.LazyQuotes = '\t', true
	case "csv":
		want = CSVColumns()
	default:
		return nil, nil, fmt.Errorf("ReadTable: no table layout %q (want polecat, gdelt or csv)", format)
	}
	cr.FieldsPerRecord = len(want)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				return header, rows, fmt.Errorf("%s: line %d: %d columns, want %d", format, pe.Line, len(rec), len(want))
			}
			return header, rows, fmt.Errorf("%s: %w", format, err)
		}
		if header == nil && rows == nil {
			if slices.Equal(rec, want) {
				header = rec
				continue
			}
			if format != "gdelt" {
				return nil, nil, fmt.Errorf("%s: line 1: not the %s header (first column %q, want %q)", format, format, rec[0], want[0])
			}
		}
		rows = append(rows, rec)
	}
	return header, rows, nil
}

// num formats a float without trailing zeros ("2.5", "-10", "55.7522").
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
