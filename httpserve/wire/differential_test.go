package wire

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// netHTTPEnds frames b as net/http's server reads a connection: after a
// POST it skips up to four CR or LF bytes, http.ReadRequest reads a head
// (net/http's server uses this very function, with a 4 KiB bufio.Reader),
// the request is refused if the server would refuse it (not HTTP/1.x, no
// Host on HTTP/1.1: ReadRequest moves it to req.Host), and the body is read to its end. It returns the
// stream offset where each accepted request ends, stopping at the first
// request net/http refuses or cannot finish.
func netHTTPEnds(b []byte) []int64 {
	cr := &countReader{r: bytes.NewReader(b)}
	br := bufio.NewReaderSize(cr, 4096)
	var ends []int64
	lastPOST := false
	for {
		if lastPOST {
			peek, _ := br.Peek(4)
			n := 0
			for n < len(peek) && (peek[n] == '\r' || peek[n] == '\n') {
				n++
			}
			br.Discard(n)
		}
		if _, err := br.Peek(1); err != nil {
			return ends
		}
		req, err := http.ReadRequest(br)
		if err != nil {
			return ends
		}
		if req.ProtoMajor != 1 ||
			(req.ProtoAtLeast(1, 1) && req.Host == "" && req.Method != "CONNECT") {
			return ends
		}
		if _, err := io.Copy(io.Discard, req.Body); err != nil {
			return ends
		}
		ends = append(ends, cr.n-int64(br.Buffered()))
		lastPOST = req.Method == "POST"
	}
}

// wireEnds frames b with a Splitter fed step bytes at a time (all at once
// if step <= 0) and returns where each complete request ends.
func wireEnds(b []byte, step int) []int64 {
	var s Splitter
	var ends []int64
	if step <= 0 {
		step = len(b)
	}
	for i := 0; i < len(b); i += step {
		piece := b[i:min(i+step, len(b))]
		for len(piece) > 0 {
			seg := s.Next(piece)
			piece = piece[seg.N:]
			if seg.Done {
				ends = append(ends, s.Offset())
			}
		}
	}
	return ends
}

// agree checks that wire frames every request net/http accepts where
// net/http does, whole and split into reads of every size up to 7.
func agree(t testing.TB, b []byte) {
	t.Helper()
	want := netHTTPEnds(b)
	for _, step := range []int{0, 1, 2, 3, 5, 7} {
		got := wireEnds(b, step)
		if len(got) < len(want) {
			t.Fatalf("step %d: net/http framed %d requests %v, wire %d %v\n%q", step, len(want), want, len(got), got, b)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("step %d: request %d ends at %d for wire, %d for net/http\n%q", step, i, got[i], want[i], b)
			}
		}
	}
}

// fixtures reads the real requests of ../shared/fixtures/requests.
func fixtures(t testing.TB) map[string][]byte {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "fixtures", "requests")
	if d := os.Getenv("NETASSIST_FIXTURES"); d != "" {
		dir = d
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.bin"))
	if len(paths) == 0 {
		paths, _ = filepath.Glob("/work/shared/fixtures/requests/*.bin")
	}
	out := make(map[string][]byte)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = b
	}
	if len(out) == 0 {
		t.Skip("no request fixtures found")
	}
	return out
}

