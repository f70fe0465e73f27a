package common

import (
	"strings"
	"testing"
)

// A one-line field takes a paste as it is (a final line break left out)
// or refuses it with the reason; it never cuts or rewrites it.
func TestPasteLine(t *testing.T) {
	c := Default()
	tests := []struct {
		paste, before, want, err string
		limit                    int
	}{
		{paste: "127.0.0.1:8080", want: "127.0.0.1:8080"},
		{paste: "/tmp/file name.bin\r\n", want: "/tmp/file name.bin"},
		{paste: "/tmp/x\r", want: "/tmp/x"},
		{paste: "C:\\dir\\f", want: "C:\\dir\\f"},
		{paste: "你好.txt\n", want: "你好.txt"},
		{paste: "a\tb", err: `cannot hold \t (character 2)`},
		{paste: "a\nb", err: `cannot hold \n`},
		{paste: "ab\x1b[2J", err: `cannot hold \x1B (character 3)`},
		{paste: "a\xffb", err: `cannot hold \xFF (character 2)`},
		{paste: "\n\n", err: `cannot hold \n (character 1)`},
		{paste: "12345", before: "abc", limit: 7, err: "at most 7 characters"},
		{paste: "1234", before: "abc", limit: 7, want: "abc1234"},
	}
	for _, tt := range tests {
		in := NewInput(c, tt.limit)
		in.SetValue(tt.before)
		in.Focus()
		_, err := PasteLine(c, &in, tt.paste)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) || in.Value() != tt.before {
				t.Errorf("%q: field %q, error %v; want it refused with %q", tt.paste, in.Value(), err, tt.err)
			}
		case err != nil || in.Value() != tt.want:
			t.Errorf("%q: field %q, error %v; want %q", tt.paste, in.Value(), err, tt.want)
		}
	}
}
