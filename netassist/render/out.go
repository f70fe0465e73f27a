package render

import "strings"

// out collects a rendering: a string with a real line break after each
// `\n` marker (String), or display lines of segments sharing one backing
// string (Lines). A nil *out discards what it is given (ResumeAt runs the
// decoder for its state only).
type out struct {
	lines bool
	flat  bool // String mode without the line break after `\n` (Text)
	sb    strings.Builder

	// lines mode
	segs     []Segment // kinds only until finish fills in the texts
	ends     []int     // end offset of each segment in sb
	lineEnds []int     // index in segs just past each line's last segment
	open     int       // index in segs of the Plain segment being extended, or -1
}

// init sizes o for rendering b: one pass counts the ASCII bytes that
// become markers or escapes (each a segment of its own, 2 or 4 characters)
// and the line feeds. (An out is a value on the caller's stack.)
func (o *out) init(lines bool, b []byte) {
	o.lines, o.open = lines, -1
	special, lfs := 0, 0
	for _, c := range b {
		if c < 0x20 || c == 0x7F || c == '\\' {
			special++
			if c == '\n' {
				lfs++
			}
		}
	}
	o.sb.Grow(len(b) + 3*special + 8)
	if lines {
		o.segs = make([]Segment, 0, 2*special+8)
		o.ends = make([]int, 0, 2*special+8)
		o.lineEnds = make([]int, 0, lfs+1)
	}
}

// plain notes that the text just written to sb is plain.
func (o *out) plainDone() {
	if !o.lines {
		return
	}
	if o.open < 0 {
		o.open = len(o.segs)
		o.segs = append(o.segs, Segment{Kind: Plain})
		o.ends = append(o.ends, 0)
	}
	o.ends[o.open] = o.sb.Len()
}

func (o *out) plainBytes(b []byte) {
	if o == nil {
		return
	}
	o.sb.Write(b)
	o.plainDone()
}

func (o *out) plainRune(r rune) {
	if o == nil {
		return
	}
	o.sb.WriteRune(r)
	o.plainDone()
}

// backslash writes `\\`, which is plain text.
func (o *out) backslash() {
	if o == nil {
		return
	}
	o.sb.WriteString(`\\`)
	o.plainDone()
}

// token notes that the token just written to sb is one segment of kind.
func (o *out) token(kind Kind) {
	if !o.lines {
		return
	}
	o.open = -1
	o.segs = append(o.segs, Segment{Kind: kind})
	o.ends = append(o.ends, o.sb.Len())
}

// marker writes the marker for CR, LF or TAB; after `\n` a line ends.
func (o *out) marker(c byte) {
	if o == nil {
		return
	}
	o.sb.WriteString(markerText(c))
	o.token(Marker)
	if c == '\n' {
		if o.lines {
			o.lineEnds = append(o.lineEnds, len(o.segs))
		} else if !o.flat {
			o.sb.WriteByte('\n')
		}
	}
}

// escByte writes `\xHH`.
func (o *out) escByte(c byte) {
	if o == nil {
		return
	}
	o.sb.WriteString(`\x`)
	o.sb.WriteByte(hexDigits[c>>4])
	o.sb.WriteByte(hexDigits[c&0xF])
	o.token(Escape)
}

// escBytes writes `\xHH` for each byte of b.
func (o *out) escBytes(b []byte) {
	for _, c := range b {
		o.escByte(c)
	}
}

// escRune writes `\u{HHHH}` (four to six digits).
func (o *out) escRune(r rune) {
	if o == nil {
		return
	}
	o.sb.WriteString(`\u{`)
	digits := 4
	if r > 0xFFFFF {
		digits = 6
	} else if r > 0xFFFF {
		digits = 5
	}
	for i := digits - 1; i >= 0; i-- {
		o.sb.WriteByte(hexDigits[(r>>(4*uint(i)))&0xF])
	}
	o.sb.WriteByte('}')
	o.token(Escape)
}

// string returns the String form.
func (o *out) string() string { return o.sb.String() }

// finish returns the lines; all segment texts share one backing string.
func (o *out) finish() []Line {
	if len(o.segs) == 0 {
		return nil
	}
	if len(o.lineEnds) == 0 || o.lineEnds[len(o.lineEnds)-1] < len(o.segs) {
		o.lineEnds = append(o.lineEnds, len(o.segs))
	}
	s := o.sb.String()
	start := 0
	for k := range o.segs {
		o.segs[k].Text = s[start:o.ends[k]]
		start = o.ends[k]
	}
	lines := make([]Line, len(o.lineEnds))
	from := 0
	for k, end := range o.lineEnds {
		lines[k] = Line(o.segs[from:end:end])
		from = end
	}
	return lines
}

// markerText is the marker shown for CR, LF and TAB.
func markerText(c byte) string {
	switch c {
	case '\r':
		return `\r`
	case '\n':
		return `\n`
	}
	return `\t`
}

// plainASCII reports whether c is printable ASCII shown as itself.
func plainASCII(c byte) bool { return c >= 0x20 && c < 0x7F && c != '\\' }
