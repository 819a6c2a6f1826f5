package store

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/parley-events/parley/doc"
)

// DocumentID is the id a document is stored under: its own id, or a name
// derived from its content hash when it has none. Work queues use it to
// recognise a document submitted twice.
func DocumentID(d *doc.Document) string {
	if d.ID != "" {
		return d.ID
	}
	return docKey(d, textHash(d.Text))
}

// Retryable reports whether a failed Ingest may succeed when simply tried
// again later: the database was unreachable, restarting, out of a
// resource, or aborted the transaction to resolve a conflict. A refused
// document (ErrConflict, a value the database rejects) is not retryable:
// it would fail the same way forever.
func Retryable(err error) bool {
	if err == nil || errors.Is(err, ErrConflict) || errors.Is(err, context.Canceled) {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code[:2] {
		case "08", // connection exception
			"40", // transaction rollback (deadlock, serialisation)
			"53", // insufficient resources
			"57", // operator intervention (shutdown, restart)
			"58": // system error
			return true
		}
		return false
	}
	// Not an answer from the server: the connection failed or broke.
	return true
}
