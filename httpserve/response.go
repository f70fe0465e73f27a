package httpserve

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// MaxResponseHeaderBytes bounds how far ParseResponse looks for the end of a
// response header before giving up (ErrHeaderTooLarge).
const MaxResponseHeaderBytes = 1 << 20

// Errors of ParseResponse and ParseResponses.
var (
	// ErrNotHTTP: the bytes do not start with an HTTP/1.x status line.
	ErrNotHTTP = errors.New("not an HTTP/1.x response")
	// ErrIncomplete: the bytes so far look like the start of a response,
	// but its header has not fully arrived.
	ErrIncomplete = errors.New("incomplete response header")
	// ErrHeaderTooLarge: no end of header within MaxResponseHeaderBytes.
	ErrHeaderTooLarge = errors.New("response header too large")
)

// Framing is how a response's body ends (RFC 9112 §6.3).
type Framing uint8

const (
	// FramingNone: no body (1xx, 204, 304, a reply to HEAD, 2xx to CONNECT).
	FramingNone Framing = iota
	// FramingLength: Content-Length bytes.
	FramingLength
	// FramingChunked: Transfer-Encoding: chunked, until the zero chunk.
	FramingChunked
	// FramingClose: everything until the server closes the connection.
	FramingClose
)

var framingNames = [...]string{"none", "content-length", "chunked", "until close"}

func (f Framing) String() string {
	if int(f) < len(framingNames) {
		return framingNames[f]
	}
	return "unknown"
}

// Response is what ParseResponse recognised of an HTTP/1.x response at the
// start of captured bytes. Byte slices alias the input where they can.
type Response struct {
	// Offset is where the response starts in the bytes given to
	// ParseResponses (0 for ParseResponse); Len is how many bytes it
	// occupies so far: header plus body as framed on the wire.
	Offset, Len int
	// HeaderLen is the length of status line, header lines and the blank
	// line that ends them.
	HeaderLen int

	StatusLine string // without its line break
	Proto      string // "HTTP/1.1"
	StatusCode int
	Reason     string // "OK"; may be empty
	// Header is every header line in wire order, with original case.
	Header []Field

	Framing Framing
	// ContentLength is the declared body length, or -1 if none (or none
	// that can be trusted).
	ContentLength int64
	// Body is the message body received so far, without chunk framing and
	// still content-encoded (see Decode). WireBody is the same bytes as
	// framed on the wire (equal to Body unless chunked).
	Body, WireBody []byte
	// Chunks counts the data chunks of a chunked body; LastChunk says the
	// terminating zero-size chunk arrived, and Trailer holds the fields
	// that followed it.
	Chunks    int
	LastChunk bool
	Trailer   []Field

	// Complete says the whole response arrived. A FramingClose body is
	// complete only once the connection closed, which the bytes cannot
	// tell: see Done.
	Complete bool
	// Problems lists what is wrong with the message, in words a person
	// debugging it can act on ("Content-Length \"12x\" is not a number").
	// Parsing goes on past problems where it can.
	Problems []string
	// Tunnel is set when the response switched protocols (101, or 2xx to
	// CONNECT): what follows is not HTTP.
	Tunnel bool
}

