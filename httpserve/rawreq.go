package httpserve

import (
	"bytes"
	"strconv"
	"strings"
)

// maxBodyCapture bounds the request body bytes copied into a record; the
// whole body is in the connection's inbound capture anyway.
const maxBodyCapture = 64 << 10

// rawRequest is one request as it crossed the wire, framed by inStream
// independently of net/http so that the record shows the exact bytes. All
// fields are guarded by the owning captureConn's mu until sealed.
type rawRequest struct {
	offset    int64  // offset of its first byte in the connection's inbound stream
	head      []byte // request line through the empty line (a prefix if headTrunc)
	headLen   int64  // bytes of head on the wire, even beyond what head keeps
	headDone  bool
	headTrunc bool
	body      []byte // body as on the wire, chunk framing included; first maxBodyCapture bytes
	bodyLen   int64  // body bytes on the wire so far
	bodyDone  bool
	sealed    bool // its record is made: stop copying body bytes

	// The head split into start line and fields, once: framing and the
	// record both need them. splitLen is len(head) when they were split.
	start    string
	fields   []Field
	splitLen int
}

// split returns the head's start line and fields: those framing split
// when the head ended (startBody), or a fresh split of a head that has not.
// It does not write r, so a handler may call it while the framer reads on.
func (r *rawRequest) split() (string, []Field) {
	if r.fields != nil && r.splitLen == len(r.head) {
		return r.start, r.fields
	}
	return splitHead(r.head)
}

// Chunked body parser states.
const (
	csSize        = iota // in a chunk-size line (hex digits, then extensions)
	csData               // in chunk data: remain bytes left
	csDataEnd            // after chunk data, up to and including its LF
	csTrailer            // at the start of a trailer line (an empty one ends the body)
	csTrailerCR          // saw CR at the start of a trailer line
	csTrailerLine        // inside a trailer field line
)

// inStream frames a connection's inbound bytes into requests: a head up to
// the empty line, then a body delimited as net/http delimits it
// (Transfer-Encoding: chunked, else Content-Length, else none). Requests
// are queued in arrival order for the handler to claim, so keep-alive and
// pipelined requests each get their own bytes.
type inStream struct {
	headLimit int   // head bytes kept per request
	off       int64 // bytes seen so far

	queue []*rawRequest // framed or being framed, not yet claimed
	cur   *rawRequest   // the request bytes are arriving for

	// head scanning
	sawLine bool // a non-empty line was seen in the current head
	lineLen int  // bytes of the current line so far
	lastCR  bool // the last byte seen was CR

	// body framing
	chunked  bool
	broken   bool  // framing unparseable: the rest of the stream belongs to cur
	remain   int64 // identity body bytes, or chunk data bytes, left
	cstate   int
	sizeHex  int64
	sizeDone bool // a non-hex byte ended the chunk-size digits
}

// feed frames b.
func (s *inStream) feed(b []byte) {
	for len(b) > 0 {
		r := s.cur
		if r == nil || (r.headDone && r.bodyDone) {
			r = &rawRequest{offset: s.off}
			s.cur = r
			s.queue = append(s.queue, r)
			s.sawLine, s.lineLen, s.lastCR = false, 0, false
		}
		var n int
		if !r.headDone {
			n = s.feedHead(r, b)
		} else {
			n = s.feedBody(r, b)
		}
		s.off += int64(n)
		b = b[n:]
	}
}

// claim hands the oldest unclaimed request to a handler (nil if none).
func (s *inStream) claim() *rawRequest {
	if len(s.queue) == 0 {
		return nil
	}
	r := s.queue[0]
	s.queue[0] = nil
	s.queue = s.queue[1:]
	return r
}

// feedHead consumes bytes of b up to the end of r's head.
func (s *inStream) feedHead(r *rawRequest, b []byte) int {
	n := len(b)
	for i := 0; i < len(b); {
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
		if !empty {
			s.sawLine = true
		} else if s.sawLine {
			n = i
			r.headDone = true
			break
		}
	}
	r.headLen += int64(n)
	if room := s.headLimit - len(r.head); room > 0 {
		r.head = append(r.head, b[:min(n, room)]...)
	}
	if r.headLen > int64(len(r.head)) {
		r.headTrunc = true
	}
	if r.headDone {
		s.startBody(r)
	}
	return n
}

// startBody reads the framing fields of a complete head.
func (s *inStream) startBody(r *rawRequest) {
	r.start, r.fields = splitHead(r.head)
	r.splitLen = len(r.head)
	fields := r.fields
	s.chunked, s.remain, s.cstate, s.sizeHex, s.sizeDone = false, 0, csSize, 0, false
	if te := fieldValues(fields, "Transfer-Encoding"); len(te) > 0 {
		last := te[len(te)-1]
		if i := strings.LastIndexByte(last, ','); i >= 0 {
			last = last[i+1:]
		}
		// net/http answers any other transfer coding with 501 and closes.
		s.chunked = strings.EqualFold(strings.TrimSpace(last), "chunked")
	} else if cl := fieldValues(fields, "Content-Length"); len(cl) > 0 {
		if n, err := strconv.ParseInt(strings.TrimSpace(cl[0]), 10, 64); err == nil && n > 0 {
			s.remain = n
		}
	}
	r.bodyDone = !s.chunked && s.remain == 0
}

// feedBody consumes bytes of b that belong to r's body.
func (s *inStream) feedBody(r *rawRequest, b []byte) int {
	var n int
	switch {
	case s.broken:
		n = len(b)
	case !s.chunked:
		n = int(min(int64(len(b)), s.remain))
		s.remain -= int64(n)
		r.bodyDone = s.remain == 0
	default:
		n = s.feedChunked(r, b)
	}
	r.bodyLen += int64(n)
	if !r.sealed {
		if room := maxBodyCapture - len(r.body); room > 0 {
			r.body = append(r.body, b[:min(n, room)]...)
		}
	}
	return n
}

// feedChunked runs the chunked-body state machine over b and returns how
// many bytes belong to the body.
func (s *inStream) feedChunked(r *rawRequest, b []byte) int {
	i := 0
	for i < len(b) && !r.bodyDone {
		c := b[i]
		switch s.cstate {
		case csSize:
			i++
			switch {
			case c == '\n':
				if s.sizeHex == 0 {
					s.cstate = csTrailer
				} else {
					s.cstate, s.remain = csData, s.sizeHex
				}
				s.sizeHex, s.sizeDone = 0, false
			case s.sizeDone:
			case unhex(c) >= 0:
				if s.sizeHex > 1<<55 {
					s.broken = true
					return len(b)
				}
				s.sizeHex = s.sizeHex<<4 | int64(unhex(c))
			default:
				s.sizeDone = true // CR, extensions, whitespace
			}
		case csData:
			k := int(min(int64(len(b)-i), s.remain))
			i += k
			s.remain -= int64(k)
			if s.remain == 0 {
				s.cstate = csDataEnd
			}
		case csDataEnd:
			i++
			if c == '\n' {
				s.cstate = csSize
			}
		case csTrailer:
			i++
			switch c {
			case '\n':
				r.bodyDone = true
			case '\r':
				s.cstate = csTrailerCR
			default:
				s.cstate = csTrailerLine
			}
		case csTrailerCR:
			i++
			if c == '\n' {
				r.bodyDone = true
			} else {
				s.cstate = csTrailerLine
			}
		case csTrailerLine:
			i++
			if c == '\n' {
				s.cstate = csTrailer
			}
		}
	}
	return i
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}
