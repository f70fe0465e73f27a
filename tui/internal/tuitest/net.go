package tuitest

import (
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Dial connects to addr over TCP, closed when the test ends, with a
// deadline (a minute from the dial: the whole test's use of the
// connection, which under -race on two shared cores can pass 10s) so a
// stuck peer fails the test instead of hanging it.
func Dial(t testing.TB, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(time.Minute))
	return c
}

// Get fetches path from the web server at addr with Go's client, asking
// for exactly the codings in ae (Go's transparent gzip is off, so the
// body arrives as sent).
func Get(t testing.TB, addr, path, ae string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", "http://"+addr+path, nil)
	req.Header.Set("Accept-Encoding", ae)
	cl := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 10 * time.Second}
	resp, err := cl.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// Row waits for a screen line holding every one of parts, in order,
// separated by spaces (a row of a list), and returns the match.
func (h *Harness) Row(parts ...string) string {
	h.T.Helper()
	pat := make([]string, len(parts))
	for i, p := range parts {
		pat[i] = regexp.QuoteMeta(p)
	}
	re := regexp.MustCompile(strings.Join(pat, `\s+`))
	s := h.WaitScreen("row "+strings.Join(parts, " "), func(s string) bool { return re.MatchString(s) })
	return re.FindString(s)
}

// BusyAddr returns a loopback address some listener holds for the whole
// test: listening there fails with "address already in use".
func BusyAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l.Addr().String()
}
