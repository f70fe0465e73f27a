package tui

import (
	"io"
	"testing"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

// f7 in the Web tab explains the selected exchange's request; with the
// raw pane scrolled down to the response, the response as it was sent.
func TestAnnotateWebTab(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 100, 30)
	h.Key(tuitest.F7)
	h.StatusShows("nothing to explain yet")
	c := h.dialWeb()
	io.WriteString(c, "GET /style.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br;q=0\r\nConnection: close\r\n\r\n")
	io.ReadAll(c)
	h.Row("GET", "/style.css", "200", "gzip")
	h.Key(tuitest.F7)
	h.Contains("Annotated request · ")
	h.Contains("br refused, q=0")
	h.Key(tuitest.Esc)
	h.Gone("Annotated request")

	h.Key(tuitest.Tab) // the raw pane
	h.Key(tuitest.End) // down to the response
	h.Contains("Raw #1 · text · GET /style.css · ")
	h.Key(tuitest.F7)
	h.Contains("Annotated reply · ")
	h.Contains("status code 200 · reason phrase OK")
	h.Quit()
}
