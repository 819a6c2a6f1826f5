//go:build !linux

package depparse

import "unsafe"

func adviseHugePages(p unsafe.Pointer, size uintptr) {}
