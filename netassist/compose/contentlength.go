package compose

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FixContentLength corrects the classic hand-crafting mistake: if b looks
// like an HTTP/1.x message — a request or status line, header lines, then
// an empty line, with CRLF or bare LF line ends — it sets Content-Length to
// the number of body bytes after the empty line. An existing Content-Length
// keeps its name's case and its position and only has its value replaced;
// when there is none and the body is not empty, "Content-Length: N" is
// added as the last header. Messages with Transfer-Encoding, incomplete
// headers and anything that is not HTTP are returned unchanged.
//
// It returns the bytes to send and a short description of the change, such
// as "Content-Length 10 → 2", or "" when nothing changed.
func FixContentLength(b []byte) ([]byte, string) {
	type span struct{ start, end int } // a Content-Length value in b

	line, next, eol, ok := readLine(b, 0)
	if !ok || !isStartLine(line) {
		return b, ""
	}
	var (
		values    []span
		insertAt  = next // after the last header line
		insertEOL = eol
		headers   = 0
	)
	for {
		start := next
		line, next, eol, ok = readLine(b, start)
		if !ok {
			return b, "" // no empty line: not a complete header block
		}
		if len(line) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if headers == 0 {
				return b, ""
			}
			insertAt, insertEOL = next, eol // obsolete line folding
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 || !isToken(line[:colon]) {
			return b, ""
		}
		headers++
		insertAt, insertEOL = next, eol
		name := line[:colon]
		switch {
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			return b, ""
		case bytes.EqualFold(name, []byte("Content-Length")):
			vs, ve := colon+1, len(line)
			for vs < ve && (line[vs] == ' ' || line[vs] == '\t') {
				vs++
			}
			for ve > vs && (line[ve-1] == ' ' || line[ve-1] == '\t') {
				ve--
			}
			values = append(values, span{start + vs, start + ve})
		}
	}
	bodyLen := len(b) - next
	want := strconv.Itoa(bodyLen)

	if len(values) == 0 {
		if bodyLen == 0 {
			return b, ""
		}
		add := "Content-Length: " + want + insertEOL
		out := make([]byte, 0, len(b)+len(add))
		out = append(out, b[:insertAt]...)
		out = append(out, add...)
		out = append(out, b[insertAt:]...)
		return out, "added Content-Length: " + want
	}

	changed := false
	for _, v := range values {
		if string(b[v.start:v.end]) != want {
			changed = true
		}
	}
	if !changed {
		return b, ""
	}
	old := describeValue(b[values[0].start:values[0].end])
	out := make([]byte, 0, len(b)+len(values)*len(want))
	prev := 0
	for _, v := range values {
		out = append(out, b[prev:v.start]...)
		out = append(out, want...)
		prev = v.end
	}
	out = append(out, b[prev:]...)
	return out, "Content-Length " + old + " → " + want
}

// readLine returns the line of b starting at start without its line end,
// the offset after the line end, the line end itself ("\r\n" or "\n"), and
// whether a line end was found.
func readLine(b []byte, start int) (line []byte, next int, eol string, ok bool) {
	i := bytes.IndexByte(b[start:], '\n')
	if i < 0 {
		return nil, 0, "", false
	}
	line = b[start : start+i]
	eol = "\n"
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
		eol = "\r\n"
	}
	return line, start + i + 1, eol, true
}

// isStartLine reports whether line is an HTTP/1.x request line
// ("GET / HTTP/1.1") or status line ("HTTP/1.1 200 OK").
func isStartLine(line []byte) bool {
	if isVersion(line) {
		// Status line: version SP 3DIGIT [SP reason].
		rest := line[len("HTTP/1.x"):]
		if len(rest) < 4 || rest[0] != ' ' {
			return false
		}
		for _, c := range rest[1:4] {
			if c < '0' || c > '9' {
				return false
			}
		}
		return len(rest) == 4 || rest[4] == ' '
	}
	// Request line: method SP target SP version.
	sp1 := bytes.IndexByte(line, ' ')
	if sp1 <= 0 || !isToken(line[:sp1]) {
		return false
	}
	rest := line[sp1+1:]
	sp2 := bytes.IndexByte(rest, ' ')
	if sp2 <= 0 {
		return false
	}
	for _, c := range rest[:sp2] {
		if c <= ' ' || c == 0x7F {
			return false
		}
	}
	version := rest[sp2+1:]
	return len(version) == len("HTTP/1.x") && isVersion(version)
}

// isVersion reports whether b starts with "HTTP/1." and a digit.
func isVersion(b []byte) bool {
	return len(b) >= 8 && string(b[:7]) == "HTTP/1." && b[7] >= '0' && b[7] <= '9'
}

// isToken reports whether b is a non-empty RFC 9110 token.
func isToken(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// describeValue shows an old header value in a description: as is when it
// is short printable ASCII, in double quotes otherwise (not escaped: the
// description is drawn through netassist/render, which escapes it once).
func describeValue(v []byte) string {
	if len(v) == 0 {
		return "(empty)"
	}
	if len(v) > 20 {
		n := 20
		for n > 16 && !utf8.RuneStart(v[n]) {
			n--
		}
		return `"` + string(v[:n]) + `"…`
	}
	for _, c := range v {
		if c <= ' ' || c >= 0x7F {
			return `"` + string(v) + `"`
		}
	}
	return string(v)
}
