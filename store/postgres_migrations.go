package store

import "fmt"

// pgMigrations is the PostgreSQL schema, applied in order, each once,
// recorded in the migrations table. Append new ones; never edit an applied
// one. The tables and columns are the SQLite schema's (so the shared read
// queries run unchanged) with PostgreSQL types; full-text search is a
// generated tsvector column on sentences with a GIN index instead of an
// FTS5 table.
var pgMigrations = []struct{ name, sql string }{
	{"initial schema", `
CREATE TABLE documents (
	pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	hash TEXT NOT NULL,
	source TEXT NOT NULL,
	source_key TEXT NOT NULL,
	url TEXT NOT NULL,
	title TEXT NOT NULL,
	date TEXT NOT NULL,
	path TEXT NOT NULL,
	text TEXT NOT NULL,
	events INTEGER NOT NULL,
	ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX documents_hash ON documents(hash);
CREATE INDEX documents_source ON documents(source_key);

CREATE TABLE actors (
	pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name TEXT NOT NULL,
	country TEXT NOT NULL,
	sector TEXT NOT NULL,
	code TEXT NOT NULL,
	events INTEGER NOT NULL DEFAULT 0,
	UNIQUE (name, country, sector, code)
);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE places (
	pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	country TEXT NOT NULL,
	lat DOUBLE PRECISION NOT NULL,
	lon DOUBLE PRECISION NOT NULL,
	geonames_id INTEGER NOT NULL,
	resolution INTEGER NOT NULL,
	events INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX places_country ON places(country);

CREATE TABLE sentences (
	pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	doc_pk BIGINT NOT NULL REFERENCES documents(pk),
	idx INTEGER NOT NULL,
	start INTEGER NOT NULL,
	"end" INTEGER NOT NULL,
	text TEXT NOT NULL,
	tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,
	UNIQUE (doc_pk, idx)
);
CREATE INDEX sentences_tsv ON sentences USING GIN (tsv);

CREATE TABLE stories (
	pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	type TEXT NOT NULL,
	mode TEXT NOT NULL,
	cameo TEXT NOT NULL,
	quad INTEGER NOT NULL,
	intensity DOUBLE PRECISION NOT NULL,
	actor_pk BIGINT REFERENCES actors(pk),
	recipient_pk BIGINT REFERENCES actors(pk),
	actor_country TEXT NOT NULL,
	recipient_country TEXT NOT NULL,
	actor_name TEXT NOT NULL,
	recipient_name TEXT NOT NULL,
	place_pk BIGINT REFERENCES places(pk),
	place_key TEXT NOT NULL,
	sentence_pk BIGINT REFERENCES sentences(pk),
	day INTEGER,
	date TEXT NOT NULL,
	first_day INTEGER,
	last_day INTEGER,
	first_seen TEXT NOT NULL,
	last_seen TEXT NOT NULL,
	mentions INTEGER NOT NULL,
	articles INTEGER NOT NULL,
	sources INTEGER NOT NULL
);
CREATE INDEX stories_match ON stories(type, place_key, day);
CREATE INDEX stories_day ON stories(day, quad);
CREATE INDEX stories_actor_country ON stories(actor_country, day, quad);
CREATE INDEX stories_recipient_country ON stories(recipient_country, day, quad);
CREATE INDEX stories_type ON stories(type, day, quad);
CREATE INDEX stories_actor ON stories(actor_pk, recipient_pk);
CREATE INDEX stories_recipient ON stories(recipient_pk);
CREATE INDEX stories_place ON stories(place_pk);

CREATE TABLE events (
	pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	doc_pk BIGINT NOT NULL REFERENCES documents(pk),
	story_pk BIGINT NOT NULL REFERENCES stories(pk),
	idx INTEGER NOT NULL,
	code_id TEXT NOT NULL,
	date TEXT NOT NULL,
	day INTEGER,
	type TEXT NOT NULL,
	mode TEXT NOT NULL,
	quad INTEGER NOT NULL,
	actor_pk BIGINT REFERENCES actors(pk),
	recipient_pk BIGINT REFERENCES actors(pk),
	actor_country TEXT NOT NULL,
	recipient_country TEXT NOT NULL,
	place_pk BIGINT REFERENCES places(pk),
	sentence_pk BIGINT REFERENCES sentences(pk),
	mentions INTEGER NOT NULL,
	json TEXT NOT NULL,
	UNIQUE (doc_pk, idx)
);
CREATE INDEX events_story ON events(story_pk, doc_pk);
CREATE INDEX events_day ON events(day, quad);
CREATE INDEX events_actor ON events(actor_pk, day);
CREATE INDEX events_recipient ON events(recipient_pk, day);
CREATE INDEX events_actor_country ON events(actor_country, day, quad);
CREATE INDEX events_recipient_country ON events(recipient_country, day, quad);
CREATE INDEX events_type ON events(type, day, quad);
CREATE INDEX events_place ON events(place_pk);
CREATE INDEX events_sentence ON events(sentence_pk);
`},
	// Analysts' reviews of events (review.go).
	{"reviews", fmt.Sprintf(reviewsTable, "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")},
	// The story member tables of SQLite's migration 6, kept by a trigger.
	// No totals table: workers write at once, and one counter row would
	// serialise their transactions.
	{"story members", `
CREATE TABLE story_actors (
	side SMALLINT NOT NULL,
	actor_pk BIGINT NOT NULL,
	day INTEGER,
	story_pk BIGINT NOT NULL,
	PRIMARY KEY (side, actor_pk, story_pk)
);
CREATE INDEX story_actors_day ON story_actors(side, actor_pk, day, story_pk);
CREATE TABLE sources (
	source_key TEXT NOT NULL,
	source TEXT NOT NULL,
	PRIMARY KEY (source_key, source)
);
CREATE TABLE story_sources (
	source_key TEXT NOT NULL,
	day INTEGER,
	story_pk BIGINT NOT NULL,
	PRIMARY KEY (source_key, story_pk)
);
CREATE INDEX story_sources_day ON story_sources(source_key, day, story_pk);

INSERT INTO story_actors(side, actor_pk, day, story_pk)
	SELECT DISTINCT 0, e.actor_pk, s.day, s.pk FROM events e JOIN stories s ON s.pk = e.story_pk WHERE e.actor_pk IS NOT NULL;
INSERT INTO story_actors(side, actor_pk, day, story_pk)
	SELECT DISTINCT 1, e.recipient_pk, s.day, s.pk FROM events e JOIN stories s ON s.pk = e.story_pk WHERE e.recipient_pk IS NOT NULL;
INSERT INTO sources(source_key, source) SELECT DISTINCT source_key, source FROM documents;
INSERT INTO story_sources(source_key, day, story_pk)
	SELECT DISTINCT d.source_key, s.day, s.pk FROM events e JOIN stories s ON s.pk = e.story_pk JOIN documents d ON d.pk = e.doc_pk;

CREATE FUNCTION parley_event_members() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	IF NEW.actor_pk IS NOT NULL THEN
		INSERT INTO story_actors(side, actor_pk, day, story_pk)
			SELECT 0, NEW.actor_pk, day, pk FROM stories WHERE pk = NEW.story_pk ON CONFLICT DO NOTHING;
	END IF;
	IF NEW.recipient_pk IS NOT NULL THEN
		INSERT INTO story_actors(side, actor_pk, day, story_pk)
			SELECT 1, NEW.recipient_pk, day, pk FROM stories WHERE pk = NEW.story_pk ON CONFLICT DO NOTHING;
	END IF;
	INSERT INTO story_sources(source_key, day, story_pk)
		SELECT d.source_key, s.day, s.pk FROM stories s, documents d WHERE s.pk = NEW.story_pk AND d.pk = NEW.doc_pk
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER events_members AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION parley_event_members();
CREATE FUNCTION parley_document_sources() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	INSERT INTO sources(source_key, source) VALUES (NEW.source_key, NEW.source) ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER documents_sources AFTER INSERT ON documents FOR EACH ROW EXECUTE FUNCTION parley_document_sources();
`},
	{"mode and quad indexes", modeQuadIndexes},
	// Each raw event carries its document's outlet (SQLite migration 13).
	{"outlet of raw events", `
ALTER TABLE events ADD COLUMN source_key TEXT NOT NULL DEFAULT '';
UPDATE events e SET source_key = d.source_key FROM documents d WHERE d.pk = e.doc_pk;
CREATE INDEX events_source ON events(source_key, day);
`},
}
