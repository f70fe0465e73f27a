package wire

import (
	"strings"
	"testing"
)

// A value from the wire is quoted in a finding's message escaped once,
// as netassist/render writes it (`\x1B`, `\u{202E}`): never raw, never as
// Go's `\x1b` escaped again by a UI (`\\x1b`). A long value is cut at a
// character, not inside one.
func TestFindingArgsRenderedOnce(t *testing.T) {
	h := ParseHead([]byte("HTTP/1.1 200 OK\r\nX-\x1b[31mEvil\u202e: 1\r\n\r\n"))
	var msg string
	for _, f := range h.Findings {
		if f.Code == CodeBadHeaderName {
			msg = f.Message()
		}
	}
	if want := `field name "X-\x1B[31mEvil\u{202E}" is not a valid token`; msg != want {
		t.Fatalf("message %q, want %q", msg, want)
	}
	long := strings.Repeat("a", 62) + "世界"
	if got, want := Show(long), strings.Repeat("a", 62)+"…"; got != want {
		t.Errorf("Show(long) = %q, want %q", got, want)
	}
}
