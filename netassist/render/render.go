// Package render is the one sanitizer for untrusted bytes (DESIGN.md §5).
//
// Every byte that came from the network, and every header name, value, path
// or file name derived from it, goes through this package just before it is
// drawn. Rather than recognise "bad" escape sequences, it neutralises every
// character that is not plainly graphic, so nothing it returns can move the
// cursor, set the window title, write the clipboard or reorder text. The
// rendering is reversible: Unescape(String(b)) == b.
//
// The rules, decoding with utf8.DecodeRune:
//   - `\` becomes `\\`;
//   - CR, LF and TAB become the markers `\r`, `\n`, `\t` (kind Marker); a
//     line break follows each `\n`;
//   - other bytes below 0x20, DEL and every byte of an invalid UTF-8
//     sequence become `\xHH` (kind Escape);
//   - a rune strconv.IsGraphic rejects becomes `\u{HHHH}` (kind Escape);
//   - everything else is shown as itself (kind Plain).
package render

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Kind classifies a rendered segment so callers can style it.
type Kind uint8

const (
	// Plain text is shown as itself; it includes the doubled backslash `\\`.
	Plain Kind = iota
	// Marker is one of the `\r`, `\n`, `\t` markers, drawn dim.
	Marker
	// Escape is `\xHH` or `\u{HHHH}`, drawn in a distinct style.
	Escape
)

