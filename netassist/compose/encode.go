package compose

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/netassist/netassist/netassist/render"
)

// Sending in the receive encoding (issue 15 item 7): devices taught with
// NetAssist expect GBK, so typed text can be encoded as the receive pane
// decodes (render.Encodings: UTF-8, GBK, GB18030, Latin-1). Escapes and
// hex stay the bytes typed; only typed characters are encoded.

// Unencodable is a typed character the chosen encoding has no bytes for.
type Unencodable struct {
	Rune rune // utf8.RuneError for a byte that is not UTF-8: Byte says which
	Byte byte // 0 for a character
	// Line and Col are 1-based, Col counted in characters (as Error's);
	// At is the byte offset in the typed text, for a UI to point at.
	Line, Col, At int
}

// maxUnencodable bounds EncodeError.Chars.
const maxUnencodable = 100

// EncodeError says which typed characters an encoding cannot encode:
// nothing should be sent. Chars lists them in order (at most 100; More
// counts the rest).
type EncodeError struct {
	Encoding render.Encoding
	Chars    []Unencodable
	More     int
	oneLine  bool // the text has one line: positions are columns only
}

// Error names the first few, e.g. `'€' at col 12 cannot be encoded in
// Latin-1` or `'😀' at line 2, col 1, '😁' at line 2, col 3 (and 4 more)
// cannot be encoded in GBK`.
func (e *EncodeError) Error() string {
	const show = 3
	var parts []string
	for _, u := range e.Chars[:min(show, len(e.Chars))] {
		ch := quoteRune(u.Rune)
		if u.Byte != 0 {
			ch = fmt.Sprintf(`byte '\x%02x' (not UTF-8)`, u.Byte)
		}
		where := "line " + strconv.Itoa(u.Line) + ", col " + strconv.Itoa(u.Col)
		if e.oneLine {
			where = "col " + strconv.Itoa(u.Col)
		}
		parts = append(parts, ch+" at "+where)
	}
	msg := strings.Join(parts, ", ")
	if n := len(e.Chars) - show + e.More; n > 0 {
		msg += fmt.Sprintf(" (and %d more)", n)
	}
	return msg + " cannot be encoded in " + e.Encoding.String()
}

// runeEncoder encodes one character at a time in a legacy encoding.
type runeEncoder struct {
	enc render.Encoding
	t   transform.Transformer // GBK, GB18030
	src [utf8.UTFMax]byte
	dst [8]byte
}

func newRuneEncoder(enc render.Encoding) *runeEncoder {
	e := &runeEncoder{enc: enc}
	switch enc {
	case render.GBK:
		e.t = simplifiedchinese.GBK.NewEncoder()
	case render.GB18030:
		e.t = simplifiedchinese.GB18030.NewEncoder()
	}
	return e
}

// appendRune appends r encoded to dst; ok is false when the encoding has
// no bytes for r.
func (e *runeEncoder) appendRune(dst []byte, r rune) ([]byte, bool) {
	switch {
	case r < utf8.RuneSelf:
		return append(dst, byte(r)), true // ASCII is ASCII in all of them
	case e.enc == render.Latin1:
		if r > 0xFF {
			return dst, false
		}
		return append(dst, byte(r)), true
	case e.t == nil: // UTF-8
		return utf8.AppendRune(dst, r), true
	}
	n := utf8.EncodeRune(e.src[:], r)
	e.t.Reset()
	m, _, err := e.t.Transform(e.dst[:], e.src[:n], true)
	if err != nil {
		return dst, false
	}
	return append(dst, e.dst[:m]...), true
}
