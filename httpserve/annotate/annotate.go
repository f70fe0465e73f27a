// Package annotate explains an HTTP/1.x message line by line, for teaching
// (DESIGN.md §8, `netassist annotate` and the annotate key of every tab):
// each wire line with its parts named (method · target · version; version ·
// code · reason; field name · value), a one-line explanation from the
// glossary, q-values read out, the status code's meaning, CRLFs and the
// blank line marked, and the body checked against its framing (with
// chunk-size lines shown, and encoded bodies noted with their sizes).
//
// Annotate is a pure function over bytes: it frames them with
// httpserve/wire (ParseAll), takes the findings of httpserve/check, and
// returns a Doc of Segments — plain values a TUI pane can keep and draw, or
// Render turns into text lines of a given width. Segments point into the
// bytes by offset; every byte shown goes through netassist/render, and
// every value from the wire placed in a note is rendered by it first.
package annotate

import (
	"github.com/netassist/netassist/httpserve/check"
	"github.com/netassist/netassist/httpserve/glossary"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/i18n"
)

// Defaults for zero Options fields.
const (
	DefaultMaxBody  = 1024 // body bytes shown as text, per message
	DefaultHexBytes = 64   // bytes of a binary or encoded body shown in hex
)

// Options say what to annotate and how much of each body to show.
type Options struct {
	Lang i18n.Lang
	// Methods are the methods of the requests responses answer, in order
	// ("" or missing: GET): a reply to HEAD has no body.
	Methods []string
	// MaxBody is how many bytes of a body are shown as text, and of a
	// decoded body (DefaultMaxBody if 0; negative: none). HexBytes is how
	// many bytes of a binary or content-encoded body are shown in hex
	// (DefaultHexBytes if 0; negative: none).
	MaxBody, HexBytes int
	// Cut says the bytes are the first part of a longer stream (a view
	// that reads at most so much): their end is not where the stream
	// ended, so an unfinished last message is shown as such, with a note,
	// not as a framing error.
	Cut bool
}

// Doc is an annotated stream: one or more messages, and bytes no message
// took.
type Doc struct {
	// Src is the bytes annotated (aliased, not copied): every Segment's
	// Off and Len point into it.
	Src      []byte
	Lang     i18n.Lang
	Response bool // responses (else requests)
	// Cut: Src is the first part of a longer stream (Options.Cut).
	Cut      bool
	Messages []Message
	// Findings are every finding of check, in offset order; each is also
	// a Note of the segment that holds its offset.
	Findings []wire.Finding
}

// Message is one message of the stream.
type Message struct {
	Index    int  // from 0
	Response bool // a status line (else a request line)
	Off, Len int  // its bytes in Src
	Title    string
	Segments []Segment
}

// Kind is what a segment of a message is.
type Kind uint8

// Segment kinds, in the order they appear in a message.
const (
	KindSkip      Kind = iota // empty lines before the start line
	KindStart                 // the request or status line
	KindField                 // a field line
	KindFold                  // a continuation of the field above (obs-fold)
	KindBlank                 // the empty line that ends the head
	KindVerdict               // no bytes: how the body is framed, its sizes
	KindBody                  // body bytes shown as text
	KindHex                   // one hexdump -C row of a binary or encoded body
	KindDecoded               // no bytes of Src: the decoded body, in Data
	KindChunkSize             // a chunk-size line
	KindChunkData             // a chunk's data and the CRLF after it
	KindLastChunk             // the zero-size chunk line
	KindTrailer               // a trailer field line
	KindBodyEnd               // the empty line that ends a chunked body
	KindExtra                 // bytes after the message that no message took
)

var kindNames = [...]string{"skip", "start", "field", "fold", "blank", "verdict", "body", "hex",
	"decoded", "chunk-size", "chunk-data", "last-chunk", "trailer", "body-end", "extra"}

// String names the kind: "start", "field", "chunk-size", …
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Section is the part of the message a segment belongs to, for headings:
// the teaching notes' 请求行 · 请求头部 · 空行 · 请求数据.
func (k Kind) Section() Section {
	switch k {
	case KindSkip, KindStart:
		return SectionStart
	case KindField, KindFold:
		return SectionHeaders
	case KindBlank:
		return SectionBlank
	case KindExtra:
		return SectionExtra
	}
	return SectionBody
}

// Section is a part of a message.
type Section uint8

// Sections of a message.
const (
	SectionStart   Section = iota // request line or status line
	SectionHeaders                // header fields
	SectionBlank                  // the empty line
	SectionBody                   // the body
	SectionExtra                  // bytes after it
)

// Title names the section in language l, for a request or a response:
// "request line", "响应头部", "空行", …
func (s Section) Title(response bool, l i18n.Lang) string {
	p := glossary.PhrasesIn(l)
	t := textIn(l)
	switch {
	case s == SectionStart && response:
		return p.StatusLine
	case s == SectionStart:
		return p.RequestLine
	case s == SectionHeaders && response:
		return p.ResponseHeaders
	case s == SectionHeaders:
		return p.RequestHeaders
	case s == SectionBlank:
		return t.BlankLine
	case s == SectionBody && response:
		return p.ResponseBody
	case s == SectionBody:
		return p.RequestBody
	}
	return t.Extra
}

