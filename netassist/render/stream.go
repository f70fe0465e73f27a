package render

import (
	"strconv"
	"unicode/utf8"
)

// Stream renders one direction of one connection read by read, exactly as
// the whole stream would render at once: a character split across two
// reads (你 as E4 BD | A0, or GBK 好 as BA | C3) is put back together.
//
// The rule for a split character: the bytes of a character still
// incomplete at the end of a read are held, not shown, and shown with the
// next read of the same stream — as the character if it completes, as
// `\xHH` escapes if it does not. So 你好世界 in UTF-8 sent as 4 + 8 bytes
// renders "你" then "好世界", and GBK 你好世界 sent as 3 + 5 bytes renders
// "你" then "好世界" (decoding the second read alone gave 檬澜…, out of
// step). Flush shows what is held when the stream ends. Concatenating the
// renderings of the reads, then Flush, gives exactly the rendering of the
// unsplit stream (a fuzz test checks every split), so the byte-exact round
// trip of Unescape holds across reads too.
//
// GBK and GB18030 are not self-synchronising: where a character starts
// depends on every byte since the last one that can only start a
// character (ASCII below '@', except the GB18030 digits, and 0x7F, 0xFF).
// So that a view can start anywhere after looking back a bounded number of
// bytes (ResumeAt), a run of ResyncEvery (64 KiB) bytes with no such byte
// is cut at every multiple of ResyncEvery in the stream: a character
// straddling the cut is shown as escapes and the run is decoded afresh
// from the cut (in step or not: there is no way to tell). Text has line
// breaks, spaces, digits or ASCII punctuation far more often than that, and
// so do binary bytes (a quarter of all byte values start a character).
//
// A Stream is not safe for concurrent use.
type Stream struct {
	enc Encoding
	dec *charDecoder // GBK, GB18030

	held  [utf8.UTFMax]byte // an incomplete character at the end of the last read
	nHeld int
	next  int64 // stream offset of the next byte to be read; the held bytes end here

	// ctx is what the width rule (grapheme.go) needs of the token
	// before: 0, not a narrow character shown as itself; n > 0, a narrow
	// base shown as itself carrying n-1 marks.
	ctx uint8
	// lastSync is the offset of the last byte that can only start a
	// character (GBK, GB18030), -1 if none yet.
	lastSync int64
}

// ResyncEvery is the longest run of GBK or GB18030 bytes decoded as one
// sequence of characters: see Stream.
const ResyncEvery = 64 << 10

// resyncEvery is ResyncEvery; tests make it small.
var resyncEvery int64 = ResyncEvery

// NewStream returns a Stream at the start of a stream in encoding enc (an
// unknown one is UTF-8).
func NewStream(enc Encoding) *Stream {
	s := &Stream{}
	s.init(enc)
	return s
}

func (s *Stream) init(enc Encoding) {
	if enc >= numEncodings {
		enc = UTF8
	}
	s.enc, s.lastSync = enc, -1
	if enc == GBK || enc == GB18030 {
		s.dec = newCharDecoder(enc)
	}
}

// LookBack is how many bytes before a position ResumeAt needs to know the
// decoder's state there exactly: 64 for UTF-8 (enough for a held character
// and the marks before it), 0 for Latin-1, 2×ResyncEvery+8 for GBK and
// GB18030 (where the last character start may lie that far back, in a run
// with no ASCII; in text it is a few bytes back, and ResumeAt decodes only
// from there).
func LookBack(enc Encoding) int {
	switch enc {
	case GBK, GB18030:
		return int(2*resyncEvery + 8)
	case Latin1:
		return 0
	}
	return 64
}

// ResumeAt returns a Stream positioned at stream offset off, in the state
// the whole stream would have left it there: tail is the stream's bytes
// just before off, oldest first — the last LookBack(enc) bytes of the
// previous reads of the same connection and direction, or all of them if
// there are fewer. A view that draws only the visible reads uses it to
// render read N without the reads before it: ResumeAt(enc, chunk.Offset,
// tail).Lines(chunk.Data). With a shorter tail (the reads before were
// dropped from memory) the state is a best guess: a character split at
// that point shows as escapes.
func ResumeAt(enc Encoding, off int64, tail []byte) *Stream {
	s := NewStream(enc)
	base := off - int64(len(tail))
	if base < 0 {
		tail, base = tail[-base:], 0
	}
	var a int
	switch s.enc {
	case Latin1:
		a = len(tail)
	case UTF8:
		a = anchorUTF8(base, tail)
	default:
		var forced bool
		a, forced = s.anchorGB(base, tail)
		if forced {
			// No byte that starts a character in the ResyncEvery bytes
			// before the cut, by definition.
			s.lastSync = base + int64(a) - resyncEvery - 1
		}
	}
	s.next = base + int64(a)
	s.feed(nil, tail[a:], false)
	return s
}

