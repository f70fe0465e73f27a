package server

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// readN reads exactly n bytes from c (5 s at most).
func readN(t *testing.T, c net.Conn, n int) string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	b := make([]byte, n)
	if _, err := io.ReadFull(c, b); err != nil {
		t.Fatalf("read %d bytes: %v (got %q)", n, err, b)
	}
	return string(b)
}

// Following the conversation, as with a browser: an idle preconnect never
// gets the reply; the connection that sent the request does, and the
// receive pane shows it alone; when another sends, the target moves; a
// pick in the list stops following, ctrl+f starts it again.
func TestFollowTheLastSender(t *testing.T) {
	t.Parallel()
	h := start(t, 120, 30, options{follow: true})
	pre := h.dial() // Chromium's idle preconnect
	h.Contains("#1 connected from")
	h.Contains("Send to the first to send data (following)")
	h.Type("early")
	h.Key(tuitest.Send)
	h.Contains("no connection has sent anything yet")

	req := h.dial()
	h.Contains("#2 connected from")
	req.Write([]byte("GET /page HTTP/1.1\r\nHost: x\r\n\r\n"))
	h.Contains("#2 :")
	h.Contains("(follows the last sender)")
	h.Contains("Receive #2 · following")
	h.Lacks("#1 connected from") // the receive pane shows #2 alone
	h.Key(tuitest.Send)
	h.Contains("sent 5 bytes to #2 :")
	if got := readN(t, req, 5); got != "early" {
		t.Fatalf("#2 read %q", got)
	}

	// The preconnect speaks: it is the conversation now. The first bytes
	// it reads are this reply: nothing was sent to it before.
	pre.Write([]byte("ping"))
	h.Contains("Receive #1 · following")
	h.Key(tuitest.Send)
	h.Contains("sent 5 bytes to #1 :")
	if got := readN(t, pre, 5); got != "early" {
		t.Fatalf("#1 read %q", got)
	}

	// Picking a row in the list stops following; the pick is the target.
	h.Key(tuitest.Tab) // receive
	h.Key(tuitest.Tab) // connections
	h.Key(tuitest.Down)
	h.Contains("follow off: you picked #2 :")
	pre.Write([]byte("again"))
	h.WaitScreen("#1's bytes counted", func(string) bool {
		c, _ := h.store.Conn(1)
		return c.BytesIn == 9
	})
	h.Contains("Receive #2 · following") // stays on the pick
	h.Key(tuitest.Ctrl('f'))
	h.Contains("follow on: replies go to the connection that sent data last")
	h.Contains("Receive #1 · following")
	h.Key(tuitest.Ctrl('f'))
	h.Contains("follow off: replies go to #1 :")
	if !strings.Contains(h.Screen(), "Send to #1 :") {
		t.Fatalf("target after follow off:\n%s", h.Screen())
	}
	h.Quit()
}

// The store names the last sender of a tab: 0 before anyone sent, and
// bytes sent to a connection do not count.
func TestLastSender(t *testing.T) {
	st := netassist.NewStore(0)
	if st.LastSender(netassist.TabServer) != 0 {
		t.Fatal("a last sender before any connection")
	}
	a := st.RecordOpen(netassist.TabServer, "l", "r1")
	b := st.RecordOpen(netassist.TabServer, "l", "r2")
	st.RecordData(a, netassist.In, []byte("x"), 0)
	st.RecordData(b, netassist.Out, []byte("y"), 0)
	if got := st.LastSender(netassist.TabServer); got != a {
		t.Fatalf("last sender %d, want %d", got, a)
	}
	st.RecordData(b, netassist.In, []byte("z"), 0)
	st.RecordClose(b, netassist.ByPeer, nil)
	if got := st.LastSender(netassist.TabServer); got != b {
		t.Fatalf("last sender %d, want %d", got, b)
	}
	if st.LastSender(netassist.TabClient) != 0 {
		t.Fatal("another tab's sender")
	}
}

// A peer that half-closes (sends its request, then FIN, and keeps
// reading, as `printf … | ncat` does) is shown ◐, and the list's title
// says what that means; it stays the target, and the reply reaches it.
func TestHalfClosedStaysTarget(t *testing.T) {
	t.Parallel()
	h := start(t, 120, 30, options{follow: true})
	c := h.dial().(*net.TCPConn)
	c.Write([]byte("hello"))
	c.CloseWrite()
	h.Contains("#1 peer finished sending (FIN)")
	h.Contains("◐ #1 :")
	h.Contains("╭─◐ #1 peer finished sending (FIN)─")
	h.Contains("Send to #1 :")
	h.Contains(" ◐ (follows the last sender)")
	h.Type("reply")
	h.Key(tuitest.Send)
	h.Contains("sent 5 bytes to #1 :")
	if got := readN(t, c, 5); got != "reply" {
		t.Fatalf("the half-closed peer read %q", got)
	}
	h.Quit()
}
