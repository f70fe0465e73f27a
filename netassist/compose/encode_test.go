package compose

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/netassist/netassist/netassist/render"
)

func TestTextEncoding(t *testing.T) {
	def := DefaultOptions()
	tests := []struct {
		name string
		in   string
		enc  render.Encoding
		want string
	}{
		{"utf8-default", "你好 é €", render.UTF8, "你好 é €"},
		{"gbk", "你好", render.GBK, "\xc4\xe3\xba\xc3"},
		{"gbk-euro-is-0x80", "€", render.GBK, "\x80"}, // WHATWG GBK, as the receive side decodes it
		{"gb18030-euro", "€", render.GB18030, "\xa2\xe3"},
		{"gb18030-emoji", "😀", render.GB18030, "\x94\x39\xfc\x36"},
		{"gb18030-replacement-char", "\ufffd", render.GB18030, "\x84\x31\xa4\x37"},
		{"latin1", "café ÿ", render.Latin1, "caf\xe9 \xff"},
		{"ascii-same-everywhere", "GET / HTTP/1.1", render.GBK, "GET / HTTP/1.1"},
		// Escapes and line breaks are bytes as typed, never encoded.
		{"escapes-stay-bytes", `你\xc4\xe3\r\n`, render.GBK, "\xc4\xe3\xc4\xe3\r\n"},
		{"escape-above-ascii", `\xff é`, render.Latin1, "\xff \xe9"},
		{"crlf-line-breaks", "温度\n25", render.GBK, "\xce\xc2\xb6\xc8\r\n25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := def
			o.Encoding = tt.enc
			got, err := Text(tt.in, o)
			if err != nil {
				t.Fatalf("Text(%q, %s): %v", tt.in, tt.enc, err)
			}
			if string(got) != tt.want {
				t.Errorf("Text(%q, %s) = %q, want %q", tt.in, tt.enc, got, tt.want)
			}
			// What was sent reads back as typed in the receive pane's
			// encoding (render's decoder), escapes aside.
			if tt.enc != render.UTF8 && !containsEscape(tt.in) {
				if back := render.StringEnc(got, tt.enc); back != render.String(mustText(t, tt.in)) {
					t.Errorf("decoded back: %q, typed %q", back, tt.in)
				}
			}
		})
	}
}

func containsEscape(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\\' {
			return true
		}
	}
	return false
}

// mustText is the typed text as UTF-8 bytes (escapes and CRLF applied).
func mustText(t *testing.T, s string) []byte {
	b, err := Text(s, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTextUnencodable(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		enc   render.Encoding
		msg   string
		chars []Unencodable
	}{
		{"latin1-euro", "price: 12€", render.Latin1, "'€' at col 10 cannot be encoded in Latin-1",
			[]Unencodable{{Rune: '€', Line: 1, Col: 10, At: 9}}},
		{"gbk-emoji", "温度 😀 ok", render.GBK, "'😀' at col 4 cannot be encoded in GBK",
			[]Unencodable{{Rune: '😀', Line: 1, Col: 4, At: 7}}},
		{"several-lines", "ok\n€ and ₤\n\u0100\u0101\u0102 x", render.Latin1,
			"'€' at line 2, col 1, '₤' at line 2, col 7, 'Ā' at line 3, col 1 (and 2 more) cannot be encoded in Latin-1", nil},
		{"invalid-utf8", "a\xffb", render.GBK, `byte '\xff' (not UTF-8) at col 2 cannot be encoded in GBK`,
			[]Unencodable{{Rune: utf8.RuneError, Byte: 0xff, Line: 1, Col: 2, At: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			o.Encoding = tt.enc
			b, err := Text(tt.in, o)
			var ee *EncodeError
			if !errors.As(err, &ee) || b != nil {
				t.Fatalf("Text = %q, %v; want an *EncodeError", b, err)
			}
			if err.Error() != tt.msg {
				t.Errorf("message %q\n want %q", err.Error(), tt.msg)
			}
			if tt.chars != nil && !equalChars(ee.Chars, tt.chars) {
				t.Errorf("chars %+v, want %+v", ee.Chars, tt.chars)
			}
			if ee.Encoding != tt.enc {
				t.Errorf("encoding %v", ee.Encoding)
			}
		})
	}
	// A long paste lists the first 100 and counts the rest.
	o := DefaultOptions()
	o.Encoding = render.Latin1
	long := make([]rune, 150)
	for i := range long {
		long[i] = '€'
	}
	_, err := Text(string(long), o)
	var ee *EncodeError
	if !errors.As(err, &ee) || len(ee.Chars) != 100 || ee.More != 50 {
		t.Fatalf("long: %v", err)
	}
	// Build (macros, Content-Length) encodes too, and its length counts
	// the encoded bytes.
	o = DefaultOptions()
	o.Encoding = render.GBK
	o.FixContentLength = true
	b, err := Build("POST / HTTP/1.1\nContent-Length: 0\n\n你好{{seq}}", o, &MacroEnv{})
	if want := "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n\xc4\xe3\xba\xc31"; err != nil || string(b) != want {
		t.Errorf("Build = %q, %v; want %q", b, err, want)
	}
}

func equalChars(a, b []Unencodable) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
