package web

import (
	"bufio"
	"compress/gzip"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/netassist/netassist/httpserve/lessons"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// The Web tab's reply editor has the lesson templates too: a held request
// answered with the gzip template gets a body compressed when sent, with
// the Content-Length of the compressed bytes; the live checker has
// nothing to say about it.
func TestLessonGzipReply(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 120, 36)
	h.Key(tuitest.Alt('i')) // hold
	h.Contains("hold on: each request waits")
	c := h.dialWeb()
	io.WriteString(c, "GET /lesson HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
	h.Contains("Held (1)")

	h.Key(tuitest.Alt('t'))
	h.Contains("Lesson templates")
	h.Contains("100 Continue, then 200") // the templates are read
	at := slices.IndexFunc(lessons.Builtin(), func(l lessons.Template) bool { return l.ID == "gzip" })
	for range at + 1 {
		h.Key(tuitest.Down)
	}
	h.Contains("gzip-compressed when sent")
	h.Contains("Content-Length counts the compressed bytes") // its note
	h.Key(tuitest.Enter)
	h.StatusShows("gzip-encoded body — The body is compressed")
	h.Contains("✓ HTTP check: no findings")
	h.Key(tuitest.Send)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	if resp.Header.Get("Content-Encoding") != "gzip" || int64(len(raw)) != resp.ContentLength || raw[0] != 0x1f || raw[1] != 0x8b {
		t.Fatalf("headers %v, %d bytes % x…", resp.Header, len(raw), raw[:min(len(raw), 4)])
	}
	zr, err := gzip.NewReader(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := io.ReadAll(zr); !strings.Contains(string(body), "travelled gzip-compressed") {
		t.Fatalf("body %q", body)
	}
	h.Quit()
}
