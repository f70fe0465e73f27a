package wire

import (
	"errors"
	"strings"
)

// Errors of ParseRequests and ParseResponses.
var (
	// ErrNotHTTP: the bytes do not start like an HTTP/1.x message.
	ErrNotHTTP = errors.New("not an HTTP/1.x message")
	// ErrIncomplete: a head has started but not ended yet.
	ErrIncomplete = errors.New("incomplete message head")
	// ErrHeaderTooLarge: no end of a head within MaxHeaderBytes.
	ErrHeaderTooLarge = errors.New("message head too large")
)

// MaxHeaderBytes bounds how far ParseRequests and ParseResponses look for
// the end of a head.
const MaxHeaderBytes = 1 << 20

// Message is one HTTP/1.x message found in a byte slice. Byte slices alias
// the input where they can. Head offsets are relative to Off; every other
// offset (Chunks, Trailer, Findings) is relative to the bytes given.
type Message struct {
	// Off is where the message starts; Len how many bytes it spans so
	// far (head plus body as framed on the wire); HeadLen the head's
	// share, its empty line included.
	Off, Len, HeadLen int
	Head              *Head

	Framing Framing
	// ContentLength is the declared, valid Content-Length, or -1.
	ContentLength int64
	// Tunnel: the response switched protocols; what follows is not HTTP.
	Tunnel bool

	// Body is the content so far, without chunk framing and still
	// content-encoded (see Decode). WireBody is the body as on the wire.
	Body, WireBody []byte
	// Chunks are the chunks of a chunked body (the last, empty one
	// included once it arrived).
	Chunks []Chunk
	// LastChunk: the last (zero-size) chunk arrived; Trailer holds the
	// trailer fields once the body is complete.
	LastChunk bool
	Trailer   []Field

	// Complete: the whole message arrived. A body that runs until close
	// is complete only once the connection closed: see Done.
	Complete bool
	// Findings: what is wrong with the message, with offsets.
	Findings []Finding

	sizing bool // a chunk-size line is being read
}

// Chunk is one chunk of a chunked body: its size line (break included),
// the size and extensions it declares, and its data so far.
type Chunk struct {
	SizeLine Span
	Size     uint64
	Ext      string
	Data     Span
}

// Status is the status code of a response (0 for a request).
func (m *Message) Status() int { return m.Head.Start.Code }

// Get returns the value of the first field called name, or "".
func (m *Message) Get(name string) string { return m.Head.Get(name) }

// Values returns the values of every field called name, in wire order.
func (m *Message) Values(name string) []string { return m.Head.Values(name) }

// ContentEncoding is the Content-Encoding of the body, every field joined
// ("gzip" or "deflate, br"), for Decode.
func (m *Message) ContentEncoding() string { return strings.Join(m.Values("Content-Encoding"), ", ") }

// Done says whether the message is over, given whether the connection
// has closed: a body framed by the close ends with it.
func (m *Message) Done(connClosed bool) bool {
	return m.Complete || (connClosed && m.Framing == FramingClose)
}

// ParseRequests frames every request in b, as sent on one connection:
// the complete ones, then the one still arriving, if any. err is
// ErrNotHTTP when a head is not a request, ErrIncomplete when the last
// head has not ended, ErrHeaderTooLarge past MaxHeaderBytes.
func ParseRequests(b []byte) (done []*Message, partial *Message, err error) {
	return parse(&Splitter{MaxHead: MaxHeaderBytes}, b)
}

// ParseResponses frames every response in b, as received on one
// connection. methods[i] is the method of the i-th request (GET when
// missing): a reply to HEAD has no body. Interim 1xx responses answer no
// request. err is ErrNotHTTP when the bytes after the complete responses
// do not start like one, ErrIncomplete while the next head is arriving,
// ErrHeaderTooLarge past MaxHeaderBytes. Parsing stops after a tunnel.
func ParseResponses(b []byte, methods ...string) (done []*Message, partial *Message, err error) {
	return parse(&Splitter{Response: true, Methods: methods, MaxHead: MaxHeaderBytes}, b)
}

