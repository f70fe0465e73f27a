// Package compose turns what the user typed into the bytes to send
// (DESIGN.md §4): text with optional escapes and CRLF line breaks, or pairs
// of hex digits, and optionally a corrected Content-Length for hand-written
// HTTP messages. Input errors name the line and column so the UI can point
// at the offending character; on error nothing should be sent.
package compose

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/netassist/netassist/netassist/render"
)

// Options say how typed text becomes bytes.
type Options struct {
	// CRLF sends each typed line break as "\r\n". A typed "\r\n" stays as
	// it is; line breaks written as escapes are sent exactly as written.
	CRLF bool
	// Escapes interprets \r \n \t \0 \\ and \xHH.
	Escapes bool
	// FixContentLength corrects the Content-Length of an HTTP/1.x message
	// after escapes and line breaks are applied (see FixContentLength).
	FixContentLength bool
	// Encoding is the character set typed characters are sent in, one of
	// render.Encodings (the receive pane's choices); the zero value is
	// UTF-8. Escapes are the bytes they name whatever the encoding. A
	// character it cannot encode makes Text return an *EncodeError.
	Encoding render.Encoding
}

// DefaultOptions returns the options a new send box starts with: CRLF and
// escapes on, Content-Length fixing off.
func DefaultOptions() Options {
	return Options{CRLF: true, Escapes: true}
}

// Error is an input error at a 1-based line and column, the column counted
// in runes, so the UI can point at the character.
type Error struct {
	Line, Col int
	Msg       string
}

// Error formats e as "line 1, col 7: invalid hex digit 'g'".
func (e *Error) Error() string {
	return fmt.Sprintf("line %d, col %d: %s", e.Line, e.Col, e.Msg)
}

// Text turns typed text into bytes according to o. A bad escape (an unknown
// `\q`, `\x` without two hex digits, a trailing lone `\`) returns an *Error
// at the position of its backslash; typed characters o.Encoding cannot
// encode return an *EncodeError listing them (nothing is to be sent).
func Text(s string, o Options) ([]byte, error) {
	out := make([]byte, 0, len(s)+len(s)/16)
	var enc *runeEncoder
	if o.Encoding != render.UTF8 {
		enc = newRuneEncoder(o.Encoding)
	}
	var bad *EncodeError
	line, col := 1, 1
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			if o.CRLF && (i == 0 || s[i-1] != '\r') {
				out = append(out, '\r')
			}
			out = append(out, '\n')
			i++
			line, col = line+1, 1
			continue
		case c == '\\' && o.Escapes:
			b, n, msg := escape(s[i:])
			if msg != "" {
				return nil, &Error{Line: line, Col: col, Msg: msg}
			}
			out = append(out, b)
			i += n
			col += n // escapes are ASCII: one rune per byte
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if enc == nil || c < utf8.RuneSelf {
			out = append(out, s[i:i+n]...)
		} else {
			ok := r != utf8.RuneError || n > 1 // a byte that is not UTF-8 is no character
			if ok {
				out, ok = enc.appendRune(out, r)
			}
			if !ok {
				u := Unencodable{Rune: r, Line: line, Col: col, At: i}
				if n == 1 {
					u.Byte = c
				}
				if bad == nil {
					bad = &EncodeError{Encoding: o.Encoding, oneLine: !strings.Contains(s, "\n")}
				}
				if len(bad.Chars) < maxUnencodable {
					bad.Chars = append(bad.Chars, u)
				} else {
					bad.More++
				}
			}
		}
		i += n
		col++
	}
	if bad != nil {
		return nil, bad
	}
	if o.FixContentLength {
		out, _ = FixContentLength(out)
	}
	return out, nil
}

// escape decodes the escape at the start of s (s[0] == '\\'). It returns
// the byte, the length of the escape, or a message explaining the error.
func escape(s string) (b byte, n int, msg string) {
	if len(s) < 2 {
		return 0, 0, `lone \ at the end (type \\ for a backslash)`
	}
	switch s[1] {
	case '\\':
		return '\\', 2, ""
	case 'r':
		return '\r', 2, ""
	case 'n':
		return '\n', 2, ""
	case 't':
		return '\t', 2, ""
	case '0':
		return 0, 2, ""
	case 'x':
		if len(s) >= 4 {
			hi, ok1 := unhex(s[2])
			lo, ok2 := unhex(s[3])
			if ok1 && ok2 {
				return hi<<4 | lo, 4, ""
			}
		}
		return 0, 0, `\x needs two hex digits, like \x0a`
	}
	r, _ := utf8.DecodeRuneInString(s[1:])
	if r == '\n' || r == '\r' {
		return 0, 0, `\ at the end of a line (type \\ for a backslash)`
	}
	const known = ` (known: \r \n \t \0 \\ \xHH)`
	if r < utf8.RuneSelf && strconv.IsGraphic(r) && r != ' ' {
		return 0, 0, `unknown escape \` + string(r) + known
	}
	return 0, 0, `unknown escape: \ followed by ` + quoteRune(r) + known
}

// quoteRune puts r in single quotes for an error message. It is not
// escaped here: whoever draws the message escapes it once, through
// netassist/render ('\x1B', '\t'), as every message is.
func quoteRune(r rune) string { return "'" + string(r) + "'" }

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
