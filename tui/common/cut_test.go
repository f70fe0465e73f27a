package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestCutWords(t *testing.T) {
	for _, c := range []struct {
		s    string
		w    int
		want string
	}{
		{"● connected to localhost:27075 via 127.0.0.1:27075", 47, "● connected to localhost:27075 via …"},
		{"● connected to localhost:27075 via 127.0.0.1:27075", 50, "● connected to localhost:27075 via 127.0.0.1:27075"},
		{"cannot listen: listen tcp 127.0.0.1:27010: address already in use", 44, "cannot listen: listen tcp 127.0.0.1:27010: …"},
		{"a b", 2, "a…"},       // the edge is at the space: nothing split
		{"abcdef", 4, "abc…"},  // one word wider than the room
		{"ab cdef", 5, "ab …"}, // the word that would be split is left out
		{"x", 0, ""},
		{"xy", 1, "…"},
	} {
		got := CutWords(c.s, c.w)
		if got != c.want {
			t.Errorf("CutWords(%q, %d) = %q, want %q", c.s, c.w, got, c.want)
		}
		if ansi.StringWidth(got) > c.w {
			t.Errorf("CutWords(%q, %d) is %d cells", c.s, c.w, ansi.StringWidth(got))
		}
	}
	// Styles are kept on what is left, and the cut counts cells.
	styled := "\x1b[31mred words\x1b[0m here"
	if got := ansi.Strip(CutWords(styled, 11)); got != "red words …" {
		t.Errorf("styled: %q", got)
	}
}

// WrapWords breaks at spaces only: a flag stays whole (breaker-2 D9: the
// status line wrapped "--cacert" into "--" / "cacert"); a word wider than
// a line fills it and goes on; no line is wider than w.
func TestWrapWords(t *testing.T) {
	for _, tc := range []struct {
		s    string
		w    int
		want []string
	}{
		{"trust it with --cacert FILE", 16, []string{"trust it with", "--cacert FILE"}},
		{"trust it with --cacert FILE", 15, []string{"trust it with", "--cacert FILE"}},
		{"a 0123456789 b", 6, []string{"a", "012345", "6789 b"}},
		{"用 --cacert FILE 信任它", 12, []string{"用 --cacert", "FILE 信任它"}},
		{"证书被拒绝签发者", 5, []string{"证书", "被拒", "绝签", "发者"}},
		{"abc", 1, []string{"a", "b", "c"}},
		{"fits", 10, []string{"fits"}},
	} {
		got := WrapWords(tc.s, tc.w)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("WrapWords(%q, %d) = %q, want %q", tc.s, tc.w, got, tc.want)
		}
		for _, l := range got {
			if ansi.StringWidth(l) > tc.w {
				t.Errorf("WrapWords(%q, %d): %q is wider", tc.s, tc.w, l)
			}
		}
	}
}
