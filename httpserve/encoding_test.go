package httpserve

import (
	"bytes"
	"github.com/netassist/netassist/httpserve/wire"
	"testing"
)

func TestNegotiate(t *testing.T) {
	tests := []struct {
		ae     []string // nil: no header
		want   Encoding
		accept map[Encoding]bool
	}{
		{nil, EncodingIdentity, map[Encoding]bool{EncodingGzip: true, EncodingIdentity: true}},
		{[]string{""}, EncodingIdentity, map[Encoding]bool{EncodingGzip: false, EncodingIdentity: true}},
		{[]string{"gzip"}, EncodingGzip, map[Encoding]bool{EncodingGzip: true, EncodingBrotli: false, EncodingIdentity: true}},
		{[]string{"gzip, deflate, br, zstd"}, EncodingZstd, nil},
		{[]string{"deflate, gzip, br"}, EncodingBrotli, nil},
		{[]string{"gzip;q=1.0, br;q=0.8"}, EncodingGzip, nil},
		{[]string{"gzip;q=0, br"}, EncodingBrotli, map[Encoding]bool{EncodingGzip: false}},
		{[]string{"gzip;q=0"}, EncodingIdentity, map[Encoding]bool{EncodingGzip: false, EncodingIdentity: true}},
		{[]string{"GZIP; Q=0.5", "Br;q=0.4"}, EncodingGzip, nil},
		{[]string{"x-gzip"}, EncodingGzip, nil},
		{[]string{"*"}, EncodingZstd, nil},
		{[]string{"*;q=0.5, zstd;q=0"}, EncodingBrotli, map[Encoding]bool{EncodingZstd: false, EncodingIdentity: true}},
		{[]string{"*;q=0"}, EncodingIdentity, map[Encoding]bool{EncodingIdentity: false, EncodingGzip: false}},
		{[]string{"*;q=0, identity"}, EncodingIdentity, map[Encoding]bool{EncodingIdentity: true}},
		{[]string{"identity;q=0, gzip;q=0.1"}, EncodingGzip, map[Encoding]bool{EncodingIdentity: false}},
		{[]string{"identity, gzip;q=0.5"}, EncodingIdentity, nil},
		{[]string{"identity;q=0.5, gzip;q=0.5"}, EncodingGzip, nil},
		{[]string{"gzip;q=2, br;q=abc, zstd;q=0.001"}, EncodingZstd, nil}, // malformed weights are ignored
		{[]string{"compress, lzma"}, EncodingIdentity, nil},
		{[]string{"gzip;level=9;q=0.3"}, EncodingGzip, nil},
	}
	for _, tt := range tests {
		ae := parseAcceptEncoding(tt.ae)
		if got := ae.negotiate(); got != tt.want {
			t.Errorf("%q: negotiate = %s, want %s", tt.ae, got, tt.want)
		}
		for e, want := range tt.accept {
			if got := ae.accepts(e); got != want {
				t.Errorf("%q: accepts(%s) = %v, want %v", tt.ae, e, got, want)
			}
		}
	}
}

func TestParseEncoding(t *testing.T) {
	for _, s := range []string{"", "auto", "identity", "gzip", "deflate", "br", "zstd", "GZIP"} {
		if _, err := ParseEncoding(s); err != nil {
			t.Errorf("ParseEncoding(%q): %v", s, err)
		}
	}
	if _, err := ParseEncoding("brotli"); err == nil {
		t.Error("ParseEncoding(brotli): no error")
	}
}

// TestCompressorsRoundTrip encodes with each pooled compressor twice (the
// second time reused from the pool) and decodes.
func TestCompressorsRoundTrip(t *testing.T) {
	src := bytes.Repeat([]byte("netassist shows every byte. "), 500)
	for _, e := range []Encoding{EncodingGzip, EncodingDeflate, EncodingBrotli, EncodingZstd} {
		for range 2 {
			var out bytes.Buffer
			c := getCompressor(e, &out)
			c.Write(src)
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			putCompressor(e, c)
			got, err := wire.Decode(string(e), out.Bytes())
			if err != nil || !bytes.Equal(got, src) {
				t.Fatalf("%s: round trip failed: %v", e, err)
			}
			if out.Len() >= len(src)/4 {
				t.Errorf("%s: %d → %d, expected better", e, len(src), out.Len())
			}
		}
	}
}
