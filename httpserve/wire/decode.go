package wire

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// MaxDecodedSize is the most Decode produces (per coding step): a few
// kilobytes of gzip can expand to gigabytes, and the bytes come from the
// network.
const MaxDecodedSize = 64 << 20

// maxZstdWindow caps the history a zstd stream may ask the decoder to
// keep (the library's default is 512 MiB).
const maxZstdWindow = 64 << 20

// Errors of Decode.
var (
	// ErrDecodedTooLarge: decoding would exceed the size limit; the bytes
	// returned are the first limit bytes.
	ErrDecodedTooLarge = errors.New("decoded body exceeds the size limit")
	// ErrUnknownEncoding: a content coding Decode does not know.
	ErrUnknownEncoding = errors.New("unknown content encoding")
)

// Decode undoes the content codings named by a Content-Encoding value
// ("gzip", "deflate", "br", "zstd", or several separated by commas, which
// were applied in order and so are undone in reverse). "identity" and empty
// names are skipped. On error, the bytes returned are what decoded before
// the error (a body still arriving decodes partly, with
// io.ErrUnexpectedEOF), so a view can show them with the error.
func Decode(encoding string, body []byte) ([]byte, error) {
	return DecodeLimit(encoding, body, MaxDecodedSize)
}

// DecodeLimit is Decode with its own size limit, in bytes.
func DecodeLimit(encoding string, body []byte, limit int64) ([]byte, error) {
	codings := strings.Split(encoding, ",")
	out := body
	for i := len(codings) - 1; i >= 0; i-- {
		name := strings.ToLower(strings.TrimSpace(codings[i]))
		if name == "" || name == "identity" {
			continue
		}
		b, err := decodeOne(name, out, limit)
		if err != nil {
			return b, fmt.Errorf("%s: %w", name, err)
		}
		out = b
	}
	return out, nil
}

func decodeOne(name string, b []byte, limit int64) ([]byte, error) {
	switch name {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		return readLimited(zr, limit)
	case "deflate":
		// RFC 9110 says zlib-wrapped; some servers send raw deflate, which
		// may even pass for a zlib header by chance: fall back to it
		// whenever zlib fails.
		out, err := inflateZlib(b, limit)
		if err == nil || errors.Is(err, ErrDecodedTooLarge) {
			return out, err
		}
		fr := flate.NewReader(bytes.NewReader(b))
		defer fr.Close()
		raw, rawErr := readLimited(fr, limit)
		if rawErr == nil || errors.Is(err, zlib.ErrHeader) {
			return raw, rawErr
		}
		return out, err
	case "br":
		return readLimited(brotli.NewReader(bytes.NewReader(b)), limit)
	case "zstd":
		// The window bounds the decoder's memory; readLimited bounds the
		// output.
		zr, err := zstd.NewReader(bytes.NewReader(b),
			zstd.WithDecoderConcurrency(1),
			zstd.WithDecoderMaxWindow(maxZstdWindow))
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		return readLimited(zr, limit)
	}
	return nil, fmt.Errorf(`%w "%s"`, ErrUnknownEncoding, name)
}

// readLimited reads r to its end, or to limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if n > limit {
		return buf.Bytes()[:limit], fmt.Errorf("%w (%d bytes)", ErrDecodedTooLarge, limit)
	}
	return buf.Bytes(), err
}

func inflateZlib(b []byte, limit int64) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return readLimited(zr, limit)
}

// Sniff names the content coding the body's first bytes show: "gzip"
// (1f 8b), "zstd" (28 b5 2f fd), "deflate" (a zlib header: CMF 0x?8 with
// a valid check), or "" when none shows. Brotli has no signature: a br
// body sniffs as "". For `check`'s encoding-mismatch.
func Sniff(body []byte) string {
	switch {
	case len(body) >= 2 && body[0] == 0x1f && body[1] == 0x8b:
		return "gzip"
	case len(body) >= 4 && body[0] == 0x28 && body[1] == 0xb5 && body[2] == 0x2f && body[3] == 0xfd:
		return "zstd"
	case len(body) >= 2 && body[0]&0x0f == 8 && body[0]>>4 <= 7 && (uint16(body[0])<<8|uint16(body[1]))%31 == 0:
		return "deflate"
	}
	return ""
}
