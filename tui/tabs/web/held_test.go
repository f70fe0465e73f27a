package web

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

var heldRow = regexp.MustCompile(`#1\s+c\d+\s+POST\s+/form\s+held (\d+)s`)

// A held request is listed at once, with its countdown, its raw bytes and
// its parsed headers and body, before any reply (issue 12 item 6); a
// client that half-closes while held is shown as finished sending (FIN),
// not gone, and still gets the reply; the held snapshot and the final
// record are one row.
func TestWebHeldRequestVisibleAtOnce(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 120, 40)
	h.Key(tuitest.Alt('i'))
	h.Contains("hold on: each request waits for your reply")
	c := h.dialWeb()
	io.WriteString(c, "POST /form HTTP/1.1\r\nHost: held.example\r\nX-Teacher: reads-this\r\nContent-Length: 11\r\n\r\nhello=world")

	h.WaitScreen("the held row", heldRow.MatchString)
	h.Contains("Requests 1 ·")
	// What was asked, before any reply: raw bytes, headers, body.
	h.Contains(`X-Teacher: reads-this\r\n`)
	h.Contains("hello=world")
	h.Contains("▶ out · nothing yet: the request is held")
	h.Contains("Status   (none yet: held — write the reply below)")
	h.Contains("X-Teacher       reads-this")
	h.Contains("Req body 11 B of 11 B announced")
	h.Contains("Reply for held #1")

	h.Key(tuitest.Send)
	h.Contains("replied to #1 with ")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("no reply: %v", err)
	}
	// One row for the exchange: the answer took the held row's place.
	s := h.WaitScreen("the answered row", func(s string) bool {
		return regexp.MustCompile(`#1\s+c\d+\s+POST\s+/form\s+200\s+identity`).MatchString(s)
	})
	if !strings.Contains(s, "Requests 1 ·") || heldRow.MatchString(s) {
		t.Fatalf("held and final records are not one row:\n%s", s)
	}

	// A client that finishes sending (FIN) and waits is not gone: the
	// row and the held list say FIN, and it still reads the reply.
	c2 := h.dialWeb()
	io.WriteString(c2, "GET /fin HTTP/1.1\r\nHost: x\r\n\r\n")
	h.Contains("Reply for held #2")
	c2.(*net.TCPConn).CloseWrite()
	h.WaitScreen("FIN in the row and the held list", func(s string) bool {
		return regexp.MustCompile(`GET\s+/fin\s+held \d+s FIN`).MatchString(s) &&
			regexp.MustCompile(`#2 c\d+ GET /fin\s+FIN \d+s`).MatchString(s)
	})
	h.Lacks("client left while held")
	h.Key(tuitest.Send)
	h.Contains("replied to #2 with ")
	resp, err = http.ReadResponse(bufio.NewReader(c2), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the half-closed client got no reply: %v", err)
	}
	if body, _ := io.ReadAll(resp.Body); string(body) != "hand-crafted by netassist" {
		t.Fatalf("reply body %q", body)
	}
	h.Row("GET", "/fin", "200", "identity")
	h.Contains("Requests 2 ·")
	h.Contains("still read the reply") // the record's note: FIN while held
	h.Quit()
}

// Two held requests: selecting one in the request list makes it the one
// the reply goes to.
func TestWebSelectingHeldRowTargetsReply(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 120, 40)
	h.Key(tuitest.Alt('i'))
	h.Contains("hold on: each request waits for your reply")
	c1, c2 := h.dialWeb(), h.dialWeb()
	io.WriteString(c1, "GET /first HTTP/1.1\r\nHost: x\r\n\r\n")
	h.Contains("Reply for held #1")
	io.WriteString(c2, "GET /second HTTP/1.1\r\nHost: x\r\n\r\n")
	h.Contains("Reply for held #2") // the list follows the newest
	h.Key(tuitest.Up)
	h.Contains("Reply for held #1")
	h.Key(tuitest.Alt('v')) // serve #1 normally
	h.Contains("#1 served normally")
	if resp, err := http.ReadResponse(bufio.NewReader(c1), nil); err != nil || resp.StatusCode != 404 {
		t.Fatalf("#1 served: %v", err)
	}
	h.Key(tuitest.Alt('a'))
	h.Contains("#2 dropped")
	h.Row("GET", "/second", "drop")
	h.Quit()
}

// The live checker reads the reply for the selected held request's
// method: the default reply's body is an error for a held HEAD (RFC 9110
// §9.3.2), and fine again once the held request is a GET.
func TestWebHeldHeadChecksReplyForHead(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 120, 40)
	h.Key(tuitest.Alt('i'))
	h.Contains("hold on: each request waits for your reply")
	c := h.dialWeb()
	io.WriteString(c, "HEAD /page HTTP/1.1\r\nHost: x\r\n\r\n")
	h.Contains("Reply for held #1")
	h.Contains("✗ error body-not-allowed")
	h.Key(tuitest.Send)
	h.Contains("replied to #1 with ")
	io.WriteString(h.dialWeb(), "GET /page HTTP/1.1\r\nHost: x\r\n\r\n")
	h.Contains("Reply for held #2")
	h.Contains("✓ HTTP check: no findings")
}
