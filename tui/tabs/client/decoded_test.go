package client

import (
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

// A reply that decodes to 4 MiB of NULs on one line (breaker report 1 #1:
// 20–40 s and 500+ MB a key) draws a frame, and scrolls to its end, with
// work bounded by the box: a frame allocates less than 1 MiB.
func TestDecodedHugeLineFrameIsBounded(t *testing.T) {
	tab := decodedTab(t, 4<<20)
	rows := tab.decodedView(80, 20)
	if len(rows) != 20 || !strings.Contains(ansi.Strip(strings.Join(rows, "\n")), `\x00\x00`) {
		t.Fatalf("decoded view: %q", rows)
	}
	tab.decodedKey(tuitest.End)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 5 {
		rows = tab.decodedView(80, 20)
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Fatalf("5 frames allocated %d bytes", n)
	}
	if !strings.Contains(ansi.Strip(rows[0]), "~99%") {
		t.Fatalf("title at the end: %q", ansi.Strip(rows[0]))
	}
}
