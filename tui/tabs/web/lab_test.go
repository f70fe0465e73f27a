package web

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// The encoding lab on a gzip response: every coding's size side by side,
// gzip marked sent, the reasons from the client's q-values, and gzip's
// first bytes (1f 8b) beside the HTML they decode to. Its sizes are what
// a client asking for each coding receives (issue 14 item 3).
func TestWebLabSizesAndWhy(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 120, 60)
	_, gz := h.get("/http.html", "gzip, br;q=0.5, zstd;q=0")
	h.Row("GET", "/http.html", "200", "gzip")
	h.Key(tuitest.Plain('l'))
	h.Contains("Encoding lab #1 · GET /http.html")
	h.Contains("the client said  Accept-Encoding: gzip, br;q=0.5, zstd;q=0")
	h.WaitScreen("the sent row", regexp.MustCompile(`▶ gzip\s+`+regexp.QuoteMeta(common.FormatSize(int64(len(gz))))+`\s+\d+%.*← sent`).MatchString)
	h.Contains("the client's first choice (q=1)")
	h.Contains("accepted (q=0.5), but gzip weighs more (q=1)")
	h.Contains("refused (q=0)")
	h.Contains("not offered: the client did not list it")
	h.Contains("body: http.html, the file the site served")
	h.WaitScreen("gzip bytes beside the HTML", regexp.MustCompile(`1f 8b 08 00 [0-9a-f ]+ ⇄  <!doctype html>\\n`).MatchString)
	h.Key(tuitest.Right) // deflate's bytes: a zlib header
	h.WaitScreen("deflate bytes", regexp.MustCompile(`first bytes sent as deflate[^\n]*\n[^\n]*78 [0-9a-f]{2} `).MatchString)
	h.Key(tuitest.Esc)
	h.Gone("Encoding lab #1")

	// The lab's numbers are what the server sends for each coding.
	res := h.finalTab().lab.Result()
	if res == nil {
		t.Fatal("no result")
	}
	for _, c := range res.Codings {
		_, body := tuitest.Get(t, h.addr, "/http.html", string(c.Encoding))
		if c.Size != int64(len(body)) || !bytes.HasPrefix(body, c.Head) {
			t.Errorf("%s: lab %d bytes, server sent %d", c.Encoding, c.Size, len(body))
		}
	}
}

// A file larger than the capture keeps (sendfile: a prefix) is measured
// from the file; a hand-crafted reply from its captured bytes, decoded; a
// held request has nothing to measure.
func TestWebLabBodySources(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	big := bytes.Repeat([]byte("<p>netassist encoding lab</p>\n"), 8<<10) // 240 KiB of HTML
	if err := os.WriteFile(filepath.Join(dir, "big.html"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	h := startWebConfig(t, 120, 50, "127.0.0.1:0", true, httpserve.Config{Root: dir, BodyPrefix: 4096})
	h.get("/big.html", "identity")
	h.Row("GET", "/big.html", "200", "identity")
	h.Key(tuitest.Plain('l'))
	h.WaitScreen("identity measured from the file", regexp.MustCompile(`▶ identity\s+240\.0 KiB\s+100%`).MatchString)
	h.Contains("body: big.html, the file the site served")
	h.Key(tuitest.Esc)

	// A crafted gzip reply: measured from the capture, decoded.
	zb, err := httpserve.Encode(httpserve.EncodingGzip, big)
	if err != nil {
		t.Fatal(err)
	}
	reply := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: " + strconv.Itoa(len(zb)) + "\r\n\r\n" + string(zb)
	h.web.SetResponse([]byte(reply))
	c := h.dialWeb()
	io.WriteString(c, "GET /crafted HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n")
	io.ReadAll(c)
	h.Row("GET", "/crafted", "200")
	h.Key(tuitest.Plain('l'))
	h.Contains("body: the response as captured, decoded")
	h.WaitScreen("identity of the decoded body", regexp.MustCompile(`identity\s+240\.0 KiB\s+100%`).MatchString)
	h.Contains("a hand-crafted reply: its own Content-Encoding says")
	h.Key(tuitest.Esc)
	h.web.SetResponse(nil)

	// Held: nothing to measure yet.
	h.Key(tuitest.Alt('i'))
	h.Contains("hold on: each request waits")
	c2 := h.dialWeb()
	io.WriteString(c2, "GET /held HTTP/1.1\r\nHost: x\r\n\r\n")
	h.Contains("Reply for held #3")
	h.Key(tuitest.Plain('l'))
	h.Contains("no response body to measure")
	h.Lacks("Encoding lab #3")
	h.Quit()
}
