package wire

import (
	"strconv"
	"strings"
)

// Framing is how a message's body ends (RFC 9112 §6.3).
type Framing uint8

const (
	// FramingNone: no body (a request without Content-Length or
	// Transfer-Encoding; a 1xx, 204 or 304 response, or one to HEAD).
	FramingNone Framing = iota
	// FramingLength: Content-Length bytes.
	FramingLength
	// FramingChunked: Transfer-Encoding: chunked, up to the last chunk and
	// its trailer.
	FramingChunked
	// FramingClose: every byte until the connection closes — a response
	// without a length, or a message whose framing cannot be trusted
	// (an invalid Content-Length, a transfer coding other than chunked,
	// a head too large), after which a server closes the connection.
	FramingClose
)

var framingNames = [...]string{"none", "content-length", "chunked", "until close"}

// String is "none", "content-length", "chunked" or "until close".
func (f Framing) String() string {
	if int(f) < len(framingNames) {
		return framingNames[f]
	}
	return "unknown"
}

// Body is how the body of a message is delimited.
type Body struct {
	Framing Framing
	// Length is the Content-Length that was declared and valid, or -1.
	// With FramingNone it is informative only (a reply to HEAD).
	Length int64
	// Tunnel: the response switched protocols (101, or 2xx to CONNECT);
	// what follows it is not HTTP.
	Tunnel bool
	// Findings about the framing fields, offsets relative to the head.
	Findings []Finding
}

// RequestBody says how the body of the request whose head is h ends, as
// net/http decides it: Transfer-Encoding (ignored on HTTP/1.0) overrides
// Content-Length; no length means no body.
func (h *Head) RequestBody() Body {
	b := Body{Framing: FramingNone, Length: -1}
	if h.framingTE(&b) {
		return b
	}
	if h.framingCL(&b) {
		return b
	}
	return b
}

// ResponseBody says how the body of the response whose head is h ends,
// for a request with the given method ("" means GET): no body for HEAD,
// 1xx, 204 and 304; a tunnel after 101 or a 2xx to CONNECT; otherwise
// chunked, Content-Length, or until the connection closes.
func (h *Head) ResponseBody(method string) Body {
	b := Body{Framing: FramingClose, Length: -1}
	code := h.Start.Code
	switch {
	case code == 101 || (EqualFold(method, "CONNECT") && code/100 == 2):
		b.Framing, b.Tunnel = FramingNone, true
		return b
	case EqualFold(method, "HEAD") || code/100 == 1 || code == 204 || code == 304:
		b.Framing = FramingNone
		// net/http's client reads Content-Length here too, and refuses
		// the reply if it is invalid.
		if n, ok, off := h.contentLength(); ok {
			b.Length = n
		} else if off >= 0 {
			b.Findings = append(b.Findings, h.clInvalid(off))
		}
		return b
	}
	if h.framingTE(&b) || h.framingCL(&b) {
		return b
	}
	return b
}

// framingTE applies Transfer-Encoding; false if there is none that counts.
func (h *Head) framingTE(b *Body) bool {
	var te []string
	off := -1
	for _, f := range h.Fields {
		if EqualFold(f.Name, "Transfer-Encoding") {
			te = append(te, f.Value)
			if off < 0 {
				off = f.ValueOff
			}
		}
	}
	if len(te) == 0 {
		return false
	}
	all := strings.Join(te, ", ")
	if !h.Start.AtLeast(1, 1) {
		// RFC 9112 §6.1: Transfer-Encoding was added in HTTP/1.1; net/http
		// ignores it on an HTTP/1.0 message (Go issue 12785).
		b.Findings = append(b.Findings, finding(CodeTEIgnored, Warning, off, quote(all)))
		return false
	}
	if len(h.Values("Content-Length")) > 0 {
		b.Findings = append(b.Findings, finding(CodeCLAndTE, Warning, off))
	}
	codings := strings.Split(all, ",")
	if EqualFold(trimOWS(codings[len(codings)-1]), "chunked") {
		b.Framing = FramingChunked
		if len(te) > 1 || len(codings) > 1 {
			// RFC 9112 frames it chunked; net/http (as nginx) takes only
			// one field saying "chunked" and refuses anything else.
			b.Findings = append(b.Findings, finding(CodeTEUnsupported, Error, off, quote(all)))
		}
		return true
	}
	b.Findings = append(b.Findings, finding(CodeTENotChunked, Error, off, quote(all)))
	b.Framing = FramingClose
	return true
}

// framingCL applies Content-Length; false if there is none.
func (h *Head) framingCL(b *Body) bool {
	n, ok, off := h.contentLength()
	if off < 0 {
		return false
	}
	if !ok {
		b.Findings = append(b.Findings, h.clInvalid(off))
		b.Framing = FramingClose
		return true
	}
	b.Framing, b.Length = FramingLength, n
	if n == 0 && h.Start.Request {
		b.Framing = FramingNone
	}
	return true
}

// contentLength reads the Content-Length fields as net/http does (its
// fixLength): each field one number; several fields must be the same text
// ("2" twice, not "2" and "02"). A list in one field ("2, 2"), which RFC
// 9110 §8.6 lets a recipient accept, net/http refuses, and so does this.
// off is the first field's value offset, -1 if there is none.
func (h *Head) contentLength() (n int64, ok bool, off int) {
	n, off = -1, -1
	ok = true
	first := ""
	for _, f := range h.Fields {
		if !EqualFold(f.Name, "Content-Length") {
			continue
		}
		if off < 0 {
			off, first = f.ValueOff, f.Value
			var valid bool
			n, valid = parseLength(f.Value)
			ok = ok && valid
		} else if f.Value != first {
			ok = false
		}
	}
	return n, ok && off >= 0, off
}

// clInvalid is the finding for Content-Length fields that are not one
// valid number, at off.
func (h *Head) clInvalid(off int) Finding {
	return finding(CodeCLInvalid, Error, off, quote(strings.Join(h.Values("Content-Length"), ", ")))
}

// parseLength parses 1*DIGIT into a non-negative int64 (as net/http:
// no sign, no spaces, at most 63 bits).
func parseLength(s string) (int64, bool) {
	if s == "" {
		return -1, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
