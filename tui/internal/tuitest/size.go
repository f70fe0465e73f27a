package tuitest

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Sizes are the sizes a pane is checked at: tiny, odd and usual.
var Sizes = [][2]int{{0, 0}, {1, 1}, {0, 5}, {5, 0}, {2, 2}, {3, 1}, {10, 3}, {20, 5}, {33, 7}, {80, 24}, {120, 40}}

// CheckSize fails unless view is exactly w×h: h lines of w cells ("" for
// an empty size).
func CheckSize(t testing.TB, what, view string, w, h int) {
	t.Helper()
	if w <= 0 || h <= 0 {
		if view != "" {
			t.Fatalf("%s at %dx%d: %q, want nothing", what, w, h, view)
		}
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("%s at %dx%d: %d lines:\n%s", what, w, h, len(lines), ansi.Strip(view))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw != w {
			t.Fatalf("%s at %dx%d: line %d is %d cells:\n%s", what, w, h, i, lw, ansi.Strip(view))
		}
	}
}
