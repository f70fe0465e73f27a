package wire

import "bytes"

// Span is the byte range [Off, Off+Len) of something in the bytes it was
// read from.
type Span struct {
	Off, Len int
}

// End is Off+Len.
func (s Span) End() int { return s.Off + s.Len }

// EOL is how a wire line ends.
type EOL uint8

const (
	// EOLNone: the line has no break (yet): the bytes ended first.
	EOLNone EOL = iota
	// EOLCRLF: CR LF, as RFC 9112 §2.2 asks.
	EOLCRLF
	// EOLLF: a bare LF, which recipients may accept (RFC 9112 §2.2) and
	// net/http does in a head (not in chunked framing).
	EOLLF
)

// Len is the number of bytes of the line break.
func (e EOL) Len() int {
	switch e {
	case EOLCRLF:
		return 2
	case EOLLF:
		return 1
	}
	return 0
}

// String is "CRLF", "LF" or "".
func (e EOL) String() string {
	switch e {
	case EOLCRLF:
		return "CRLF"
	case EOLLF:
		return "LF"
	}
	return ""
}

// Line is one wire line: its text (without the break) and how it ends.
type Line struct {
	Span     // the text, without the line break
	EOL  EOL // the break that follows it
}

// Next is the offset just after the line's break.
func (l Line) Next() int { return l.End() + l.EOL.Len() }

// CutLine returns the line of b that starts at off. A line ends at the
// first LF; a CR just before it belongs to the break. A line without LF
// runs to the end of b with EOLNone.
func CutLine(b []byte, off int) Line {
	j := bytes.IndexByte(b[off:], '\n')
	if j < 0 {
		return Line{Span: Span{off, len(b) - off}}
	}
	if j > 0 && b[off+j-1] == '\r' {
		return Line{Span: Span{off, j - 1}, EOL: EOLCRLF}
	}
	return Line{Span: Span{off, j}, EOL: EOLLF}
}

// Lines splits b into wire lines, the last one with EOLNone if b does not
// end in LF. An empty b has no lines.
func Lines(b []byte) []Line {
	lines := make([]Line, 0, bytes.Count(b, []byte{'\n'})+1)
	for off := 0; off < len(b); {
		l := CutLine(b, off)
		lines = append(lines, l)
		off = l.Next()
	}
	return lines
}

// SkipEmptyLines returns how many CR and LF bytes start b. net/http skips
// up to four of them before a request that follows a POST (the robustness
// rule of RFC 9112 §2.2); everywhere else they make the start line empty.
func SkipEmptyLines(b []byte) int {
	i := 0
	for i < len(b) && (b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// HeadEnd returns the length of the head at the start of b: the start
// line, the field lines and the empty line that ends them, which is "\r\n"
// or a bare "\n" (as net/textproto reads it). Leading CR and LF bytes are
// counted in as part of the head (see SkipEmptyLines). It returns -1 if b
// holds no complete head.
func HeadEnd(b []byte) int {
	start := SkipEmptyLines(b)
	for i := start; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return -1
		}
		i += j + 1
		switch {
		case i < len(b) && b[i] == '\n':
			return i + 1
		case i+1 < len(b) && b[i] == '\r' && b[i+1] == '\n':
			return i + 2
		}
	}
}
