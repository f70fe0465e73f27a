//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// exchange is one request and its response, parsed from the raw bytes
// netassist captured (not from netassist's own parsed records), with the
// exact bytes of each.
type exchange struct {
	req     *http.Request
	reqRaw  []byte // head and body as they crossed the socket
	resp    *http.Response
	head    []byte // the response head as it crossed the socket
	body    []byte // the response body after de-chunking, still content-encoded
	respRaw []byte
}

// countingReader counts the bytes bufio pulls, so that the raw bytes of each
// message can be cut out of the stream afterwards.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// exchanges parses one connection's captured streams as HTTP/1.1 requests
// (in) and responses (out), in order. It fails the test if the bytes are not
// valid HTTP.
func exchanges(t *testing.T, in, out []byte) []exchange {
	t.Helper()
	var xs []exchange
	inR := &countingReader{r: bytes.NewReader(in)}
	outR := &countingReader{r: bytes.NewReader(out)}
	inB, outB := bufio.NewReader(inR), bufio.NewReader(outR)
	for {
		inStart := inR.n - inB.Buffered()
		if inStart >= len(in) {
			break
		}
		req, err := http.ReadRequest(inB)
		if err != nil {
			t.Fatalf("captured request %d is not HTTP: %v\n%q", len(xs)+1, err, in[inStart:])
		}
		if _, err := io.Copy(io.Discard, req.Body); err != nil {
			t.Fatalf("captured request body: %v", err)
		}
		x := exchange{req: req, reqRaw: in[inStart : inR.n-inB.Buffered()]}
		outStart := outR.n - outB.Buffered()
		if outStart >= len(out) {
			t.Fatalf("no captured response to request %d (%s %s)", len(xs)+1, req.Method, req.URL)
		}
		resp, err := http.ReadResponse(outB, req)
		if err != nil {
			t.Fatalf("captured response %d is not HTTP: %v\n%q", len(xs)+1, err, out[outStart:])
		}
		x.head = out[outStart : outR.n-outB.Buffered()]
		if i := bytes.Index(x.head, []byte("\r\n\r\n")); i >= 0 {
			x.head = x.head[:i+4]
		}
		x.body, err = io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("captured response %d body: %v", len(xs)+1, err)
		}
		x.resp = resp
		x.respRaw = out[outStart : outR.n-outB.Buffered()]
		xs = append(xs, x)
	}
	return xs
}

// decodeBody undoes a Content-Encoding with independent decoders (not the
// application's own).
func decodeBody(encoding string, b []byte) ([]byte, error) {
	var r io.Reader
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return b, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		r = zr
	case "deflate":
		zr, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		r = zr
	case "br":
		r = brotli.NewReader(bytes.NewReader(b))
	case "zstd":
		zr, err := zstd.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		r = zr
	default:
		return nil, fmt.Errorf("unknown content encoding %q", encoding)
	}
	return io.ReadAll(r)
}

// demoFile is a file of the built-in demo site, read from the source tree.
func demoFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "httpserve", "demo", name))
	if err != nil {
		t.Fatalf("demo site file: %v", err)
	}
	return b
}

// listsCoding reports whether an Accept-Encoding value lists coding with a
// non-zero q-value.
func listsCoding(acceptEncoding, coding string) bool {
	for _, part := range strings.Split(acceptEncoding, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					return false
				}
				q = f
			}
		}
		return q > 0
	}
	return false
}
