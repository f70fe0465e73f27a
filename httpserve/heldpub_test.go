package httpserve

import (
	"bufio"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// A held request is in the store the moment it is held, with its raw
// bytes, headers, body and deadline; the final record follows the reply.
func TestHeldRequestPublishedAtOnce(t *testing.T) {
	ts := startServer(t, Config{Hold: true, HoldTimeout: time.Minute})
	c := ts.dial()
	req := "POST /form HTTP/1.1\r\nHost: x\r\nX-Case: Kept\r\nContent-Length: 7\r\n\r\na=1&b=2"
	io.WriteString(c, req)
	var held []*Exchange
	ts.waitFor("held record", func() bool { held = ts.heldRecords(); return len(held) == 1 })
	h := held[0]
	if string(h.RawHead)+string(h.RawBody) != req || h.Method != "POST" || h.Headers[1].Name != "X-Case" ||
		h.Deadline.IsZero() || time.Until(h.Deadline) > time.Minute || h.Status != 0 {
		t.Fatalf("held record: %s raw %q deadline %v", h.Summary(), string(h.RawHead)+string(h.RawBody), h.Deadline)
	}
	if js := string(h.AppendJSONFields(nil)); !strings.Contains(js, `"reply":"held"`) || !strings.Contains(js, `"deadline":"`) {
		t.Errorf("held JSON: %s", js)
	}
	if len(ts.exchanges()) != 0 {
		t.Fatal("a final record before any reply")
	}
	hr := ts.srv.Held()
	if len(hr) != 1 || hr[0].Record != h || hr[0].ID != h.ID {
		t.Fatalf("Held() = %+v", hr)
	}
	ts.srv.Release(h.ID, []byte("HTTP/1.1 204 No Content\r\n\r\n"))
	ex := ts.waitExchanges(1)[0]
	if ex.ID != h.ID || ex.Reply != ReplyCrafted || ex.Status != 204 {
		t.Errorf("final record: %s", ex.Summary())
	}
}

// A client that half-closes after its request (as `printf … | ncat`
// does) still waits for the reply: it is not "gone" while held, and it
// reads the reply when it is released.
func TestHeldHalfClosedClientGetsReply(t *testing.T) {
	ts := startServer(t, Config{Hold: true, HoldTimeout: time.Minute})
	c := ts.dial().(*net.TCPConn)
	io.WriteString(c, "GET /x HTTP/1.1\r\nHost: x\r\n\r\n")
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	var held []HeldRequest
	ts.waitFor("held and half-closed", func() bool {
		held = ts.srv.Held()
		return len(held) == 1 && held[0].HalfClosed
	})
	reply := "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
	if err := ts.srv.Release(held[0].ID, []byte(reply)); err != nil {
		t.Fatalf("release after FIN: %v (the request was given up)", err)
	}
	got, _ := io.ReadAll(bufio.NewReader(c))
	if string(got) != reply {
		t.Fatalf("half-closed client read %q", got)
	}
	ex := ts.waitExchanges(1)[0]
	if ex.Reply != ReplyCrafted || !strings.Contains(ex.Note, "FIN") {
		t.Errorf("record: %s (%s)", ex.Summary(), ex.Note)
	}
}

// A client that resets the connection while held is gone.
func TestHeldClientResetIsGone(t *testing.T) {
	ts := startServer(t, Config{Hold: true, HoldTimeout: time.Minute})
	c := ts.dial().(*net.TCPConn)
	io.WriteString(c, "GET /x HTTP/1.1\r\nHost: x\r\n\r\n")
	ts.waitFor("held", func() bool { return len(ts.srv.Held()) == 1 })
	c.SetLinger(0) // close sends RST
	c.Close()
	ex := ts.waitExchanges(1)[0]
	if ex.Reply != ReplyGone || len(ts.srv.Held()) != 0 {
		t.Errorf("record after reset: %s", ex.Summary())
	}
}
