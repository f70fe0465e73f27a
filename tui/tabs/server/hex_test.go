package server

import (
	"testing"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

// The hex view at 80×24 (issue 15 item 1): 16 bytes a row do not fit the
// receive pane, so rows hold 8, with the ASCII column; offsets count from
// the start of the connection's stream, across reads. A wide terminal
// gets hexdump -C's 16.
func TestRecvHexAt80x24(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 80, 24)
	c := &connWriter{h: h, c: h.dial()}
	h.Contains("#1 connected from")
	h.Key(tuitest.Tab) // send → receive
	h.Contains("x view text/hex")
	c.write("HTTP/1.1 200 OK\r\n")
	c.write("abc")
	h.Key(tuitest.Plain('x'))
	h.Contains("00000000  48 54 54 50 2f 31 2e 31  |HTTP/1.1|")
	h.Contains("00000008  20 32 30 30 20 4f 4b 0d  | 200 OK.|")
	h.Contains("00000010  0a                       |.|")
	h.Contains("00000011  61 62 63                 |abc|")
	tuitest.CheckFrame(t, h.Raw())
	h.Quit()

	w, c2 := recvFocused(t, 160, 30)
	c2.write("HTTP/1.1 200 OK\r\n")
	w.Key(tuitest.Plain('x'))
	w.Contains("00000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  |HTTP/1.1 200 OK.|")
	w.Quit()
}
