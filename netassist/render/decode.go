package render

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Encoding is the character set the text view decodes received bytes with.
// Many devices and Chinese Windows peers send GBK rather than UTF-8.
type Encoding uint8

const (
	// UTF8 is the default: LinesEnc and StringEnc are exactly Lines and
	// String.
	UTF8 Encoding = iota
	// GBK is Code Page 936 as the WHATWG Encoding Standard defines it
	// (0x80 is the euro sign).
	GBK
	// GB18030 is GBK extended with four-byte sequences covering all of
	// Unicode.
	GB18030
	// Latin1 is ISO 8859-1: each byte is the code point of the same value.
	Latin1

	numEncodings
)

var encodingNames = [numEncodings]string{"UTF-8", "GBK", "GB18030", "Latin-1"}

// Encodings returns the choices in the order a toggle cycles through them.
func Encodings() []Encoding { return []Encoding{UTF8, GBK, GB18030, Latin1} }

// String returns the encoding's usual name ("UTF-8", "GBK", …).
func (e Encoding) String() string {
	if e < numEncodings {
		return encodingNames[e]
	}
	return "Encoding(" + strconv.Itoa(int(e)) + ")"
}

// ParseEncoding reads an encoding name, ignoring case and punctuation:
// "utf8", "UTF-8", "gbk", "cp936", "gb18030", "latin1", "ISO-8859-1".
func ParseEncoding(s string) (Encoding, error) {
	key := strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return r
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, s)
	switch key {
	case "utf8":
		return UTF8, nil
	case "gbk", "cp936":
		return GBK, nil
	case "gb18030":
		return GB18030, nil
	case "latin1", "iso88591":
		return Latin1, nil
	}
	return UTF8, fmt.Errorf(`render: unknown encoding "%s" (known: UTF-8, GBK, GB18030, Latin-1)`, s)
}

// StringEnc is String for bytes in encoding enc. See LinesEnc for the
// rules.
func StringEnc(b []byte, enc Encoding) string {
	var s Stream
	s.init(enc)
	var o out
	o.init(false, b)
	s.feed(&o, b, true)
	return o.string()
}

// LinesEnc is Lines for bytes in encoding enc, with the same sanitizing
// rules (DESIGN.md §5) applied to the decoded characters:
//
//   - bytes below 0x80 are ASCII in every supported encoding and are shown
//     exactly as Lines shows them: `\\`, the `\r` `\n` `\t` markers, `\xHH`
//     for other controls and DEL;
//   - a character is shown as itself only if it decodes to one graphic
//     rune that encodes back to exactly the same bytes and the width rule
//     (grapheme.go) lets it stand;
//   - anything else — a byte sequence the charset does not define, a
//     truncated sequence, a decoded control (Latin-1 0x80–0x9F, the soft
//     hyphen 0xAD), private-use or other non-graphic runes, a character of
//     uncertain width, and the few GBK/GB18030 codes that share a
//     character with another code (GB18030 0x80 decodes to "€", which
//     GB18030 writes A2 E3) — becomes `\xHH` of each of its original
//     bytes, never `\u{…}`.
//
// So every escape stands for the original bytes and every plain character
// re-encodes to its own: reading the output back (markers and escapes as
// bytes, plain text encoded with enc) gives b exactly, for every encoding.
// Note that Unescape, which reads plain text as UTF-8, is the inverse only
// for UTF8. The UTF8 choice (and an unknown one) is exactly Lines. GBK and
// GB18030 resynchronise as Stream describes.
func LinesEnc(b []byte, enc Encoding) []Line {
	if len(b) == 0 {
		return nil
	}
	var s Stream
	s.init(enc)
	var o out
	o.init(true, b)
	s.feed(&o, b, true)
	return o.finish()
}

// charDecoder decodes one non-ASCII character at a time in GBK or GB18030
// and checks that it encodes back to the same bytes. It is not safe for
// concurrent use; each Stream has its own.
type charDecoder struct {
	enc      Encoding
	dec, ecd transform.Transformer
	rbuf     [16]byte // decoded UTF-8
	ebuf     [16]byte // re-encoded bytes
}

func newCharDecoder(enc Encoding) *charDecoder {
	d := &charDecoder{enc: enc}
	switch enc {
	case GBK:
		d.dec, d.ecd = simplifiedchinese.GBK.NewDecoder(), simplifiedchinese.GBK.NewEncoder()
	case GB18030:
		d.dec, d.ecd = simplifiedchinese.GB18030.NewDecoder(), simplifiedchinese.GB18030.NewEncoder()
	}
	return d
}

// decode decodes unit, one GBK/GB18030 byte sequence as gbUnit delimits
// it. ok says unit is one character that encodes back to exactly unit.
func (d *charDecoder) decode(unit []byte) (r rune, ok bool) {
	d.dec.Reset()
	nDst, nSrc, err := d.dec.Transform(d.rbuf[:], unit, true)
	if err != nil || nSrc != len(unit) {
		return 0, false
	}
	r, size := utf8.DecodeRune(d.rbuf[:nDst])
	if size != nDst || (r == utf8.RuneError && size <= 1) {
		return 0, false
	}
	d.ecd.Reset()
	m, _, err := d.ecd.Transform(d.ebuf[:], d.rbuf[:nDst], true)
	if err != nil || string(d.ebuf[:m]) != string(unit) {
		return r, false
	}
	return r, true
}
