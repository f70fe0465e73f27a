package tui

import (
	"bytes"
	"io"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// f7 in the Server tab: nothing to explain before a request; then the
// latest request, line by line; a selected chunk of the reply explains
// the reply; esc closes.
func TestAnnotateServerTab(t *testing.T) {
	t.Parallel()
	h := app{follow: true}.start(t, 100, 30)
	h.Contains("● listening on 127.0.0.1:")
	h.Key(tuitest.F7)
	h.StatusShows("nothing to explain yet")

	c := h.dial()
	io.WriteString(c, "GET /a HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br;q=0\r\n\r\n")
	h.Contains(`GET /a HTTP/1.1\r\n`)
	h.Type(`HTTP/1.1 404 Not Found\r\nContent-Length: 20\r\n\r\nnot here`)
	h.Key(tuitest.Send)
	h.StatusShows("sent 54 bytes")
	tuitest.WaitFor(t, "the reply written", func() bool { return h.store.Totals(netassist.TabServer).BytesOut == 54 })

	h.Key(tuitest.F7)
	h.Contains("Annotated request · ")
	h.Contains("request line")
	h.Contains("br refused, q=0")
	h.Key(tuitest.Esc)
	h.Gone("Annotated request")

	// Select the reply's chunk in the receive pane: f7 explains it.
	h.Key(tuitest.Tab) // receive pane
	h.Key(tuitest.Plain('v'))
	h.Contains("· select")
	h.Key(tuitest.F7)
	h.Contains("Annotated reply · 54 B")
	h.Contains("status line")
	h.Contains("Content-Length says 20, the body has 8 bytes")
	h.Key(tuitest.F7) // f7 closes too
	h.Gone("Annotated reply")
	h.Quit()
}

// A reply larger than the view's window (common.MaxAnnotate) is shown cut,
// and says so: no content-length-mismatch error for bytes that did arrive
// (breaker #5: "error content-length-mismatch @262144").
func TestAnnotateCutIsNoError(t *testing.T) {
	t.Parallel()
	h := app{follow: true}.start(t, 120, 30)
	h.Contains("● listening on 127.0.0.1:")
	c := h.dial()
	const body = 4 << 20
	go func() {
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4194304\r\n\r\n")
		c.Write(bytes.Repeat([]byte("x"), body))
	}()
	tuitest.WaitFor(t, "the whole reply", func() bool { return h.store.Totals(netassist.TabServer).BytesIn >= body })
	h.Key(tuitest.F7)
	h.Contains("Annotated reply · the first 256.0 KiB")
	h.Contains("Content-Length says 4,194,304 bytes; the first 262,")
	h.Key(tuitest.End)
	h.Contains("only the first 262,144 bytes of the stream are shown here")
	h.Lacks("content-length-mismatch")
	h.Lacks("Content-Length says 4,194,304, the body has")
	h.Quit()
}

// f7 in the Client tab explains the reply received.
func TestAnnotateClientTab(t *testing.T) {
	t.Parallel()
	addr := replyServer(t)
	h := clientScene(t, i18n.LangEnglish, 100, 30, addr)
	h.Key(tuitest.F7)
	h.Contains("Annotated reply · 79 B")
	h.Contains("status code 200 · reason phrase OK")
	h.Quit()
}
