package wire

import (
	"bytes"
	"strconv"
)

// DefaultMaxHead is the head bytes a Splitter keeps when MaxHead is 0.
const DefaultMaxHead = 1 << 20

// Part says which part of a message bytes belong to.
type Part uint8

const (
	PartHead   Part = iota // the head (empty lines before it included)
	PartBody               // the body, as framed on the wire
	PartTunnel             // after a 101 or a 2xx to CONNECT: not HTTP any more
)

// Segment describes the bytes one call of Splitter.Next consumed: a run
// of one part of one message.
type Segment struct {
	Part Part
	N    int // bytes consumed
	// Data: body bytes that are content (not chunk framing).
	Data bool
	// Chunk is what chunked-body bytes are (PartBody of a chunked body);
	// LineDone says a chunk-size or trailer line ended with them.
	Chunk    PieceKind
	LineDone bool
	// HeadDone: the head ended with these bytes (Frame().Head is set);
	// Done: the message ended with them.
	HeadDone, Done bool
}

// Frame is what a Splitter knows of one message. The Splitter updates it
// while the message's bytes arrive and never touches it after the next
// message begins, so a caller may keep it.
type Frame struct {
	Index int   // position in the stream, from 0
	Off   int64 // stream offset of its first byte
	// Raw is the head so far (at most MaxHead bytes); Head is it parsed,
	// set once the head is complete. HeadLen counts head bytes on the
	// wire, beyond MaxHead too (Truncated).
	Raw       []byte
	Head      *Head
	HeadLen   int64
	Truncated bool
	Body      Body  // how the body ends, once the head is complete
	BodyLen   int64 // body bytes on the wire so far
	DataLen   int64 // of which content (chunk framing excluded)
	Chunks    int   // data chunks of a chunked body
	Trailer   []Field
	// LastChunk: a chunked body's last (zero-size) chunk arrived; its
	// trailer may still be arriving.
	LastChunk bool
	HeadDone  bool
	Done      bool
	// Findings, offsets in the stream.
	Findings []Finding
}

// Splitter divides a stream of HTTP/1 messages (the bytes one side of a
// connection sent) into heads and bodies as they arrive, framing each body
// as net/http does (RequestBody, ResponseBody). Feed it with Next in a
// loop; it keeps only the current head. Not safe for concurrent use.
type Splitter struct {
	// Response: the stream holds responses (else requests).
	Response bool
	// Methods are the methods of the requests the responses answer, in
	// order ("" or missing: GET); interim 1xx responses answer none.
	Methods []string
	// MaxHead bounds the head bytes kept (DefaultMaxHead if 0). A longer
	// head is cut: its body runs until the connection closes, as a server
	// refuses it (431) and closes.
	MaxHead int

	off      int64
	frame    *Frame
	n        int  // messages begun
	answered int  // final responses framed
	tunnel   bool // the stream switched protocols

	lastPOST bool // the last request was a POST (net/http skips empty lines after one)
	started  bool // the current head's start line began
	lineLen  int  // bytes of the current head line so far
	lastCR   bool // the last head byte was CR

	remain   int64 // Content-Length bytes left
	dec      ChunkDecoder
	decFinds int // decoder findings already copied
}

// Frame returns the message the last segment belonged to (nil before any).
func (s *Splitter) Frame() *Frame { return s.frame }

// Offset is how many bytes the Splitter consumed.
func (s *Splitter) Offset() int64 { return s.off }

// Next consumes the bytes at the start of b that form one run of one part
// of one message, and says what they are. It consumes at least one byte
// of a non-empty b.
func (s *Splitter) Next(b []byte) Segment {
	if len(b) == 0 {
		return Segment{}
	}
	var seg Segment
	switch f := s.frame; {
	case s.tunnel:
		seg = Segment{Part: PartTunnel, N: len(b)}
		f.BodyLen += int64(len(b))
	case f == nil || f.Done:
		f = &Frame{Index: s.n, Off: s.off}
		s.n++
		s.frame = f
		s.started, s.lineLen, s.lastCR = false, 0, false
		seg = s.head(f, b)
	case !f.HeadDone:
		seg = s.head(f, b)
	default:
		seg = s.body(f, b)
	}
	s.off += int64(seg.N)
	return seg
}

// head consumes head bytes.
func (s *Splitter) head(f *Frame, b []byte) Segment {
	seg := Segment{Part: PartHead, N: len(b)}
	i := 0
	if !s.started {
		i = SkipEmptyLines(b)
		s.started = i < len(b)
	}
	for i < len(b) {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			s.lineLen += len(b) - i
			s.lastCR = b[len(b)-1] == '\r'
			break
		}
		s.lineLen += j
		cr := s.lastCR
		if j > 0 {
			cr = b[i+j-1] == '\r'
		}
		empty := s.lineLen == 0 || (s.lineLen == 1 && cr)
		i += j + 1
		s.lineLen, s.lastCR = 0, false
		if empty {
			seg.N, seg.HeadDone = i, true
			break
		}
	}
	max := s.MaxHead
	if max <= 0 {
		max = DefaultMaxHead
	}
	if room := max - len(f.Raw); room > 0 {
		f.Raw = append(f.Raw, b[:min(seg.N, room)]...)
	}
	f.HeadLen += int64(seg.N)
	if f.HeadLen > int64(len(f.Raw)) {
		f.Truncated = true
	}
	if seg.HeadDone {
		seg.Done = s.startBody(f, max)
	}
	return seg
}

