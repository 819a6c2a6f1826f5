// Package version says which release of parley is running.
package version

import (
	"runtime/debug"
	"sync"
)

// Release is parley's release version, written by `parley --version` and
// into the exports that name the software that made them (POLECAT's
// Version column). Raise it when a release is tagged.
const Release = "0.1.0"

// String is the release followed by the version control revision the
// binary was built from, when the build recorded one: "0.1.0 (de7ee59)",
// "0.1.0 (de7ee59, modified)" for a build of a changed work tree.
var String = sync.OnceValue(func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return Release
	}
	var rev string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return Release
	}
	if len(rev) > 7 {
		rev = rev[:7]
	}
	if modified {
		return Release + " (" + rev + ", modified)"
	}
	return Release + " (" + rev + ")"
})
