package check

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/i18n"
)

const fixtures = "/work/shared/fixtures/requests"

// at is where an expected finding is: the offset of the first occurrence
// of sub in the input plus add; sub "" means the end of the input.
type at struct {
	sub string
	add int
}

func (a at) in(s string) int64 {
	if a.sub == "" {
		return int64(len(s) + a.add)
	}
	i := strings.Index(s, a.sub)
	if i < 0 {
		return -1
	}
	return int64(i + a.add)
}

func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

const html = "<h1>Hello, world!</h1>\n<p>and more than that</p>\n" // 49 bytes

// broken are messages with one known problem each: the code expected, its
// severity, and where.
var broken = []struct {
	name, in string
	methods  []string
	code     string
	sev      wire.Severity
	at       at
}{
	// Responses.
	{name: "content-length too small", in: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 20\r\n\r\n" + html,
		code: wire.CodeCLMismatch, sev: wire.Error, at: at{"\r\n\r\n", 4 + 20}},
	{name: "content-length too large", in: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 99\r\n\r\n" + html,
		code: wire.CodeCLMismatch, sev: wire.Error, at: at{}},
	{name: "content-length not a number", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: five\r\n\r\nhello",
		code: wire.CodeCLInvalid, sev: wire.Error, at: at{"five", 0}},
	{name: "content-length negative", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: -5\r\n\r\nhello",
		code: wire.CodeCLInvalid, sev: wire.Error, at: at{"-5", 0}},
	{name: "content-length values disagree", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
		code: wire.CodeCLInvalid, sev: wire.Error, at: at{"5\r\n", 0}},
	{name: "bare LF after the status line", in: "HTTP/1.1 200 OK\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
		code: wire.CodeBareLF, sev: wire.Warning, at: at{"\n", 0}},
	{name: "bare LF everywhere", in: "HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 2\n\nhi",
		code: wire.CodeBareLF, sev: wire.Warning, at: at{"Content-Length: 2\n", 17}},
	{name: "no blank line before the body", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nhello",
		code: wire.CodeNoBlankLine, sev: wire.Error, at: at{}},
	{name: "head cut short", in: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n",
		code: wire.CodeNoBlankLine, sev: wire.Error, at: at{}},
	{name: "status line without a code", in: "HTTP/1.1 OK\r\nContent-Length: 0\r\n\r\n",
		code: wire.CodeBadStartLine, sev: wire.Error, at: at{"HTTP", 0}},
	{name: "four-digit status", in: "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n",
		code: wire.CodeBadStartLine, sev: wire.Error, at: at{"HTTP", 0}},
	{name: "lower-case version", in: "http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
		code: wire.CodeBadStartLine, sev: wire.Error, at: at{"http", 0}},
	{name: "space in a field name", in: "HTTP/1.1 200 OK\r\nContent Type: text/html\r\nContent-Length: 2\r\n\r\nhi",
		code: wire.CodeBadHeaderName, sev: wire.Error, at: at{"Content Type", 0}},
	{name: "space before the colon", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length : 2\r\n\r\nhi",
		code: wire.CodeBadHeaderName, sev: wire.Error, at: at{"Content-Length", 0}},
	{name: "field without colon", in: "HTTP/1.1 200 OK\r\nServer nginx\r\nContent-Length: 0\r\n\r\n",
		code: wire.CodeNoColon, sev: wire.Error, at: at{"Server", 0}},
	{name: "folded field", in: "HTTP/1.1 200 OK\r\nX-Note: first\r\n  second\r\nContent-Length: 0\r\n\r\n",
		code: wire.CodeObsFold, sev: wire.Warning, at: at{"  second", 0}},
	{name: "control character in a value", in: "HTTP/1.1 200 OK\r\nX-Note: a\x01b\r\nContent-Length: 0\r\n\r\n",
		code: wire.CodeBadHeaderValue, sev: wire.Error, at: at{"\x01", 0}},
	{name: "chunked and content-length", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
		code: wire.CodeCLAndTE, sev: wire.Warning, at: at{"chunked", 0}},
	{name: "chunk size not hex", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
		code: wire.CodeBadChunked, sev: wire.Error, at: at{"zz", 0}},
	{name: "no last chunk", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
		code: wire.CodeBadChunked, sev: wire.Error, at: at{}},
	{name: "chunk longer than its size", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n",
		code: wire.CodeBadChunked, sev: wire.Error, at: at{"lo\r\n", 0}},
	{name: "decimal chunk size", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nhello\r\n0\r\n\r\n",
		code: wire.CodeBadChunked, sev: wire.Error, at: at{}},
	{name: "transfer coding not chunked", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: gzip\r\n\r\nhello",
		code: wire.CodeTENotChunked, sev: wire.Error, at: at{"gzip", 0}},
	{name: "204 with a body", in: "HTTP/1.1 204 No Content\r\n\r\nsurprise",
		code: wire.CodeBodyNotAllowed, sev: wire.Error, at: at{"surprise", 0}},
	{name: "304 with a body", in: "HTTP/1.1 304 Not Modified\r\nETag: \"1\"\r\n\r\n" + html,
		code: wire.CodeBodyNotAllowed, sev: wire.Error, at: at{"<h1>", 0}},
	{name: "HEAD reply with a body", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
		methods: []string{"HEAD"}, code: wire.CodeBodyNotAllowed, sev: wire.Error, at: at{"hello", 0}},
	{name: "100 Continue with a body", in: "HTTP/1.1 100 Continue\r\n\r\nhello",
		code: wire.CodeBodyNotAllowed, sev: wire.Error, at: at{"hello", 0}},
	{name: "gzip that is not", in: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: 49\r\n\r\n" + html,
		code: wire.CodeEncodingMismatch, sev: wire.Error, at: at{"<h1>", 0}},
	{name: "br that is not", in: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\nContent-Length: 49\r\n\r\n" + html,
		code: wire.CodeEncodingMismatch, sev: wire.Error, at: at{"<h1>", 0}},
	{name: "zstd that is gzip", in: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: zstd\r\n\r\n" + gz(html),
		code: wire.CodeEncodingMismatch, sev: wire.Error, at: at{"\x1f\x8b", 0}},
	{name: "deflate that is not", in: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate\r\nContent-Length: 49\r\n\r\n" + html,
		code: wire.CodeEncodingMismatch, sev: wire.Error, at: at{"<h1>", 0}},
	{name: "no content-type", in: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
		code: wire.CodeNoContentType, sev: wire.Warning, at: at{"\r\n\r\n", 2}},
	{name: "second response too long", in: "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhello",
		code: wire.CodeCLMismatch, sev: wire.Error, at: at{"llo", 0}},
	{name: "leading empty lines", in: "\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
		code: wire.CodeLeadingEmpty, sev: wire.Error, at: at{} /* see below */},

	// Requests.
	{name: "no Host", in: "GET / HTTP/1.1\r\nUser-Agent: x\r\n\r\n",
		code: CodeNoHost, sev: wire.Error, at: at{"\r\n\r\n", 2}},
	{name: "bad method", in: "G@T / HTTP/1.1\r\nHost: a\r\n\r\n",
		code: wire.CodeBadStartLine, sev: wire.Error, at: at{"G@T", 0}},
	{name: "HTTP/0.9 request line", in: "GET /\r\nHost: a\r\n\r\n",
		code: wire.CodeBadStartLine, sev: wire.Error, at: at{"GET", 0}},
	{name: "request head not ended", in: "GET / HTTP/1.1\r\nHost: a\r\n",
		code: wire.CodeNoBlankLine, sev: wire.Error, at: at{}},
	{name: "request body short", in: "POST /f HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nabc",
		code: wire.CodeCLMismatch, sev: wire.Error, at: at{}},
	{name: "request body long", in: "POST /f HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=1&b=2",
		code: wire.CodeCLMismatch, sev: wire.Error, at: at{"&b=2", 0}},
	{name: "request body without length", in: "POST /f HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=1&b=2",
		code: wire.CodeBodyNoLength, sev: wire.Error, at: at{"a=1", 0}},
	{name: "request folded first field", in: "GET / HTTP/1.1\r\n Host: a\r\n\r\n",
		code: wire.CodeObsFold, sev: wire.Error, at: at{" Host", 0}},
	{name: "request bare LF", in: "GET / HTTP/1.1\nHost: a\n\n",
		code: wire.CodeBareLF, sev: wire.Warning, at: at{"\n", 0}},
	{name: "request chunked unfinished", in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
		code: wire.CodeBadChunked, sev: wire.Error, at: at{}},
	{name: "request chunked and length", in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
		code: wire.CodeCLAndTE, sev: wire.Warning, at: at{"chunked", 0}},
	{name: "request body without type", in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\na=1",
		code: wire.CodeNoContentType, sev: wire.Warning, at: at{"\r\n\r\n", 2}},
	{name: "request gzip that is not", in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\na=1",
		code: wire.CodeEncodingMismatch, sev: wire.Error, at: at{"a=1", 0}},
	{name: "HTTP/1.0 ignores chunked", in: "POST / HTTP/1.0\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nContent-Length: 10\r\n\r\n5\r\nhello\r\n",
		code: wire.CodeTEIgnored, sev: wire.Warning, at: at{"chunked", 0}},
}