// String returns the name of the kind, for tests and debugging.
func (k Kind) String() string {
	switch k {
	case Plain:
		return "Plain"
	case Marker:
		return "Marker"
	case Escape:
		return "Escape"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Segment is a run of rendered text of one kind. A Marker or Escape segment
// holds exactly one token; Plain runs are merged.
type Segment struct {
	Kind Kind
	Text string
}

// Line is one display line. It never contains a line break: a line that
// ended with LF in the input has the `\n` marker as its last segment.
type Line []Segment

const hexDigits = "0123456789ABCDEF"

// token classes returned by next.
const (
	tPlain  = iota // b[i:i+n] copied as is
	tBack          // `\` → `\\`
	tMarker        // CR, LF, TAB
	tByte          // `\xHH`
	tRune          // `\u{HHHH}`
)

// next classifies the token at the start of b (len(b) > 0). It returns the
// token class, the number of input bytes it consumes, the decoded rune (for
// tRune) and the length of its rendered form (without the real line break
// that follows a `\n` marker).
func next(b []byte) (class, n int, r rune, outLen int) {
	c := b[0]
	if c < utf8.RuneSelf {
		switch {
		case c == '\\':
			return tBack, 1, 0, 2
		case c == '\r' || c == '\n' || c == '\t':
			return tMarker, 1, 0, 2
		case c < 0x20 || c == 0x7F:
			return tByte, 1, 0, 4
		}
		return tPlain, 1, 0, 1
	}
	r, n = utf8.DecodeRune(b)
	if r == utf8.RuneError && n == 1 {
		return tByte, 1, 0, 4
	}
	if strconv.IsGraphic(r) {
		return tPlain, n, 0, n
	}
	return tRune, n, r, runeEscLen(r)
}

// plainASCII reports whether c is printable ASCII shown as itself.
func plainASCII(c byte) bool { return c >= 0x20 && c < 0x7F && c != '\\' }

// runeEscLen is the length of `\u{H…}` for r.
func runeEscLen(r rune) int {
	switch {
	case r > 0xFFFFF:
		return 10
	case r > 0xFFFF:
		return 9
	}
	return 8
}

func markerText(c byte) string {
	switch c {
	case '\r':
		return `\r`
	case '\n':
		return `\n`
	}
	return `\t`
}

// writeToken appends the rendered form of one non-plain token.
func writeToken(sb *strings.Builder, class int, c byte, r rune) {
	switch class {
	case tBack:
		sb.WriteString(`\\`)
	case tMarker:
		sb.WriteString(markerText(c))
	case tByte:
		sb.WriteString(`\x`)
		sb.WriteByte(hexDigits[c>>4])
		sb.WriteByte(hexDigits[c&0xF])
	case tRune:
		sb.WriteString(`\u{`)
		digits := 4
		if r > 0xFFFFF {
			digits = 6
		} else if r > 0xFFFF {
			digits = 5
		}
		for i := digits - 1; i >= 0; i-- {
			sb.WriteByte(hexDigits[(r>>(4*uint(i)))&0xF])
		}
		sb.WriteByte('}')
	}
}

// renderedLen returns the exact length of String(b) and the number of
// segments and lines Lines(b) produces.
func renderedLen(b []byte) (size, segs, lines int) {
	prevPlain := false
	for i := 0; i < len(b); {
		if plainASCII(b[i]) {
			j := i + 1
			for j < len(b) && plainASCII(b[j]) {
				j++
			}
			size += j - i
			if !prevPlain {
				segs++
				prevPlain = true
			}
			i = j
			continue
		}
		class, n, _, outLen := next(b[i:])
		size += outLen
		switch class {
		case tPlain, tBack:
			if !prevPlain {
				segs++
				prevPlain = true
			}
		default:
			segs++
			prevPlain = false
			if class == tMarker && b[i] == '\n' {
				size++ // the real line break
				lines++
			}
		}
		i += n
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		lines++
	}
	return size, segs, lines
}

// String returns the plain (unstyled) rendering of b: markers and escapes as
// text, with a real line break after each `\n` marker.
func String(b []byte) string {
	size, _, _ := renderedLen(b)
	var sb strings.Builder
	sb.Grow(size)
	for i := 0; i < len(b); {
		if plainASCII(b[i]) {
			j := i + 1
			for j < len(b) && plainASCII(b[j]) {
				j++
			}
			sb.Write(b[i:j])
			i = j
			continue
		}
		class, n, r, _ := next(b[i:])
		if class == tPlain {
			sb.Write(b[i : i+n])
		} else {
			writeToken(&sb, class, b[i], r)
			if class == tMarker && b[i] == '\n' {
				sb.WriteByte('\n')
			}
		}
		i += n
	}
	return sb.String()
}

// Lines renders b as display lines. Each LF ends a line, whose last segment
// is then the `\n` marker; a trailing LF does not start an extra empty line,
// and an empty b has no lines. All segment texts share one backing string.
func Lines(b []byte) []Line {
	if len(b) == 0 {
		return nil
	}
	size, nsegs, nlines := renderedLen(b)
	var sb strings.Builder
	sb.Grow(size)
	segs := make([]Segment, 0, nsegs)
	ends := make([]int, 0, nsegs) // end offset of each segment in sb
	lines := make([]Line, 0, nlines)

	// open is the index in segs of the current Plain segment, or -1.
	open := -1
	lineStart := 0
	for i := 0; i < len(b); {
		if plainASCII(b[i]) {
			j := i + 1
			for j < len(b) && plainASCII(b[j]) {
				j++
			}
			if open < 0 {
				open = len(segs)
				segs = append(segs, Segment{Kind: Plain})
				ends = append(ends, 0)
			}
			sb.Write(b[i:j])
			ends[open] = sb.Len()
			i = j
			continue
		}
		class, n, r, _ := next(b[i:])
		switch class {
		case tPlain, tBack:
			if open < 0 {
				open = len(segs)
				segs = append(segs, Segment{Kind: Plain})
				ends = append(ends, 0)
			}
			if class == tPlain {
				sb.Write(b[i : i+n])
			} else {
				sb.WriteString(`\\`)
			}
			ends[open] = sb.Len()
		default:
			open = -1
			kind := Escape
			if class == tMarker {
				kind = Marker
			}
			writeToken(&sb, class, b[i], r)
			segs = append(segs, Segment{Kind: kind})
			ends = append(ends, sb.Len())
			if class == tMarker && b[i] == '\n' {
				lines = append(lines, Line(segs[lineStart:len(segs):len(segs)]))
				lineStart = len(segs)
			}
		}
		i += n
	}
	if lineStart < len(segs) {
		lines = append(lines, Line(segs[lineStart:len(segs):len(segs)]))
	}

	// Fill in the texts now that the backing string is complete. Segments
	// are contiguous in out except for the real line break, which String
	// has and Lines does not write.
	out := sb.String()
	start := 0
	for k := range segs {
		segs[k].Text = out[start:ends[k]]
		start = ends[k]
	}
	return lines
}

// Width returns the number of terminal cells the line occupies; East Asian
// wide characters and emoji count as two.
func (l Line) Width() int {
	w := 0
	for _, s := range l {
		w += textWidth(s.Text)
	}
	return w
}

// Render concatenates the line's segments, passing each through style.
// A nil style renders plain text.
func (l Line) Render(style func(Kind, string) string) string {
	if style == nil {
		switch len(l) {
		case 0:
			return ""
		case 1:
			return l[0].Text
		}
		n := 0
		for _, s := range l {
			n += len(s.Text)
		}
		var sb strings.Builder
		sb.Grow(n)
		for _, s := range l {
			sb.WriteString(s.Text)
		}
		return sb.String()
	}
	var sb strings.Builder
	for _, s := range l {
		sb.WriteString(style(s.Kind, s.Text))
	}
	return sb.String()
}

// Wrap splits l into pieces at most width cells wide. It never splits a
// marker or escape token, a doubled backslash, a rune or a grapheme cluster;
// a token wider than width goes alone on its own piece. Joining the pieces
// gives l again. A width below 1 is treated as 1; an empty line gives one
// empty piece.
func Wrap(l Line, width int) []Line {
	if width < 1 {
		width = 1
	}
	if l.Width() <= width {
		return []Line{l}
	}
	var (
		out []Line
		cur Line
		w   int
	)
	flush := func() {
		out = append(out, cur[:len(cur):len(cur)])
		cur = cur[len(cur):]
		w = 0
	}
	for _, seg := range l {
		if seg.Kind != Plain {
			tw := textWidth(seg.Text)
			if w > 0 && w+tw > width {
				flush()
			}
			cur = append(cur, seg)
			w += tw
			continue
		}
		text := seg.Text
		start := 0
		for pos := 0; pos < len(text); {
			n, cw := firstCluster(text[pos:])
			if text[pos] == '\\' && pos+n < len(text) {
				// Keep `\\` together: a lone `\` at a line end would
				// read as the start of an escape.
				n2, cw2 := firstCluster(text[pos+n:])
				n += n2
				cw += cw2
			}
			if w > 0 && w+cw > width {
				if pos > start {
					cur = append(cur, Segment{Kind: Plain, Text: text[start:pos]})
				}
				flush()
				start = pos
			}
			w += cw
			pos += n
		}
		if start < len(text) {
			cur = append(cur, Segment{Kind: Plain, Text: text[start:]})
		}
	}
	if len(cur) > 0 {
		flush()
	}
	return out
}

// firstCluster returns the byte length and cell width of the first grapheme
// cluster of s (len(s) > 0).
func firstCluster(s string) (n, width int) {
	if s[0] < utf8.RuneSelf && (len(s) == 1 || s[1] < utf8.RuneSelf) {
		// An ASCII byte followed by ASCII (or nothing) is a cluster of its
		// own; CR LF never occurs in rendered text.
		return 1, 1
	}
	c, w := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
	if len(c) == 0 {
		return 1, 1
	}
	return len(c), w
}

// textWidth is ansi.StringWidth with a fast path for ASCII, which is what
// markers, escapes and most traffic are.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}
