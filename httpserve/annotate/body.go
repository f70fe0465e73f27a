package annotate

import (
	"bytes"
	"errors"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/render"
)

// decodeLimit bounds how much of an encoded body is decoded to measure it.
const decodeLimit = 16 << 20

// body annotates what follows the head: the framing verdict, then the
// bytes (text, hex rows, or chunks).
func (a *annotator) body(m *wire.Message, next int) []Segment {
	start := m.Off + m.HeadLen
	v := Segment{Kind: KindVerdict, Off: start}
	v.Notes = a.framing(m, next)
	out := []Segment{v}
	enc := a.encoding(m)
	if enc.note != "" {
		out[0].Notes = append(out[0].Notes, Note{Kind: NoteFraming, Text: enc.note})
	}
	binary := enc.coded || isBinary(m)
	switch m.Framing {
	case wire.FramingNone:
		return out
	case wire.FramingChunked:
		out = append(out, a.chunks(m, binary)...)
	default:
		out = append(out, a.bytes(start, m.WireBody, binary, m)...)
	}
	if enc.decoded != nil && a.o.MaxBody > 0 {
		shown := cut(enc.decoded, a.o.MaxBody)
		d := Segment{Kind: KindDecoded, Off: start, Data: shown}
		d.Notes = append(d.Notes, Note{Kind: NoteFraming, Text: a.t.DecodedShown(enc.coding, a.p.Bytes(int64(len(shown))))})
		if more := len(enc.decoded) - len(shown); more > 0 {
			d.Notes = append(d.Notes, Note{Kind: NoteFraming, Text: a.t.More(a.p.Bytes(int64(more)))})
		}
		out = append(out, d)
	}
	return out
}

// framing says how the body is delimited and whether it fits.
func (a *annotator) framing(m *wire.Message, next int) []Note {
	h := m.Head
	var notes []Note
	add := func(s string) { notes = append(notes, Note{Kind: NoteFraming, Text: s}) }
	te, cl := len(h.Values("Transfer-Encoding")) > 0, len(h.Values("Content-Length")) > 0
	switch {
	case te && !h.Start.AtLeast(1, 1):
		add(a.p.HTTP10IgnoresTE)
	case te && cl:
		add(a.p.TEOverridesCL)
	}
	n := int64(len(m.WireBody))
	switch m.Framing {
	case wire.FramingNone:
		code := h.Start.Code
		switch {
		case m.Tunnel:
			add(a.t.Tunnel)
		case h.Start.Request:
			add(a.p.NoRequestBody)
		case code/100 == 1 || code == 204 || code == 304:
			add(a.p.NoBodyStatus(code))
		default:
			add(a.p.NoBodyHEAD)
		}
	case wire.FramingLength:
		switch extra := int64(next - (m.Off + m.Len)); {
		case !m.Complete && a.o.Cut:
			add(a.t.CutLength(a.p.Bytes(m.ContentLength), a.p.Bytes(n)))
		case !m.Complete:
			add(a.p.LengthMismatch(m.ContentLength, n))
		case extra > 0 && next == len(a.src) && hasCode(m.Findings, wire.CodeCLMismatch):
			add(a.p.LengthMismatch(m.ContentLength, n+extra))
		default:
			add(a.p.LengthMatches(n))
		}
	case wire.FramingChunked:
		chunks := 0
		for _, c := range m.Chunks {
			if c.Size > 0 {
				chunks++
			}
		}
		if m.Complete && m.LastChunk {
			add(a.p.Chunked(chunks, int64(len(m.Body))))
		} else {
			add(a.p.ChunkedUnfinished(chunks, int64(len(m.Body))))
		}
	case wire.FramingClose:
		add(a.p.UntilClose + ": " + a.p.Bytes(n))
	}
	if a.o.Cut && next == len(a.src) && !m.Complete {
		add(a.t.Cut(a.p.Bytes(int64(len(a.src)))))
	}
	return notes
}

// coding is what Content-Encoding did to a body.
type coding struct {
	coding  string // as sent, rendered
	coded   bool   // a coding other than identity applies
	note    string // its sizes, or why it does not decode
	decoded []byte // the decoded body, nil if it does not decode
}

