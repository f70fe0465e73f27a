package reqdiff

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// wrap breaks s into rows of at most width cells: at spaces where it can,
// and a word longer than a row between its characters, never inside a
// marker of netassist/render (`\xHH`, `\u{…}`, `\r`, `\n`, `\t`, `\\`),
// so that every marker reads back as the escape it is (ansi.Wrap cut
// `\x80` into `\x` and `80`). The rows joined with the spaces they broke
// at give s again; width below 1 is taken as 1.
func wrap(s string, width int) []string {
	width = max(width, 1)
	var (
		rows []string
		cur  strings.Builder
		w    int
	)
	flush := func() {
		rows = append(rows, cur.String())
		cur.Reset()
		w = 0
	}
	for i, word := range strings.Split(s, " ") {
		ww := ansi.StringWidth(word)
		switch {
		case i == 0 && ww <= width:
		case w+1+ww <= width:
			cur.WriteByte(' ')
			w++
		case ww <= width:
			flush()
		default:
			// Longer than a row: it starts here (after a space, if one
			// fits) and goes on over the next rows, atom by atom.
			if i > 0 {
				if w+1 < width {
					cur.WriteByte(' ')
					w++
				} else {
					flush()
				}
			}
			for rest := word; rest != ""; {
				n, aw := atom(rest)
				if w > 0 && w+aw > width {
					flush()
				}
				cur.WriteString(rest[:n])
				w += aw
				rest = rest[n:]
			}
			continue
		}
		cur.WriteString(word)
		w += ww
	}
	flush()
	return rows
}

// atom is the length in bytes and the width in cells of the marker or the
// grapheme cluster s starts with.
func atom(s string) (n, width int) {
	if s[0] == '\\' && len(s) > 1 {
		n = 2
		switch s[1] {
		case 'x':
			n = min(4, len(s))
		case 'u':
			if end := strings.IndexByte(s, '}'); end > 0 {
				n = end + 1
			}
		}
		return n, n
	}
	c, w := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
	if len(c) == 0 {
		return 1, 1
	}
	return len(c), w
}
