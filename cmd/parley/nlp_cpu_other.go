//go:build !unix

package main

import "time"

// processCPUTime is unknown on this system; nlp eval's CPU figure is then 0.
func processCPUTime() time.Duration { return 0 }
