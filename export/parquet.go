package export

import (
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
)

// parquetBatch is how many rows are buffered before a write: enough to
// amortise the call, small next to a row group.
const parquetBatch = 1024

type parquetWriter struct {
	w     *parquet.GenericWriter[Row]
	batch []Row
}

// NewParquet returns a writer of an Apache Parquet file with Row's schema
// (Snappy-compressed, low-cardinality columns dictionary-encoded), written
// with github.com/parquet-go/parquet-go. The file is complete only after
// Close.
func NewParquet(w io.Writer) Writer {
	return &parquetWriter{w: parquet.NewGenericWriter[Row](w, parquet.Compression(&parquet.Snappy))}
}

func (p *parquetWriter) Write(r *Record) error {
	p.batch = append(p.batch, RowOf(r))
	if len(p.batch) >= parquetBatch {
		return p.flush()
	}
	return nil
}

func (p *parquetWriter) flush() error {
	if len(p.batch) == 0 {
		return nil
	}
	_, err := p.w.Write(p.batch)
	p.batch = p.batch[:0]
	return err
}

func (p *parquetWriter) Close() error {
	if err := p.flush(); err != nil {
		return err
	}
	return p.w.Close()
}

// ReadParquet reads every row of a Parquet file written by NewParquet.
func ReadParquet(r io.ReaderAt, size int64) (rows []Row, err error) {
	f, err := parquet.OpenFile(r, size)
	if err != nil {
		return nil, fmt.Errorf("parquet: %w", err)
	}
	defer func() {
		// The library panics on a schema it cannot convert to Row.
		if p := recover(); p != nil {
			rows, err = nil, fmt.Errorf("parquet: file does not fit parley's schema: %v", p)
		}
	}()
	pr := parquet.NewGenericReader[Row](f)
	defer pr.Close()
	// Read straight into the result: the reader may reuse the slices and
	// pointers of the rows it is given, so a shared buffer would not do.
	rows = make([]Row, pr.NumRows())
	got := 0
	for got < len(rows) {
		n, err := pr.Read(rows[got:])
		got += n
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rows[:got], fmt.Errorf("parquet: %w", err)
		}
		if n == 0 {
			break
		}
	}
	if got != len(rows) {
		return rows[:got], fmt.Errorf("parquet: read %d rows of %d", got, len(rows))
	}
	return rows, nil
}
