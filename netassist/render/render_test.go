package render

import (
	"bytes"
	"encoding/hex"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// cases are the table inputs; they also seed the fuzzer.
var cases = []struct {
	name string
	in   string
	want string // String(in)
}{
	{"empty", "", ""},
	{"plain", "hello world", "hello world"},
	{"backslash", `a\b`, `a\\b`},
	{"backslash-escape-lookalike", `\x1B\n`, `\\x1B\\n`},
	{"crlf", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "GET / HTTP/1.1\\r\\n\nHost: x\\r\\n\n\\r\\n\n"},
	{"lf-only", "a\nb", "a\\n\nb"},
	{"tab", "a\tb", `a\tb`},
	{"nul", "a\x00b", `a\x00b`},
	{"osc-title", "\x1b]0;title\x07", `\x1B]0;title\x07`},
	{"osc52-clipboard", "\x1b]52;c;ZWNobyBwd25lZA==\x07", `\x1B]52;c;ZWNobyBwd25lZA==\x07`},
	{"csi-clear", "\x1b[2J\x1b[H", `\x1B[2J\x1B[H`},
	{"csi-8bit", "\x9b2J", `\x9B2J`},
	{"osc-8bit", "\x9d0;t\x9c", `\x9D0;t\x9C`},
	{"c1-utf8", "\u009b2J\u0085", `\u{009B}2J\u{0085}`},
	{"del", "a\x7fb", `a\x7Fb`},
	{"bidi-rlo", "abc\u202edcba", `abc\u{202E}dcba`},
	{"bidi-isolates", "\u2066x\u2069", `\u{2066}x\u{2069}`},
	{"zwsp", "a\u200bb", `a\u{200B}b`},
	{"bom", "\ufeffhi", `\u{FEFF}hi`},
	{"line-sep", "a\u2028b\u2029", `a\u{2028}b\u{2029}`},
	{"private-use", "\ue000\U000F0000", `\u{E000}\u{F0000}`},
	{"supp-private-max", "\U0010FFFD", `\u{10FFFD}`},
	{"cjk", "你好", "你好"},
	{"emoji", "ok 👍 🎉", "ok 👍 🎉"},
	{"emoji-modifier", "ok 👍🏽", `ok 👍\u{1F3FD}`},
	{"flag", "🇨🇳", `\u{1F1E8}\u{1F1F3}`},
	{"vs16", "\u2764\ufe0f", `❤\u{FE0F}`},
	{"keycap", "1\ufe0f\u20e3", `1\u{FE0F}\u{20E3}`},
	{"zwj-family", "👨\u200d👩\u200d👧", `👨\u{200D}👩\u{200D}👧`},
	{"mark-on-wide", "字\u0301", `字\u{0301}`},
	{"mark-first", "\u0301a", `\u{0301}a`},
	{"zalgo", "a\u0301\u0302\u0303\u0304\u0305", "a\u0301\u0302\u0303\u0304\\u{0305}"},
	{"devanagari-conjunct", "क्ष", `क\u{094D}ष`},
	{"spacing-mark", "का", `क\u{093E}`},
	{"combining", "e\u0301", "e\u0301"},
	{"invalid-ff", "a\xffb", `a\xFFb`},
	{"truncated-rune", "a\xc3", `a\xC3`},
	{"truncated-rune-mid", "\xe4\xbdx", `\xE4\xBDx`},
	{"surrogate-encoded", "\xed\xa0\x80", `\xED\xA0\x80`},
	{"overlong", "\xc0\xaf", `\xC0\xAF`},
	{"replacement-char-valid", "\uFFFD", "\uFFFD"},
	{"soft-hyphen", "a\u00adb", `a\u{00AD}b`},
	{"nbsp", "a\u00a0b", "a\u00a0b"},
}

func TestString(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := String([]byte(c.in))
			if got != c.want {
				t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
			}
			back, err := Unescape(got)
			if err != nil {
				t.Fatalf("Unescape(%q): %v", got, err)
			}
			if !bytes.Equal(back, []byte(c.in)) {
				t.Errorf("Unescape(String(%q)) = %q", c.in, back)
			}
			checkSafe(t, got)
		})
	}
}

