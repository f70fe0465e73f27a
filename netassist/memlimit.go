package netassist

import (
	"math"
	"os"
	"runtime/debug"
)

// MemoryHeadroom is what LimitMemory allows the Go heap beyond the capture
// budget: the rest of a session's live memory (screen caches, records,
// batches of the event writers) and what the runtime keeps besides. With
// the binary's own pages, a process stays within budget + 64 MiB.
const MemoryHeadroom = 40 << 20

// LimitMemory sets the Go runtime's soft memory limit to budget +
// MemoryHeadroom (budget <= 0: DefaultMaxCapture), unless the user set
// GOMEMLIMIT, and returns the limit in force. Without it the garbage
// collector lets the heap grow to twice what is live before it runs: with
// the store holding its budget and the UI drawing frames (garbage), a
// flood took the TUI to 2.7x the budget (175 MiB for 64). With it the
// collector runs more often as the limit nears (its CPU is capped by the
// runtime at about half the process); the budget bounds the whole process
// (issue 13). For the program's main only: the limit is process-wide.
func LimitMemory(budget int64) int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1) // reads the limit in force
	}
	if budget <= 0 {
		budget = DefaultMaxCapture
	}
	limit := int64(math.MaxInt64)
	if budget < math.MaxInt64-MemoryHeadroom {
		limit = budget + MemoryHeadroom
	}
	debug.SetMemoryLimit(limit)
	return limit
}
