package compose

import (
	"errors"
	"strings"
	"testing"
)

func TestDefaultOptions(t *testing.T) {
	if got := DefaultOptions(); got != (Options{CRLF: true, Escapes: true}) {
		t.Errorf("DefaultOptions() = %+v", got)
	}
}

func TestText(t *testing.T) {
	def := DefaultOptions()
	lf := Options{Escapes: true}
	raw := Options{}
	crlfRaw := Options{CRLF: true}
	tests := []struct {
		name string
		in   string
		o    Options
		want string
	}{
		{"http-one-line", `HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi`, def,
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"},
		{"two-lines-crlf", "GET / HTTP/1.1\nHost: x", def, "GET / HTTP/1.1\r\nHost: x"},
		{"two-lines-lf", "GET / HTTP/1.1\nHost: x", lf, "GET / HTTP/1.1\nHost: x"},
		{"trailing-break-crlf", "a\n\n", def, "a\r\n\r\n"},
		{"typed-crlf-stays", "a\r\nb", def, "a\r\nb"},
		{"typed-crlf-lf-mode", "a\r\nb", lf, "a\r\nb"},
		{"lone-cr-kept", "a\rb", def, "a\rb"},
		{"escaped-lf-not-doubled", `a\nb`, def, "a\nb"},
		{"escaped-cr-then-break", "a\\r\nb", def, "a\r\r\nb"},
		{"nul-hex", `\x00`, def, "\x00"},
		{"nul-short", `a\0b`, def, "a\x00b"},
		{"backslash", `\\`, def, `\`},
		{"backslash-n-literal", `\\n`, def, `\n`},
		{"hex-escapes", `\x48\x54\x74\x70\xff\xFF`, def, "HTtp\xff\xff"},
		{"tab", `a\tb`, def, "a\tb"},
		{"escapes-off", `a\nb\q\`, raw, `a\nb\q\`},
		{"escapes-off-crlf", "a\\n\nb", crlfRaw, "a\\n\r\nb"},
		{"utf8", "héllo 你好 👍", def, "héllo 你好 👍"},
		{"empty", "", def, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Text(tt.in, tt.o)
			if err != nil {
				t.Fatalf("Text(%q) error: %v", tt.in, err)
			}
			if string(got) != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}

	got, _ := Text(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi`, def)
	if len(got) != 40 {
		t.Errorf("len = %d, want 40", len(got))
	}
}

func TestTextFixContentLength(t *testing.T) {
	o := DefaultOptions()
	o.FixContentLength = true
	got, err := Text("POST /x HTTP/1.1\nHost: h\nContent-Length: 99\n\nhello", o)
	if err != nil {
		t.Fatal(err)
	}
	want := "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A body with a typed line break counts the CRLF it becomes.
	got, _ = Text("POST / HTTP/1.1\n\na\nb", o)
	if want := "POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\na\r\nb"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTextErrors(t *testing.T) {
	tests := []struct {
		in        string
		line, col int
		msg       string
	}{
		{`abc\q`, 1, 4, `unknown escape \q`},
		{`\x4`, 1, 1, `\x needs two hex digits`},
		{`ab\x4g`, 1, 3, `\x needs two hex digits`},
		{`\x`, 1, 1, `\x needs two hex digits`},
		{`abc\`, 1, 4, `lone \ at the end`},
		{"ok\n你好\\z", 2, 3, `unknown escape \z`},
		{"line one\nline two\\\nthree", 2, 9, `\ at the end of a line`},
		{"\\\x1b", 1, 1, "unknown escape: \\ followed by '\x1b'"}, // escaped once, where it is drawn
		{`\ `, 1, 1, `unknown escape: \ followed by ' '`},
	}
	for _, tt := range tests {
		_, err := Text(tt.in, DefaultOptions())
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Text(%q) error = %v, want *Error", tt.in, err)
			continue
		}
		if e.Line != tt.line || e.Col != tt.col || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("Text(%q) error = %q (line %d col %d), want line %d col %d containing %q",
				tt.in, e.Error(), e.Line, e.Col, tt.line, tt.col, tt.msg)
		}
	}
}

func TestHex(t *testing.T) {
	tests := []struct{ in, want string }{
		{"48 54 54 50", "HTTP"},
		{"48545450", "HTTP"},
		{"", ""},
		{"  \n\t ", ""},
		{"0d0a", "\r\n"},
		{"ff FF aB", "\xff\xff\xab"},
		{"48 54\r\n54 50\n", "HTTP"},
		{"00", "\x00"},
	}
	for _, tt := range tests {
		got, err := Hex(tt.in)
		if err != nil || string(got) != tt.want {
			t.Errorf("Hex(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestHexErrors(t *testing.T) {
	tests := []struct {
		in        string
		line, col int
		msg       string
	}{
		{"48 54 5g", 1, 8, "invalid hex digit 'g'"},
		{"48 54 g5", 1, 7, "invalid hex digit 'g'"},
		{"4 8", 1, 1, "lone hex digit '4'"},
		{"48 5", 1, 4, "lone hex digit '5'"},
		{"485", 1, 3, "lone hex digit '5'"},
		{"48 A", 1, 4, "lone hex digit 'A'"},
		{"0x48", 1, 2, "invalid hex digit 'x'"},
		{"48 54\n54 5z", 2, 5, "invalid hex digit 'z'"},
		{"48 54\r\n545\n", 2, 3, "lone hex digit '5'"},
		{"48\n\n  4", 3, 3, "lone hex digit '4'"},
		{"你 48", 1, 1, "invalid hex digit '你'"},
		{"48 5你", 1, 5, "invalid hex digit '你'"},
		{"48,54", 1, 3, "invalid hex digit ','"},
		{"48\x1b", 1, 3, "invalid hex digit '\x1b'"},
		{"48\xff", 1, 3, "invalid byte"},
		{"48\u202e", 1, 3, "invalid hex digit '\u202e'"},
	}
	for _, tt := range tests {
		_, err := Hex(tt.in)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Hex(%q) error = %v, want *Error", tt.in, err)
			continue
		}
		if e.Line != tt.line || e.Col != tt.col || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("Hex(%q) error = %q (line %d col %d), want line %d col %d containing %q",
				tt.in, e.Error(), e.Line, e.Col, tt.line, tt.col, tt.msg)
		}
	}
	_, err := Hex("48 54 5g")
	if got, want := err.Error(), "line 1, col 8: invalid hex digit 'g'"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestFixContentLength(t *testing.T) {
	tests := []struct {
		name, in, want, desc string
	}{
		{"replace",
			"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhi",
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", "Content-Length 10 → 2"},
		{"correct-unchanged",
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", ""},
		{"keeps-case-and-position",
			"POST /a?b=c HTTP/1.0\r\ncontent-LENGTH:7 \r\nHost: x\r\n\r\nbody",
			"POST /a?b=c HTTP/1.0\r\ncontent-LENGTH:4 \r\nHost: x\r\n\r\nbody", "Content-Length 7 → 4"},
		{"add-last-crlf",
			"POST / HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\nabc",
			"POST / HTTP/1.1\r\nHost: x\r\nAccept: */*\r\nContent-Length: 3\r\n\r\nabc", "added Content-Length: 3"},
		{"add-bare-lf",
			"HTTP/1.1 404 Not Found\nServer: y\n\nnope\n",
			"HTTP/1.1 404 Not Found\nServer: y\nContent-Length: 5\n\nnope\n", "added Content-Length: 5"},
		{"add-no-headers",
			"PUT /f HTTP/1.1\r\n\r\nx",
			"PUT /f HTTP/1.1\r\nContent-Length: 1\r\n\r\nx", "added Content-Length: 1"},
		{"no-body-not-added",
			"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
			"GET / HTTP/1.1\r\nHost: x\r\n\r\n", ""},
		{"zero-body-fixed",
			"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n",
			"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", "Content-Length 5 → 0"},
		{"empty-value",
			"HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\nok",
			"HTTP/1.1 200 OK\r\nContent-Length:2\r\n\r\nok", "Content-Length (empty) → 2"},
		{"duplicate-values",
			"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nok",
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok", "Content-Length 1 → 2"},
		{"status-no-reason",
			"HTTP/1.1 200\r\nContent-Length: 0\r\n\r\nabc",
			"HTTP/1.1 200\r\nContent-Length: 3\r\n\r\nabc", "Content-Length 0 → 3"},
		{"mixed-line-ends",
			"HTTP/1.1 200 OK\r\nA: b\n\r\nxy",
			"HTTP/1.1 200 OK\r\nA: b\nContent-Length: 2\n\r\nxy", "added Content-Length: 2"},
		{"utf8-body-bytes",
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n你好",
			"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n你好", "Content-Length 2 → 6"},
		{"folded-header",
			"HTTP/1.1 200 OK\r\nX-A: one\r\n two\r\n\r\nz",
			"HTTP/1.1 200 OK\r\nX-A: one\r\n two\r\nContent-Length: 1\r\n\r\nz", "added Content-Length: 1"},
		{"odd-old-value-quoted",
			"HTTP/1.1 200 OK\r\nContent-Length: 1\x1b[2J\r\n\r\nz",
			"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nz", `Content-Length "1` + "\x1b" + `[2J" → 1`}, // escaped once, where it is drawn

		// Left alone.
		{"chunked",
			"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n",
			"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n", ""},
		{"chunked-with-cl",
			"HTTP/1.1 200 OK\r\nContent-Length: 9\r\ntransfer-encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
			"HTTP/1.1 200 OK\r\nContent-Length: 9\r\ntransfer-encoding: gzip, chunked\r\n\r\n0\r\n\r\n", ""},
		{"not-http", "hello world\r\n\r\nbody", "hello world\r\n\r\nbody", ""},
		{"http2", "GET / HTTP/2\r\n\r\nx", "GET / HTTP/2\r\n\r\nx", ""},
		{"no-blank-line", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n", ""},
		{"no-line-end", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK", ""},
		{"bad-header", "HTTP/1.1 200 OK\r\nnot a header\r\n\r\nx", "HTTP/1.1 200 OK\r\nnot a header\r\n\r\nx", ""},
		{"space-before-colon", "HTTP/1.1 200 OK\r\nContent-Length : 1\r\n\r\nxx", "HTTP/1.1 200 OK\r\nContent-Length : 1\r\n\r\nxx", ""},
		{"leading-fold", "HTTP/1.1 200 OK\r\n x: y\r\n\r\nxx", "HTTP/1.1 200 OK\r\n x: y\r\n\r\nxx", ""},
		{"bad-status", "HTTP/1.1 20x OK\r\n\r\nxx", "HTTP/1.1 20x OK\r\n\r\nxx", ""},
		{"request-extra-space", "GET  / HTTP/1.1\r\n\r\nxx", "GET  / HTTP/1.1\r\n\r\nxx", ""},
		{"binary", "\x00\x01\x02\n\n", "\x00\x01\x02\n\n", ""},
		{"empty", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, desc := FixContentLength([]byte(tt.in))
			if string(got) != tt.want || desc != tt.desc {
				t.Errorf("FixContentLength(%q) = %q, %q; want %q, %q", tt.in, got, desc, tt.want, tt.desc)
			}
		})
	}
}

func FuzzFixContentLength(f *testing.F) {
	f.Add([]byte("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhi"))
	f.Add([]byte("POST / HTTP/1.1\nHost: x\n\nabc"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, desc := FixContentLength(b)
		if (desc == "") != (string(out) == string(b)) {
			t.Fatalf("desc %q but changed=%v", desc, string(out) != string(b))
		}
		// Fixing twice changes nothing more.
		again, desc2 := FixContentLength(out)
		if desc2 != "" || string(again) != string(out) {
			t.Fatalf("second fix of %q changed it: %q (%s)", out, again, desc2)
		}
	})
}
