package render

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// legacy are the encodings LinesEnc decodes itself.
var legacy = []Encoding{GBK, GB18030, Latin1}

// gb returns s encoded in GBK or GB18030, for readable test inputs.
func gb(t testing.TB, enc Encoding, s string) string {
	t.Helper()
	e := simplifiedchinese.GBK.NewEncoder()
	if enc == GB18030 {
		e = simplifiedchinese.GB18030.NewEncoder()
	}
	b, err := e.Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q in %v: %v", s, enc, err)
	}
	return string(b)
}

// The acceptance case: the GBK bytes of 你好.
func TestNiHao(t *testing.T) {
	b := []byte{0xC4, 0xE3, 0xBA, 0xC3}
	if got := gb(t, GBK, "你好"); got != string(b) {
		t.Fatalf("GBK of 你好 = % X", got)
	}
	for _, enc := range []Encoding{GBK, GB18030} {
		if got := StringEnc(b, enc); got != "你好" {
			t.Errorf("StringEnc(%v) = %q, want 你好", enc, got)
		}
		want := []Line{{{Plain, "你好"}}}
		if got := LinesEnc(b, enc); !reflect.DeepEqual(got, want) {
			t.Errorf("LinesEnc(%v) = %v", enc, got)
		}
	}
	if got := StringEnc(b, UTF8); got != `\xC4\xE3\xBA\xC3` {
		t.Errorf("StringEnc(UTF8) = %q", got)
	}
	if got := LinesEnc(b, UTF8); len(got) != 1 || len(got[0]) != 4 || got[0][0] != (Segment{Escape, `\xC4`}) {
		t.Errorf("LinesEnc(UTF8) = %v", got)
	}
	if got := StringEnc(b, Latin1); got != "Äã\u00baÃ" {
		t.Errorf("StringEnc(Latin1) = %q", got)
	}
}

func TestStringEnc(t *testing.T) {
	tests := []struct {
		name string
		enc  Encoding
		in   string
		want string
	}{
		{"gbk-crlf", GBK, "\xc4\xe3\xba\xc3\r\n", "你好\\r\\n\n"},
		{"gbk-mixed-ascii", GBK, "OK:\xc4\xe3 \\ \t", "OK:你 \\\\ \\t"},
		{"gbk-escape-seq", GBK, "\xc4\xe3\x1b]0;t\x07\x1b[2J", `你\x1B]0;t\x07\x1B[2J`},
		{"gbk-euro", GBK, "\x80", "€"},
		{"gb18030-0x80-not-own", GB18030, "\x80", `\x80`},
		{"gbk-truncated", GBK, "a\xc4", `a\xC4`},
		{"gbk-bad-trail", GBK, "\xc4 x", `\xC4 x`},
		{"gbk-bad-trail-7f", GBK, "\xc4\x7f", `\xC4\x7F`},
		{"gbk-ff", GBK, "\xff\xc4\xe3", `\xFF你`},
		{"gbk-private-use", GBK, "\xaa\xa1", `\xAA\xA1`},
		{"gbk-four-byte-not-gbk", GBK, "\x81\x30\x81\x30", `\x810\x810`},
		{"gb18030-four-byte-c1", GB18030, "\x81\x30\x81\x30", `\x81\x30\x81\x30`},
		{"gb18030-emoji", GB18030, gb(t, GB18030, "😀"), "😀"},
		{"gb18030-four-byte-bmp", GB18030, "\x81\x30\x84\x36", "¥"},
		{"gbk-latin-letter", GBK, gb(t, GBK, "é"), "é"},
		{"gb18030-fffd-code", GB18030, "\x84\x31\xa4\x37", "\uFFFD"},
		{"gb18030-out-of-range", GB18030, "\xfe\x39\xfe\x39", `\xFE\x39\xFE\x39`},
		{"gb18030-short-four", GB18030, "\x81\x30\x81", `\x810\x81`},
		{"gb18030-bidi", GB18030, gb(t, GB18030, "a\u202eb"), "a" + escapeAll(gb(t, GB18030, "\u202e")) + "b"},
		{"latin1", Latin1, "caf\xe9 \xa0\xbd", "café \u00a0½"},
		{"latin1-c1", Latin1, "\x9b2J\x85", `\x9B2J\x85`},
		{"latin1-soft-hyphen", Latin1, "a\xadb", `a\xADb`},
		{"latin1-controls", Latin1, "\x00\x7f\\\n", "\\x00\\x7F\\\\\\n\n"},
		{"empty", GBK, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := StringEnc([]byte(tt.in), tt.enc)
			if got != tt.want {
				t.Errorf("StringEnc(%q, %v) = %q, want %q", tt.in, tt.enc, got, tt.want)
			}
			checkSafe(t, got)
			checkLinesEnc(t, []byte(tt.in), tt.enc)
		})
	}
}

