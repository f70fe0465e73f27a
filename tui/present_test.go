package tui

import (
	"strings"
	"testing"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

// --present: one pane at a time under the address line, tab moves
// between them, no key hints, high-contrast styles; f8 gives the usual
// screen back, and takes it away again.
func TestPresenterMode(t *testing.T) {
	t.Parallel()
	h := app{follow: true, set: func(c *Config) { c.Present = true }}.start(t, 80, 24)
	h.Contains("● listening on 127.0.0.1:")
	c := h.dial()
	c.Write([]byte("GET /x HTTP/1.1\r\n\r\n"))
	// It opens on the receive pane, where what arrives shows (not the
	// empty editor: breaker report 1, nit 13).
	s := h.Contains("╭─Receive #1")
	if strings.Contains(s, "Connections") || strings.Contains(s, "f1 help") || strings.Contains(s, "╭─Send") {
		t.Fatalf("presenter mode shows more than the focused pane, or hints:\n%s", s)
	}
	h.Contains(`GET /x HTTP/1.1\r\n`)
	h.Key(tuitest.Tab)
	h.Contains("╭─Connections")
	h.Key(tuitest.ShiftTab) // the receive pane
	h.Key(tuitest.ShiftTab) // the send pane
	h.WaitScreen("the send pane alone", func(s string) bool {
		return strings.Contains(s, "╭─Send to #1") && !strings.Contains(s, "╭─Receive")
	})
	h.Key(tuitest.Tab)
	h.Key(tuitest.Tab) // the list again: ? is not text there
	h.Key(tuitest.F8)
	h.StatusShows("presenter mode off")
	s = h.Contains("? help")
	for _, w := range []string{"╭─Connections", "Receive #1", "╭─Send to #1"} {
		if !strings.Contains(s, w) {
			t.Errorf("after f8 the screen lacks %q:\n%s", w, s)
		}
	}
	h.Key(tuitest.F8)
	h.StatusShows("presenter mode: one pane at a time")
	h.Gone("? help")
	tuitest.CheckSize(t, "presenter screen", h.Raw(), 80, 24)
	h.Quit()
}
