// Package kb is parley's knowledge base: the countries, territories,
// organisations, people and role nouns that actor names in news text refer
// to. The data lives in readable TSV files under data/ (formats in
// doc/kb-format), embedded in the binary and loaded once.
package kb

import "embed"

// dataFS holds every knowledge-base table. Other files of this package
// (places, triggers) read their own tables from it too.
//
//go:embed data/*.tsv
var dataFS embed.FS
