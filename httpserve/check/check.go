// Package check is the reply checker of DESIGN.md §8: it reads one HTTP/1.x
// message, or a stream of several, and says what is wrong with it as
// findings with a stable code, a severity and a byte offset, in English or
// Chinese — `error content-length-mismatch @62: Content-Length says 20, the
// body has 46 bytes`. It never refuses anything: a broken reply sent on
// purpose is a lesson too. Where a finding has a single right fix
// (Content-Length, a bare LF, a missing blank line, Content-Length beside
// Transfer-Encoding) Fix applies it.
//
// All framing comes from httpserve/wire (ParseAll), so `check`, `annotate`
// and the Web tab never disagree; this package adds the findings that need
// the whole message (encoding-mismatch, no-content-type, no-host) and the
// words. Everything here is a pure function over bytes: no I/O, no state,
// safe from any goroutine, cheap enough to run on every keystroke of a
// reply editor (a few microseconds for a typical reply).
package check

import (
	"errors"
	"slices"
	"strings"

	"github.com/netassist/netassist/httpserve/wire"
)

// CodeNoHost: an HTTP/1.1 request without Host, which a server must answer
// with 400 (RFC 9112 §3.2). The other codes are wire's Code* constants.
const CodeNoHost = "no-host"

// Options say how to read the bytes.
type Options struct {
	// Methods are the methods of the requests the responses answer, in
	// order ("" or missing: GET). A reply to HEAD has no body.
	Methods []string
}

// Check reads b as a whole stream of requests or of responses (its first
// bytes decide, as wire.IsResponse does) and returns every finding, in
// offset order (ties keep the order they were found in). An empty b has
// none.
func Check(b []byte, o Options) []wire.Finding {
	if len(b) == 0 {
		return nil
	}
	msgs, _, _ := wire.ParseAll(b, o.Methods...)
	return Messages(b, msgs)
}

// Messages returns the findings of messages already framed from b by
// wire.ParseAll: wire's own, and those that need the whole message
// (encoding-mismatch, no-content-type, no-host). Offsets are in b. It is
// what Check does after parsing, for a caller (annotate) that keeps the
// messages.
func Messages(b []byte, msgs []*wire.Message) []wire.Finding {
	var out []wire.Finding
	for _, m := range msgs {
		out = append(out, m.Findings...)
		out = append(out, extra(b, m)...)
	}
	slices.SortStableFunc(out, func(x, y wire.Finding) int {
		switch {
		case x.Off < y.Off:
			return -1
		case x.Off > y.Off:
			return 1
		}
		return 0
	})
	return out
}

// HasError reports whether any finding is an error (check's exit 1).
func HasError(fs []wire.Finding) bool {
	for _, f := range fs {
		if f.Severity == wire.Error {
			return true
		}
	}
	return false
}

// extra finds what wire does not: it needs the message whole.
func extra(b []byte, m *wire.Message) []wire.Finding {
	h := m.Head
	if h == nil || !h.Complete || !h.StartOK {
		return nil
	}
	var out []wire.Finding
	blank := m.Off + m.HeadLen - blankLen(h) // where a missing field would go
	if h.Start.Request && h.Start.AtLeast(1, 1) && len(h.Values("Host")) == 0 {
		out = append(out, wire.Finding{Code: CodeNoHost, Severity: wire.Error, Off: int64(blank)})
	}
	body := m.Body
	if len(body) == 0 || !m.Complete || hasCode(m.Findings, wire.CodeCLMismatch, wire.CodeBadChunked) {
		return out
	}
	if len(h.Values("Content-Type")) == 0 {
		out = append(out, wire.Finding{Code: wire.CodeNoContentType, Severity: wire.Warning, Off: int64(blank)})
	}
	if ce := m.ContentEncoding(); ce != "" {
		if coding, bad := badEncoding(ce, body); bad {
			out = append(out, wire.Finding{Code: wire.CodeEncodingMismatch, Severity: wire.Error,
				Off: int64(m.Off + m.HeadLen), Args: []string{arg(coding)}})
		}
	}
	return out
}

// probeLimit bounds how much of a body is decoded to see whether it is
// what Content-Encoding says: decoding stops there with
// wire.ErrDecodedTooLarge, which counts as "it decodes".
const probeLimit = 64 << 10

// badEncoding reports whether body fails to decode as the codings ce
// names; coding is the one that failed ("gzip"). Codings wire does not
// know (compress, a typo) are not judged.
func badEncoding(ce string, body []byte) (coding string, bad bool) {
	_, err := wire.DecodeLimit(ce, body, probeLimit)
	if err == nil || errors.Is(err, wire.ErrDecodedTooLarge) || errors.Is(err, wire.ErrUnknownEncoding) {
		return "", false
	}
	// DecodeLimit prefixes the failing coding: "gzip: invalid header".
	coding, _, _ = strings.Cut(err.Error(), ":")
	return coding, true
}

// blankLen is the length of the empty line that ends a complete head.
func blankLen(h *wire.Head) int {
	if n := len(h.Raw); n >= 2 && h.Raw[n-2] == '\r' {
		return 2
	}
	return 1
}

func hasCode(fs []wire.Finding, codes ...string) bool {
	for _, f := range fs {
		if slices.Contains(codes, f.Code) {
			return true
		}
	}
	return false
}

// arg shows a value from the wire in a message: a token as it is,
// anything else in double quotes, rendered once by netassist/render (as
// wire's Args are), so nothing from the wire reaches a terminal raw.
func arg(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == '\\' {
			return `"` + wire.Show(s) + `"`
		}
	}
	return wire.Show(s)
}
