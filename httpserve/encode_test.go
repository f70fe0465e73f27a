package httpserve

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEncodeIsWhatIsSent: Encode gives, byte for byte, the body the
// server sends for each coding (a file larger than one copy buffer, so the
// writes' sizes matter too).
func TestEncodeIsWhatIsSent(t *testing.T) {
	dir, text := siteDir(t)
	big := bytes.Repeat(text, 4) // > 32 KiB
	if err := os.WriteFile(filepath.Join(dir, "big.txt"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{Root: dir})
	for _, name := range []string{"/page.txt", "/big.txt"} {
		src := text
		if name == "/big.txt" {
			src = big
		}
		for _, e := range []Encoding{EncodingGzip, EncodingDeflate, EncodingBrotli, EncodingZstd} {
			_, body := ts.get(name, "Accept-Encoding", string(e))
			got, err := Encode(e, src)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, body) {
				t.Errorf("%s %s: Encode gives %d bytes, the server sent %d", name, e, len(got), len(body))
			}
		}
	}
	if b, err := Encode(EncodingIdentity, text); err != nil || !bytes.Equal(b, text) {
		t.Error("identity")
	}
	if _, err := Encode("compress", text); err == nil {
		t.Error("compress encoded")
	}
}

func TestAcceptEncodingExport(t *testing.T) {
	a := ParseAcceptEncoding([]string{"gzip;q=0.5, br", "*;q=0.1, zstd;q=0"})
	if !a.Present() || a.Q(EncodingBrotli) != 1000 || a.Q(EncodingGzip) != 500 || a.Q(EncodingZstd) != 0 || a.Q(EncodingDeflate) != 100 {
		t.Errorf("weights: br %d gzip %d zstd %d deflate %d", a.Q(EncodingBrotli), a.Q(EncodingGzip), a.Q(EncodingZstd), a.Q(EncodingDeflate))
	}
	if a.Listed(EncodingGzip) != Named || a.Listed(EncodingDeflate) != ByWildcard || a.Negotiate() != EncodingBrotli {
		t.Errorf("listing %v %v, negotiate %v", a.Listed(EncodingGzip), a.Listed(EncodingDeflate), a.Negotiate())
	}
	if b := ParseAcceptEncoding(nil); b.Present() || b.Negotiate() != EncodingIdentity || b.Listed(EncodingGzip) != NotListed {
		t.Error("absent header")
	}
	if !Negotiable("text/html; charset=utf-8", 2000) || Negotiable("image/png", 5000) || Negotiable("text/css", 10) {
		t.Error("Negotiable")
	}
	if !strings.Contains(EncoderSettings(EncodingBrotli), "5") || len(Preference()) != 4 {
		t.Error("settings")
	}
}
