package web

import (
	"bufio"
	"io"
	"net/http"
	"regexp"
	"testing"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

// Mark one request (c), select another, d: the two compared header by
// header in wire order — added, removed, changed, moved — with the start
// lines part by part (issue 14 item 5).
func TestWebCompareTwoRequests(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 120, 50)
	c := h.dialWeb()
	br := bufio.NewReader(c)
	for _, req := range []string{
		"GET / HTTP/1.1\r\nHost: x\r\nAccept: */*\r\nUser-Agent: first\r\nX-Only-A: 1\r\n\r\n",
		"GET /?reload HTTP/1.1\r\nHost: x\r\nUser-Agent: second\r\nAccept: */*\r\nIf-None-Match: \"abc\"\r\n\r\n",
	} {
		io.WriteString(c, req)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
	}
	h.Row("GET", "/?reload", "200")
	h.Key(tuitest.Plain('d'))
	h.Contains("mark a request with c first")
	h.Key(tuitest.Up)
	h.Key(tuitest.Plain('c'))
	h.Contains("#1 marked (◆)")
	h.WaitScreen("the ◆ in the row", regexp.MustCompile(`◆#1\s+c\d+\s+GET\s+/ `).MatchString)
	h.Key(tuitest.Plain('d'))
	h.Contains("select another request than the marked one")
	h.Key(tuitest.Down)
	h.Key(tuitest.Plain('d'))
	h.Contains("Compare A #1 → B #2 · 3 fields differ")
	h.Contains("~ request target: / → /?reload")
	h.Contains("~ User-Agent: value differs")
	h.Contains("A: first")
	h.Contains("+ If-None-Match: \"abc\"")
	h.Contains("- X-Only-A: 1")
	h.Contains("· moved: in A it came after Accept") // User-Agent: changed and moved
	h.Contains("1 added, 1 removed, 1 changed, 1 moved")
	h.Key(tuitest.Esc)
	h.Gone("Compare A #1")
	// c again on the marked row removes the mark.
	h.Key(tuitest.Up)
	h.Key(tuitest.Plain('c'))
	h.Contains("mark removed")
	h.Quit()
}
