package common

import (
	"charm.land/lipgloss/v2"

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
	return WrapSpans(s, l, width, false, nil)
}

// WrapRows is WrapLine for a line that may continue one begun before
// (cont): then its first row is marked too (a view drawing a long line in
// pieces).
func WrapRows(s *styles.Styles, l render.Line, width int, cont bool) []string {
	return WrapSpans(s, l, width, cont, nil)
}

// Span is a stretch of a line drawn in Style instead of its segments' own
// styles (a search match): From and To are byte offsets in the line's
// text, its segments' texts one after the other.
type Span struct {
	From, To int
	Style    lipgloss.Style
}

// WrapSpans is WrapRows drawing spans (ordered, not overlapping) in their
// styles.
func WrapSpans(s *styles.Styles, l render.Line, width int, cont bool, spans []Span) []string {
	return WrapWith(s, s.Segment, l, width, cont, spans)
}

// WrapWith is WrapSpans styling the segments outside spans with seg
// instead of Styles.Segment (the receive pane draws the newest bytes
// brighter).
func WrapWith(s *styles.Styles, seg func(render.Kind, string) string, l render.Line, width int, cont bool, spans []Span) []string {
	if !cont && l.Width() <= width {
		return []string{renderRow(seg, l, 0, spans)}
	}
	l = joinCRLF(l)
	mark := ""
	if width >= 5 {
		width--
		mark = s.Dim.Render(ContinuationMark)
	}
	rows := render.Wrap(l, width)
	out := make([]string, len(rows))
	off := 0
	for i, r := range rows {
		out[i] = renderRow(seg, r, off, spans)
		if i > 0 || cont {
			out[i] = mark + out[i]
		}
		for _, seg := range r {
			off += len(seg.Text)
		}
	}
	return out
}

// renderRow styles row, whose text starts at byte off of its line.
func renderRow(seg func(render.Kind, string) string, row render.Line, off int, spans []Span) string {
	if len(spans) == 0 {
		return row.Render(seg)
	}
	var out []byte
	for _, sg := range row {
		text, at := sg.Text, off
		off += len(text)
		for text != "" {
			// The first span that ends after at.
			var sp *Span
			for i := range spans {
				if spans[i].To > at {
					sp = &spans[i]
					break
				}
			}
			switch {
			case sp == nil || sp.From >= at+len(text):
				out = append(out, seg(sg.Kind, text)...)
				text = ""
			case sp.From > at:
				n := sp.From - at
				out = append(out, seg(sg.Kind, text[:n])...)
				text, at = text[n:], at+n
			default:
				n := min(sp.To-at, len(text))
				out = append(out, sp.Style.Render(text[:n])...)
				text, at = text[n:], at+n
			}
		}
	}
	return string(out)
}

// joinCRLF returns l with each `\r` marker directly followed by a `\n`
// marker made one marker segment, which render.Wrap keeps whole.
func joinCRLF(l render.Line) render.Line {
	n := 0
	for i := 0; i+1 < len(l); i++ {
		if isCRLF(l[i], l[i+1]) {
			n++
		}
	}
	if n == 0 {
		return l
	}
	out := make(render.Line, 0, len(l)-n)
	for i := 0; i < len(l); i++ {
		if i+1 < len(l) && isCRLF(l[i], l[i+1]) {
			out = append(out, render.Segment{Kind: render.Marker, Text: `\r\n`})
			i++
			continue
		}
		out = append(out, l[i])
	}
	return out
}

func isCRLF(a, b render.Segment) bool {
	return a.Kind == render.Marker && a.Text == `\r` && b.Kind == render.Marker && b.Text == `\n`
}
