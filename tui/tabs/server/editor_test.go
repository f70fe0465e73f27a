package server

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

// The live checker under the reply editor (issue 14 item 2), at 80×24: a
// hand-written reply with a wrong Content-Length gets its finding under
// the editor; f6 sets the length; the reply that goes out is the fixed one.
func TestLiveCheckerFixKey(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 80, 24)
	p := newPeer(t, h)
	h.Paste("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\nhello")
	h.Contains("✗ error content-length-mismatch @70: Content-Length says 20, the body")
	h.Key(tea.KeyPressMsg{Code: tea.KeyF6})
	h.StatusShows("fixed: content-length-mismatch")
	h.Contains("Content-Length: 5 ")
	h.Gone("✗ error")
	h.Key(tuitest.Send)
	want := "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
	tuitest.WaitFor(t, "the fixed reply", func() bool { return string(p.bytes()) == want })
	h.Quit()
}
