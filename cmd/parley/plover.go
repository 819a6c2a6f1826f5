package main

import (
	"io"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/export"
)

// writePLOVER writes a document's events as PLOVER JSON records, one per
// line: the same records `parley export --format plover` writes from the
// store (package export holds the layout).
func writePLOVER(w io.Writer, d *doc.Document, evs []event.Event) error {
	pw := export.NewPLOVER(w, export.Options{})
	for i := range evs {
		r := export.FromDocument(d, &evs[i])
		if err := pw.Write(&r); err != nil {
			return err
		}
	}
	return pw.Close()
}
