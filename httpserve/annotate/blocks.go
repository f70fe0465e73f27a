package annotate

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/render"
)

// BlockBytes bounds the wire bytes one Block lays out: a field line of
// 200 KiB (the annotated view takes up to 256 KiB) is several blocks, so
// a view that draws only the blocks it shows does work bounded by what it
// shows (breaker report 1 #1).
const BlockBytes = 16 << 10

// blockKind is what a Block draws.
type blockKind uint8

const (
	blockGap     blockKind = iota // the empty line between messages
	blockTitle                    // a message's title
	blockSection                  // a section heading
	blockSegment                  // a segment's bytes (or Src[from:to] of them) and, in its last block, its notes
)

// A Block is a stretch of a Doc that lays out on its own: Render is the
// rows of every block in order. Blocks hold no rendered text; laying one
// out costs what its bytes cost.
type Block struct {
	d        *Doc
	kind     blockKind
	msg, seg int
	from, to int  // a segment's bytes in Src (wire segments)
	first    bool // the block starts the segment's bytes
	last     bool // the block ends the segment: its notes follow
}

// Blocks returns the document as blocks, in order: per message a title,
// per section a heading, each segment (a long one cut into pieces of
// about BlockBytes, just after a line feed, or before a character when a
// line is longer).
func (d *Doc) Blocks() []Block {
	var out []Block
	for i, m := range d.Messages {
		if i > 0 {
			out = append(out, Block{d: d, kind: blockGap})
		}
		out = append(out, Block{d: d, kind: blockTitle, msg: i})
		sec := Section(255)
		for k, s := range m.Segments {
			if ns := s.Kind.Section(); ns != sec {
				sec = ns
				out = append(out, Block{d: d, kind: blockSection, msg: i, seg: k})
			}
			b := Block{d: d, kind: blockSegment, msg: i, seg: k, first: true, last: true}
			if !wireKind(s.Kind) {
				out = append(out, b)
				continue
			}
			cuts := cutWire(d.Src[s.Off:s.Off+s.Len], BlockBytes)
			for c, at := range cuts {
				b.from, b.to = s.Off+at, s.Off+s.Len
				if c+1 < len(cuts) {
					b.to = s.Off + cuts[c+1]
				}
				b.first, b.last = c == 0, c+1 == len(cuts)
				out = append(out, b)
			}
		}
	}
	return out
}

// wireKind reports whether segments of kind k show their bytes of Src as
// wire lines.
func wireKind(k Kind) bool { return k != KindHex && k != KindDecoded && k != KindVerdict }

// cutWire is where b's pieces of about size bytes start: just after a
// line feed, or, in a line longer than size, before a character.
func cutWire(b []byte, size int) []int {
	cuts := []int{0}
	for start := 0; len(b)-start > size; {
		cut := start + size
		if i := bytes.LastIndexByte(b[start+size/2:cut], '\n'); i >= 0 {
			cut = start + size/2 + i + 1
		} else if b[cut] == '\n' {
			cut++ // the line ends here
		} else {
			for k := 0; k < utf8.UTFMax-1 && !utf8.RuneStart(b[cut]); k++ {
				cut--
			}
		}
		if cut >= len(b) {
			break
		}
		cuts = append(cuts, cut)
		start = cut
	}
	return cuts
}

// Render lays the block out at width (see Doc.Render).
func (b Block) Render(width int, style Style) []string {
	r := b.d.renderer(width, style)
	m := b.d.Messages[b.msg]
	switch b.kind {
	case blockGap:
		return []string{""}
	case blockTitle:
		return []string{r.style(RoleTitle, m.Title)}
	case blockSection:
		return []string{"  " + r.style(RoleSection, m.Segments[b.seg].Kind.Section().Title(m.Response, b.d.Lang))}
	}
	s := m.Segments[b.seg]
	switch s.Kind {
	case KindHex:
		row := ansi.Truncate(string(s.Data), r.content, "")
		r.out = append(r.out, "  "+r.style(RoleOffset, padLeft(strconv.Itoa(s.Off), r.gutter))+" "+r.style(RoleHex, row))
	case KindDecoded:
		// Its first note says what follows (decoded text, not wire
		// bytes); the others come after it.
		notes := s.Notes
		if len(notes) > 0 {
			r.note(notes[0])
			notes = notes[1:]
		}
		for _, l := range render.Lines(s.Data) {
			r.wire(-1, l)
		}
		for _, n := range notes {
			r.note(n)
		}
		return r.out
	case KindVerdict:
	default:
		src := b.d.Src[b.from:b.to]
		for off := 0; off < len(src); {
			n := bytes.IndexByte(src[off:], '\n') + 1
			if n == 0 {
				n = len(src) - off
			}
			at := b.from + off
			if off == 0 && !b.first && b.d.Src[b.from-1] != '\n' {
				at = -1 // this line began in the block before
			}
			for _, l := range render.Lines(src[off : off+n]) {
				r.wire(at, l)
			}
			off += n
		}
	}
	if b.last {
		for _, n := range s.Notes {
			r.note(n)
		}
	}
	return r.out
}
