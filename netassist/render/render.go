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

// String returns the plain (unstyled) rendering of b: markers and escapes as
// text, with a real line break after each `\n` marker.
func String(b []byte) string {
	var s Stream
	s.init(UTF8)
	var o out
	o.init(false, b)
	s.feed(&o, b, true)
	return o.string()
}

// Text renders s for a message of one line (an error, a status line, a
// file name, a value quoted in a note): as String, but a `\n` marker is
// not followed by a line break, so the result holds no control or
// non-graphic character at all, e.g. "ev\u202eil\x1b[2J" gives
// `ev\u{202E}il\x1B[2J`. This is the form every message shows untrusted
// text in; it is applied once, where the message is drawn or written.
func Text(s string) string {
	if plainString(s) {
		return s
	}
	b := []byte(s)
	var st Stream
	st.init(UTF8)
	var o out
	o.init(false, b)
	o.flat = true
	st.feed(&o, b, true)
	return o.string()
}

// plainString reports whether s is printable ASCII without a backslash,
// which Text returns as it is.
func plainString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plainASCII(s[i]) {
			return false
		}
	}
	return true
}

// Lines renders b as display lines. Each LF ends a line, whose last segment
// is then the `\n` marker; a trailing LF does not start an extra empty line,
// and an empty b has no lines. All segment texts share one backing string.
func Lines(b []byte) []Line {
	if len(b) == 0 {
		return nil
	}
	var s Stream
	s.init(UTF8)
	var o out
	o.init(true, b)
	s.feed(&o, b, true)
	return o.finish()
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

// Wrap splits l into rows at most width cells wide, so no row is wider
// than its pane. It never splits a marker, a doubled backslash, a rune or a
// grapheme cluster; an escape token longer than width (`\u{10FFFD}` is 10
// cells) is the one thing cut, at a character. Joining the pieces gives l
// again. A width below 2 is treated as 2 (a wide character needs two
// cells); an empty line gives one empty piece.
func Wrap(l Line, width int) []Line {
	width = max(width, 2)
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
			// Markers and escapes are ASCII: a cell a byte. One that fits
			// a row goes whole to the next row if this one is full; one
			// longer than a row fills this row and goes on.
			text := seg.Text
			if len(text) <= width {
				if w+len(text) > width {
					flush()
				}
				cur = append(cur, seg)
				w += len(text)
				continue
			}
			for text != "" {
				if w == width {
					flush()
				}
				k := min(width-w, len(text))
				cur = append(cur, Segment{Kind: seg.Kind, Text: text[:k]})
				w += k
				text = text[k:]
			}
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
