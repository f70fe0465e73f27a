package web

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// zoomRaw focuses the raw pane and zooms it.
func (h *webHarness) zoomRaw() {
	h.Key(tuitest.Tab) // list → raw
	h.Key(tuitest.Plain('z'))
	h.WaitScreen("the raw pane zoomed", func(s string) bool { return !strings.Contains(s, "Requests ") })
}

// The raw pane shows the response as sent after the request (DESIGN.md
// §7, issue 12 item 8): the head with its CRLFs, then the body as it went
// out — gzip bytes stay gzip bytes, 1f 8b in the hex view — each part
// labelled with its direction and size.
func TestWebRawShowsResponseAsSent(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 140, 50)
	resp, body := h.get("/", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || !bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		t.Fatalf("GET / gzip: %q %x", resp.Header.Get("Content-Encoding"), body[:2])
	}
	h.Row("GET", "/", "200", "gzip")
	h.zoomRaw()
	h.Contains("◀ in · request · ")
	h.WaitScreen("the response label", regexp.MustCompile(`▶ out · response · [\d.]+ (B|KiB) \(head \d+ B, body [\d.]+ (B|KiB) gzip\)`).MatchString)
	s := h.Contains(`Content-Encoding: gzip\r\n`)
	if strings.Index(s, "▶ out") > strings.Index(s, `HTTP/1.1 200 OK\r\n`) {
		t.Fatalf("the response head is not under its label:\n%s", s)
	}
	if resp.TransferEncoding != nil { // chunked: the chunk size line is shown
		h.WaitScreen("a chunk size line", regexp.MustCompile(`│[0-9a-f]+\\r\\n\s*│`).MatchString)
	}
	h.Contains(`\x1F\x8B\x08`) // the gzip magic, as text
	h.Key(tuitest.Plain('x'))
	h.Contains("1f 8b 08")
	h.Contains("|HTTP/1.1 200 OK.|")
	h.Quit()
}

// Forced identity is marked forced like the other codings; a response
// without Content-Encoding says none (identity) and never shows a
// Content-Encoding header it did not send; a client that refused
// identity (identity;q=0 or *;q=0) is told so in words, and the choice
// that overrode it says so (issue 12 item 7).
func TestWebIdentityForcedAndRefused(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 220, 50) // no line of the parsed pane wraps
	// auto, no Accept-Encoding: identity, not forced.
	c := h.dialWeb()
	io.WriteString(c, "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
	if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err != nil || resp.Header.Get("Content-Encoding") != "" {
		t.Fatalf("GET without Accept-Encoding: %v", err)
	}
	h.Row("GET", "/style.css", "200", "identity ")
	h.Contains("Sent     no Content-Encoding: none (identity)")
	h.Contains("the client sent no Accept-Encoding: identity")

	h.Key(tuitest.Alt('n'))
	h.Contains("encoding identity (alt+n)")
	for i, ae := range []string{"gzip, identity;q=0", "*;q=0"} {
		resp, _ := h.get(fmt.Sprintf("/style.css?%d", i), ae)
		if ce := resp.Header.Get("Content-Encoding"); ce != "" {
			t.Fatalf("forced identity sent Content-Encoding %q", ce)
		}
		h.Row("GET", fmt.Sprintf("/style.css?%d", i), "200", "identity*!")
		h.Contains("Sent     no Content-Encoding: none (identity) (forced)")
		h.Contains("(refuses identity: wants an encoded body)")
		h.Contains("the client: it refused identity")
		s := h.Contains("Accept-Encoding  " + ae + "  ⇒ sent identity (forced, overrode the client)")
		resp0 := s[strings.Index(s, "Response headers"):]
		if strings.Contains(resp0, "Content-Encoding   ") {
			t.Fatalf("a Content-Encoding header shown that was not sent:\n%s", s)
		}
	}
	// Forced identity to a client that accepts it: marked forced.
	h.get("/style.css?ok", "gzip")
	h.Row("GET", "/style.css?ok", "200", "identity*")
	h.Quit()
}

// A file sent with sendfile is captured as a prefix: the raw pane shows
// the prefix and says how much went out uncaptured.
func TestWebRawSaysWhatWasOmitted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), 128<<10) // 2 MiB
	if err := os.WriteFile(filepath.Join(dir, "big.bin"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	h := startWebConfig(t, 140, 50, "127.0.0.1:0", true, httpserve.Config{Root: dir, BodyPrefix: 4096})
	resp, body := h.get("/big.bin", "")
	if resp.StatusCode != 200 || len(body) != len(big) {
		t.Fatalf("GET /big.bin: %d, %d bytes", resp.StatusCode, len(body))
	}
	h.Row("GET", "/big.bin", "200", "identity")
	h.zoomRaw()
	h.Key(tuitest.End)
	h.WaitScreen("the omitted note", regexp.MustCompile(`\(2\.0 MiB more sent with sendfile, not captured`).MatchString)
	h.Quit()
}

// A POST with Expect: 100-continue the server answers without asking for
// its body: the raw pane says the client never sent the rest, not that
// the server did not read it (breaker nit 8: curl's 10 MB POST).
func TestWebBodyNeverSentAfterExpect(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 140, 50)
	c := h.dialWeb()
	fmt.Fprintf(c, "POST /nothing-here HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: %d\r\n\r\n", 10<<20)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST: %v", err)
	}
	io.Copy(io.Discard, resp.Body)
	c.Close()
	h.Row("POST", "/nothing-here", "405")
	h.zoomRaw()
	h.Key(tuitest.End)
	h.WaitScreen("the raw pane's note", regexp.MustCompile(`request body: 0 B of 10.0 MiB announced arrived — 10.0 MiB never sent: the client waits for 100 Continue`).MatchString)
	h.Lacks("never read")
	h.Quit()
}

// A POST the server answers without reading its body: the raw and parsed
// panes say how much of the announced body reached the capture and that
// the rest was never read (issue 12 item 9).
func TestWebBodyNeverRead(t *testing.T) {
	t.Parallel()
	const size = 10 << 20
	h := newWebHarness(t, 140, 50)
	c := h.dialWeb()
	fmt.Fprintf(c, "POST /nothing-here HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n", size)
	done := make(chan struct{})
	go func() { // the client keeps sending until the server closes
		defer close(done)
		chunk := bytes.Repeat([]byte("b"), 64<<10)
		for sent := 0; sent < size; sent += len(chunk) {
			if _, err := c.Write(chunk); err != nil {
				return
			}
		}
	}()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST: %v", err)
	}
	io.Copy(io.Discard, resp.Body)
	<-done
	c.Close()
	h.Row("POST", "/nothing-here", "405")
	cut := regexp.MustCompile(`request body: [\d.]+ KiB of 10.0 MiB announced kept — [\d.]+ MiB never read`)
	h.WaitScreen("the parsed pane's Req body", regexp.MustCompile(`Req body `).MatchString)
	h.zoomRaw()
	h.Key(tuitest.End)
	h.WaitScreen("the raw pane's note", cut.MatchString)
	h.Quit()
}