// startBody parses a complete head and sets up its body's framing; it
// reports whether the message has no body.
func (s *Splitter) startBody(f *Frame, max int) bool {
	f.HeadDone = true
	f.Head = ParseHead(f.Raw)
	if !s.Response {
		if s.lastPOST && f.Head.Skip <= maxSkipAfterPOST {
			lowerLeadingEmpty(f.Head.Findings)
		}
		s.lastPOST = f.Head.Start.Method == "POST"
	}
	f.Findings = append(f.Findings, shift(f.Head.Findings, f.Off)...)
	switch {
	case f.Truncated:
		f.Body = Body{Framing: FramingClose, Length: -1}
		f.Findings = append(f.Findings, finding(CodeHeadTooLarge, Error, 0, strconv.Itoa(max)))
		f.Findings[len(f.Findings)-1].Off = f.Off + int64(max)
	case s.Response:
		method := ""
		if s.answered < len(s.Methods) {
			method = s.Methods[s.answered]
		}
		f.Body = f.Head.ResponseBody(method)
		if c := f.Head.Start.Code; c < 100 || c >= 200 || c == 101 {
			s.answered++
		}
	default:
		f.Body = f.Head.RequestBody()
	}
	f.Findings = append(f.Findings, shift(f.Body.Findings, f.Off)...)
	s.remain, s.dec, s.decFinds = 0, ChunkDecoder{}, 0
	switch f.Body.Framing {
	case FramingNone:
		f.Done = true
		s.tunnel = f.Body.Tunnel
	case FramingLength:
		s.remain = f.Body.Length
		f.Done = s.remain == 0
	}
	return f.Done
}

// lowerLeadingEmpty makes a leading-empty-lines finding Info: net/http's
// server skips the empty lines there.
func lowerLeadingEmpty(fs []Finding) {
	for i := range fs {
		if fs[i].Code == CodeLeadingEmpty {
			fs[i].Severity = Info
		}
	}
}

// body consumes body bytes.
func (s *Splitter) body(f *Frame, b []byte) Segment {
	seg := Segment{Part: PartBody}
	switch f.Body.Framing {
	case FramingLength:
		seg.N = int(min(int64(len(b)), s.remain))
		s.remain -= int64(seg.N)
		seg.Data = true
		f.Done = s.remain == 0
	case FramingChunked:
		p := s.dec.Next(b)
		seg.N, seg.Chunk, seg.Data, seg.LineDone = p.N, p.Kind, p.Kind == PieceData, p.LineDone
		if fs := s.dec.Findings(); len(fs) > s.decFinds {
			f.Findings = append(f.Findings, shift(fs[s.decFinds:], f.Off+f.HeadLen)...)
			s.decFinds = len(fs)
		}
		f.Chunks, f.LastChunk = s.dec.Chunks(), s.dec.LastChunk()
		if s.dec.Done() {
			f.Done = true
			f.Trailer = s.dec.Trailer()
		}
	default:
		seg.N, seg.Data = len(b), true
	}
	f.BodyLen += int64(seg.N)
	if seg.Data {
		f.DataLen += int64(seg.N)
	}
	seg.Done = f.Done
	return seg
}

// Close says the stream ended (the connection closed): a body that runs
// until close is complete, and what was left unfinished is noted in the
// current frame's findings.
func (s *Splitter) Close() {
	f := s.frame
	if f == nil || f.Done || s.tunnel {
		return
	}
	end := s.off
	switch {
	case !f.HeadDone:
		if f.HeadLen > int64(SkipEmptyLines(f.Raw)) {
			f.Findings = append(f.Findings, Finding{Code: CodeNoBlankLine, Severity: Error, Off: end})
		}
	case f.Body.Framing == FramingLength:
		f.Findings = append(f.Findings, Finding{Code: CodeCLMismatch, Severity: Error, Off: end,
			Args: []string{strconv.FormatInt(f.Body.Length, 10), strconv.FormatInt(f.BodyLen, 10)}})
	case f.Body.Framing == FramingChunked && !s.dec.Broken():
		f.Findings = append(f.Findings, Finding{Code: CodeBadChunked, Severity: Error, Off: end,
			Args: []string{"the body ends before its last chunk"}})
	case f.Body.Framing == FramingClose, f.Body.Framing == FramingChunked:
		// Until close, or chunked framing that broke: the close ends it.
		f.Done = true
	}
}
