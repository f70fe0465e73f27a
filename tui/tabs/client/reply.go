package client

import (
	"errors"
	"fmt"

	"github.com/netassist/netassist/httpserve/check"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/styles"
)

// maxParseBytes caps the inbound bytes of a connection the summary parses
// (and keeps a copy of); maxDecodeBytes caps a decoded body.
const (
	maxParseBytes  = 4 << 20
	maxDecodeBytes = 4 << 20
	maxMethodBytes = 64 << 10 // outbound bytes scanned for request methods
)

// httpReply is the parsed view of one client connection's inbound bytes.
// It gathers chunks incrementally (only those after the last one seen) and
// parses again only when the connection's latest Seq moved, so a frame that
// brings nothing new costs one store lookup.
type httpReply struct {
	conn    netassist.ConnID
	lastSeq uint64 // newest chunk of conn gathered
	in      []byte // inbound bytes, at most maxParseBytes
	out     []byte // outbound bytes, at most maxMethodBytes
	capped  bool   // more inbound bytes arrived than were kept
	closed  bool

	done    []*wire.Message
	partial *wire.Message
	err     error

	// The decoded body of the shown response, computed on request and
	// cached until the parse changes (it is drawn in pieces: lazydoc).
	decValid bool
	decoded  []byte
	decErr   error
}

// refresh brings the parse up to date with connection id; it reports
// whether anything changed.
func (h *httpReply) refresh(st *netassist.Store, id netassist.ConnID) bool {
	if id != h.conn {
		*h = httpReply{conn: id}
	}
	if id == 0 {
		return false
	}
	f := netassist.Filter{Conn: id}
	last := st.Last(f, 1)
	if len(last) == 0 || last[0].Seq == h.lastSeq {
		return false
	}
	for {
		batch := st.After(f, h.lastSeq+1, 256)
		if len(batch) == 0 {
			break
		}
		for _, c := range batch {
			h.add(c)
		}
		h.lastSeq = batch[len(batch)-1].Seq
	}
	h.done, h.partial, h.err = wire.ParseResponses(h.in, requestMethods(h.out)...)
	h.decValid, h.decoded, h.decErr = false, nil, nil
	return true
}

func (h *httpReply) add(c netassist.Chunk) {
	switch {
	case c.Kind == netassist.KindClose:
		h.closed = true
	case c.Kind != netassist.KindData:
	case c.Dir == netassist.In:
		room := maxParseBytes - len(h.in)
		if len(c.Data) > room || c.Omitted > 0 {
			h.capped = true
		}
		h.in = append(h.in, c.Data[:min(len(c.Data), max(room, 0))]...)
	default:
		room := maxMethodBytes - len(h.out)
		h.out = append(h.out, c.Data[:min(len(c.Data), max(room, 0))]...)
	}
}

// looksHTTP reports whether the inbound bytes start like an HTTP response.
func (h *httpReply) looksHTTP() bool {
	return len(h.in) > 0 && !errors.Is(h.err, wire.ErrNotHTTP) &&
		(len(h.done) > 0 || h.partial != nil || errors.Is(h.err, wire.ErrIncomplete))
}

// current is the response to show (the newest one) and its 1-based
// position among all responses.
func (h *httpReply) current() (r *wire.Message, n, total int) {
	total = len(h.done)
	if h.partial != nil {
		total++
		return h.partial, total, total
	}
	if total > 0 {
		return h.done[total-1], total, total
	}
	return nil, 0, 0
}

// decode returns the decoded body of the current response (cached).
func (h *httpReply) decode() ([]byte, error) {
	if h.decValid {
		return h.decoded, h.decErr
	}
	h.decValid = true
	r, _, _ := h.current()
	if r == nil || r.ContentEncoding() == "" {
		return nil, nil
	}
	h.decoded, h.decErr = wire.DecodeLimit(r.ContentEncoding(), r.Body, maxDecodeBytes)
	return h.decoded, h.decErr
}

