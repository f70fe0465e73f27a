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
	return UTF8, fmt.Errorf("render: unknown encoding %s (known: UTF-8, GBK, GB18030, Latin-1)", strconv.QuoteToGraphic(s))
}

// StringEnc is String for bytes in encoding enc. See LinesEnc for the
// rules.
func StringEnc(b []byte, enc Encoding) string {
	if enc == UTF8 || enc >= numEncodings {
		return String(b)
	}
	s, _ := renderEnc(b, enc, false)
	return s
}

// LinesEnc is Lines for bytes in encoding enc, with the same sanitizing
// rules (DESIGN.md §5) applied to the decoded characters:
//
//   - bytes below 0x80 are ASCII in every supported encoding and are shown
//     exactly as Lines shows them: `\\`, the `\r` `\n` `\t` markers, `\xHH`
//     for other controls and DEL;
//   - a character is shown as itself only if it decodes to one graphic
//     rune that encodes back to exactly the same bytes;
//   - anything else — a byte sequence the charset does not define, a
//     truncated sequence, a decoded control (Latin-1 0x80–0x9F, the soft
//     hyphen 0xAD), private-use or other non-graphic runes, and the few
//     GBK/GB18030 codes that share a character with another code (GB18030
//     0x80 decodes to "€", which GB18030 writes A2 E3) — becomes `\xHH` of
//     each of its original bytes, never `\u{…}`.
//
// So every escape stands for the original bytes and every plain character
// re-encodes to its own: reading the output back (markers and escapes as
// bytes, plain text encoded with enc) gives b exactly, for every encoding.
// Note that Unescape, which reads plain text as UTF-8, is the inverse only
// for UTF8. The UTF8 choice (and an unknown one) is exactly Lines.
func LinesEnc(b []byte, enc Encoding) []Line {
	if enc == UTF8 || enc >= numEncodings {
		return Lines(b)
	}
	_, lines := renderEnc(b, enc, true)
	return lines
}

// renderEnc renders b in a legacy encoding: as a string with real line
// breaks after `\n` markers, or (withLines) as lines of segments that
// share one backing string.
func renderEnc(b []byte, enc Encoding, withLines bool) (string, []Line) {
	if len(b) == 0 {
		return "", nil
	}
	d := newCharDecoder(enc)
	var (
		sb       strings.Builder
		segs     []Segment
		ends     []int // end offset of each segment in sb
		lineEnds []int // index in segs after each line's last segment
		open     = -1  // index in segs of the current Plain segment
	)
	sb.Grow(len(b) + len(b)/2)
	// plain notes that the text just written to sb is plain.
	plain := func() {
		if !withLines {
			return
		}
		if open < 0 {
			open = len(segs)
			segs = append(segs, Segment{Kind: Plain})
			ends = append(ends, 0)
		}
		ends[open] = sb.Len()
	}
	// token notes that the token just written to sb is a segment of kind.
	token := func(kind Kind) {
		if withLines {
			open = -1
			segs = append(segs, Segment{Kind: kind})
			ends = append(ends, sb.Len())
		}
	}
	for i := 0; i < len(b); {
		c := b[i]
		if plainASCII(c) {
			j := i + 1
			for j < len(b) && plainASCII(b[j]) {
				j++
			}
			sb.Write(b[i:j])
			plain()
			i = j
			continue
		}
		if c < utf8.RuneSelf {
			class, _, _, _ := next(b[i : i+1])
			switch class {
			case tBack:
				sb.WriteString(`\\`)
				plain()
			case tMarker:
				writeToken(&sb, class, c, 0)
				token(Marker)
				if c == '\n' {
					if withLines {
						lineEnds = append(lineEnds, len(segs))
					} else {
						sb.WriteByte('\n')
					}
				}
			default:
				writeToken(&sb, tByte, c, 0)
				token(Escape)
			}
			i++
			continue
		}
		r, n, ok := d.decode(b[i:])
		if ok && strconv.IsGraphic(r) {
			sb.WriteRune(r)
			plain()
		} else {
			for _, x := range b[i : i+n] {
				writeToken(&sb, tByte, x, 0)
				token(Escape)
			}
		}
		i += n
	}
	if !withLines {
		return sb.String(), nil
	}
	// segs is complete, so lines can share it now.
	if len(lineEnds) == 0 || lineEnds[len(lineEnds)-1] < len(segs) {
		lineEnds = append(lineEnds, len(segs))
	}
	out := sb.String()
	start := 0
	for k := range segs {
		segs[k].Text = out[start:ends[k]]
		start = ends[k]
	}
	lines := make([]Line, len(lineEnds))
	from := 0
	for k, end := range lineEnds {
		lines[k] = Line(segs[from:end:end])
		from = end
	}
	return out, lines
}

// charDecoder decodes one non-ASCII character at a time in a legacy
// encoding and checks that it encodes back to the same bytes. It is not
// safe for concurrent use; renderEnc makes one per call.
type charDecoder struct {
	enc      Encoding
	dec, ecd transform.Transformer // nil for Latin-1
	rbuf     [16]byte              // decoded UTF-8
	ebuf     [16]byte              // re-encoded bytes
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

// decode decodes the character at the start of b (b[0] >= 0x80). It
// returns the rune, the length n of the byte sequence the charset makes of
// it (1 for a byte that starts nothing valid), and ok when the sequence is
// one character that encodes back to exactly b[:n].
func (d *charDecoder) decode(b []byte) (r rune, n int, ok bool) {
	if d.enc == Latin1 {
		return rune(b[0]), 1, true
	}
	n = gbUnitLen(b, d.enc == GB18030)
	d.dec.Reset()
	nDst, nSrc, err := d.dec.Transform(d.rbuf[:], b[:n], true)
	if err != nil || nSrc != n {
		return 0, n, false
	}
	r, size := utf8.DecodeRune(d.rbuf[:nDst])
	if size != nDst || (r == utf8.RuneError && size <= 1) {
		return 0, n, false
	}
	d.ecd.Reset()
	m, _, err := d.ecd.Transform(d.ebuf[:], d.rbuf[:nDst], true)
	if err != nil || string(d.ebuf[:m]) != string(b[:n]) {
		return r, n, false
	}
	return r, n, true
}

// gbUnitLen is the length of the GBK/GB18030 byte sequence starting at b
// (b[0] >= 0x80), as the WHATWG decoders delimit it: two bytes for a lead
// 0x81–0xFE and a trail 0x40–0x7E or 0x80–0xFE; in GB18030, four for a lead,
// a digit, a byte 0x81–0xFE and a digit; otherwise the first byte alone.
func gbUnitLen(b []byte, gb18030 bool) int {
	c0 := b[0]
	if c0 < 0x81 || c0 == 0xFF || len(b) < 2 {
		return 1
	}
	c1 := b[1]
	switch {
	case 0x40 <= c1 && c1 <= 0x7E, 0x80 <= c1 && c1 <= 0xFE:
		return 2
	case gb18030 && '0' <= c1 && c1 <= '9':
		if len(b) >= 4 && 0x81 <= b[2] && b[2] <= 0xFE && '0' <= b[3] && b[3] <= '9' {
			return 4
		}
	}
	return 1
}