// anchorUTF8 is where in tail decoding can start and reach the end in the
// same state as the whole stream: the last ASCII byte (a character of its
// own, whose token sets the context), or, in a tail with none, the first
// rune start, far enough back for the context to have settled.
func anchorUTF8(base int64, tail []byte) int {
	for k := len(tail) - 1; k >= 0; k-- {
		if tail[k] < utf8.RuneSelf {
			return k
		}
	}
	if base == 0 {
		return 0
	}
	for k := 0; k < len(tail) && k < utf8.UTFMax; k++ {
		if utf8.RuneStart(tail[k]) {
			return k
		}
	}
	return len(tail)
}

// anchorGB is where in tail GBK/GB18030 decoding can start: the last byte
// that can only start a character, unless a cut (see Stream) came after
// it; forced says the anchor is a cut.
func (s *Stream) anchorGB(base int64, tail []byte) (a int, forced bool) {
	p := base + int64(len(tail))
	q := p - p%resyncEvery // the last possible cut at or before p
	for k := len(tail) - 1; k >= 0; k-- {
		if s.isSync(tail[k]) {
			if at := base + int64(k); q > at && at < q-resyncEvery {
				return int(q - base), true
			}
			return k, false
		}
	}
	switch {
	case q > 0 && q-resyncEvery >= base:
		return int(q - base), true // no sync byte in the ResyncEvery bytes before q
	case base == 0:
		return 0, false // the stream's start
	case q >= base:
		return int(q - base), true // a best guess: the tail is too short
	}
	return 0, true
}

// isSync reports whether c can only start a character (GBK, GB18030): it
// is never a trail byte (0x40–0x7E, 0x80–0xFE) nor, in GB18030, a digit
// of a four-byte sequence.
func (s *Stream) isSync(c byte) bool {
	if s.enc == GB18030 {
		return c < '0' || ('9' < c && c < 0x40) || c == 0x7F || c == 0xFF
	}
	return c < 0x40 || c == 0x7F || c == 0xFF
}

// Lines renders the next bytes of the stream as display lines (see
// Lines); an incomplete character at the end is held for the next call.
func (s *Stream) Lines(b []byte) []Line {
	var o out
	o.init(true, b)
	s.feed(&o, b, false)
	return o.finish()
}

// String renders the next bytes of the stream as String does; an
// incomplete character at the end is held for the next call.
func (s *Stream) String(b []byte) string {
	var o out
	o.init(false, b)
	s.feed(&o, b, false)
	return o.string()
}

// Held is how many bytes the stream holds: the start of a character the
// next read may complete (0 to 3).
func (s *Stream) Held() int { return s.nHeld }

// FlushLines renders what is held as the stream's end: `\xHH` escapes
// (nil if nothing is held).
func (s *Stream) FlushLines() []Line {
	if s.nHeld == 0 {
		return nil
	}
	var o out
	o.init(true, s.held[:s.nHeld])
	s.feed(&o, nil, true)
	return o.finish()
}

// FlushString is FlushLines as a string ("" if nothing is held).
func (s *Stream) FlushString() string {
	if s.nHeld == 0 {
		return ""
	}
	var o out
	o.init(false, s.held[:s.nHeld])
	s.feed(&o, nil, true)
	return o.string()
}

// feed renders b, the stream's next bytes, into o (nil: keep the state
// only). final says the stream ends after b: nothing is held.
func (s *Stream) feed(o *out, b []byte, final bool) {
	start := s.next
	s.next += int64(len(b))
	i := 0
	if h := s.nHeld; h > 0 {
		// Decode across the join: the held bytes and enough of b for the
		// longest character (4 bytes) that starts among them.
		var tmp [2 * utf8.UTFMax]byte
		copy(tmp[:], s.held[:h])
		n := h + copy(tmp[h:], b)
		whole := n-h == len(b) // tmp ends where b ends
		s.nHeld = 0
		j, holding := s.run(o, tmp[:n], start-int64(h), h, whole && !final)
		if holding {
			s.nHeld = copy(s.held[:], tmp[j:n])
			return
		}
		i = j - h
	}
	j, holding := s.run(o, b[i:], start+int64(i), len(b)-i, !final)
	if holding {
		s.nHeld = copy(s.held[:], b[i+j:])
	}
}

