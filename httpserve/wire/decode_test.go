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
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// codingEncoders compress b with one content coding.
var codingEncoders = map[string]func(w io.Writer) io.WriteCloser{
	"gzip":    func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) },
	"deflate": func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) },
	"raw-deflate": func(w io.Writer) io.WriteCloser {
		fw, _ := flate.NewWriter(w, flate.DefaultCompression)
		return fw
	},
	"br": func(w io.Writer) io.WriteCloser { return brotli.NewWriter(w) },
	"zstd": func(w io.Writer) io.WriteCloser {
		zw, _ := zstd.NewWriter(w)
		return zw
	},
}

func encodeCoding(t testing.TB, coding string, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := codingEncoders[coding](&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decodeSamplePage() []byte {
	var b bytes.Buffer
	for i := range 500 {
		fmt.Fprintf(&b, "<li>item %d — %x</li>\n", i, i*2654435761)
	}
	return b.Bytes()
}

func TestDecode(t *testing.T) {
	page := decodeSamplePage()
	tests := []struct {
		header string   // the Content-Encoding value
		apply  []string // codings applied, in order
	}{
		{"gzip", []string{"gzip"}},
		{"x-gzip", []string{"gzip"}},
		{"GZIP", []string{"gzip"}},
		{"deflate", []string{"deflate"}},
		{"deflate", []string{"raw-deflate"}}, // the common mistake
		{"br", []string{"br"}},
		{"zstd", []string{"zstd"}},
		{"gzip, br", []string{"gzip", "br"}},
		{"deflate,zstd, gzip", []string{"deflate", "zstd", "gzip"}},
		{"identity", nil},
		{"", nil},
		{" gzip , identity", []string{"gzip"}},
	}
	for _, tt := range tests {
		body := page
		for _, c := range tt.apply {
			body = encodeCoding(t, c, body)
		}
		got, err := Decode(tt.header, body)
		if err != nil || !bytes.Equal(got, page) {
			t.Errorf("Decode(%q) after %v: %d bytes, %v; want the page (%d bytes)", tt.header, tt.apply, len(got), err, len(page))
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	page := decodeSamplePage()
	if _, err := Decode("compress", []byte("x")); !errors.Is(err, ErrUnknownEncoding) || !strings.Contains(err.Error(), `"compress"`) {
		t.Errorf("unknown coding: %v", err)
	}
	if _, err := Decode("gzip", []byte("not gzip at all")); err == nil || !strings.HasPrefix(err.Error(), "gzip: ") {
		t.Errorf("garbage as gzip: %v", err)
	}
	if _, err := Decode("deflate", []byte{0xff, 0xff, 0xff}); err == nil {
		t.Error("garbage as deflate decoded")
	}
	// A body still arriving decodes partly: what came out is a prefix.
	for _, c := range []string{"gzip", "deflate", "br", "zstd"} {
		enc := encodeCoding(t, c, page)
		got, err := Decode(c, enc[:len(enc)*3/4])
		if err == nil {
			t.Errorf("%s: truncated body decoded without error", c)
		}
		if !bytes.HasPrefix(page, got) {
			t.Errorf("%s: truncated body gave %d bytes that are not a prefix", c, len(got))
		}
	}
}

// TestDecodeBomb: a small body that inflates far past the limit stops at
// the limit with ErrDecodedTooLarge, in every coding.
func TestDecodeBomb(t *testing.T) {
	const limit = 1 << 20
	zeros := make([]byte, 4<<20)
	for coding := range codingEncoders {
		name := coding
		if coding == "raw-deflate" {
			name = "deflate"
		}
		enc := encodeCoding(t, coding, zeros)
		if len(enc) > 64<<10 {
			t.Fatalf("%s: bomb is %d bytes", coding, len(enc))
		}
		got, err := DecodeLimit(name, enc, limit)
		if !errors.Is(err, ErrDecodedTooLarge) || len(got) != limit {
			t.Errorf("%s: %d bytes, %v; want %d bytes and ErrDecodedTooLarge", coding, len(got), err, limit)
		}
	}
	// Nested codings are limited at every step.
	enc := encodeCoding(t, "gzip", encodeCoding(t, "gzip", zeros))
	if _, err := DecodeLimit("gzip, gzip", enc, limit); !errors.Is(err, ErrDecodedTooLarge) {
		t.Errorf("nested: %v", err)
	}
	if MaxDecodedSize != 64<<20 {
		t.Errorf("MaxDecodedSize = %d", MaxDecodedSize)
	}
}
