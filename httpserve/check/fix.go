package check

import (
	"bytes"
	"slices"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/compose"
)

// Fixable reports whether Fix knows the single right fix for f's code:
// bare-lf, no-blank-line, content-length-mismatch, content-length-invalid,
// body-without-length and cl-and-te.
func Fixable(f wire.Finding) bool {
	c, ok := codeIndex[f.Code]
	return ok && c.Fixable
}

// Fix applies the single right fix for finding f (found by Check in b)
// and returns the fixed bytes, or b and false when there is none or f
// does not describe b. b itself is never modified.
//
//   - bare-lf: a CR goes before the LF at f.Off (a head line or chunk
//     framing; body content is never touched).
//   - no-blank-line: the empty line goes before the first line that is
//     not a field line (so "…Content-Length: 5\r\nhello" gets its blank
//     line before "hello"), or at the end; it ends like the start line.
//   - content-length-mismatch, content-length-invalid, body-without-length:
//     Content-Length is set (or added) to the body's real size — the message's body must run to the end
//     of b (the last message; a body in the middle of a stream has no single
//     right length). The value is replaced in place, keeping the field's
//     position and its name's case (compose.FixContentLength, the send
//     box's own fixer).
//   - cl-and-te: the Content-Length field goes: Transfer-Encoding wins
//     (RFC 9112 §6.3), and a sender must not send both.
func Fix(b []byte, f wire.Finding) ([]byte, bool) {
	switch f.Code {
	case wire.CodeBareLF:
		return fixBareLF(b, int(f.Off))
	case wire.CodeNoBlankLine, wire.CodeCLMismatch, wire.CodeCLInvalid, wire.CodeCLAndTE, wire.CodeBodyNoLength:
	default:
		return b, false
	}
	msgs, _, _ := wire.ParseAll(b)
	i := messageAt(msgs, f.Off)
	if i < 0 {
		return b, false
	}
	m := msgs[i]
	switch f.Code {
	case wire.CodeNoBlankLine:
		return fixBlankLine(b, m)
	case wire.CodeCLAndTE:
		return dropContentLength(b, m)
	}
	if i != len(msgs)-1 || m.Head == nil || !m.Head.Complete || m.Framing == wire.FramingChunked {
		return b, false
	}
	fixed, what := compose.FixContentLength(b[m.Off:])
	if what == "" {
		return b, false
	}
	return append(slices.Clip(b[:m.Off]), fixed...), true
}

// FixAll applies every fix Fix knows, one finding at a time (each fix
// moves the offsets after it), and returns the fixed bytes and the
// findings it fixed, as they were found. It stops after a bounded number
// of rounds.
func FixAll(b []byte, o Options) ([]byte, []wire.Finding) {
	var fixed []wire.Finding
	for range 64 {
		applied := false
		for _, f := range Check(b, o) {
			if !Fixable(f) {
				continue
			}
			if out, ok := Fix(b, f); ok {
				b, applied = out, true
				fixed = append(fixed, f)
				break
			}
		}
		if !applied {
			break
		}
	}
	return b, fixed
}

// messageAt returns the index of the message that holds offset off (its
// end included: no-blank-line points just past the bytes), or -1.
func messageAt(msgs []*wire.Message, off int64) int {
	for i := len(msgs) - 1; i >= 0; i-- {
		if int64(msgs[i].Off) <= off {
			return i
		}
	}
	return -1
}

func fixBareLF(b []byte, off int) ([]byte, bool) {
	if off < 0 || off >= len(b) || b[off] != '\n' || (off > 0 && b[off-1] == '\r') {
		return b, false
	}
	return insert(b, off, "\r"), true
}

// fixBlankLine ends the head of m, whose empty line is missing.
func fixBlankLine(b []byte, m *wire.Message) ([]byte, bool) {
	if m.Head == nil || m.Head.Complete {
		return b, false
	}
	raw := b[m.Off:]
	lines := wire.Lines(raw)
	skip := wire.SkipEmptyLines(raw)
	var start wire.Line
	first := -1
	for i, l := range lines {
		if l.Off >= skip {
			start, first = l, i
			break
		}
	}
	if first < 0 {
		return b, false
	}
	eol := "\r\n"
	if start.EOL == wire.EOLLF {
		eol = "\n"
	}
	if start.EOL == wire.EOLNone {
		return append(slices.Clip(b), eol+eol...), true
	}
	for _, l := range lines[first+1:] {
		text := raw[l.Off:l.End()]
		if len(text) > 0 && (text[0] == ' ' || text[0] == '\t') {
			continue // a folded line belongs to the field above
		}
		if !fieldLine(text) {
			return insert(b, m.Off+l.Off, eol), true
		}
	}
	last := lines[len(lines)-1]
	if last.EOL == wire.EOLNone {
		return append(slices.Clip(b), eol+eol...), true
	}
	return append(slices.Clip(b), eol...), true
}

// fieldLine reports whether text reads as "name: value" with a token name
// (RFC 9110 §5.6.2).
func fieldLine(text []byte) bool {
	name, _, ok := bytes.Cut(text, []byte(":"))
	if !ok || len(name) == 0 {
		return false
	}
	for _, c := range name {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case bytes.IndexByte([]byte("!#$%&'*+-.^_`|~"), c) >= 0:
		default:
			return false
		}
	}
	return true
}

// dropContentLength removes every Content-Length line of m's head.
func dropContentLength(b []byte, m *wire.Message) ([]byte, bool) {
	h := m.Head
	if h == nil {
		return b, false
	}
	var out []byte
	prev := 0
	for _, hl := range h.Lines() {
		if hl.Kind != wire.LineField || !wire.EqualFold(h.Fields[hl.Field].Name, "Content-Length") {
			continue
		}
		out = append(out, b[prev:m.Off+hl.Off]...)
		prev = m.Off + hl.Next()
	}
	if out == nil && prev == 0 {
		return b, false
	}
	return append(out, b[prev:]...), true
}

func insert(b []byte, at int, s string) []byte {
	out := make([]byte, 0, len(b)+len(s))
	out = append(out, b[:at]...)
	out = append(out, s...)
	return append(out, b[at:]...)
}
