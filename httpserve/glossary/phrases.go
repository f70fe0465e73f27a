package glossary

import (
	"strconv"
	"strings"

	"github.com/netassist/netassist/netassist/i18n"
)

// Phrases are the words the annotated view and the checker put around the
// wire bytes, in one language. Static labels are strings; phrases that
// carry values are functions of those values, so no format string ever
// meets untrusted data. Arguments named item or hex are tokens taken from
// the message: the caller sanitizes them with netassist/render first.
// Numbers are printed with thousands separators ("1,024").
type Phrases struct {
	// The parts of a message (the teaching notes' 请求行, 请求头部, 空行,
	// 请求数据 / 状态行, 响应头部, 响应正文), labelling each wire line.
	RequestLine     string // "request line": method SP target SP version CRLF
	Method          string
	Target          string
	Version         string
	StatusLine      string // "status line": version SP code SP reason CRLF
	StatusCode      string
	ReasonPhrase    string
	RequestHeaders  string
	ResponseHeaders string
	HeaderName      string
	HeaderValue     string
	CRLF            string // the marker after each line
	BareLF          string // a line ended by LF alone
	BlankLine       string // the empty line that ends the head
	RequestBody     string
	ResponseBody    string
	ChunkSizeLine   string
	ChunkData       string
	LastChunk       string // the 0-size chunk
	Trailer         string // a field after the last chunk

	// Names the glossary does not explain.
	NotRegistered  string                     // a field neither explained nor in the IANA registry
	RegisteredOnly func(RegistryEntry) string // in the registry, not explained here
	UnknownStatus  func(code int) string      // not in the status code registry

	// Sizes.
	Bytes     func(n int64) string             // "1 byte", "1,024 bytes"
	ChunkSize func(hex string, n int64) string // a chunk size line read out

	// q-values (RFC 9110 §12.4.2) of Accept, Accept-Encoding,
	// Accept-Language: item as written, q as written ("1" when absent).
	// A wildcard item ("*", "*/*", "image/*") is spelled out.
	QPreferred func(item, q string) string // the highest q, first of equals
	QAccepted  func(item, q string) string // 0 < q
	QRefused   func(item, q string) string // q = 0

	// Framing verdicts: the body checked against Content-Length, chunked
	// coding or connection close (RFC 9112 §6.3).
	LengthMatches     func(n int64) string
	LengthMismatch    func(declared, actual int64) string // a whole message at hand
	LengthShort       func(declared, got int64) string    // still arriving
	Chunked           func(chunks int, n int64) string    // complete, n data bytes
	ChunkedUnfinished func(chunks int, n int64) string    // no last chunk yet
	UntilClose        string                              // a response with neither field
	NoRequestBody     string                              // a request with neither field
	NoBodyStatus      func(code int) string               // 1xx, 204, 304
	NoBodyHEAD        string                              // a response to HEAD
	TEOverridesCL     string                              // both fields present
	HTTP10IgnoresTE   string                              // Transfer-Encoding in HTTP/1.0
	ExtraBytes        func(n int64) string                // bytes after the message's end
}

// PhrasesIn returns the phrases in language l.
func PhrasesIn(l i18n.Lang) Phrases {
	if l == i18n.Chinese {
		return chinese
	}
	return english
}

// group prints n with a comma every three digits: 1234567 → "1,234,567".
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// wildcard kinds of a q-value item.
const (
	notWild  = iota
	anyThing // "*" (Accept-Encoding, Accept-Language)
	anyType  // "*/*"
	anySub   // "image/*"
)

func wildKind(item string) int {
	switch {
	case item == "*":
		return anyThing
	case item == "*/*":
		return anyType
	case strings.HasSuffix(item, "/*"):
		return anySub
	}
	return notWild
}
