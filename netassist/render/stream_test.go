package render

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// joinLines renders lines as String does: a real line break after each
// `\n` marker.
func joinLines(ls []Line) string {
	var sb strings.Builder
	for _, l := range ls {
		sb.WriteString(l.Render(nil))
		if n := len(l); n > 0 && l[n-1].Kind == Marker && l[n-1].Text == `\n` {
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

// renderSplit renders b cut at the given offsets through one Stream, as
// the reads of a connection, and returns each read's rendering and the
// flush at the end.
func renderSplit(b []byte, enc Encoding, cuts []int) []string {
	s := NewStream(enc)
	var out []string
	prev := 0
	for _, c := range append(cuts, len(b)) {
		out = append(out, s.String(b[prev:c]))
		prev = c
	}
	return append(out, s.FlushString())
}

// checkSplit checks that b rendered in reads cut at cuts gives exactly the
// unsplit rendering, as strings and as lines, and that each read rendered
// on its own through ResumeAt (the TUI's way) gives the same as in
// sequence.
func checkSplit(t *testing.T, b []byte, enc Encoding, cuts []int) {
	t.Helper()
	want := StringEnc(b, enc)
	parts := renderSplit(b, enc, cuts)
	if got := strings.Join(parts, ""); got != want {
		t.Fatalf("%v %q cut at %v: reads render %q, unsplit %q", enc, b, cuts, parts, want)
	}

	s := NewStream(enc)
	var lines []Line
	prev := 0
	for k, c := range append(cuts, len(b)) {
		ls := s.Lines(b[prev:c])
		if got := joinLines(ls); got != parts[k] {
			t.Fatalf("%v %q cut at %v: read %d: Lines %q, String %q", enc, b, cuts, k, got, parts[k])
		}
		lines = append(lines, ls...)
		// The same read, from ResumeAt and the bytes before it.
		tail := b[max(0, prev-LookBack(enc)):prev]
		r := ResumeAt(enc, int64(prev), tail)
		if got := r.String(b[prev:c]); got != parts[k] {
			t.Fatalf("%v %q cut at %v: read %d from ResumeAt(%d, %q) = %q, in sequence %q",
				enc, b, cuts, k, prev, tail, got, parts[k])
		}
		prev = c
	}
	lines = append(lines, s.FlushLines()...)
	if got := joinLines(lines); got != want {
		t.Fatalf("%v %q cut at %v: lines join to %q, want %q", enc, b, cuts, got, want)
	}
}

// The examples: a character split across two reads is put back
// together, in UTF-8 and in GBK (whose second read alone decodes out of
// step, as different real characters).
func TestStreamSplitCharacter(t *testing.T) {
	utf := []byte("你好世界")
	if got := renderSplit(utf, UTF8, []int{4}); !reflect.DeepEqual(got, []string{"你", "好世界", ""}) {
		t.Errorf("UTF-8 4+8: %q", got)
	}
	gbk := []byte(gb(t, GBK, "你好世界"))
	if got := renderSplit(gbk, GBK, []int{3}); !reflect.DeepEqual(got, []string{"你", "好世界", ""}) {
		t.Errorf("GBK 3+5: %q", got)
	}
	if alone := StringEnc(gbk[3:], GBK); alone == "好世界" {
		t.Errorf("the second GBK read alone decodes in step (%q): the test proves nothing", alone)
	}
	gb4 := []byte(gb(t, GB18030, "a😀b")) // 😀 is a four-byte GB18030 sequence
	for cut := 1; cut < len(gb4); cut++ {
		if got := renderSplit(gb4, GB18030, []int{cut}); strings.Join(got, "") != "a😀b" {
			t.Errorf("GB18030 cut at %d: %q", cut, got)
		}
	}
	// Held bytes the next read does not complete are escapes there; held
	// bytes at the end of the stream are escapes in the flush.
	if got := renderSplit([]byte("a\xe4\xbdb\xe5"), UTF8, []int{3}); !reflect.DeepEqual(got, []string{"a", `\xE4\xBDb`, `\xE5`}) {
		t.Errorf("incomplete: %q", got)
	}
	s := NewStream(UTF8)
	if s.String([]byte("\xf0\x9f")); s.Held() != 2 {
		t.Errorf("Held = %d after half an emoji", s.Held())
	}
	if got := s.String([]byte("\x91")); got != "" || s.Held() != 3 {
		t.Errorf("three quarters: %q, held %d", got, s.Held())
	}
	if got := s.String([]byte("\x8d!")); got != "👍!" || s.Held() != 0 {
		t.Errorf("completed: %q, held %d", got, s.Held())
	}
}

// Every split (one and two cuts) of the table inputs renders as unsplit,
// in every encoding.
func TestStreamEverySplit(t *testing.T) {
	inputs := [][]byte{[]byte(gb(t, GBK, "你好，世界！\r\n")), []byte(gb(t, GB18030, "😀€é字")), mixedGBK(200)}
	for _, c := range cases {
		inputs = append(inputs, []byte(c.in))
	}
	for _, b := range inputs {
		for _, enc := range Encodings() {
			for i := 0; i <= len(b); i++ {
				checkSplit(t, b, enc, []int{i})
				if len(b) > 40 {
					continue
				}
				for j := i; j <= len(b); j++ {
					checkSplit(t, b, enc, []int{i, j})
				}
			}
		}
	}
}

// smallResync makes runs short enough to test (restored at cleanup).
func smallResync(t *testing.T, n int64) {
	t.Helper()
	old := resyncEvery
	resyncEvery = n
	t.Cleanup(func() { resyncEvery = old })
}

// GBK/GB18030 runs with no byte that can only start a character are cut
// at every multiple of ResyncEvery, so a view may start anywhere after
// looking back LookBack bytes; reads in any pieces still agree.
func TestStreamResync(t *testing.T) {
	smallResync(t, 64)
	rng := rand.New(rand.NewPCG(5, 6))
	zhong := []byte(gb(t, GBK, "中"))
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"lead bytes only", bytes.Repeat([]byte{0x81}, 3*64+5)},
		{"chinese without ascii", bytes.Repeat(zhong, 3*64/2+1)},
		{"offset by one", append([]byte("a"), bytes.Repeat(zhong, 2*64)...)},
		{"letters and lead bytes", bytes.Repeat([]byte("\x81A\xfe"), 5*64/3)},
		{"digits", bytes.Repeat([]byte("\x810\x81"), 5*64/3)},
		{"chinese with a line break", append(append(bytes.Repeat(zhong, 50), '\n'), bytes.Repeat(zhong, 90)...)},
	} {
		for _, enc := range []Encoding{GBK, GB18030} {
			for range 60 {
				var cuts []int
				for c := rng.IntN(70); c < len(tc.b); c += 1 + rng.IntN(50) {
					cuts = append(cuts, c)
				}
				checkSplit(t, tc.b, enc, cuts)
			}
			for c := 0; c <= len(tc.b); c++ {
				checkSplit(t, tc.b, enc, []int{c})
			}
		}
	}
	// The cut shows: a character straddling offset 64 in a run without
	// sync bytes is escaped, and decoding starts afresh at the cut.
	b := append([]byte("a"), bytes.Repeat(zhong, 40)...) // 中 straddles 64
	if got := StringEnc(b, GBK); !strings.HasPrefix(got, "a"+strings.Repeat("中", 31)+`\xD6`) {
		t.Errorf("the character across the cut: %q", got)
	}
	// A line break (or any ASCII below '@') keeps the run in step.
	b = append(append([]byte("a"), bytes.Repeat(append([]byte{'\n'}, zhong...), 40)...), zhong...)
	if got := StringEnc(b, GBK); strings.Count(got, "中") != 41 {
		t.Errorf("with line breaks: %q", got)
	}
}

// rowsFit checks the width rule on a rendering: no row Wrap makes is wider
// than its pane, and lipgloss's measure (grapheme clusters), a terminal's
// (wcwidth per code point) and the segments' sum all agree.
func rowsFit(t *testing.T, b []byte, ls []Line) {
	t.Helper()
	for _, l := range ls {
		s := l.Render(nil)
		if g, wc, sum := ansi.StringWidth(s), ansi.StringWidthWc(s), l.Width(); g != wc || g != sum {
			t.Fatalf("%q renders %q: lipgloss width %d, wcwidth %d, segments %d", b, s, g, wc, sum)
		}
		for _, width := range []int{2, 3, 5, 8, 13} {
			for _, row := range Wrap(l, width) {
				if w := ansi.StringWidth(row.Render(nil)); w > width {
					t.Fatalf("%q: a row of %d cells in a pane of %d: %q", b, w, width, row.Render(nil))
				}
			}
		}
	}
}

// FuzzStream: any split of any input renders as the unsplit input, in
// every encoding; each read renders the same from ResumeAt; and the width
// rule holds: no row wider than its pane, every measure agreeing.
func FuzzStream(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c.in), uint16(1), uint16(3), uint8(0))
	}
	for _, g := range graphemeCases {
		f.Add([]byte(g.in), uint16(2), uint16(5), uint8(0))
	}
	f.Add([]byte("你好世界"), uint16(4), uint16(0), uint8(0))
	f.Add(mixedGBK(300), uint16(3), uint16(77), uint8(1))
	f.Add(mixed(300), uint16(5), uint16(200), uint8(2))
	f.Fuzz(func(t *testing.T, b []byte, c1, c2 uint16, e uint8) {
		enc := Encodings()[int(e)%len(Encodings())]
		i, j := int(c1)%(len(b)+1), int(c2)%(len(b)+1)
		checkSplit(t, b, enc, []int{min(i, j), max(i, j)})
		ls := LinesEnc(b, enc)
		rowsFit(t, b, ls)
		for _, l := range ls {
			checkSafe(t, l.Render(nil))
		}
	})
}