// requestMethods returns the method of each request found in the bytes
// sent, in order, so a reply to HEAD is parsed as having no body. The
// requests are framed by the wire package, as the web server frames them.
func requestMethods(out []byte) []string {
	done, partial, _ := wire.ParseRequests(out)
	methods := make([]string, 0, len(done)+1)
	for _, m := range done {
		methods = append(methods, m.Head.Start.Method)
	}
	if partial != nil {
		methods = append(methods, partial.Head.Start.Method)
	}
	return methods
}

// dataChunks counts the chunks of r that carry data (the last, empty
// chunk excluded).
func dataChunks(r *wire.Message) int {
	n := 0
	for _, c := range r.Chunks {
		if c.Size > 0 {
			n++
		}
	}
	return n
}

// summary renders the parsed reply: status line, framing, problems, then
// headers in wire order, at most n lines of width w. Every piece of network
// text goes through safe.
func (h *httpReply) summary(s *styles.Styles, t *i18n.ClientText, lang i18n.Lang, w, n int) []string {
	if n <= 0 {
		return nil
	}
	r, i, total := h.current()
	if r == nil {
		return []string{s.Dim.Render(t.HeaderArriving)}
	}
	st := s.OK
	if r.Status() >= 400 {
		st = s.Error
	} else if r.Status() < 200 || r.Status() >= 300 {
		st = s.Warning
	}
	head := st.Render(common.Safe(r.Head.Start.Text))
	if total > 1 {
		head += s.Dim.Render(" · " + fmt.Sprintf(t.ResponseNofM, i, total))
	}
	lines := []string{head, h.framing(s, t, r)}
	if enc := r.ContentEncoding(); enc != "" {
		lines = append(lines, s.Warning.Render(fmt.Sprintf(t.EncodingHint, common.Safe(enc))))
	}
	for _, f := range r.Findings {
		// Its Args are rendered already: escaping again would show `\\x1B`.
		lines = append(lines, s.Warning.Render("⚠ "+check.Message(f, lang)))
	}
	fields := make([]string, 0, len(r.Head.Fields)+len(r.Trailer))
	for _, f := range r.Head.Fields {
		fields = append(fields, s.HeaderIn.Render(common.Safe(f.Name)+":")+" "+common.Safe(f.Value))
	}
	for _, f := range r.Trailer {
		fields = append(fields, s.Dim.Render(t.TrailerPrefix)+s.HeaderIn.Render(common.Safe(f.Name)+":")+" "+common.Safe(f.Value))
	}
	room := n - len(lines)
	if len(fields) > room && room > 0 {
		hidden := len(fields) - room + 1
		fields = append(fields[:room-1], s.Dim.Render(fmt.Sprintf(t.MoreHeaders, hidden)))
	}
	lines = append(lines, fields...)
	if len(lines) > n {
		lines = lines[:n]
	}
	return lines
}

// framing describes how much of the body arrived and whether it is whole.
func (h *httpReply) framing(s *styles.Styles, t *i18n.ClientText, r *wire.Message) string {
	state := func(ok bool, not string) string {
		if ok {
			return s.OK.Render(t.Complete)
		}
		return s.Warning.Render(not)
	}
	read := common.FormatSize(int64(len(r.Body)))
	var line string
	switch r.Framing {
	case wire.FramingNone:
		line = t.NoBody
		if r.ContentLength >= 0 {
			line += " (Content-Length " + common.FormatSize(r.ContentLength) + ")"
		}
	case wire.FramingLength:
		line = fmt.Sprintf(t.BodyLength, read, common.FormatSize(r.ContentLength), state(r.Complete, t.Incomplete))
	case wire.FramingChunked:
		line = fmt.Sprintf(t.BodyChunked, read, dataChunks(r), state(r.Complete, t.WaitingLastChunk))
	case wire.FramingClose:
		line = fmt.Sprintf(t.BodyUntilClose, read, state(r.Done(h.closed), t.StillOpen))
	}
	if h.capped {
		line += " · " + fmt.Sprintf(t.ParsedPrefix, common.FormatSize(maxParseBytes))
	}
	return line
}
