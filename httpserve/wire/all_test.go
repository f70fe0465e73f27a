package wire

import (
	"strings"
	"testing"
)

func TestParseAll(t *testing.T) {
	tests := []struct {
		name, in string
		methods  []string
		n        int    // messages
		code     string // finding of the last message ("" none)
		off      int
		msg      string // its message, if given
	}{
		{name: "short body", in: "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n<h1>Hell",
			n: 1, code: CodeCLMismatch, off: 47, msg: "Content-Length says 20, the body has 8 bytes"},
		{name: "long body", in: "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n<h1>Hello, world!</h1>\n<p>more than that</p>\n",
			n: 1, code: CodeCLMismatch, off: 59, msg: "Content-Length says 20, the body has 45 bytes"},
		{name: "exact", in: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", n: 1},
		{name: "until close completes", in: "HTTP/1.0 200 OK\r\n\r\nall of it", n: 1},
		{name: "no blank line", in: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", n: 1, code: CodeNoBlankLine, off: 36},
		{name: "204 with a body", in: "HTTP/1.1 204 No Content\r\n\r\nsurprise", n: 1, code: CodeBodyNotAllowed, off: 27, msg: "8 bytes follow a message that cannot have a body"},
		{name: "HEAD reply with a body", in: "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc", methods: []string{"HEAD"},
			n: 1, code: CodeBodyNotAllowed, off: 38},
		{name: "chunked without last chunk", in: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", n: 1, code: CodeBadChunked},
		{name: "requests", in: "GET / HTTP/1.1\r\nHost: a\r\n\r\nPOST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab", n: 2, code: CodeCLMismatch},
		{name: "bare lf request", in: "GET / HTTP/1.1\nHost: a\n\n", n: 1, code: CodeBareLF},
		{name: "bad start line", in: "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTX/1.1\r\nHost: a\r\n\r\n", n: 2, code: CodeBadStartLine, off: 27},
		{name: "not http at all", in: "hello\r\n", n: 1, code: CodeBadStartLine, off: 0},
		{name: "request body past its length", in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\na=1&b=2",
			n: 1, code: CodeCLMismatch, off: 50, msg: "Content-Length says 3, the body has 7 bytes"},
		{name: "request body without length", in: "POST / HTTP/1.1\r\nHost: a\r\n\r\na=1&b=2",
			n: 1, code: CodeBodyNoLength, off: 28, msg: "7 bytes follow a request without Content-Length"},
		{name: "a truncated request is a message", in: "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /x",
			n: 2, code: CodeNoBlankLine, off: 33},
		// breaker-2 D4: a head past MaxHeaderBytes was "no findings".
		{name: "head too large", in: "HTTP/1.1 200 OK\r\nX: " + strings.Repeat("a", MaxHeaderBytes) + "\r\n\r\n",
			n: 1, code: CodeHeadTooLarge, off: MaxHeaderBytes, msg: "head longer than 1048576 bytes"},
		{name: "request head too large", in: "GET / HTTP/1.1\r\nHost: a\r\nX: " + strings.Repeat("a", 2*MaxHeaderBytes) + "\r\n\r\n",
			n: 1, code: CodeHeadTooLarge, off: MaxHeaderBytes},
		{name: "a bad status line after a response", in: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1 2000 OK\r\n\r\n",
			n: 2, code: CodeBadStartLine, off: 40},
	}
	for _, tt := range tests {
		msgs, rest, err := ParseAll([]byte(tt.in), tt.methods...)
		if len(msgs) != tt.n {
			t.Errorf("%s: %d messages (rest %d, %v), want %d", tt.name, len(msgs), rest, err, tt.n)
			continue
		}
		last := msgs[len(msgs)-1]
		var got *Finding
		for i := range last.Findings {
			if last.Findings[i].Code == tt.code {
				got = &last.Findings[i]
			}
		}
		switch {
		case tt.code == "" && len(last.Findings) > 0:
			t.Errorf("%s: findings %v", tt.name, last.Findings)
		case tt.code != "" && got == nil:
			t.Errorf("%s: findings %v, want %s", tt.name, last.Findings, tt.code)
		case got != nil && tt.off > 0 && got.Off != int64(tt.off):
			t.Errorf("%s: %s at %d, want %d", tt.name, got.Code, got.Off, tt.off)
		case got != nil && tt.msg != "" && !strings.Contains(got.Message(), tt.msg):
			t.Errorf("%s: %q, want %q", tt.name, got.Message(), tt.msg)
		}
		if tt.code == "" && !last.Complete {
			t.Errorf("%s: not complete", tt.name)
		}
	}
}
