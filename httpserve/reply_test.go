package httpserve

import (
	"bufio"
	"bytes"
	"github.com/netassist/netassist/httpserve/wire"
	"io"
	"strings"
	"testing"
	"time"
)

// Hand-crafted mode sends exactly the bytes, then closes unless they are a
// well-framed HTTP/1.1 response.
func TestCraftedReply(t *testing.T) {
	// Wrong Content-Length on purpose: sent unchanged, then closed.
	crafted := "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 99\r\nX-Odd-Case: Yes\r\n\r\nhello\x00\xff"
	ts := startServer(t, Config{ResponseBytes: []byte(crafted)})
	c := ts.dial()
	io.WriteString(c, "GET /anything HTTP/1.1\r\nHost: x\r\n\r\n")
	got, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != crafted {
		t.Fatalf("got %q, want %q", got, crafted)
	}
	ex := ts.waitExchanges(1)[0]
	if ex.Reply != ReplyCrafted || ex.Status != 200 || ex.BodyBytes != 7 || len(ex.RespHeaders) != 3 || ex.RespHeaders[2].Name != "X-Odd-Case" {
		t.Errorf("record: %s %+v", ex.Summary(), ex.RespHeaders)
	}

	// Well framed: the connection stays open for the next request.
	good := "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"
	ts.srv.SetResponse([]byte(good))
	c2 := ts.dial()
	br := bufio.NewReader(c2)
	for range 2 {
		io.WriteString(c2, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		buf := make([]byte, len(good))
		if _, err := io.ReadFull(br, buf); err != nil || string(buf) != good {
			t.Fatalf("keep-alive crafted: %q %v", buf, err)
		}
	}
	// Not HTTP at all: sent, then closed.
	ts.srv.SetResponse([]byte("just text\n"))
	c3 := ts.dial()
	io.WriteString(c3, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	if got, _ := io.ReadAll(c3); string(got) != "just text\n" {
		t.Errorf("non-HTTP crafted: %q", got)
	}
	// Off again: files are served.
	ts.srv.SetResponse(nil)
	if resp, _ := ts.get("/"); resp.StatusCode != 200 || resp.Header.Get("Server") != "netassist" {
		t.Errorf("crafted off: %d", resp.StatusCode)
	}
}

func TestCraftedKeepAliveRule(t *testing.T) {
	tests := []struct {
		b    string
		want bool
	}{
		{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", true},
		{"HTTP/1.1 200 OK\nContent-Length: 0\n\n", true},
		{"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok", false},
		{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok", false},
		{"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", false},
		{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", false},
		{"HTTP/1.1 200 OK\r\n\r\nok", false},
		{"hello", false},
	}
	for _, tt := range tests {
		if got := craftedKeepAlive([]byte(tt.b)); got != tt.want {
			t.Errorf("%q: %v, want %v", tt.b, got, tt.want)
		}
	}
}

// Hold mode: a request waits, is listed with its deadline, and is answered
// by Release with raw bytes, by Release(nil) from the site, or by the
// timeout with 504.
func TestHold(t *testing.T) {
	ts := startServer(t, Config{Hold: true, HoldTimeout: time.Minute})
	c := ts.dial()
	io.WriteString(c, "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
	var held []HeldRequest
	ts.waitFor("held request", func() bool { held = ts.srv.Held(); return len(held) == 1 })
	h := held[0]
	if h.Method != "GET" || h.Target != "/style.css" || h.Deadline.Sub(h.Since) != time.Minute {
		t.Errorf("held: %+v", h)
	}
	select {
	case <-ts.srv.HoldChanged():
	default:
		t.Error("HoldChanged not signalled")
	}
	reply := "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nheld!"
	if err := ts.srv.Release(h.ID, []byte(reply)); err != nil {
		t.Fatal(err)
	}
	if err := ts.srv.Release(h.ID, nil); err == nil {
		t.Error("second Release: no error")
	}
	br := bufio.NewReader(c)
	buf := make([]byte, len(reply))
	if _, err := io.ReadFull(br, buf); err != nil || string(buf) != reply {
		t.Fatalf("released reply %q %v", buf, err)
	}
	// Same connection (the reply was well framed): released to the site.
	io.WriteString(c, "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
	ts.waitFor("second held", func() bool { held = ts.srv.Held(); return len(held) == 1 })
	ts.srv.Release(held[0].ID, nil)
	resp := readResponses(t, br, 1)[0]
	if body, _ := io.ReadAll(resp.Body); resp.StatusCode != 200 || !bytes.Contains(body, []byte("netassist demo")) {
		t.Errorf("released to the site: %d", resp.StatusCode)
	}
	exs := ts.waitExchanges(2)
	if exs[0].Reply != ReplyCrafted || exs[0].Held <= 0 || exs[1].Reply != ReplyStatic {
		t.Errorf("records: %s (held %v) / %s", exs[0].Summary(), exs[0].Held, exs[1].Summary())
	}

	// Timeout.
	ts.srv.SetHoldTimeout(200 * time.Millisecond)
	c2 := ts.dial()
	io.WriteString(c2, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	got, _ := io.ReadAll(c2)
	if !strings.HasPrefix(string(got), "HTTP/1.1 504 ") {
		t.Errorf("timeout reply %q", got)
	}
	exs = ts.waitExchanges(3)
	if exs[2].Reply != ReplyTimeout || exs[2].Status != 504 || len(ts.srv.Held()) != 0 {
		t.Errorf("timeout record: %s", exs[2].Summary())
	}

	// Drop.
	ts.srv.SetHoldTimeout(time.Minute)
	c3 := ts.dial()
	io.WriteString(c3, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	ts.waitFor("third held", func() bool { held = ts.srv.Held(); return len(held) == 1 })
	ts.srv.Drop(held[0].ID)
	if got, _ := io.ReadAll(c3); len(got) != 0 {
		t.Errorf("dropped request got %q", got)
	}
	exs = ts.waitExchanges(4)
	if exs[3].Reply != ReplyDropped {
		t.Errorf("drop record: %s", exs[3].Summary())
	}
}

// Held requests do not hold up Close.
func TestHoldClose(t *testing.T) {
	ts := startServer(t, Config{Hold: true})
	c := ts.dial()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	ts.waitFor("held", func() bool { return len(ts.srv.Held()) == 1 })
	done := make(chan struct{})
	go func() { ts.srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close waited for a held request")
	}
}

// The demo site: an index big enough to compress, its stylesheet and logo,
// the long page, and the form.
func TestDemoSite(t *testing.T) {
	ts := startServer(t, Config{})
	resp, body := ts.get("/", "Accept-Encoding", "gzip")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("index: %d %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	index, err := wire.Decode("gzip", body)
	if err != nil || len(index) < 2048 {
		t.Fatalf("index: %d bytes, %v", len(index), err)
	}
	for _, link := range []string{`href="/style.css"`, `src="/logo.png"`, `href="/http.html"`, `action="/submit"`} {
		if !bytes.Contains(index, []byte(link)) {
			t.Errorf("index lacks %s", link)
		}
	}
	if resp, css := ts.get("/style.css"); resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || len(css) < 500 {
		t.Errorf("style.css: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	resp, png := ts.get("/logo.png", "Accept-Encoding", "gzip")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(png, []byte("\x89PNG")) || resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("logo.png: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	resp, big := ts.get("/http.html", "Accept-Encoding", "br")
	if plain, _ := wire.Decode("br", big); resp.StatusCode != 200 || len(plain) < 20000 || len(big)*3 > len(plain) {
		t.Errorf("http.html: %d, %d→%d", resp.StatusCode, len(plain), len(big))
	}
	etag := resp.Header.Get("ETag")
	if resp, _ := ts.get("/http.html", "Accept-Encoding", "br", "If-None-Match", etag); resp.StatusCode != 304 {
		t.Errorf("demo 304: %d", resp.StatusCode)
	}
	if resp, _ := ts.get("/favicon.ico"); resp.StatusCode != 404 {
		t.Errorf("favicon: %d", resp.StatusCode)
	}
}