// encoding measures a content-encoded body: its size as sent and decoded.
func (a *annotator) encoding(m *wire.Message) coding {
	ce := strings.TrimSpace(m.ContentEncoding())
	if ce == "" || strings.EqualFold(ce, "identity") || len(m.Body) == 0 {
		return coding{}
	}
	c := coding{coding: show(ce), coded: true}
	dec, err := wire.DecodeLimit(ce, m.Body, decodeLimit)
	switch {
	case err == nil:
		c.decoded = dec
		c.note = a.t.Encoded(c.coding, a.p.Bytes(int64(len(m.Body))), a.p.Bytes(int64(len(dec))))
	case errors.Is(err, wire.ErrDecodedTooLarge):
		c.decoded = dec
		c.note = a.t.Encoded(c.coding, a.p.Bytes(int64(len(m.Body))), "> "+a.p.Bytes(int64(len(dec))))
	case errors.Is(err, wire.ErrUnknownEncoding):
		c.note = a.t.UnknownCoding(c.coding)
	default:
		c.note = a.t.NotDecoded(c.coding)
	}
	return c
}

// bytes shows body bytes found at off: as text up to MaxBody, or, when
// binary, as hex rows up to HexBytes.
func (a *annotator) bytes(off int, b []byte, binary bool, m *wire.Message) []Segment {
	if len(b) == 0 {
		return nil
	}
	var out []Segment
	shown := 0
	if binary {
		out, shown = a.hex(off, b, a.o.HexBytes)
	} else if a.o.MaxBody > 0 {
		shown = len(cut(b, a.o.MaxBody))
		s := Segment{Kind: KindBody, Off: off, Len: shown}
		if isForm(m) {
			if f := a.form(m.Body); f != "" {
				s.Notes = append(s.Notes, Note{Kind: NoteValue, Text: f})
			}
		}
		out = append(out, s)
	}
	if more := len(b) - shown; more > 0 {
		n := Note{Kind: NoteFraming, Text: a.t.More(a.p.Bytes(int64(more)))}
		if len(out) == 0 {
			out = append(out, Segment{Kind: KindBody, Off: off})
		}
		out[len(out)-1].Notes = append(out[len(out)-1].Notes, n)
	}
	return out
}

// hex returns hexdump rows of at most limit bytes of b, found at off.
func (a *annotator) hex(off int, b []byte, limit int) ([]Segment, int) {
	n := min(len(b), max(limit, 0))
	rows := render.HexLines(b[:n], 0)
	out := make([]Segment, len(rows))
	for i, r := range rows {
		// The offset column goes: the renderer puts the stream offset in
		// its gutter, as for every other line.
		out[i] = Segment{Kind: KindHex, Off: off + 16*i, Len: min(16, n-16*i), Data: []byte(r[hexOffset:])}
	}
	return out, n
}

// hexOffset is the width of a HexLines row's offset column and the two
// spaces after it (offsets below 4 GiB).
const hexOffset = 8 + 2