func TestLines(t *testing.T) {
	P := func(s string) Segment { return Segment{Plain, s} }
	M := func(s string) Segment { return Segment{Marker, s} }
	E := func(s string) Segment { return Segment{Escape, s} }
	tests := []struct {
		in   string
		want []Line
	}{
		{"", nil},
		{"abc", []Line{{P("abc")}}},
		{"\n", []Line{{M(`\n`)}}},
		{"\n\n", []Line{{M(`\n`)}, {M(`\n`)}}},
		{"a\nb", []Line{{P("a"), M(`\n`)}, {P("b")}}},
		{"a\r\n", []Line{{P("a"), M(`\r`), M(`\n`)}}},
		{"a\\b你\x1b[2Jc\n", []Line{{P(`a\\b你`), E(`\x1B`), P("[2Jc"), M(`\n`)}}},
		{"\\\u202e\\", []Line{{P(`\\`), E(`\u{202E}`), P(`\\`)}}},
		{"\xff\xfe", []Line{{E(`\xFF`), E(`\xFE`)}}},
		{"x\ty", []Line{{P("x"), M(`\t`), P("y")}}},
	}
	for _, tt := range tests {
		got := Lines([]byte(tt.in))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Lines(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
	for _, c := range cases {
		checkLines(t, []byte(c.in))
	}
}

func TestLineWidth(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"你好", 4},
		{"a\tb", 4},
		{"\x1b", 4},
		{"\u202e", 8},
		{"👍", 2},
		{"e\u0301", 1},
		{`\`, 2},
	}
	for _, tt := range tests {
		ls := Lines([]byte(tt.in))
		got := 0
		if len(ls) > 0 {
			got = ls[0].Width()
		}
		if got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestRender(t *testing.T) {
	l := Lines([]byte("a\x1b\tb"))[0]
	if got := l.Render(nil); got != `a\x1B\tb` {
		t.Errorf("Render(nil) = %q", got)
	}
	style := func(k Kind, s string) string { return "<" + k.String() + ":" + s + ">" }
	if got, want := l.Render(style), `<Plain:a><Escape:\x1B><Marker:\t><Plain:b>`; got != want {
		t.Errorf("Render(style) = %q, want %q", got, want)
	}
	if got := Line(nil).Render(nil); got != "" {
		t.Errorf("empty Render = %q", got)
	}
}

func TestWrap(t *testing.T) {
	P := func(s string) Segment { return Segment{Plain, s} }
	M := func(s string) Segment { return Segment{Marker, s} }
	E := func(s string) Segment { return Segment{Escape, s} }
	tests := []struct {
		in    string
		width int
		want  []Line
	}{
		{"abcdef", 3, []Line{{P("abc")}, {P("def")}}},
		{"abcdef", 6, []Line{{P("abcdef")}}},
		{"ab\r\n", 3, []Line{{P("ab")}, {M(`\r`)}, {M(`\n`)}}},
		{"ab\r\n", 4, []Line{{P("ab"), M(`\r`)}, {M(`\n`)}}},
		{"a\x1bb", 3, []Line{{P("a"), E(`\x`)}, {E(`1B`), P("b")}}},
		{"a\x1bb", 0, []Line{{P("a"), E(`\`)}, {E(`x1`)}, {E(`B`), P("b")}}},
		{"a\x1bbc", 4, []Line{{P("a")}, {E(`\x1B`)}, {P("bc")}}},
		{"你好x", 3, []Line{{P("你")}, {P("好x")}}},
		{"你好", 1, []Line{{P("你")}, {P("好")}}},
		{`a\b`, 2, []Line{{P("a")}, {P(`\\`)}, {P("b")}}},
		{"👍👍", 2, []Line{{P("👍")}, {P("👍")}}},
		// An escape wider than the pane is cut at a character.
		{"\U0010FFFD", 4, []Line{{E(`\u{1`)}, {E(`0FFF`)}, {E(`D}`)}}},
		{"ab\u06ed\u07b8", 8, []Line{{P("ab\u06ed")}, {E(`\u{07B8}`)}}},
		{"ab\u06ed\u07b8", 7, []Line{{P("ab\u06ed"), E(`\u{07`)}, {E(`B8}`)}}},
		{"\u06ed\u07b8", 8, []Line{{E(`\u{06ED}`)}, {E(`\u{07B8}`)}}},
	}
	for _, tt := range tests {
		got := Wrap(Lines([]byte(tt.in))[0], tt.width)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Wrap(%q, %d) = %#v, want %#v", tt.in, tt.width, got, tt.want)
		}
	}
	if got := Wrap(Line{}, 5); len(got) != 1 || len(got[0]) != 0 {
		t.Errorf("Wrap(empty) = %#v", got)
	}

	// Property: pieces fit (or are a single token) and rejoin to the line.
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", " ", "\\", "\r", "\n", "\t", "\x1b", "\xff", "你", "👍🏽", "e\u0301", "\u202e", "\U0010FFFD", "xyzw"}
	for range 2000 {
		var sb strings.Builder
		for range rng.IntN(40) {
			sb.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		for _, l := range Lines([]byte(sb.String())) {
			for width := 0; width <= 12; width++ {
				checkWrap(t, l, width)
			}
		}
	}
}

func checkWrap(t *testing.T, l Line, width int) {
	t.Helper()
	pieces := Wrap(l, width)
	var joined strings.Builder
	for _, p := range pieces {
		if p.Width() > max(width, 2) {
			t.Errorf("Wrap(%q, %d): piece %q is %d cells", l.Render(nil), width, p.Render(nil), p.Width())
		}
		if len(p) == 0 && len(l) != 0 {
			t.Errorf("Wrap(%q, %d): empty piece", l.Render(nil), width)
		}
		joined.WriteString(p.Render(nil))
	}
	if joined.String() != l.Render(nil) {
		t.Errorf("Wrap(%q, %d) rejoins to %q", l.Render(nil), width, joined.String())
	}
}

func TestUnescapeErrors(t *testing.T) {
	bad := []string{`\`, `\q`, `\x`, `\x4`, `\xG0`, `\u`, `\u{`, `\u{}`, `\u{110000}`, `\u{D800}`, `\u{1234567}`, `\u{12`, "a\nb", "\n"}
	for _, s := range bad {
		if b, err := Unescape(s); err == nil {
			t.Errorf("Unescape(%q) = %q, want error", s, b)
		}
	}
	good := map[string]string{
		`\n`:       "\n",
		"\\n\n":    "\n",
		`\x4a\x4A`: "JJ",
		`\u{41}`:   "A",
		"你":        "你",
	}
	for in, want := range good {
		if b, err := Unescape(in); err != nil || string(b) != want {
			t.Errorf("Unescape(%q) = %q, %v; want %q", in, b, err, want)
		}
	}
}

func TestHexLines(t *testing.T) {
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 100, 256} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*7 + 3)
		}
		want := strings.Split(hex.Dump(b), "\n")
		want = want[:len(want)-1] // hex.Dump ends with a newline
		if n == 0 {
			want = nil
		}
		got := HexLines(b, 0)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("HexLines(%d bytes) =\n%q\nwant\n%q", n, got, want)
		}

		// With a base only the offsets change.
		based := HexLines(b, 0x1234)
		if len(based) != len(got) {
			t.Fatalf("len mismatch %d vs %d", len(based), len(got))
		}
		for i := range based {
			off := strconv.FormatInt(0x1234+int64(16*i), 16)
			off = strings.Repeat("0", 8-len(off)) + off
			if based[i] != off+got[i][8:] {
				t.Errorf("HexLines base 0x1234 line %d = %q", i, based[i])
			}
		}
	}
	if got := HexLines([]byte("AB"), 0x1_0000_0000); got[0] != "100000000  41 42                                             |AB|" {
		t.Errorf("big offset: %q", got[0])
	}
	if got := HexLines([]byte{0x1b, 0x9b}, -5); got[0] != "00000000  1b 9b                                             |..|" {
		t.Errorf("negative base: %q", got[0])
	}
}

// checkSafe asserts the security invariants of a rendering.
func checkSafe(t *testing.T, out string) {
	t.Helper()
	for i := 0; i < len(out); {
		r, n := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			t.Fatalf("output %q has invalid UTF-8 at %d", out, i)
		case r == '\n':
			if i < 2 || out[i-2:i] != `\n` {
				t.Fatalf("output %q has a line break not after a \\n marker at %d", out, i)
			}
		case r < 0x20 || r == 0x7F || r == 0x1B || (r >= 0x80 && r <= 0x9F):
			t.Fatalf("output %q has control %U at %d", out, r, i)
		case !strconv.IsGraphic(r):
			t.Fatalf("output %q has non-graphic %U at %d", out, r, i)
		}
		i += n
	}
}

// checkLines asserts that Lines agrees with String and is safe.
func checkLines(t *testing.T, b []byte) {
	t.Helper()
	ls := Lines(b)
	var sb strings.Builder
	for i, l := range ls {
		if len(l) == 0 {
			t.Fatalf("Lines(%q): empty line %d", b, i)
		}
		for j, s := range l {
			if s.Text == "" {
				t.Fatalf("Lines(%q): empty segment", b)
			}
			if j > 0 && s.Kind == Plain && l[j-1].Kind == Plain {
				t.Fatalf("Lines(%q): unmerged plain segments", b)
			}
			if s.Kind == Marker && s.Text == `\n` && j != len(l)-1 {
				t.Fatalf("Lines(%q): \\n marker inside a line", b)
			}
			if strings.ContainsRune(s.Text, '\n') {
				t.Fatalf("Lines(%q): line break inside a segment", b)
			}
		}
		last := l[len(l)-1]
		if i < len(ls)-1 && !(last.Kind == Marker && last.Text == `\n`) {
			t.Fatalf("Lines(%q): line %d does not end with \\n", b, i)
		}
		sb.WriteString(l.Render(nil))
		if last.Kind == Marker && last.Text == `\n` {
			sb.WriteByte('\n')
		}
	}
	joined := sb.String()
	if want := String(b); joined != want {
		t.Fatalf("Lines(%q) joined = %q, String = %q", b, joined, want)
	}
	checkSafe(t, joined)
	back, err := Unescape(joined)
	if err != nil || !bytes.Equal(back, b) {
		t.Fatalf("Unescape(joined Lines(%q)) = %q, %v", b, back, err)
	}
}

func FuzzString(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c.in))
	}
	f.Add(mixed(512))
	f.Fuzz(func(t *testing.T, b []byte) {
		out := String(b)
		checkSafe(t, out)
		back, err := Unescape(out)
		if err != nil {
			t.Fatalf("Unescape(String(%q)): %v", b, err)
		}
		if !bytes.Equal(back, b) {
			t.Fatalf("Unescape(String(%q)) = %q", b, back)
		}
		checkLines(t, b)
		for _, l := range Lines(b) {
			checkWrap(t, l, 7)
		}
		if len(b) > 0 {
			want := strings.Split(hex.Dump(b), "\n")
			if got := HexLines(b, 0); !reflect.DeepEqual(got, want[:len(want)-1]) {
				t.Fatalf("HexLines(%q) = %q, want %q", b, got, want)
			}
		}
	})
}

// mixed returns n bytes of HTTP text interleaved with binary and UTF-8.
func mixed(n int) []byte {
	const text = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" +
		"Content-Length: 1234\r\nServer: netassist\r\n\r\n<html><body>Héllo, 世界 \\o/ 👍</body></html>\n"
	rng := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, 0, n)
	for len(b) < n {
		b = append(b, text...)
		for range 64 {
			b = append(b, byte(rng.Uint32()))
		}
	}
	return b[:n]
}

func BenchmarkString(b *testing.B) {
	in := mixed(4096)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		String(in)
	}
}

func BenchmarkLines(b *testing.B) {
	in := mixed(4096)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		Lines(in)
	}
}

func BenchmarkStringText(b *testing.B) {
	in := bytes.Repeat([]byte("GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n"), 4096/60)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		String(in)
	}
}

func BenchmarkWrap(b *testing.B) {
	ls := Lines(mixed(4096))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range ls {
			Wrap(l, 80)
		}
	}
}

func BenchmarkHexLines(b *testing.B) {
	in := mixed(4096)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		HexLines(in, 0)
	}
}