func init() {
	// The leading-empty-lines finding is at the start of the message.
	for i := range broken {
		if broken[i].code == wire.CodeLeadingEmpty {
			broken[i].at = at{"\r\n", 0}
		}
	}
}

// correct are messages a correct peer sends: they must get no error.
var correct = []struct {
	name, in string
	methods  []string
}{
	{name: "200 text", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"},
	{name: "200 html", in: "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 49\r\n\r\n" + html},
	{name: "204", in: "HTTP/1.1 204 No Content\r\nDate: Mon, 01 Dec 2025 10:00:00 GMT\r\n\r\n"},
	{name: "304", in: "HTTP/1.1 304 Not Modified\r\nETag: \"abc\"\r\nContent-Length: 3477\r\n\r\n"},
	{name: "301", in: "HTTP/1.1 301 Moved Permanently\r\nLocation: /new/\r\nContent-Length: 0\r\n\r\n"},
	{name: "chunked", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;x=1\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n"},
	{name: "gzip", in: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nVary: Accept-Encoding\r\n\r\n" + gz(html)},
	{name: "HTTP/1.0 until close", in: "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n" + html},
	{name: "100 then 200", in: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"},
	{name: "HEAD reply", in: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 3477\r\n\r\n", methods: []string{"HEAD"}},
	{name: "two replies", in: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found"},
	{name: "401", in: "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"class\"\r\nContent-Length: 0\r\n\r\n"},
	{name: "206", in: "HTTP/1.1 206 Partial Content\r\nContent-Type: text/html\r\nContent-Range: bytes 0-4/3477\r\nContent-Length: 5\r\n\r\n<!doc"},
	{name: "HTTP/1.0 request without Host", in: "GET / HTTP/1.0\r\n\r\n"},
	{name: "two requests", in: "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n"},
}

func TestBroken(t *testing.T) {
	if len(broken) < 30 {
		t.Fatalf("%d broken messages, want at least 30", len(broken))
	}
	for _, tt := range broken {
		fs := Check([]byte(tt.in), Options{Methods: tt.methods})
		want := tt.at.in(tt.in)
		var got *wire.Finding
		for i := range fs {
			if fs[i].Code == tt.code && fs[i].Off == want {
				got = &fs[i]
			}
		}
		if got == nil {
			t.Errorf("%s: want %s @%d, got %v", tt.name, tt.code, want, fs)
			continue
		}
		if got.Severity != tt.sev {
			t.Errorf("%s: %s is %v, want %v", tt.name, tt.code, got.Severity, tt.sev)
		}
		for _, l := range i18n.All() {
			if msg := Message(*got, l); msg == "" || msg == got.Code {
				t.Errorf("%s: no %s message for %s", tt.name, l, got.Code)
			}
		}
	}
}

func TestCorrect(t *testing.T) {
	n := 0
	ents, err := os.ReadDir(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".bin") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(fixtures, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		n++
		if fs := Check(b, Options{}); len(fs) > 0 {
			t.Errorf("%s: %v", e.Name(), fs)
		}
	}
	for _, tt := range correct {
		n++
		fs := Check([]byte(tt.in), Options{Methods: tt.methods})
		if HasError(fs) {
			t.Errorf("%s: %v", tt.name, fs)
		}
	}
	if n < 10+7 {
		t.Errorf("%d correct messages", n)
	}
}
