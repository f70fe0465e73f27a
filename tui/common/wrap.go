package common

import (
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/styles"
)

// ContinuationMark begins every row that continues a wrapped line (issue
// 12 item 5), so a wrapped header value never reads as a header line of
// its own. U+21AA is one cell in every terminal (East Asian Width neutral,
// not ambiguous), drawn dim.
const ContinuationMark = "↪"

// WrapLine lays out one rendered line (render.Lines) in rows of at most
// width cells, styled: the line whole when it fits; otherwise the first
// row, then rows that each begin with ContinuationMark. A `\r\n` marker
// pair is never split across rows (a lone `\n` at the start of a row
// would read as the empty line that ends an HTTP head), nor is any
// marker, escape, doubled backslash or grapheme cluster (render.Wrap).
// Below 5 cells there is no room for the mark and a `\r\n`: rows are
// plain render.Wrap rows (and below 4 even the pair is cut).
func WrapLine(s *styles.Styles, l render.Line, width int) []string {
	return WrapRows(s, l, width, false)
}

// WrapRows is WrapLine for a line that may continue one begun before
// (cont): then its first row is marked too (a view drawing a long line in
// pieces).
func WrapRows(s *styles.Styles, l render.Line, width int, cont bool) []string {
	if !cont && l.Width() <= width {
		return []string{l.Render(s.Segment)}
	}
	l = joinCRLF(l)
	if width < 5 {
		rows := render.Wrap(l, width)
		out := make([]string, len(rows))
		for i, r := range rows {
			out[i] = r.Render(s.Segment)
		}
		return out
	}
	rows := render.Wrap(l, width-1)
	out := make([]string, len(rows))
	mark := s.Dim.Render(ContinuationMark)
	for i, r := range rows {
		if i == 0 && !cont {
			out[i] = r.Render(s.Segment)
		} else {
			out[i] = mark + r.Render(s.Segment)
		}
	}
	return out
}

// joinCRLF returns l with each `\r` marker directly followed by a `\n`
// marker made one marker segment, which render.Wrap keeps whole.
func joinCRLF(l render.Line) render.Line {
	n := 0
	for i := 0; i+1 < len(l); i++ {
		if l[i].Kind == render.Marker && l[i].Text == `\r` && l[i+1].Kind == render.Marker && l[i+1].Text == `\n` {
			n++
		}
	}
	if n == 0 {
		return l
	}
	out := make(render.Line, 0, len(l)-n)
	for i := 0; i < len(l); i++ {
		if i+1 < len(l) && l[i].Kind == render.Marker && l[i].Text == `\r` && l[i+1].Kind == render.Marker && l[i+1].Text == `\n` {
			out = append(out, render.Segment{Kind: render.Marker, Text: `\r\n`})
			i++
			continue
		}
		out = append(out, l[i])
	}
	return out
}
