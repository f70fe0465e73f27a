package httpserve

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Encode returns body content-encoded with coding e exactly as the server
// sends it in a 200 response: the same pooled encoders at the same levels,
// fed in the same 32 KiB writes, so the bytes equal what a client receives
// with Content-Encoding e. EncodingIdentity returns body itself. It is for
// the encoding lab and the lesson templates, which must show what the
// server really sends; it may take a while on a large body, so call it off
// a UI's goroutine.
func Encode(e Encoding, body []byte) ([]byte, error) {
	if e == EncodingIdentity {
		return body, nil
	}
	var out bytes.Buffer
	c := getCompressor(e, &out)
	if c == nil {
		return nil, fmt.Errorf("httpserve: cannot encode with %q", e)
	}
	defer putCompressor(e, c)
	bp := copyBufPool.Get().(*[]byte)
	defer copyBufPool.Put(bp)
	if _, err := io.CopyBuffer(writerOnly{c}, bytes.NewReader(body), *bp); err != nil {
		return nil, err
	}
	if err := c.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// EncoderSettings names the encoder settings of coding e ("gzip level 6",
// "br quality 5", …): part of a cache key, so results computed with other
// settings are never taken for the server's.
func EncoderSettings(e Encoding) string {
	switch e {
	case EncodingGzip:
		return "gzip level 6 (default)"
	case EncodingDeflate:
		return "zlib level 6 (default)"
	case EncodingBrotli:
		return fmt.Sprintf("br quality %d", brotliQuality)
	case EncodingZstd:
		return "zstd default level, 1 MiB window"
	}
	return string(e)
}

// Negotiable reports whether the server, in auto mode, compresses a file
// of this Content-Type and size at all: text-like types of at least
// MinCompressSize bytes.
func Negotiable(ctype string, size int64) bool {
	return compressible(ctype) && size >= MinCompressSize
}

// MinCompressSize is the smallest body the server compresses in auto mode.
const MinCompressSize = minCompressSize

// Preference lists the codings the server chooses among, best first, when
// the client weighs them equally (zstd, br, gzip, deflate).
func Preference() []Encoding { return append([]Encoding(nil), preference[:]...) }

// AcceptEncoding is a request's Accept-Encoding as the server reads it
// (RFC 9110 §12.5.3): the same parser and the same negotiation, for a UI
// that explains the server's choice.
type AcceptEncoding struct{ ae acceptEncoding }

// ParseAcceptEncoding reads the values of every Accept-Encoding field of a
// request, in order (none: the field was not sent).
func ParseAcceptEncoding(values []string) AcceptEncoding {
	return AcceptEncoding{parseAcceptEncoding(values)}
}

// Present reports whether the request had an Accept-Encoding field.
func (a AcceptEncoding) Present() bool { return a.ae.present }

// Q is how much the client wants coding e, in thousandths (1000 = q=1,
// 0 = refused), as the server weighs it (identity keeps a minimal weight
// unless refused).
func (a AcceptEncoding) Q(e Encoding) int { return a.ae.q(e) }

// Listing says how a coding appears in Accept-Encoding.
type Listing uint8

// How a coding is listed.
const (
	NotListed  Listing = iota // neither named nor covered by "*"
	Named                     // named ("gzip", "gzip;q=0.5")
	ByWildcard                // covered by "*"
)

// Listed says whether the client named coding e, or covered it with "*",
// or neither. x-gzip counts as gzip.
func (a AcceptEncoding) Listed(e Encoding) Listing {
	if _, ok := a.ae.codings[strings.ToLower(string(e))]; ok {
		return Named
	}
	if a.ae.star >= 0 && e != EncodingIdentity {
		return ByWildcard
	}
	return NotListed
}

// Negotiate is the coding the server sends for a compressible file in
// auto mode: the highest weight, ties broken by Preference, identity
// when nothing else is acceptable or the field is absent.
func (a AcceptEncoding) Negotiate() Encoding { return a.ae.negotiate() }