// variants are requests built to probe framing: every case where
// implementations have disagreed (request smuggling's classics included).
func variants() map[string]string {
	const get = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n"
	v := map[string]string{
		"http10 te chunked":         "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" + get,
		"http10 te chunked with cl": "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc" + get,
		"http10 cl":                 "POST / HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello" + get,
		"cl and te":                 "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" + get,
		"te and cl":                 "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 100\r\n\r\n0\r\n\r\n" + get,
		"te upper case":             "POST / HTTP/1.1\r\nHost: a\r\ntransfer-encoding: CHUNKED\r\n\r\n3\r\nabc\r\n0\r\n\r\n" + get,
		"te trailing space":         "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked \r\n\r\n1\r\nx\r\n0\r\n\r\n" + get,
		"te folded":                 "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n" + get,
		"te list":                   "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n" + get,
		"te twice":                  "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + get,
		"te identity":               "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\nContent-Length: 1\r\n\r\nx" + get,
		"multiple cl equal":         "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc" + get,
		"multiple cl differ":        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd" + get,
		"cl list":                   "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc" + get,
		"cl leading zeros":          "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 003\r\n\r\nabc" + get,
		"cl plus":                   "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc" + get,
		"cl spaces":                 "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:   3  \r\n\r\nabc" + get,
		"cl empty":                  "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n" + get,
		"cl folded":                 "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n 3\r\n\r\nabc" + get,
		"cl lower case":             "POST / HTTP/1.1\r\nHost: a\r\ncontent-length: 3\r\n\r\nabc" + get,
		"cl on get":                 "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi" + get,
		"obs-fold":                  "GET / HTTP/1.1\r\nHost: a\r\nX-A: one\r\n\ttwo\r\n  three\r\n\r\n" + get,
		"obs-fold first line":       "GET / HTTP/1.1\r\n X: a\r\nHost: a\r\n\r\n" + get,
		"bare lf":                   "GET / HTTP/1.1\nHost: a\n\n" + get,
		"bare lf post":              "POST / HTTP/1.1\nHost: a\nContent-Length: 2\n\nhi" + get,
		"mixed line ends":           "GET / HTTP/1.1\r\nHost: a\n\r\n" + get,
		"bare cr":                   "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n" + get,
		"chunk ext":                 "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;name=val\r\nabc\r\n5;a;b=\"q;x\"\r\nhello\r\n0;end\r\n\r\n" + get,
		"chunk ext bws":             "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3 ;x\r\nabc\r\n0\r\n\r\n" + get,
		"chunk size spaces":         "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3  \r\nabc\r\n0\r\n\r\n" + get,
		"chunk hex upper":           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n" + get,
		"chunk leading zeros":       "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0003\r\nabc\r\n000\r\n\r\n" + get,
		"chunk bare lf":             "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\n0\n\n" + get,
		"chunk data too long":       "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n" + get,
		"trailers":                  "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 1\r\nX-More: 2\r\n\r\n" + get,
		"trailer bare lf":           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\n\r\n" + get,
		"trailer empty bare lf":     "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\n" + get,
		"post then crlf":            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi\r\n" + get,
		"post then crlf crlf":       "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n" + get,
		"get then crlf":             "GET / HTTP/1.1\r\nHost: a\r\n\r\n\r\n" + get,
		"leading crlf":              "\r\n" + get + get,
		"http11 no host":            "GET / HTTP/1.1\r\n\r\n" + get,
		"http10 no host":            "GET / HTTP/1.0\r\n\r\n" + get,
		"http12":                    "POST / HTTP/1.2\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + get,
		"http09":                    "GET /\r\n\r\n" + get,
		"method lower case":         "get / HTTP/1.1\r\nHost: a\r\n\r\n" + get,
		"space before colon":        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length : 3\r\n\r\nabc" + get,
		"no colon":                  "GET / HTTP/1.1\r\nHost: a\r\nnocolon\r\n\r\n" + get,
		"connect":                   "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n" + get,
		"options star":              "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n" + get,
		"absolute form":             "GET http://a/x HTTP/1.1\r\nHost: b\r\n\r\n" + get,
		"expect continue":           "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi" + get,
		"huge chunk size":           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nabc",
		"long chunk ext":            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;" + strings.Repeat("e", 5000) + "\r\nx\r\n0\r\n\r\n" + get,
		"big body":                  "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10000\r\n\r\n" + strings.Repeat("b", 10000) + get,
	}
	// Many small chunks, and chunks across the 4 KiB buffer.
	var chunks strings.Builder
	for i := range 300 {
		fmt.Fprintf(&chunks, "%x\r\n%s\r\n", i%40+1, strings.Repeat("c", i%40+1))
	}
	v["many chunks"] = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks.String() + "0\r\n\r\n" + get
	return v
}

func TestFramingAgreesWithNetHTTP(t *testing.T) {
	fx := fixtures(t)
	for name, b := range fx {
		t.Run(name, func(t *testing.T) { agree(t, b) })
		// Each fixture followed by each other one: pipelined pairs.
		for other, c := range fx {
			t.Run(name+"+"+other, func(t *testing.T) { agree(t, append(append([]byte{}, b...), c...)) })
		}
	}
	for name, s := range variants() {
		t.Run(name, func(t *testing.T) {
			agree(t, []byte(s))
			// The same request after a fixture, and with LF line ends.
			agree(t, append(append([]byte{}, fx["curl7.88-get.bin"]...), s...))
			agree(t, []byte(strings.ReplaceAll(s, "\r\n", "\n")))
		})
	}
}

// TestFramingKnownCases pins what net/http does on the cases the issue
// names, so that agreement is not agreement on nothing.
func TestFramingKnownCases(t *testing.T) {
	v := variants()
	tests := []struct {
		name string
		n    int // requests net/http frames
	}{
		{"http10 te chunked", 1}, // chunked ignored: the chunk lines are garbage, refused
		{"http10 te chunked with cl", 2},
		{"cl and te", 2},
		{"te list", 0},
		{"multiple cl equal", 2},
		{"multiple cl differ", 0},
		{"obs-fold", 2},
		{"bare lf", 2},
		{"chunk ext", 2},
		{"trailers", 2},
		{"post then crlf", 2},
		{"get then crlf", 1},
		{"chunk bare lf", 0},
	}
	for _, tt := range tests {
		b := []byte(v[tt.name])
		if got := len(netHTTPEnds(b)); got != tt.n {
			t.Errorf("%s: net/http framed %d requests, want %d", tt.name, got, tt.n)
		}
		// wire frames at least as many, and those agree (checked above).
		if got := len(wireEnds(b, 0)); got < tt.n {
			t.Errorf("%s: wire framed %d requests, want ≥ %d", tt.name, got, tt.n)
		}
	}
	// HTTP/1.0 with chunked: wire, as net/http, takes no body, so the next
	// bytes start a new "request" rather than vanish into a body.
	var s Splitter
	b := []byte(v["http10 te chunked with cl"])
	for len(b) > 0 {
		seg := s.Next(b)
		b = b[seg.N:]
		if seg.HeadDone {
			f := s.Frame()
			if f.Index == 0 && (f.Body.Framing != FramingLength || len(f.Findings) == 0 || f.Findings[0].Code != CodeTEIgnored) {
				t.Fatalf("HTTP/1.0 chunked: framing %v findings %v", f.Body.Framing, f.Findings)
			}
		}
	}
}
