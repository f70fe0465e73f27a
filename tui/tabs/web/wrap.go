package web

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// wrapText puts value after prefix and wraps it at word boundaries (hard
// where a word is too long), continuation rows indented under the value's
// first cell and marked with common.ContinuationMark just before it, as
// the receive pane marks its wrapped rows. An escape the sanitizer wrote
// (\x1B, \u{FE0F}, \r …) is never split across rows (breaker report 1,
// nit 12: "…🏳\u{" / "FE0F}…"). value is sanitized already, maybe styled;
// a styled value (UI text, never escapes) wraps at its spaces as it is.
func wrapText(prefix, value string, width int) []string {
	pw := ansi.StringWidth(prefix)
	room := max(width-pw, 1)
	if ansi.StringWidth(value) <= room {
		return []string{prefix + value}
	}
	// A continuation row: the indent with the mark in its last cell (in
	// the row's first cell when there is no indent, one cell less room).
	indent, rest := strings.Repeat(" ", max(pw-1, 0))+common.ContinuationMark, room
	if pw == 0 {
		rest = max(room-1, 1)
	}
	var rows []string
	if strings.Contains(value, "\x1b") {
		rows = strings.Split(ansi.Wrap(value, room, ""), "\n")
		if rest < room && len(rows) > 1 {
			rows = append(rows[:1], strings.Split(ansi.Wrap(strings.Join(rows[1:], " "), rest, ""), "\n")...)
		}
	} else {
		rows = wrapTokens(value, room, rest)
	}
	rows[0] = prefix + rows[0]
	for i := 1; i < len(rows); i++ {
		rows[i] = indent + rows[i]
	}
	return rows
}

// token is one unit wrapTokens never splits: an escape as the sanitizer
// writes it, or one character (a grapheme: ansi's width counts it whole).
var token = regexp.MustCompile(`\\(x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]+\}|.)|[^\\]`)

// wrapTokens wraps plain text s: first row width first, the others rest;
// at spaces, else between tokens (a word longer than a row).
func wrapTokens(s string, first, rest int) []string {
	var rows []string
	var row strings.Builder
	w, room := 0, first
	flush := func() {
		rows = append(rows, strings.TrimRight(row.String(), " "))
		row.Reset()
		w, room = 0, rest
	}
	for _, word := range strings.SplitAfter(s, " ") {
		ww := ansi.StringWidth(strings.TrimRight(word, " "))
		if w > 0 && w+ww > room {
			flush()
		}
		if ww <= room-w {
			row.WriteString(word)
			w += ansi.StringWidth(word)
			continue
		}
		// Longer than a row: cut between tokens.
		var toks []string
		for _, t := range token.FindAllString(word, -1) {
			if ansi.StringWidth(t) > rest {
				// An escape wider than a row (a pane a few cells wide):
				// its characters, then.
				toks = append(toks, strings.Split(t, "")...)
				continue
			}
			toks = append(toks, t)
		}
		for _, t := range toks {
			tw := ansi.StringWidth(t)
			if w > 0 && w+tw > room && t != " " {
				flush()
			}
			row.WriteString(t)
			w += tw
		}
	}
	if row.Len() > 0 || len(rows) == 0 {
		rows = append(rows, strings.TrimRight(row.String(), " "))
	}
	return rows
}
