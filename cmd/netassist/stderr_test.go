package main

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// Bubble Tea's panic report (as its recoverFromPanic writes it, \r\n and
// all) becomes one line naming the panic and a file with the details.
func TestPanicErrorIsOneLine(t *testing.T) {
	c, err := captureStderr()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "Caught panic:\r\n\r\n%s\r\n\r\nRestoring terminal...\r\n\r\n", "runtime error: index out of range [3] with length 2")
	fmt.Fprint(os.Stderr, "goroutine 1 [running]:\r\nmain.main()\r\n")
	report := c.stop()
	if os.Stderr == c.w {
		t.Fatal("os.Stderr not restored")
	}
	e := panicError(report, t.TempDir())
	msg := e.Error()
	if strings.Contains(msg, "\n") || strings.Contains(msg, "goroutine") ||
		!strings.HasPrefix(msg, "internal error in the UI: runtime error: index out of range [3] with length 2 (details in ") {
		t.Fatalf("error %q", msg)
	}
	path := strings.TrimSuffix(msg[strings.Index(msg, "(details in ")+len("(details in "):], ")")
	b, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(b), "goroutine 1 [running]:\nmain.main()") {
		t.Fatalf("details file %s: %v: %q", path, err, b)
	}
}

// What a library writes to stderr while the UI runs is shown afterwards,
// each line through the renderer.
func TestWriteRenderedEscapes(t *testing.T) {
	var b strings.Builder
	writeRendered(&b, []byte("warning: \x1b]0;title\x07 set\r\nsecond \u202e line\n"))
	if got, want := b.String(), "warning: \\x1B]0;title\\x07 set\nsecond \\u{202E} line\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
