package httpserve

import "github.com/netassist/netassist/httpserve/wire"

// Field is a header field in wire order, as in Exchange.Headers.
type Field = wire.Field

// maxBodyCapture bounds the request body bytes copied into a record; the
// whole body is in the connection's inbound capture anyway.
const maxBodyCapture = 64 << 10

// rawRequest is one request as it crossed the wire, framed by wire's
// Splitter independently of net/http (and exactly as net/http frames it)
// so that the record shows the exact bytes. Guarded by the owning
// captureConn's mu until sealed, as is its frame.
type rawRequest struct {
	frame  *wire.Frame // head bytes, lengths, framing: the Splitter's view
	body   []byte      // body as on the wire, chunk framing included; first maxBodyCapture bytes
	sealed bool        // its record is made: stop copying body bytes
}

// head returns the parsed head: the one framing made when the head ended,
// or a parse of what has arrived of a head that has not.
func (r *rawRequest) head() *wire.Head {
	if r.frame.Head != nil {
		return r.frame.Head
	}
	return wire.ParseHead(r.frame.Raw)
}

// inStream frames a connection's inbound bytes into requests with
// wire.Splitter. Requests are queued in arrival order for the handler to
// claim, so keep-alive and pipelined requests each get their own bytes.
type inStream struct {
	split wire.Splitter
	queue []*rawRequest // framed or being framed, not yet claimed
	cur   *rawRequest   // the request bytes are arriving for
}

// feed frames b.
func (s *inStream) feed(b []byte) {
	for len(b) > 0 {
		seg := s.split.Next(b)
		if f := s.split.Frame(); s.cur == nil || s.cur.frame != f {
			s.cur = &rawRequest{frame: f}
			s.queue = append(s.queue, s.cur)
		}
		if r := s.cur; seg.Part != wire.PartHead && !r.sealed {
			if room := maxBodyCapture - len(r.body); room > 0 {
				r.body = append(r.body, b[:min(seg.N, room)]...)
			}
		}
		b = b[seg.N:]
	}
}

// idle reports whether no request is in progress: the last one framed
// (if any) is complete.
func (s *inStream) idle() bool { return s.cur == nil || s.cur.frame.Done }

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
