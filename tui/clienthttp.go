package tui

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
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

	done    []*httpserve.Response
	partial *httpserve.Response
	err     error

	// The decoded body of the shown response, computed on request and
	// cached until the parse changes.
	decValid bool
	decoded  []byte
	decErr   error
	decLines []render.Line
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
	h.done, h.partial, h.err = httpserve.ParseResponses(h.in, requestMethods(h.out)...)
	h.decValid, h.decoded, h.decErr, h.decLines = false, nil, nil, nil
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
	return len(h.in) > 0 && !errors.Is(h.err, httpserve.ErrNotHTTP) &&
		(len(h.done) > 0 || h.partial != nil || errors.Is(h.err, httpserve.ErrIncomplete))
}

// current is the response to show (the newest one) and its 1-based
// position among all responses.
func (h *httpReply) current() (r *httpserve.Response, n, total int) {
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
func (h *httpReply) decode() ([]byte, []render.Line, error) {
	if h.decValid {
		return h.decoded, h.decLines, h.decErr
	}
	h.decValid = true
	r, _, _ := h.current()
	if r == nil || r.ContentEncoding() == "" {
		return nil, nil, nil
	}
	h.decoded, h.decErr = httpserve.DecodeLimit(r.ContentEncoding(), r.Body, maxDecodeBytes)
	h.decLines = render.Lines(h.decoded)
	return h.decoded, h.decLines, h.decErr
}

// requestMethods returns the method of each request found in the bytes
// sent, in order, so a reply to HEAD is parsed as having no body. It
// follows the requests' framing (a POST body has no line break of its own
// before the next request); lines that are not a request line are skipped,
// which resynchronises after anything unexpected.
func requestMethods(out []byte) []string {
	var methods []string
	for len(out) > 0 {
		line, rest := cutLineBytes(out)
		out = rest
		m, ok := requestLineMethod(string(line))
		if !ok {
			continue
		}
		methods = append(methods, m)
		// The header: find Content-Length, up to the blank line.
		length := 0
		for len(out) > 0 {
			line, out = cutLineBytes(out)
			if len(line) == 0 {
				break
			}
			name, value, _ := bytes.Cut(line, []byte(":"))
			if strings.EqualFold(string(bytes.TrimSpace(name)), "Content-Length") {
				if n, err := strconv.Atoi(string(bytes.TrimSpace(value))); err == nil && n > 0 {
					length = n
				}
			}
		}
		out = out[min(length, len(out)):]
	}
	return methods
}

// cutLineBytes splits b after its first line, dropping CRLF or LF.
func cutLineBytes(b []byte) (line, rest []byte) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:]
}

// requestLineMethod recognises "METHOD target HTTP/1.x".
func requestLineMethod(line string) (string, bool) {
	parts := strings.Split(line, " ")
	if len(parts) != 3 || !strings.HasPrefix(parts[2], "HTTP/1.") || parts[1] == "" || parts[0] == "" {
		return "", false
	}
	for _, c := range parts[0] {
		if c < 'A' || c > 'Z' {
			return "", false
		}
	}
	return parts[0], true
}

// summary renders the parsed reply: status line, framing, problems, then
// headers in wire order, at most n lines of width w. Every piece of network
// text goes through safe.
func (h *httpReply) summary(s *styles.Styles, t *i18n.ClientText, w, n int) []string {
	if n <= 0 {
		return nil
	}
	r, i, total := h.current()
	if r == nil {
		return []string{s.Dim.Render(t.HeaderArriving)}
	}
	st := s.OK
	if r.StatusCode >= 400 {
		st = s.Error
	} else if r.StatusCode < 200 || r.StatusCode >= 300 {
		st = s.Warning
	}
	head := st.Render(common.Safe(r.StatusLine))
	if total > 1 {
		head += s.Dim.Render(" · " + fmt.Sprintf(t.ResponseNofM, i, total))
	}
	lines := []string{head, h.framing(s, t, r)}
	if enc := r.ContentEncoding(); enc != "" {
		lines = append(lines, s.Warning.Render(fmt.Sprintf(t.EncodingHint, common.Safe(enc))))
	}
	for _, p := range r.Problems {
		lines = append(lines, s.Warning.Render("⚠ "+common.Safe(p)))
	}
	fields := make([]string, 0, len(r.Header)+len(r.Trailer))
	for _, f := range r.Header {
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
func (h *httpReply) framing(s *styles.Styles, t *i18n.ClientText, r *httpserve.Response) string {
	state := func(ok bool, not string) string {
		if ok {
			return s.OK.Render(t.Complete)
		}
		return s.Warning.Render(not)
	}
	read := common.FormatSize(int64(len(r.Body)))
	var line string
	switch r.Framing {
	case httpserve.FramingNone:
		line = t.NoBody
		if r.ContentLength >= 0 {
			line += " (Content-Length " + common.FormatSize(r.ContentLength) + ")"
		}
	case httpserve.FramingLength:
		line = fmt.Sprintf(t.BodyLength, read, common.FormatSize(r.ContentLength), state(r.Complete, t.Incomplete))
	case httpserve.FramingChunked:
		line = fmt.Sprintf(t.BodyChunked, read, r.Chunks, state(r.Complete, t.WaitingLastChunk))
	case httpserve.FramingClose:
		line = fmt.Sprintf(t.BodyUntilClose, read, state(r.Done(h.closed), t.StillOpen))
	}
	if h.capped {
		line += " · " + fmt.Sprintf(t.ParsedPrefix, common.FormatSize(maxParseBytes))
	}
	return line
}
