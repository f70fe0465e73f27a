package check

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/i18n"
)

func TestFix(t *testing.T) {
	tests := []struct {
		name, in, code, want string
	}{
		{"length too small", "HTTP/1.1 200 OK\r\ncontent-length: 2\r\nContent-Type: text/plain\r\n\r\nhello",
			wire.CodeCLMismatch, "HTTP/1.1 200 OK\r\ncontent-length: 5\r\nContent-Type: text/plain\r\n\r\nhello"},
		{"length too large", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\nhello",
			wire.CodeCLMismatch, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"},
		{"length invalid", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: five\r\n\r\nhello",
			wire.CodeCLInvalid, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"},
		{"request body without length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\n\r\nabc",
			wire.CodeBodyNoLength, "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nabc"},
		{"last of two", "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhello",
			wire.CodeCLMismatch, "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"},
		{"bare LF", "HTTP/1.1 200 OK\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\na\nb",
			wire.CodeBareLF, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\na\nb"},
		{"blank line before the body", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nhello",
			wire.CodeNoBlankLine, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"},
		{"blank line at the end", "GET / HTTP/1.1\r\nHost: a\r\n",
			wire.CodeNoBlankLine, "GET / HTTP/1.1\r\nHost: a\r\n\r\n"},
		{"blank line after an unended line", "GET / HTTP/1.1\r\nHost: a",
			wire.CodeNoBlankLine, "GET / HTTP/1.1\r\nHost: a\r\n\r\n"},
		{"blank line in LF style", "HTTP/1.1 200 OK\nContent-Length: 5\n<p>hi",
			wire.CodeNoBlankLine, "HTTP/1.1 200 OK\nContent-Length: 5\n\n<p>hi"},
		{"length beside chunked", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
			wire.CodeCLAndTE, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"},
	}
	for _, tt := range tests {
		in := []byte(tt.in)
		var f *wire.Finding
		for _, x := range Check(in, Options{}) {
			if x.Code == tt.code {
				f = &x
				break
			}
		}
		if f == nil {
			t.Errorf("%s: no %s in %v", tt.name, tt.code, Check(in, Options{}))
			continue
		}
		if !Fixable(*f) {
			t.Errorf("%s: %s not fixable", tt.name, tt.code)
		}
		out, ok := Fix(in, *f)
		if !ok || string(out) != tt.want {
			t.Errorf("%s: Fix = %q, %v; want %q", tt.name, out, ok, tt.want)
		}
		if string(in) != tt.in {
			t.Errorf("%s: Fix modified its input", tt.name)
		}
		if fs := Check(out, Options{}); HasError(fs) {
			t.Errorf("%s: after the fix: %v", tt.name, fs)
		}
	}
}

func TestFixRefuses(t *testing.T) {
	tests := []struct{ in, code string }{
		// A chunked body has no Content-Length to set.
		{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", wire.CodeBadChunked},
		// Not fixable at all.
		{"HTTP/1.1 2000 OK\r\n\r\n", wire.CodeBadStartLine},
	}
	for _, tt := range tests {
		for _, f := range Check([]byte(tt.in), Options{}) {
			if out, ok := Fix([]byte(tt.in), f); ok {
				t.Errorf("%q: Fix(%s) = %q", tt.in, f.Code, out)
			}
		}
	}
	// A finding that does not describe the bytes changes nothing.
	if _, ok := Fix([]byte("GET / HTTP/1.1\r\n"), wire.Finding{Code: wire.CodeBareLF, Off: 3}); ok {
		t.Error("bare-lf fixed where there is no LF")
	}
}

func TestFixAll(t *testing.T) {
	for _, tt := range broken {
		out, fixed := FixAll([]byte(tt.in), Options{Methods: tt.methods})
		for _, f := range Check(out, Options{Methods: tt.methods}) {
			if Fixable(f) {
				if _, ok := Fix(out, f); ok {
					t.Errorf("%s: %s left after FixAll (fixed %v)", tt.name, f.Code, fixed)
				}
			}
		}
		if c, _ := LookupCode(tt.code); c.Fixable && HasError(Check(out, Options{Methods: tt.methods})) {
			// Every message whose only problem Fix knows comes out clean.
			t.Errorf("%s: after FixAll %q: %v", tt.name, out, Check(out, Options{Methods: tt.methods}))
		}
	}
	out, fixed := FixAll([]byte("HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 20\n\nhello"), Options{})
	if string(out) != "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello" || len(fixed) != 5 {
		t.Errorf("FixAll = %q, fixed %v", out, fixed)
	}
}

func TestCatalogue(t *testing.T) {
	texts := map[i18n.Lang]map[string]string{i18n.English: {}, i18n.Chinese: {}}
	for _, c := range Codes() {
		for _, l := range i18n.All() {
			texts[l][c.Code] = c.Text.In(l)
		}
		if c.Code == CodeNoHost {
			continue
		}
		// English is wire's text, word for word.
		f := wire.Finding{Code: c.Code, Args: []string{"A", "B"}}
		if got, want := Message(f, i18n.English), f.Message(); got != want {
			t.Errorf("%s: %q, wire says %q", c.Code, got, want)
		}
		for i := 1; i <= 2; i++ {
			if strings.Contains(c.Text.En, "%"+strconv.Itoa(i)) != strings.Contains(c.Text.Zh, "%"+strconv.Itoa(i)) {
				t.Errorf("%s: %%%d in one language only", c.Code, i)
			}
		}
	}
	i18n.CheckComplete(t, texts)
	for _, code := range []string{wire.CodeBadStartLine, wire.CodeLeadingEmpty, wire.CodeBareLF, wire.CodeNoBlankLine,
		wire.CodeBadHeaderName, wire.CodeNoColon, wire.CodeBadHeaderValue, wire.CodeObsFold, wire.CodeCLInvalid,
		wire.CodeCLMismatch, wire.CodeCLAndTE, wire.CodeTEIgnored, wire.CodeTENotChunked, wire.CodeBadChunked,
		wire.CodeBodyNotAllowed, wire.CodeBodyNoLength, wire.CodeHeadTooLarge, wire.CodeEncodingMismatch,
		wire.CodeNoContentType} {
		if _, ok := LookupCode(code); !ok {
			t.Errorf("wire's %s is not in the catalogue", code)
		}
	}
}

// Every reason wire gives for broken chunked framing reads in Chinese.
func TestChunkedReasons(t *testing.T) {
	head := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	bodies := []string{
		"5\r\nhello\r\n",                   // ends before the last chunk
		"5 ;x\r\nhello\r\n0\r\n\r\n",       // whitespace before an extension
		"5\rx\r\nhello\r\n0\r\n\r\n",       // a CR inside the line
		strings.Repeat("1", 5000) + "\r\n", // line too long
		"3\r\nhello\r\n0\r\n\r\n",          // data longer than its size
		"12345678901234567\r\n",            // too many digits
		"zz\r\n",                           // not hex
		"0\r\n" + strings.Repeat("X-A: "+strings.Repeat("b", 4000)+"\r\n", 20), // trailer too long
	}
	for _, body := range bodies {
		n := 0
		for _, f := range Check([]byte(head+body), Options{}) {
			if f.Code != wire.CodeBadChunked {
				continue
			}
			n++
			if zh := Message(f, i18n.Chinese); strings.Contains(zh, f.Args[0]) && !strings.Contains(f.Args[0], "\"") {
				t.Errorf("%q: reason %q not translated: %s", body[:min(len(body), 20)], f.Args[0], zh)
			}
		}
		if n == 0 {
			t.Errorf("%q: no bad-chunked", body[:min(len(body), 20)])
		}
	}
}

// Messages never carry a control or non-graphic character, whatever the
// bytes: values from the wire are quoted.
func TestMessagesAreSafe(t *testing.T) {
	nasty := "\x1b]52;c;aGk=\x07\u202e\x9b"
	ins := []string{
		"HTTP/1.1 200 " + nasty + "\r\nContent-Length: x" + nasty + "\r\n\r\n",
		nasty + " / HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.1\r\nX" + nasty + ": 1\r\nA\x1b[2J\r\n\r\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + nasty + "\r\n",
		"HTTP/1.1 200 OK\r\nContent-Encoding: " + nasty + "gzip\r\n\r\nxx",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: " + nasty + "\r\n\r\nxx",
	}
	for _, in := range ins {
		for _, f := range Check([]byte(in), Options{}) {
			for _, l := range i18n.All() {
				for _, r := range Line(f, l) {
					if !unicode.IsGraphic(r) {
						t.Errorf("%q: %U in %q", in, r, Line(f, l))
					}
				}
			}
		}
	}
}

// Check and Fix never panic, offsets stay within the bytes (or at their
// end), and a fix never removes body content.
func FuzzCheck(f *testing.F) {
	f.Add([]byte("HTTP/1.1 200 OK\nContent-Length: 20\n\nhello"))
	f.Add([]byte("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
	f.Add([]byte("GET / HTTP/1.1\r\nHost: a"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fs := Check(b, Options{})
		for _, x := range fs {
			if x.Off < 0 || x.Off > int64(len(b)) {
				t.Fatalf("%v outside %d bytes", x, len(b))
			}
			if out, ok := Fix(b, x); ok && len(out) == 0 && len(b) > 0 {
				t.Fatalf("Fix(%s) emptied the message", x.Code)
			}
		}
		FixAll(b, Options{})
	})
}

// The README's table of codes lists every code.
func TestREADMECodes(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skip(err)
	}
	for _, c := range Codes() {
		if !strings.Contains(string(b), "| `"+c.Code+"` |") {
			t.Errorf("README has no row for %s", c.Code)
		}
	}
}
