package depparse

import (
	"syscall"
	"unsafe"
)

// adviseHugePages asks Linux to back the weight table with huge pages:
// parsing looks features up all over a table of several megabytes, and
// with 4 KB pages most lookups would also miss the TLB. Failure is
// harmless, so it is ignored.
func adviseHugePages(p unsafe.Pointer, size uintptr) {
	_ = syscall.Madvise(unsafe.Slice((*byte)(p), size), syscall.MADV_HUGEPAGE)
}
