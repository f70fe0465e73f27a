package tuitest

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// Grapheme is a line of netassist/render/testdata/graphemes.txt: a cluster
// terminals disagree on the width of, as a peer sends it (In) and as the
// one renderer shows it (Shown).
type Grapheme struct{ Name, In, Shown string }

// Graphemes reads netassist/render/testdata/graphemes.txt (issue 12 item
// 4): no byte a peer sends may move the layout.
func Graphemes(t testing.TB) []Grapheme {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(here), "..", "..", "..", "netassist", "render", "testdata", "graphemes.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []Grapheme
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("graphemes.txt: want 3 tab-separated fields: %q", line)
		}
		in, err1 := strconv.Unquote(fields[1])
		shown, err2 := strconv.Unquote(fields[2])
		if err1 != nil || err2 != nil {
			t.Fatalf("graphemes.txt: bad literal: %q", line)
		}
		out = append(out, Grapheme{fields[0], in, shown})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 40 {
		t.Fatalf("graphemes.txt: only %d clusters", len(out))
	}
	return out
}