// chunks shows a chunked body: each size line, each chunk's data (text or
// hex, within the budgets), the last chunk, the trailer and the end.
func (a *annotator) chunks(m *wire.Message, binary bool) []Segment {
	var out []Segment
	end := m.Off + m.Len
	textLeft, hexLeft := max(a.o.MaxBody, 0), max(a.o.HexBytes, 0)
	pos := m.Off + m.HeadLen
	for i, c := range m.Chunks {
		sl := c.SizeLine
		s := Segment{Kind: KindChunkSize, Off: sl.Off, Len: sl.Len, EOL: eolAt(a.src, sl.End())}
		digits := sizeDigits(a.src[sl.Off:sl.End()])
		s.Parts = append(s.Parts, Part{Off: sl.Off, Len: len(digits), Name: a.p.ChunkSizeLine})
		if c.Size == 0 {
			s.Kind = KindLastChunk
			s.Notes = append(s.Notes, Note{Kind: NoteFraming, Text: a.p.LastChunk})
		} else {
			s.Notes = append(s.Notes, Note{Kind: NoteFraming, Text: a.p.ChunkSize(show(string(digits)), int64(c.Size))})
		}
		if c.Ext != "" {
			s.Notes = append(s.Notes, Note{Kind: NoteValue, Text: a.t.ChunkExt(show(c.Ext))})
		}
		out = append(out, s)
		pos = sl.End()
		if c.Size == 0 {
			break
		}
		dataEnd := end
		if i+1 < len(m.Chunks) {
			dataEnd = m.Chunks[i+1].SizeLine.Off
		}
		data := a.src[c.Data.Off:dataEnd]
		switch {
		case binary && hexLeft > 0:
			rows, n := a.hex(c.Data.Off, data[:min(len(data), c.Data.Len)], hexLeft)
			hexLeft -= n
			out = append(out, rows...)
		case !binary && textLeft > 0:
			shown := cut(data, textLeft)
			textLeft -= len(shown)
			d := Segment{Kind: KindChunkData, Off: c.Data.Off, Len: len(shown)}
			if more := len(data) - len(shown); more > 0 {
				d.Notes = append(d.Notes, Note{Kind: NoteFraming, Text: a.t.More(a.p.Bytes(int64(more)))})
			}
			out = append(out, d)
		default:
			out = append(out, Segment{Kind: KindChunkData, Off: c.Data.Off,
				Notes: []Note{{Kind: NoteFraming, Text: a.t.More(a.p.Bytes(int64(len(data))))}}})
		}
		pos = dataEnd
	}
	if !m.LastChunk || pos >= end {
		return out
	}
	// The trailer: field lines, then the empty line that ends the body.
	for _, l := range wire.Lines(a.src[pos:end]) {
		s := Segment{Off: pos + l.Off, Len: l.Next() - l.Off, EOL: l.EOL}
		if l.Len == 0 && l.EOL != wire.EOLNone {
			s.Kind = KindBodyEnd
			s.Notes = append(s.Notes, Note{Kind: NoteFraming, Text: a.t.ChunkedEnd})
		} else {
			s.Kind = KindTrailer
			s.Notes = append(s.Notes, Note{Kind: NoteExplain, Text: a.p.Trailer})
			for _, f := range m.Trailer {
				if f.Off == s.Off {
					a.field(&s, f, 0, m.Head.Start.Request)
				}
			}
		}
		out = append(out, s)
	}
	return out
}

// sizeDigits is the hex size at the start of a chunk-size line.
func sizeDigits(line []byte) []byte {
	i := 0
	for i < len(line) && unhex(line[i]) {
		i++
	}
	return line[:i]
}

func unhex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// eolAt says how a line whose text and break end at end finishes.
func eolAt(src []byte, end int) wire.EOL {
	switch {
	case end >= 2 && src[end-1] == '\n' && src[end-2] == '\r':
		return wire.EOLCRLF
	case end >= 1 && src[end-1] == '\n':
		return wire.EOLLF
	}
	return wire.EOLNone
}

// cut returns at most n bytes of b, not splitting a UTF-8 sequence (a
// sequence that is invalid anyway is cut where it falls).
func cut(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	i := n
	for k := 0; k < utf8.UTFMax && i > 0 && !utf8.RuneStart(b[i]); k++ {
		i--
	}
	if i == 0 {
		i = n
	}
	return b[:i]
}

// binaryTypes are media types shown in hex.
var binaryTypes = []string{"image/", "audio/", "video/", "font/", "application/octet-stream",
	"application/zip", "application/gzip", "application/pdf", "application/wasm"}

// isBinary says whether a body is better shown in hex: its type says so,
// or its first bytes hold NUL or bytes that are not UTF-8.
func isBinary(m *wire.Message) bool {
	ct := strings.ToLower(m.Get("Content-Type"))
	for _, t := range binaryTypes {
		if strings.HasPrefix(ct, t) {
			return true
		}
	}
	p := m.WireBody
	if m.Framing == wire.FramingChunked {
		p = m.Body
	}
	p = cut(p, 512)
	if bytes.IndexByte(p, 0) >= 0 {
		return true
	}
	return !utf8.Valid(p)
}

// isForm says whether the body is an HTML form's fields.
func isForm(m *wire.Message) bool {
	mt, _, err := mime.ParseMediaType(m.Get("Content-Type"))
	return err == nil && mt == "application/x-www-form-urlencoded"
}

func hasCode(fs []wire.Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}