// run renders the tokens of b (at stream offset base) that start before
// stop. When mayHold, a character that the end of b leaves incomplete is
// not rendered: run returns its index and holding.
func (s *Stream) run(o *out, b []byte, base int64, stop int, mayHold bool) (int, bool) {
	legacy := s.enc != UTF8
	i := 0
	for i < stop {
		c := b[i]
		if c < utf8.RuneSelf {
			if plainASCII(c) {
				j := i + 1
				for j < stop && plainASCII(b[j]) {
					j++
				}
				if s.dec != nil {
					for k := j - 1; k >= i; k-- {
						if s.isSync(b[k]) {
							s.lastSync = base + int64(k)
							break
						}
					}
				}
				o.plainBytes(b[i:j])
				s.ctx = 1
				i = j
				continue
			}
			switch {
			case c == '\\':
				o.backslash()
			case c == '\r' || c == '\n' || c == '\t':
				o.marker(c)
			default:
				o.escByte(c)
			}
			if s.dec != nil && s.isSync(c) {
				s.lastSync = base + int64(i)
			}
			s.ctx = 0
			i++
			continue
		}
		if !legacy {
			if mayHold && !utf8.FullRune(b[i:]) {
				return i, true
			}
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				o.escByte(c)
				s.ctx = 0
				i++
				continue
			}
			s.emitRune(o, r, b[i:i+n], false)
			i += n
			continue
		}
		if s.enc == Latin1 {
			s.emitRune(o, rune(c), b[i:i+1], true)
			i++
			continue
		}
		n, ok := s.gbToken(b[i:], base+int64(i), mayHold)
		if !ok {
			return i, true
		}
		unit := b[i : i+n]
		if r, valid := s.dec.decode(unit); valid {
			s.emitRune(o, r, unit, true)
		} else {
			o.escBytes(unit)
			s.ctx = 0
		}
		i += n
	}
	return i, false
}

// gbToken is the length of the GBK/GB18030 unit at the start of b (stream
// offset p, b[0] >= 0x80), or !ok when the end of b leaves it incomplete
// and mayHold. A unit never straddles a cut (see Stream).
func (s *Stream) gbToken(b []byte, p int64, mayHold bool) (n int, ok bool) {
	if p > 0 && p%resyncEvery == 0 && s.lastSync < p-resyncEvery {
		s.ctx = 0 // a cut: start afresh
	}
	avail, cut := b, false
	if q := (p/resyncEvery + 1) * resyncEvery; s.lastSync < q-resyncEvery && q-p <= int64(len(b)) {
		avail, cut = b[:q-p], true
	}
	n, complete := gbUnit(avail, s.enc == GB18030)
	if !complete && !cut && mayHold {
		return 0, false
	}
	return n, true
}

// gbUnit is the length of the GBK/GB18030 byte sequence starting at b
// (b[0] >= 0x80), as the WHATWG decoders delimit it: two bytes for a lead
// 0x81–0xFE and a trail 0x40–0x7E or 0x80–0xFE; in GB18030, four for a
// lead, a digit, a byte 0x81–0xFE and a digit; otherwise the first byte
// alone. complete is false when more bytes after b could make the unit
// longer (then n is its length if the stream ends with b).
func gbUnit(b []byte, gb18030 bool) (n int, complete bool) {
	c0 := b[0]
	if c0 < 0x81 || c0 == 0xFF {
		return 1, true
	}
	if len(b) < 2 {
		return 1, false
	}
	c1 := b[1]
	switch {
	case 0x40 <= c1 && c1 <= 0x7E, 0x80 <= c1 && c1 <= 0xFE:
		return 2, true
	case gb18030 && '0' <= c1 && c1 <= '9':
		if len(b) < 3 {
			return 1, false
		}
		if b[2] < 0x81 || b[2] == 0xFF {
			return 1, true
		}
		if len(b) < 4 {
			return 1, false
		}
		if '0' <= b[3] && b[3] <= '9' {
			return 4, true
		}
	}
	return 1, true
}

// emitRune renders one decoded character by the rules of DESIGN.md §5 and
// the width rule (grapheme.go). raw is its bytes; legacy says they are not
// UTF-8, so an escape shows them as `\xHH` (the round trip gives them
// back) rather than `\u{…}`.
func (s *Stream) emitRune(o *out, r rune, raw []byte, legacy bool) {
	plain := false
	if strconv.IsGraphic(r) {
		switch classify(r) {
		case classBase:
			plain = true
			s.ctx = 0
			if narrow(r) {
				s.ctx = 1
			}
		case classMark:
			if s.ctx > 0 && s.ctx <= maxMarks {
				plain = true
				s.ctx++
			}
		}
	}
	switch {
	case plain && legacy:
		o.plainRune(r)
	case plain:
		o.plainBytes(raw)
	case legacy:
		o.escBytes(raw)
		s.ctx = 0
	default:
		o.escRune(r)
		s.ctx = 0
	}
}
