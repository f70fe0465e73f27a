package render

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// graphemeCase is a line of testdata/graphemes.txt.
type graphemeCase struct{ name, in, want string }

// graphemeCases is testdata/graphemes.txt, read once.
var graphemeCases = loadGraphemes()

func loadGraphemes() []graphemeCase {
	f, err := os.Open("testdata/graphemes.txt")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	var out []graphemeCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			panic("graphemes.txt: want 3 tab-separated fields: " + line)
		}
		in, err1 := strconv.Unquote(fields[1])
		want, err2 := strconv.Unquote(fields[2])
		if err1 != nil || err2 != nil {
			panic("graphemes.txt: bad literal: " + line)
		}
		out = append(out, graphemeCase{fields[0], in, want})
	}
	return out
}

// Every cluster of the table renders as the table says, alone and between
// other text, and within the width rule.
func TestGraphemeTable(t *testing.T) {
	if len(graphemeCases) < 40 {
		t.Fatalf("only %d cases read", len(graphemeCases))
	}
	for _, g := range graphemeCases {
		if got := String([]byte(g.in)); got != g.want {
			t.Errorf("%s: String(%+q) = %+q, want %+q", g.name, g.in, got, g.want)
		}
		in := "\t" + g.in + "\t" // a marker before: the same context as the start
		if got, want := String([]byte(in)), `\t`+g.want+`\t`; got != want {
			t.Errorf("%s between tabs: %+q, want %+q", g.name, got, want)
		}
		rowsFit(t, []byte(in), Lines([]byte(in)))
		// In GB18030 (which encodes all of Unicode) the same characters
		// escape as bytes.
		b := []byte(gb(t, GB18030, g.in))
		rowsFit(t, b, LinesEnc(b, GB18030))
	}
}

// Every character, alone and after a narrow, a wide and an emoji base or
// before a letter, renders to text whose width lipgloss (grapheme
// clusters) and a terminal (wcwidth per code point) measure the same.
func TestEveryRuneWidthAgrees(t *testing.T) {
	ranges := [][2]rune{{0x80, 0x2FFFF}, {0xE0000, 0xE01EF}}
	var buf []byte
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			if !utf8.ValidRune(r) {
				continue
			}
			for _, pre := range []string{"", "a", "字", "\U0001F44D"} {
				buf = append(append(buf[:0], pre...), string(r)...)
				buf = append(buf, 'x')
				s := String(buf)
				if g, wc := ansi.StringWidth(s), ansi.StringWidthWc(s); g != wc {
					t.Fatalf("%+q renders %+q: lipgloss width %d, wcwidth %d", buf, s, g, wc)
				}
			}
		}
	}
}
