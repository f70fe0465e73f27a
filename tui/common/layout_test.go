package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Box is exactly w×h at every size, title and body cut to fit.
func TestBoxSize(t *testing.T) {
	c := Default()
	body := []string{"a line much longer than the box is wide", "two", "three", "four"}
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {1, 3}, {2, 2}, {3, 2}, {5, 4}, {10, 3}, {40, 8}} {
		for _, foc := range []bool{false, true} {
			w, h := sz[0], sz[1]
			out := Box(c.Styles, "a long title that does not fit", body, w, h, foc)
			if len(out) != h {
				t.Fatalf("%dx%d: %d lines", w, h, len(out))
			}
			for i, l := range out {
				if lw := ansi.StringWidth(l); w > 0 && lw != w {
					t.Fatalf("%dx%d: line %d is %d cells: %q", w, h, i, lw, ansi.Strip(l))
				}
			}
		}
	}
}

// The border, the title in the top edge and the body inside it.
func TestBoxDraws(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		title string
		body  []string
		w, h  int
		want  string
	}{
		{"T", []string{"hi"}, 8, 4, "╭─T────╮\n│hi    │\n│      │\n╰──────╯"},
		{"", nil, 4, 2, "╭──╮\n╰──╯"},
		{"Title", []string{"x"}, 6, 3, "╭─T…─╮\n│x   │\n╰────╯"},
		{"T", []string{"abc", "d"}, 2, 1, "ab"},
	} {
		got := ansi.Strip(strings.Join(Box(c.Styles, tc.title, tc.body, tc.w, tc.h, true), "\n"))
		if got != tc.want {
			t.Errorf("Box(%q, %dx%d):\n%s\nwant\n%s", tc.title, tc.w, tc.h, got, tc.want)
		}
	}
}

func TestPadLineAndFit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"abc", 5, "abc  "}, {"abcdef", 3, "abc"}, {"你好", 3, "你 "}, {"x", 0, ""}, {"\x1b[1mab\x1b[0m", 3, "ab "},
	} {
		if got := ansi.Strip(PadLine(tc.in, tc.w)); got != tc.want {
			t.Errorf("PadLine(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
	if got := Fit([]string{"a", "b", "c"}, 2, 2); got != "a \nb " {
		t.Errorf("Fit = %q", got)
	}
	if got := Fit([]string{"a"}, 3, 2); got != "a  \n   " {
		t.Errorf("Fit short = %q", got)
	}
	if Fit([]string{"a"}, 0, 2) != "" || Fit([]string{"a"}, 2, 0) != "" {
		t.Error("Fit of an empty size is not empty")
	}
	if got := Beside([]string{"a", "b"}, []string{"1", "2"}); strings.Join(got, ",") != "a1,b2" {
		t.Errorf("Beside = %v", got)
	}
}
