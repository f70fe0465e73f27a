package common

import (
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
