package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// CutWords fits s (which may hold styles) in w cells, keeping its
// meaning: when it is too wide, it is cut before the word the edge would
// split and marked with "…", so no part of a word shows ("via
// 127.0.0.1:2707" read as another port: breaker report 1 #8). A first
// word wider than w is cut inside, with the mark. The mark is in no
// style; w <= 0 gives "".
func CutWords(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w == 1 {
		return "…"
	}
	plain := ansi.Strip(s)
	room := ansi.Truncate(plain, w-1, "")
	keep := ansi.StringWidth(room)
	next := plain[len(room):]
	if !strings.HasPrefix(next, " ") && !strings.HasSuffix(room, " ") {
		// The edge splits a word: end before it.
		if i := strings.LastIndexByte(room, ' '); i > 0 {
			keep = ansi.StringWidth(room[:i+1])
		}
	}
	return ansi.Truncate(s, keep, "") + "…"
}
