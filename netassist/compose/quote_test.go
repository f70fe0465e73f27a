package compose

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/netassist/netassist/netassist/render"
)

func TestQuotePaste(t *testing.T) {
	def := DefaultOptions()
	lf := Options{Escapes: true}
	raw := Options{CRLF: true}
	tests := []struct {
		name  string
		paste string
		o     Options
		text  string // what the editor holds
		sent  string // what Build makes of it
		ok    bool
	}{
		// Issue 12 item 2: a CRLF file is one line break per pair.
		{"crlf-file", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", def,
			"HTTP/1.1 200 OK\nContent-Length: 2\n\nhi", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", true},
		// Most terminals send a pasted line break as CR.
		{"cr-breaks", "HTTP/1.1 200 OK\rContent-Length: 2\r\rhi", def,
			"HTTP/1.1 200 OK\nContent-Length: 2\n\nhi", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", true},
		{"lf-file", "a\nb\n", def, "a\nb\n", "a\r\nb\r\n", true},
		// tmux paste-buffer without -r turns a CRLF file's LFs into CRs:
		// every line end arrives as CR CR, the blank line as four.
		{"crlf-file-as-cr-cr", "HTTP/1.1 200 OK\r\rContent-Length: 2\r\r\r\rhi", def,
			"HTTP/1.1 200 OK\nContent-Length: 2\n\nhi", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", true},
		// A LF file through the same terminal: single breaks make odd runs,
		// so its blank line stays.
		{"lf-file-as-cr", "a\rb\r\rc", def, "a\nb\n\nc", "a\r\nb\r\n\r\nc", true},
		{"crlf-option-off", "a\r\nb", lf, "a\nb", "a\nb", true},
		{"tab-kept", "a\tb", def, `a\tb`, "a\tb", true},
		{"esc-nul-del", "\x1b[31mred\x00\x7f", def, `\x1B[31mred\x00\x7F`, "\x1b[31mred\x00\x7f", true},
		{"invalid-utf8", "a\xffb\xe4\xbd", def, `a\xFFb\xE4\xBD`, "a\xffb\xe4\xbd", true},
		{"real-fffd", "x\uFFFDy", def, `x\xEF\xBF\xBDy`, "x\uFFFDy", true},
		{"bidi-override", "a\u202Eb", def, `a\xE2\x80\xAEb`, "a\u202Eb", true},
		{"c1-control", "a\u0085b", def, `a\xC2\x85b`, "a\u0085b", true},
		{"backslash", `C:\dir\n`, def, `C:\\dir\\n`, `C:\dir\n`, true},
		{"macro-literal", "{{seq}} {", def, "{{{{}}seq}} {", "{{seq}} {", true},
		{"braces-no-macro", `{"a":{"b":1}}`, def, `{"a":{"b":1}}`, `{"a":{"b":1}}`, true},
		{"utf8-kept", "你好 👍🏽 é", def, "你好 👍🏽 é", "你好 👍🏽 é", true},
		{"escapes-off-plain", `a\b` + "\r\nc", raw, `a\b` + "\nc", `a\b` + "\r\nc", true},
		{"escapes-off-tab", "a\tb", raw, `a\tb`, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, ok := QuotePaste(tt.paste, tt.o)
			if ok != tt.ok || text != tt.text {
				t.Fatalf("QuotePaste(%q) = %q, %v; want %q, %v", tt.paste, text, ok, tt.text, tt.ok)
			}
			if !ok {
				return
			}
			got, err := Build(text, tt.o, &MacroEnv{})
			if err != nil || string(got) != tt.sent {
				t.Errorf("Build(%q) = %q, %v; want %q", text, got, err, tt.sent)
			}
		})
	}
}

// editorSafe reports whether a text editor keeps s as it is: valid UTF-8,
// no control character but LF, no U+FFFD (bubbles' sanitizer drops or
// rewrites every other one).
func editorSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r == utf8.RuneError || (unicode.IsControl(r) && r != '\n') {
			return false
		}
	}
	return true
}

// crCRPairs reports whether s is what QuotePaste reads as a CRLF text a
// terminal sent with each LF turned into CR: no LF, and every run of CRs
// of even length, at least one.
func crCRPairs(s string) bool {
	if strings.Contains(s, "\n") || !strings.Contains(s, "\r") {
		return false
	}
	for _, run := range strings.FieldsFunc(s, func(r rune) bool { return r != '\r' }) {
		if len(run)%2 != 0 {
			return false
		}
	}
	return true
}

// FuzzQuote: for any bytes and options with escapes on, the text is safe
// in an editor and Build makes the bytes back; a paste comes back with its
// line breaks as the CRLF option sends them; a one-line field's text has
// no line break.
func FuzzQuote(f *testing.F) {
	for _, s := range []string{"", "HTTP/1.1 200 OK\r\n\r\nhi", "\x1b\x00\t\r\n\n\r", "\xff\xfe{{seq}}\\", "a\rb\r\n\nc", "你好\u202e", "\r\r", "a\r\r\r\rb\r\r"} {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, b []byte, crlf bool) {
		o := Options{CRLF: crlf, Escapes: true}
		for _, enc := range render.Encodings() {
			oe := o
			oe.Encoding = enc
			text, ok := Quote(b, oe)
			if got, err := Build(text, oe, &MacroEnv{}); !ok || err != nil || !bytes.Equal(got, b) {
				t.Fatalf("%s: Build(Quote(%q)) = %q, %v", enc, b, got, err)
			}
		}
		text, ok := Quote(b, o)
		if !ok || !editorSafe(text) {
			t.Fatalf("Quote(%q) = %q, %v: not editor-safe", b, text, ok)
		}
		if got, err := Build(text, o, &MacroEnv{}); err != nil || !bytes.Equal(got, b) {
			t.Fatalf("Build(Quote(%q)) = %q, %v", b, got, err)
		}
		paste, _ := QuotePaste(string(b), o)
		if !editorSafe(paste) {
			t.Fatalf("QuotePaste(%q) = %q: not editor-safe", b, paste)
		}
		want := string(b)
		if crCRPairs(want) {
			// A CRLF text a terminal sent as CR CR: a break per pair.
			want = strings.ReplaceAll(want, "\r\r", "\n")
		}
		want = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(want)
		if crlf {
			want = strings.ReplaceAll(want, "\n", "\r\n")
		}
		if got, err := Build(paste, o, &MacroEnv{}); err != nil || string(got) != want {
			t.Fatalf("Build(QuotePaste(%q)) = %q, %v; want %q", b, got, err, want)
		}
		line := QuoteLine(b)
		if strings.ContainsAny(line, "\r\n") || !editorSafe(line) {
			t.Fatalf("QuoteLine(%q) = %q", b, line)
		}
		if got, err := Text(line, Options{Escapes: true}); err != nil || !bytes.Equal(got, b) {
			t.Fatalf("Text(QuoteLine(%q)) = %q, %v", b, got, err)
		}
	})
}
