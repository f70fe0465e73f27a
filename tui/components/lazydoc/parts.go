package lazydoc

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/styles"
)

// PieceBytes is about how many bytes of a byte part one piece holds: a
// piece is rendered and wrapped on its own, so one frame renders a few
// pieces at most, whatever the size of the part (16 KiB of NULs, each a
// 4-cell `\x00`, is about 840 rows at 80 cells).
const PieceBytes = 16 << 10

// A Part is one stretch of a document: drawn in Pieces() pieces (the same
// at every width), piece k rendered by Piece(k, width) into rows of at
// most width cells. Rendering one piece costs what its bytes cost, never
// what the whole part costs.
type Part interface {
	Pieces() int
	Piece(k, width int) []string
}

// Rows is a part of rows already laid out (short ones: a label, a note).
func Rows(rows ...string) Part { return rowsPart(rows) }

type rowsPart []string

func (r rowsPart) Pieces() int             { return 1 }
func (r rowsPart) Piece(_, _ int) []string { return r }

// Func is a part of one piece that f lays out at the width (a wrapped
// note, a label cut with "…").
func Func(f func(width int) []string) Part { return funcPart(f) }

type funcPart func(int) []string

func (f funcPart) Pieces() int                 { return 1 }
func (f funcPart) Piece(_, width int) []string { return f(width) }

// Truncated is a part of one row: s cut to the width with "…", styled by
// st after the cut (nil: s as it is).
func Truncated(s string, st func(...string) string) Part {
	return Func(func(w int) []string {
		t := ansi.Truncate(s, w, "…")
		if st != nil {
			t = st(t)
		}
		return []string{t}
	})
}

// Wrapped is a part of one piece: text (already safe, maybe styled)
// wrapped at the width at spaces, hard where a word is longer than a row,
// so nothing of it is cut (a reason, an error); st, if not nil, styles
// each row.
func Wrapped(text string, st func(...string) string) Part {
	return Func(func(w int) []string {
		rows := strings.Split(ansi.Wrap(text, max(w, 1), ""), "\n")
		if st != nil {
			for i, r := range rows {
				rows[i] = st(r)
			}
		}
		return rows
	})
}

// Text is b (UTF-8, untrusted) through the one sanitizer, each line
// wrapped with the continuation mark (common.WrapRows), drawn in pieces
// of about PieceBytes cut just after a line feed (or, in a run with no
// line feed, before a character: the next piece then continues the line,
// its first row marked). Each piece decodes from the state the bytes
// before it leave (render.ResumeAt), so the rows are those of the whole.
// b is aliased, not copied.
func Text(s *styles.Styles, b []byte) Part {
	return &textPart{s: s, b: b, cuts: Cuts(b, PieceBytes, false, render.UTF8)}
}

type textPart struct {
	s    *styles.Styles
	b    []byte
	cuts []int
}

func (t *textPart) Pieces() int { return len(t.cuts) }

func (t *textPart) Piece(k, width int) []string {
	start, end := bounds(t.cuts, k, len(t.b))
	if start >= end {
		return nil
	}
	st := render.ResumeAt(render.UTF8, int64(start), t.b[max(0, start-render.LookBack(render.UTF8)):start])
	lines := st.Lines(t.b[start:end])
	if end == len(t.b) {
		lines = flush(lines, st)
	}
	cont := start > 0 && t.b[start-1] != '\n'
	var out []string
	for i, l := range lines {
		out = append(out, common.WrapRows(t.s, l, width, cont && i == 0)...)
	}
	return out
}

// flush ends the stream after lines: a character still incomplete shows
// as escapes, on the last line unless that line ended with its line feed
// (as render.Lines draws the whole).
func flush(lines []render.Line, st *render.Stream) []render.Line {
	fl := st.FlushLines()
	if len(fl) == 0 {
		return lines
	}
	if n := len(lines); n > 0 && !endsLF(lines[n-1]) {
		lines[n-1] = append(lines[n-1][:len(lines[n-1]):len(lines[n-1])], fl[0]...)
		fl = fl[1:]
	}
	return append(lines, fl...)
}

func endsLF(l render.Line) bool {
	return len(l) > 0 && l[len(l)-1].Kind == render.Marker && l[len(l)-1].Text == `\n`
}

// Hex is b as a hexdump from stream offset base (common.HexPer bytes a
// row for the width, the same for every piece), in pieces of PieceBytes.
// b is aliased, not copied.
func Hex(b []byte, base int64) Part { return &hexPart{b: b, base: base} }

type hexPart struct {
	b    []byte
	base int64
}

func (h *hexPart) Pieces() int { return max((len(h.b)+PieceBytes-1)/PieceBytes, 1) }

func (h *hexPart) Piece(k, width int) []string {
	start := k * PieceBytes
	if start >= len(h.b) {
		return nil
	}
	end := min(start+PieceBytes, len(h.b))
	last := h.base + int64(len(h.b))
	per := common.HexPer(last, width)
	rows := render.HexRows(h.b[start:end], h.base+int64(start), per)
	if render.HexWidth(per, last) > width {
		for i, r := range rows {
			rows[i] = ansi.Truncate(r, width, "…")
		}
	}
	return rows
}

// bounds is piece k's bytes [start, end) given the pieces' starts.
func bounds(cuts []int, k, n int) (start, end int) {
	start, end = cuts[k], n
	if k+1 < len(cuts) {
		end = cuts[k+1]
	}
	return start, end
}

// Cuts splits d for drawing in pieces of about size bytes and returns
// where each starts ({0} at least): hex at every size bytes; text just
// after a line feed near every size bytes (a line feed is one byte in
// every encoding shown, never part of another character). A run with no
// line feed for twice size is cut anyway in UTF-8 and Latin-1, before a
// character (the cut then shows as a wrapped line), and left whole in the
// two-byte encodings, which cannot be resynchronised there. The receive
// pane cuts big chunks with it too.
func Cuts(d []byte, size int, hex bool, enc render.Encoding) []int {
	starts := []int{0}
	for start := 0; len(d)-start > size; {
		limit := start + size
		cut := limit
		if !hex {
			half := start + size/2
			if i := bytes.LastIndexByte(d[half:limit], '\n'); i >= 0 {
				cut = half + i + 1
			} else if i := bytes.IndexByte(d[limit:min(len(d), limit+size)], '\n'); i >= 0 {
				cut = limit + i + 1
			} else if enc == render.UTF8 || enc == render.Latin1 {
				for k := 0; k < utf8.UTFMax-1 && enc == render.UTF8 && !utf8.RuneStart(d[cut]); k++ {
					cut--
				}
			} else {
				break
			}
		}
		if cut >= len(d) {
			break
		}
		starts = append(starts, cut)
		start = cut
	}
	return starts
}
