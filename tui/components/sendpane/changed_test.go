package sendpane

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

// What "fix Content-Length" changed quotes the old value: it reaches the
// preview escaped once (`\x1B`), neither raw nor as `\\x1b`.
func TestPreviewChangedEscapedOnce(t *testing.T) {
	clock := tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	p := newPane(t, clock, &recorder{})
	p.opts.FixContentLength = true
	p.SetValue(`HTTP/1.1 200 OK\r\nContent-Length: 1\x1B[2J\r\n\r\nz`)
	got := ansi.Strip(p.Preview(200))
	if !strings.Contains(got, `Content-Length "1\x1B[2J" → 1`) || strings.ContainsRune(got, 0x1b) {
		t.Fatalf("preview %q", got)
	}
}
