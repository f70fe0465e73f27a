package common

import (
	"strings"
	"unicode/utf8"

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

// WrapWords lays plain text s out in lines of at most w cells (at least
// 1), breaking at spaces only: ansi.Wrap also breaks after a hyphen, so
// "--cacert" came out as "--" / "cacert" (breaker-2 D9). A word wider than
// a line (a fingerprint, a run of CJK text) starts a line and is cut where
// lines end, as ansi.Wrap does.
func WrapWords(s string, w int) []string {
	w = max(w, 1)
	var lines []string
	cur, started := "", false
	for _, word := range strings.Split(s, " ") {
		ww, cw := ansi.StringWidth(word), ansi.StringWidth(cur)
		switch {
		case !started && ww <= w:
			cur, started = word, true
			continue
		case started && cw+1+ww <= w:
			cur += " " + word
			continue
		case ww <= w:
			lines = append(lines, cur)
			cur = word
			continue
		}
		rest := word
		if started {
			lines = append(lines, cur)
		}
		for ansi.StringWidth(rest) > w {
			head := ansi.Truncate(rest, w, "")
			if head == "" { // a wide character in one column
				_, n := utf8.DecodeRuneInString(rest)
				head = rest[:n]
			}
			lines = append(lines, head)
			rest = rest[len(head):]
		}
		cur, started = rest, rest != ""
	}
	return append(lines, cur)
}