// Get returns the value of the first header named name (case-insensitive),
// or "".
func (r *Response) Get(name string) string {
	for _, f := range r.Header {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Values returns the values of every header named name, in wire order.
func (r *Response) Values(name string) []string {
	var vs []string
	for _, f := range r.Header {
		if strings.EqualFold(f.Name, name) {
			vs = append(vs, f.Value)
		}
	}
	return vs
}

// ContentEncoding is the Content-Encoding of the body, all header lines
// joined ("gzip" or "deflate, br"), for Decode.
func (r *Response) ContentEncoding() string {
	return strings.Join(r.Values("Content-Encoding"), ", ")
}

// Done says whether the response is over, given whether the connection
// has closed: a FramingClose body ends with the connection.
func (r *Response) Done(connClosed bool) bool {
	return r.Complete || (connClosed && r.Framing == FramingClose)
}

// ParseResponse parses the HTTP/1.x response at the start of b, assuming
// it answers a GET. It returns ErrNotHTTP when b does not start like one,
// ErrIncomplete while its header is still arriving. A response whose body
// is still arriving is returned with Complete false.
func ParseResponse(b []byte) (*Response, error) { return ParseResponseTo(b, "GET") }

// ParseResponseTo is ParseResponse for the answer to a request with the
// given method: a reply to HEAD has no body whatever its Content-Length
// says, and a 2xx reply to CONNECT starts a tunnel.
func ParseResponseTo(b []byte, method string) (*Response, error) {
	end, err := headerEnd(b)
	if err != nil {
		return nil, err
	}
	r := &Response{HeaderLen: end, ContentLength: -1}
	lines := splitLines(b[:end])
	if err := r.parseStatusLine(lines[0]); err != nil {
		return nil, err
	}
	if bareLF(b[:end]) {
		r.Problems = append(r.Problems, "header lines end in a bare LF instead of CRLF")
	}
	r.Header = parseFields(lines[1:], "header", &r.Problems)
	r.frame(method)
	body := b[end:]
	switch r.Framing {
	case FramingNone:
		r.Complete = true
	case FramingLength:
		n := int64(len(body))
		if n >= r.ContentLength {
			n = r.ContentLength
			r.Complete = true
		}
		r.Body = body[:n]
		r.WireBody = r.Body
	case FramingChunked:
		r.dechunk(body)
	case FramingClose:
		r.Body, r.WireBody = body, body
	}
	r.Len = end + len(r.WireBody)
	return r, nil
}

// ParseResponses parses every response in b, as on a keep-alive
// connection: the complete ones in order, then the one still arriving, if
// any. methods[i] is the method of the i-th request (GET when missing);
// interim 1xx responses do not use one. err is ErrNotHTTP (or
// ErrHeaderTooLarge) when bytes after the complete responses are not a
// response, ErrIncomplete when the next response's header is still
// arriving, and nil when every byte is accounted for. Parsing stops after
// a response with Tunnel set, or one framed by the connection's close.
func ParseResponses(b []byte, methods ...string) (done []*Response, partial *Response, err error) {
	off, req := 0, 0
	for off < len(b) {
		method := "GET"
		if req < len(methods) {
			method = methods[req]
		}
		r, err := ParseResponseTo(b[off:], method)
		if err != nil {
			return done, nil, err
		}
		r.Offset = off
		if !r.Complete {
			return done, r, nil
		}
		done = append(done, r)
		off += r.Len
		if r.StatusCode >= 200 || r.StatusCode == 101 {
			req++
		}
		if r.Tunnel {
			break
		}
	}
	return done, nil, nil
}

// headerEnd returns the length of the header block at the start of b,
// blank line included. Lines may end in CRLF or, leniently, in LF alone.
func headerEnd(b []byte) (int, error) {
	const proto = "HTTP/1."
	if n := min(len(b), len(proto)); !bytes.Equal(b[:n], []byte(proto[:n])) {
		return 0, ErrNotHTTP
	}
	limit := min(len(b), MaxResponseHeaderBytes)
	for i := 0; i < limit; {
		j := bytes.IndexByte(b[i:limit], '\n')
		if j < 0 {
			break
		}
		lineEnd := i + j + 1
		if i > 0 && (j == 0 || (j == 1 && b[i] == '\r')) {
			return lineEnd, nil // the blank line
		}
		i = lineEnd
	}
	if len(b) >= MaxResponseHeaderBytes {
		return 0, ErrHeaderTooLarge
	}
	return 0, ErrIncomplete
}

// splitLines splits a header block into lines without their line breaks,
// dropping the final blank line.
func splitLines(b []byte) []string {
	s := strings.TrimSuffix(string(b), "\n")
	s = strings.TrimSuffix(s, "\r")
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

func (r *Response) parseStatusLine(line string) error {
	r.StatusLine = line
	proto, rest, _ := strings.Cut(line, " ")
	if len(proto) != len("HTTP/1.x") || proto[7] < '0' || proto[7] > '9' {
		return fmt.Errorf("%w: status line %q", ErrNotHTTP, line)
	}
	r.Proto = proto
	code, reason, _ := strings.Cut(rest, " ")
	if len(code) != 3 {
		return fmt.Errorf("%w: status code %q in %q", ErrNotHTTP, code, line)
	}
	n, err := strconv.Atoi(code)
	if err != nil || n < 100 {
		return fmt.Errorf("%w: status code %q in %q", ErrNotHTTP, code, line)
	}
	r.StatusCode, r.Reason = n, reason
	return nil
}

// parseFields parses header or trailer lines, keeping order and case. An
// obsolete folded line (starting with a space or tab) continues the
// previous value; a line without a colon is kept (whole, as a value with
// no name, as head.go does for requests) and reported.
func parseFields(lines []string, what string, problems *[]string) []Field {
	fields := make([]Field, 0, len(lines))
	for i, l := range lines {
		if l != "" && (l[0] == ' ' || l[0] == '\t') && len(fields) > 0 {
			f := &fields[len(fields)-1]
			f.Value = strings.TrimSpace(f.Value + " " + strings.TrimSpace(l))
			*problems = append(*problems, fmt.Sprintf("%s line %d is folded onto the previous one (obsolete)", what, i+1))
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok || name == "" {
			*problems = append(*problems, fmt.Sprintf("%s line %d has no name: value", what, i+1))
			fields = append(fields, Field{Value: l})
			continue
		}
		if strings.TrimRight(name, " \t") != name {
			*problems = append(*problems, fmt.Sprintf("%s %q has whitespace before its colon", what, name))
			name = strings.TrimRight(name, " \t")
		}
		fields = append(fields, Field{Name: name, Value: strings.Trim(value, " \t")})
	}
	return fields
}

// frame decides how the body ends (RFC 9112 §6.3).
func (r *Response) frame(method string) {
	code := r.StatusCode
	switch {
	case code == 101 || (strings.EqualFold(method, "CONNECT") && code/100 == 2):
		r.Framing, r.Tunnel = FramingNone, true
		return
	case strings.EqualFold(method, "HEAD") || code/100 == 1 || code == 204 || code == 304:
		r.Framing = FramingNone
		if cl := r.Values("Content-Length"); len(cl) > 0 {
			if n, ok := contentLength(cl); ok {
				r.ContentLength = n // informative only: no body follows
			}
		}
		return
	}
	te := r.Values("Transfer-Encoding")
	cl := r.Values("Content-Length")
	if len(te) > 0 {
		if len(cl) > 0 {
			r.Problems = append(r.Problems, "both Transfer-Encoding and Content-Length: Content-Length is ignored")
		}
		codings := strings.Split(strings.Join(te, ","), ",")
		last := strings.ToLower(strings.TrimSpace(codings[len(codings)-1]))
		if last == "chunked" {
			r.Framing = FramingChunked
			return
		}
		r.Problems = append(r.Problems, fmt.Sprintf("Transfer-Encoding %q does not end in chunked: the body runs until the connection closes", strings.Join(te, ", ")))
		r.Framing = FramingClose
		return
	}
	if len(cl) > 0 {
		if n, ok := contentLength(cl); ok {
			r.Framing, r.ContentLength = FramingLength, n
			return
		}
		r.Problems = append(r.Problems, fmt.Sprintf("Content-Length %q is not one valid number: the body runs until the connection closes", strings.Join(cl, ", ")))
	}
	r.Framing = FramingClose
}

// contentLength returns the value of Content-Length header lines, which may
// repeat (or list) one value but not disagree.
func contentLength(values []string) (int64, bool) {
	n := int64(-1)
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			m, err := strconv.ParseInt(part, 10, 64)
			if err != nil || m < 0 || part[0] == '+' || (n >= 0 && m != n) {
				return -1, false
			}
			n = m
		}
	}
	return n, n >= 0
}

// maxChunkSize rejects absurd chunk sizes (and overflow) early.
const maxChunkSize = 1 << 40

// dechunk decodes the chunked body that has arrived in b.
func (r *Response) dechunk(b []byte) {
	var body []byte
	i := 0
	defer func() {
		r.Body, r.WireBody = body, b[:i]
	}()
	for {
		line, next, ok := cutLine(b, i)
		if !ok {
			return // the size line is still arriving
		}
		sizeText, _, _ := strings.Cut(line, ";") // drop chunk extensions
		sizeText = strings.Trim(sizeText, " \t")
		size, err := strconv.ParseUint(sizeText, 16, 64)
		if err != nil || sizeText == "" || size > maxChunkSize {
			r.Problems = append(r.Problems, fmt.Sprintf("bad chunk size line %q at body byte %d", line, i))
			return
		}
		if size == 0 {
			r.LastChunk = true
			i = next
			break
		}
		data := b[next:]
		if uint64(len(data)) < size {
			body = append(body, data...)
			i = len(b)
			return // the chunk's data is still arriving
		}
		body = append(body, data[:size]...)
		r.Chunks++
		j := next + int(size)
		switch {
		case j+2 <= len(b) && b[j] == '\r' && b[j+1] == '\n':
			i = j + 2
		case j+1 <= len(b) && b[j] == '\n':
			i = j + 1
		case j == len(b) || (j+1 == len(b) && b[j] == '\r'):
			i = len(b)
			return // the line break after the data is still arriving
		default:
			r.Problems = append(r.Problems, fmt.Sprintf("chunk %d is longer than its size %d (no line break after its data)", r.Chunks, size))
			i = j
			return
		}
	}
	// Trailer fields, then a blank line.
	var lines []string
	for {
		line, next, ok := cutLine(b, i)
		if !ok {
			return // the trailer is still arriving
		}
		i = next
		if line == "" {
			break
		}
		lines = append(lines, line)
	}
	r.Trailer = parseFields(lines, "trailer", &r.Problems)
	r.Complete = true
}

// cutLine returns the line of b starting at i (without CRLF or LF) and the
// position after it; ok is false if the line is not complete.
func cutLine(b []byte, i int) (line string, next int, ok bool) {
	j := bytes.IndexByte(b[i:], '\n')
	if j < 0 {
		return "", 0, false
	}
	return strings.TrimSuffix(string(b[i:i+j]), "\r"), i + j + 1, true
}

// bareLF reports whether a line of b ends in LF without CR.
func bareLF(b []byte) bool {
	for i, c := range b {
		if c == '\n' && (i == 0 || b[i-1] != '\r') {
			return true
		}
	}
	return false
}
