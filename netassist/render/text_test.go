package render

import (
	"bytes"
	"strings"
	"testing"
)

// Text is String on one line: the same escapes, no line break, reversible.
func TestText(t *testing.T) {
	for _, c := range cases {
		got := Text(c.in)
		if want := strings.ReplaceAll(c.want, "\\n\n", `\n`); got != want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, want)
		}
		if strings.Contains(got, "\n") {
			t.Errorf("Text(%q) = %q has a line break", c.in, got)
		}
		checkSafe(t, got)
		if back, err := Unescape(got); err != nil || !bytes.Equal(back, []byte(c.in)) {
			t.Errorf("Unescape(Text(%q)) = %q, %v", c.in, back, err)
		}
	}
	// The breaker's certificate name: escaped, never stripped.
	if got, want := Text("common name ev\u202eil\x1b[2Jx\x9bc"), `common name ev\u{202E}il\x1B[2Jx\x9Bc`; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func FuzzText(f *testing.F) {
	for _, c := range cases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		if strings.Contains(got, "\n") {
			t.Fatalf("Text(%q) = %q has a line break", s, got)
		}
		checkSafe(t, got)
		if back, err := Unescape(got); err != nil || !bytes.Equal(back, []byte(s)) {
			t.Fatalf("Unescape(Text(%q)) = %q, %v", s, back, err)
		}
	})
}