// escapeAll writes every byte of s as `\xHH`.
func escapeAll(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&sb, `\x%02X`, s[i])
	}
	return sb.String()
}

// Every GBK two-byte code either shows as one character that encodes back
// to it, or as the escapes of its two bytes.
func TestGBKAllPairs(t *testing.T) {
	enc := simplifiedchinese.GBK.NewEncoder()
	for c0 := 0x81; c0 <= 0xFE; c0++ {
		for c1 := 0x40; c1 <= 0xFE; c1++ {
			if c1 == 0x7F {
				continue
			}
			in := []byte{byte(c0), byte(c1)}
			out := StringEnc(in, GBK)
			if out == escapeAll(string(in)) {
				continue
			}
			back, err := enc.Bytes([]byte(out))
			if err != nil || !bytes.Equal(back, in) {
				t.Fatalf("% X shows as %q, which encodes to % X (%v)", in, out, back, err)
			}
		}
	}
}

func TestLinesEnc(t *testing.T) {
	P := func(s string) Segment { return Segment{Plain, s} }
	M := func(s string) Segment { return Segment{Marker, s} }
	E := func(s string) Segment { return Segment{Escape, s} }
	in := []byte("\xc4\xe3\\\xba\xc3\r\n\x1b\xaa\xa1x\n\n")
	want := []Line{
		{P(`你\\好`), M(`\r`), M(`\n`)},
		{E(`\x1B`), E(`\xAA`), E(`\xA1`), P("x"), M(`\n`)},
		{M(`\n`)},
	}
	if got := LinesEnc(in, GBK); !reflect.DeepEqual(got, want) {
		t.Errorf("LinesEnc = %v, want %v", got, want)
	}
	if got := LinesEnc(nil, GBK); got != nil {
		t.Errorf("LinesEnc(nil) = %v", got)
	}
}

// UTF8, and an unknown value, are exactly Lines and String.
func TestUTF8IsDefault(t *testing.T) {
	var zero Encoding
	if zero != UTF8 {
		t.Fatal("the zero Encoding is not UTF8")
	}
	for _, c := range cases {
		for _, enc := range []Encoding{UTF8, Encoding(99)} {
			if got := StringEnc([]byte(c.in), enc); got != c.want {
				t.Errorf("StringEnc(%q, %v) = %q, want %q", c.in, enc, got, c.want)
			}
			if got, want := LinesEnc([]byte(c.in), enc), Lines([]byte(c.in)); !reflect.DeepEqual(got, want) {
				t.Errorf("LinesEnc(%q, %v) differs from Lines", c.in, enc)
			}
		}
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]Encoding{
		"utf8": UTF8, "UTF-8": UTF8, "gbk": GBK, "CP936": GBK, "gb18030": GB18030,
		"GB-18030": GB18030, "latin1": Latin1, "Latin-1": Latin1, "ISO-8859-1": Latin1,
	} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, e := range Encodings() {
		if got, err := ParseEncoding(e.String()); err != nil || got != e {
			t.Errorf("ParseEncoding(%q) = %v, %v", e.String(), got, err)
		}
	}
	// The name is quoted raw; the message is escaped once, where drawn.
	if _, err := ParseEncoding("big5\x1b"); err == nil || !strings.Contains(Text(err.Error()), `"big5\x1B"`) {
		t.Errorf("ParseEncoding(big5) error = %v", err)
	}
	if s := Encoding(9).String(); s != "Encoding(9)" {
		t.Errorf("String = %q", s)
	}
}

// unescapeEnc reads StringEnc's output back: markers and escapes as the
// bytes they stand for, plain text encoded with enc.
func unescapeEnc(t testing.TB, s string, enc Encoding) []byte {
	t.Helper()
	var out []byte
	for i := 0; i < len(s); {
		if s[i] == '\\' {
			n := 2
			if i+1 < len(s) && s[i+1] == 'x' {
				n = 4
			}
			if i+n > len(s) {
				t.Fatalf("short escape at %d in %q", i, s)
			}
			b, err := Unescape(s[i : i+n])
			if err != nil {
				t.Fatalf("escape at %d in %q: %v", i, s, err)
			}
			out = append(out, b...)
			i += n
			if s[i-1] == 'n' && s[i-2] == '\\' && i < len(s) && s[i] == '\n' {
				i++
			}
			continue
		}
		j := i
		for j < len(s) && s[j] != '\\' {
			if s[j] == '\n' {
				t.Fatalf("line break without marker at %d in %q", j, s)
			}
			j++
		}
		plain := s[i:j]
		switch enc {
		case Latin1:
			for _, r := range plain {
				if r > 0xFF {
					t.Fatalf("Latin-1 output has %U", r)
				}
				out = append(out, byte(r))
			}
		default:
			e := simplifiedchinese.GBK.NewEncoder()
			if enc == GB18030 {
				e = simplifiedchinese.GB18030.NewEncoder()
			}
			b, err := e.Bytes([]byte(plain))
			if err != nil {
				t.Fatalf("encoding plain text %q: %v", plain, err)
			}
			out = append(out, b...)
		}
		i = j
	}
	return out
}