// Segment is one wire line, or one run of body bytes, with what it means.
type Segment struct {
	Kind Kind
	// Off and Len are the bytes of Src the segment shows, its line break
	// included; Len is 0 for KindVerdict and KindDecoded.
	Off, Len int
	EOL      wire.EOL // how a head, chunk or trailer line ends
	// Parts name the pieces of the line (method, target, version; field
	// name and value; chunk size), offsets in Src.
	Parts []Part
	Notes []Note
	// Data is text that is not in Src: for KindHex the hex and ASCII
	// columns of one `hexdump -C` row (safe to print; the row's offset is
	// Off); for KindDecoded the decoded body bytes, still untrusted
	// (render them).
	Data []byte
}

// Part is a named piece of a line.
type Part struct {
	Off, Len int    // in Src
	Name     string // in the Doc's language: "method", "字段名", …
}

// NoteKind says what a note is, for styling.
type NoteKind uint8

// Note kinds.
const (
	NoteExplain NoteKind = iota // what the line is: its parts, the field's meaning
	NoteValue                   // what its value says: q-values, directives, decoded forms
	NoteStatus                  // a status code's meaning
	NoteFraming                 // how the body is framed; sizes; encodings
	NoteFinding                 // a finding of check
)

// Note is one line of explanation under a segment. Text is in the Doc's
// language and holds no control character: values from the wire in it
// were rendered by netassist/render.
type Note struct {
	Kind NoteKind
	Text string
	// Ref is the defining document of a field ("RFC 9110 §8.4"), if any.
	Ref string
	// For NoteFinding: the finding.
	Finding wire.Finding
}

// Annotate frames b as a stream of requests or of responses (its first
// bytes decide) and explains every line. It never fails: bytes that are
// not HTTP are shown as they are, with check's findings.
func Annotate(b []byte, o Options) *Doc {
	if o.MaxBody == 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.HexBytes == 0 {
		o.HexBytes = DefaultHexBytes
	}
	d := &Doc{Src: b, Lang: o.Lang, Response: wire.IsResponse(b), Cut: o.Cut}
	if len(b) == 0 {
		return d
	}
	parse := wire.ParseAll
	if o.Cut {
		parse = wire.ParsePrefix
	}
	msgs, _, _ := parse(b, o.Methods...)
	d.Findings = check.Messages(b, msgs)
	a := annotator{o: o, src: b, p: glossary.PhrasesIn(o.Lang), t: textIn(o.Lang)}
	for i, m := range msgs {
		next := len(b)
		if i+1 < len(msgs) {
			next = msgs[i+1].Off
		}
		d.Messages = append(d.Messages, a.message(i, m, next))
	}
	d.attach()
	return d
}

// annotator holds what every message of one Annotate call shares.
type annotator struct {
	o   Options
	src []byte
	p   glossary.Phrases
	t   *text
}

// message annotates m; next is where the message after it starts.
func (a *annotator) message(i int, m *wire.Message, next int) Message {
	h := m.Head
	out := Message{Index: i, Off: m.Off, Len: m.Len, Response: h != nil && !h.Start.Request && h.StartOK}
	if h == nil {
		return out
	}
	out.Response = wire.IsResponse(h.Raw)
	out.Title = a.title(i, out.Response, m)
	out.Segments = a.head(m)
	if h.Complete {
		out.Segments = append(out.Segments, a.body(m, next)...)
		if end := m.Off + m.Len; end < next {
			out.Segments = append(out.Segments, a.extra(end, next))
			out.Len = next - m.Off
		}
	}
	return out
}

// extra shows bytes after a message that no message took.
func (a *annotator) extra(from, to int) Segment {
	s := Segment{Kind: KindExtra, Off: from, Len: to - from}
	s.Notes = append(s.Notes, Note{Kind: NoteFraming, Text: a.p.ExtraBytes(int64(to - from))})
	return s
}

// attach adds each finding as a note of the segment that holds its
// offset: the first whose bytes contain it, else one that ends there,
// else the last segment before it.
func (d *Doc) attach() {
	for _, f := range d.Findings {
		s := d.segmentAt(int(f.Off))
		if s == nil {
			continue
		}
		s.Notes = append(s.Notes, Note{Kind: NoteFinding, Text: check.Message(f, d.Lang), Finding: f})
	}
}

func (d *Doc) segmentAt(off int) *Segment {
	var ends, before *Segment
	for mi := range d.Messages {
		segs := d.Messages[mi].Segments
		for si := range segs {
			s := &segs[si]
			if s.Len == 0 {
				continue
			}
			switch {
			case s.Off <= off && off < s.Off+s.Len && s.Kind != KindDecoded:
				return s
			case s.Off+s.Len == off:
				ends = s
			case s.Off <= off:
				before = s
			}
		}
	}
	if ends != nil {
		return ends
	}
	return before
}
