//go:build !unix

package main

import "time"

// cpuTime is unknown on this system; the benchmarks' CPU figures are then 0.
func cpuTime() time.Duration { return 0 }