// checkLinesEnc asserts that LinesEnc agrees with StringEnc, is well
// formed and safe, wraps cleanly, and reads back to b.
func checkLinesEnc(t *testing.T, b []byte, enc Encoding) {
	t.Helper()
	ls := LinesEnc(b, enc)
	var sb strings.Builder
	for i, l := range ls {
		if len(l) == 0 {
			t.Fatalf("LinesEnc(%q, %v): empty line %d", b, enc, i)
		}
		for j, s := range l {
			if s.Text == "" || strings.ContainsRune(s.Text, '\n') {
				t.Fatalf("LinesEnc(%q, %v): bad segment %q", b, enc, s.Text)
			}
			if j > 0 && s.Kind == Plain && l[j-1].Kind == Plain {
				t.Fatalf("LinesEnc(%q, %v): unmerged plain segments", b, enc)
			}
			if s.Kind != Plain && strings.Count(s.Text, `\`) != 1 {
				t.Fatalf("LinesEnc(%q, %v): token segment %q", b, enc, s.Text)
			}
			if s.Kind == Marker && s.Text == `\n` && j != len(l)-1 {
				t.Fatalf("LinesEnc(%q, %v): \\n marker inside a line", b, enc)
			}
		}
		last := l[len(l)-1]
		endsLF := last.Kind == Marker && last.Text == `\n`
		if i < len(ls)-1 && !endsLF {
			t.Fatalf("LinesEnc(%q, %v): line %d does not end with \\n", b, enc, i)
		}
		sb.WriteString(l.Render(nil))
		if endsLF {
			sb.WriteByte('\n')
		}
		checkWrap(t, l, 7)
	}
	joined := sb.String()
	want := StringEnc(b, enc)
	if joined != want {
		t.Fatalf("LinesEnc(%q, %v) joined = %q, StringEnc = %q", b, enc, joined, want)
	}
	checkSafe(t, want)
	if back := unescapeEnc(t, want, enc); !bytes.Equal(back, b) {
		t.Fatalf("StringEnc(%q, %v) = %q reads back as %q", b, enc, want, back)
	}
}

func FuzzStringEnc(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c.in))
	}
	f.Add([]byte("\xc4\xe3\xba\xc3\r\n\x80\xaa\xa1\x81\x30\x81\x30\x95\x32\x82\x36\x84\x31\xa4\x37\x9b\xad"))
	f.Add(mixedGBK(512))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, enc := range legacy {
			checkLinesEnc(t, b, enc)
		}
		if StringEnc(b, UTF8) != String(b) {
			t.Fatalf("StringEnc(%q, UTF8) differs from String", b)
		}
	})
}

// mixedGBK is n bytes of GBK text with escape sequences and random bytes.
func mixedGBK(n int) []byte {
	text := "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=gbk\r\n\r\n" +
		"\xc4\xe3\xba\xc3\xa3\xac\xca\xc0\xbd\xe7 \x1b[31m\x1b]0;x\x07\n"
	rng := rand.New(rand.NewPCG(5, 6))
	b := make([]byte, 0, n)
	for len(b) < n {
		b = append(b, text...)
		for range 32 {
			b = append(b, byte(rng.Uint32()))
		}
	}
	return b[:n]
}

func TestMixedGBK(t *testing.T) {
	b := mixedGBK(8192)
	for _, enc := range legacy {
		checkLinesEnc(t, b, enc)
	}
	if !strings.HasPrefix(StringEnc(b, GBK), "HTTP/1.1 200 OK\\r\\n\nContent-Type: text/plain; charset=gbk\\r\\n\n\\r\\n\n你好，世界 \\x1B[31m") {
		t.Errorf("StringEnc(GBK) = %q…", StringEnc(b, GBK)[:120])
	}
}

func BenchmarkLinesEncGBK(b *testing.B) {
	in := mixedGBK(4096)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		LinesEnc(in, GBK)
	}
}
