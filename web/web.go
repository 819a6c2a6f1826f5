// Package web is parley's browser interface: a filter bar, a timeline of
// events per day by quad class, an actor network, a world map of event
// places, an event table and each event's source sentences with actor,
// trigger and recipient highlighted. Plain HTML, CSS, JavaScript and SVG,
// embedded in the binary; nothing is fetched from elsewhere.
//
// assets/world.json (country outlines) is generated from Natural Earth via
// npm world-atlas by internal/worldgen; assets/names.json (role nouns and
// country names, for the actor network) from the knowledge base by
// internal/namesgen.
package web

import (
	"embed"
	"io/fs"
)

//go:generate sh gen_world.sh
//go:generate sh -c "go run ./internal/namesgen ../kb/data > assets/names.json"

//go:embed assets
var assets embed.FS

// FS returns the UI's files, rooted at index.html.
func FS() fs.FS {
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err) // the embedded tree always has assets/
	}
	return sub
}