// ParseResponse parses the response at the start of b, answering a
// request with the given method ("" for GET).
func ParseResponse(b []byte, method string) (*Message, error) {
	done, partial, err := ParseResponses(b, method)
	switch {
	case len(done) > 0:
		return done[0], nil
	case partial != nil:
		return partial, nil
	case err == nil:
		err = ErrIncomplete
	}
	return nil, err
}

func parse(s *Splitter, b []byte) (done []*Message, partial *Message, err error) {
	var m *Message
	off := 0
	for off < len(b) && !s.tunnel {
		if m == nil && s.Response {
			// Refuse early what cannot become a status line.
			rest := b[off+SkipEmptyLines(b[off:]):]
			const proto = "HTTP/1."
			if n := min(len(rest), len(proto)); string(rest[:n]) != proto[:n] {
				return done, nil, ErrNotHTTP
			}
		}
		seg := s.Next(b[off:])
		f := s.Frame()
		if m == nil {
			m = &Message{Off: int(f.Off), ContentLength: -1}
		}
		switch seg.Part {
		case PartHead:
			m.HeadLen += seg.N
			if f.Truncated {
				return done, nil, ErrHeaderTooLarge
			}
			if seg.HeadDone {
				m.Head = f.Head
				m.Framing, m.ContentLength, m.Tunnel = f.Body.Framing, f.Body.Length, f.Body.Tunnel
				if !f.Head.StartOK || f.Head.Start.Request == s.Response {
					return done, nil, ErrNotHTTP
				}
			}
		case PartBody:
			m.body(b, off, seg, &s.dec)
		}
		off += seg.N
		m.Len += seg.N
		if seg.Done {
			m.finish(f, b)
			done = append(done, m)
			m = nil
		}
	}
	if m == nil {
		return done, nil, nil
	}
	if m.Head == nil {
		return done, nil, ErrIncomplete
	}
	m.finish(s.Frame(), b)
	return done, m, nil
}

// body adds a body segment found at off in b.
func (m *Message) body(b []byte, off int, seg Segment, dec *ChunkDecoder) {
	start := m.Off + m.HeadLen
	m.WireBody = b[start : off+seg.N]
	if m.Framing != FramingChunked {
		m.Body = m.WireBody
		return
	}
	switch seg.Chunk {
	case PieceSize:
		if !m.sizing {
			m.Chunks = append(m.Chunks, Chunk{SizeLine: Span{off, 0}})
			m.sizing = true
		}
		c := &m.Chunks[len(m.Chunks)-1]
		c.SizeLine.Len += seg.N
		if dec.Broken() {
			m.Chunks, m.sizing = m.Chunks[:len(m.Chunks)-1], false
		} else if seg.LineDone {
			m.sizing = false
			c.Size, c.Ext = dec.Size(), dec.Ext()
			c.Data = Span{off + seg.N, 0}
		}
	case PieceData:
		m.Body = append(m.Body, b[off:off+seg.N]...)
		if n := len(m.Chunks); n > 0 {
			m.Chunks[n-1].Data.Len += seg.N
		}
	}
}

// finish copies what the frame learnt into the message.
func (m *Message) finish(f *Frame, b []byte) {
	m.Complete = f.Done
	m.LastChunk = f.LastChunk
	if len(f.Trailer) > 0 {
		m.Trailer = make([]Field, len(f.Trailer))
		d := m.Off + m.HeadLen
		for i, t := range f.Trailer {
			t.Off += d
			t.ValueOff += d
			m.Trailer[i] = t
		}
	}
	if len(f.Findings) > 0 {
		m.Findings = f.Findings
	}
	if m.Framing == FramingChunked && m.Body == nil && m.WireBody != nil {
		m.Body = []byte{}
	}
}
