package recvpane

import (
	"bytes"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
)

// Highlighting what is drawn. With a query in force, each piece drawn
// shows the matches inside it: a text query in the piece's shown form, a
// hex query in its bytes (in the text view, at the characters those bytes
// make). The current match comes from the engine as bytes of its stream
// and may span reads; it is drawn in a style of its own wherever it is.
// Matches that span two reads are found by n and N but only the current
// one is highlighted across the cut.

// maxMarks bounds the matches highlighted in one piece.
const maxMarks = 256

// byteRange is [lo, hi) of a piece's bytes (relative to the piece) or of
// its shown text.
type byteRange struct {
	lo, hi int
	cur    bool // the current match
}

func (p *Model) markStyles() (all, cur lipgloss.Style) {
	all = p.c.Styles.Selected
	return all, all.Bold(true)
}

// curRange is the part of c.Data[start:end] the current match covers,
// relative to start.
func (p *Model) curRange(c *netassist.Chunk, start, end int) (byteRange, bool) {
	if !p.srch.has {
		return byteRange{}, false
	}
	lo, hi, ok := p.srch.cur.In(c)
	if !ok || hi <= start || lo >= end {
		return byteRange{}, false
	}
	return byteRange{lo: max(lo, start) - start, hi: min(hi, end) - start, cur: true}, true
}

// byteMarks are the byte ranges of d (a piece) to highlight: the
// occurrences of a hex query, and the current match.
func (p *Model) byteMarks(c *netassist.Chunk, start, end int) []byteRange {
	var out []byteRange
	if p.srch.q.Hex {
		d := c.Data[start:end]
		for from := 0; len(out) < maxMarks; {
			i := bytes.Index(d[from:], p.srch.pat)
			if i < 0 {
				break
			}
			out = append(out, byteRange{lo: from + i, hi: from + i + len(p.srch.pat)})
			from += i + 1
		}
	}
	if r, ok := p.curRange(c, start, end); ok {
		out = append(out, r)
	}
	return out
}

// textSpans returns, for each of lines (the rendering of c.Data[start:end]
// by a stream resumed at start), the spans to highlight; nil without a
// query. curLine and curOff place the current match's start when it is
// in the piece (curLine -1 if not).
func (p *Model) textSpans(c *netassist.Chunk, start, end int, lines []render.Line) (spans [][]common.Span, curLine, curOff int) {
	curLine = -1
	if p.srch.typed == "" {
		return nil, curLine, 0
	}
	var flat strings.Builder
	lineAt := make([]int, len(lines)+1)
	for i, l := range lines {
		lineAt[i] = flat.Len()
		for _, seg := range l {
			flat.WriteString(seg.Text)
		}
	}
	lineAt[len(lines)] = flat.Len()

	var marks []byteRange
	if !p.srch.q.Hex {
		text := []byte(flat.String())
		if p.srch.q.IgnoreCase {
			foldASCII(text)
		}
		for from := 0; len(marks) < maxMarks; {
			i := bytes.Index(text[from:], p.srch.pat)
			if i < 0 {
				break
			}
			marks = append(marks, byteRange{lo: from + i, hi: from + i + len(p.srch.pat)})
			from += i + 1
		}
	}
	if bm := p.byteMarks(c, start, end); len(bm) > 0 {
		marks = append(marks, p.toText(c, start, bm)...)
	}
	if len(marks) == 0 {
		return nil, curLine, 0
	}
	// The current match wins where it overlaps another.
	slices.SortFunc(marks, func(a, b byteRange) int {
		if a.lo != b.lo {
			return a.lo - b.lo
		}
		if a.cur != b.cur {
			if a.cur {
				return -1
			}
			return 1
		}
		return 0
	})
	all, cur := p.markStyles()
	out := make([][]common.Span, len(lines))
	last := -1 // where the previous span ended
	for _, m := range marks {
		lo := max(m.lo, last)
		if lo >= m.hi {
			continue
		}
		last = m.hi
		st := all
		if m.cur {
			st = cur
		}
		for i := range lines {
			a, b := max(lo, lineAt[i]), min(m.hi, lineAt[i+1])
			if a < b {
				out[i] = append(out[i], common.Span{From: a - lineAt[i], To: b - lineAt[i], Style: st})
				if m.cur && curLine < 0 {
					curLine, curOff = i, a-lineAt[i]
				}
			}
		}
	}
	return out, curLine, curOff
}

// toText maps byte ranges of c.Data[start:] to ranges of its shown text,
// rendering the piece once more in steps between their ends: a stream
// renders exactly alike however its bytes are split.
func (p *Model) toText(c *netassist.Chunk, start int, bm []byteRange) []byteRange {
	var cuts []int
	for _, r := range bm {
		cuts = append(cuts, r.lo, r.hi)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	at := make(map[int]int, len(cuts))
	st := p.resume(c, start)
	pos, flat := 0, 0
	for _, k := range cuts {
		s := st.String(c.Data[start+pos : start+k])
		flat += len(s) - strings.Count(s, "\n")
		at[k], pos = flat, k
	}
	out := make([]byteRange, 0, len(bm))
	for _, r := range bm {
		out = append(out, byteRange{lo: at[r.lo], hi: max(at[r.hi], at[r.lo]+1), cur: r.cur})
	}
	return out
}

// markHex styles the hex rows of c.Data[start:end] (per bytes a row):
// each marked byte's hex pair and ASCII cell.
func (p *Model) markHex(c *netassist.Chunk, start, end int, rows []string, per int) []string {
	if p.srch.typed == "" {
		return rows
	}
	bm := p.byteMarks(c, start, end)
	if len(bm) == 0 {
		return rows
	}
	all, cur := p.markStyles()
	mark := make([]uint8, end-start) // 0 none, 1 a match, 2 the current one
	for _, r := range bm {
		for i := r.lo; i < r.hi; i++ {
			if r.cur {
				mark[i] = 2
			} else if mark[i] == 0 {
				mark[i] = 1
			}
		}
	}
	groups := (per + 7) / 8
	for k, row := range rows {
		first := k * per
		if first >= len(mark) || !slices.ContainsFunc(mark[first:min(first+per, len(mark))], func(m uint8) bool { return m != 0 }) {
			continue
		}
		digits := strings.IndexByte(row, ' ')
		ascii := digits + 2 + 3*per + groups + 1
		cells := make([]uint8, len(row)) // which style each column of the row takes
		limit := len(row)
		if i := strings.IndexRune(row, '…'); i >= 0 {
			limit = i // a row cut to the pane: its "…" is not a cell to mark
		}
		for i := 0; i < per && first+i < len(mark); i++ {
			m := mark[first+i]
			if m == 0 {
				continue
			}
			h := digits + 2 + 3*i
			if i >= 8 {
				h++
			}
			for _, col := range []int{h, h + 1, ascii + i} {
				if col < limit {
					cells[col] = m
				}
			}
		}
		var b strings.Builder
		for i := 0; i < len(row); {
			j := i
			for j < len(row) && cells[j] == cells[i] {
				j++
			}
			switch cells[i] {
			case 1:
				b.WriteString(all.Render(row[i:j]))
			case 2:
				b.WriteString(cur.Render(row[i:j]))
			default:
				b.WriteString(row[i:j])
			}
			i = j
		}
		rows[k] = b.String()
	}
	return rows
}

// foldASCII lowers ASCII letters in place, as the search engine folds.
func foldASCII(b []byte) {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}
