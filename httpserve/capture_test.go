package httpserve

import (
	"bufio"
	"bytes"
	"encoding/json"
	"github.com/netassist/netassist/httpserve/wire"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
)

// Two requests, odd header case and order, on one keep-alive connection,
// written separately.
const (
	rawKeepAlive1 = "GET /page.txt HTTP/1.1\r\nhost: 127.0.0.1\r\nX-First: 1\r\naccept-ENCODING: br\r\nUser-Agent: raw\r\n\r\n"
	rawKeepAlive2 = "GET /tiny.css?v=2 HTTP/1.1\r\nX-Z: last-first\r\nHOST: 127.0.0.1\r\nAccept-Encoding: gzip;q=0.5 , zstd\r\n\r\n"
)

func TestRawRequestsKeepAlive(t *testing.T) {
	dir, _ := siteDir(t)
	ts := startServer(t, Config{Root: dir})
	c := ts.dial()
	br := bufio.NewReader(c)
	io.WriteString(c, rawKeepAlive1)
	readResponses(t, br, 1)
	io.WriteString(c, rawKeepAlive2)
	readResponses(t, br, 1)
	exs := ts.waitExchanges(2)
	checkRaw(t, exs[0], rawKeepAlive1, "")
	checkRaw(t, exs[1], rawKeepAlive2, "")
	if exs[0].Conn != exs[1].Conn || exs[1].InOffset != int64(len(rawKeepAlive1)) {
		t.Errorf("second request: conn %d offset %d", exs[1].Conn, exs[1].InOffset)
	}
	want := []Field{{Name: "X-Z", Value: "last-first"}, {Name: "HOST", Value: "127.0.0.1"}, {Name: "Accept-Encoding", Value: "gzip;q=0.5 , zstd"}}
	if !equalFields(exs[1].Headers, want) {
		t.Errorf("headers %+v, want %+v", exs[1].Headers, want)
	}
	if exs[0].Encoding != "br" || exs[0].Target != "/page.txt" || exs[1].Target != "/tiny.css?v=2" {
		t.Errorf("records: %s / %s", exs[0].Summary(), exs[1].Summary())
	}
}

// A pipelined pair in one write: a POST with a chunked body, then a GET;
// then a Content-Length POST and a GET, again in one write.
func TestRawRequestsPipelined(t *testing.T) {
	dir, _ := siteDir(t)
	ts := startServer(t, Config{Root: dir})
	chunkedHead := "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
	chunkedBody := "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer-X: t\r\n\r\n"
	get := "GET /index.html HTTP/1.1\r\nHost: h\r\nCase-Kept: YES\r\n\r\n"
	clHead := "POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n"
	clBody := "a=1&b=2&c=3"
	get2 := "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
	c := ts.dial()
	br := bufio.NewReader(c)
	io.WriteString(c, chunkedHead+chunkedBody+get)
	readResponses(t, br, 2)
	io.WriteString(c, clHead+clBody+get2)
	readResponses(t, br, 2)
	exs := ts.waitExchanges(4)
	checkRaw(t, exs[0], chunkedHead, chunkedBody)
	checkRaw(t, exs[1], get, "")
	checkRaw(t, exs[2], clHead, clBody)
	checkRaw(t, exs[3], get2, "")
	if exs[0].Status != 405 || exs[1].Status != 200 {
		t.Errorf("statuses %d %d", exs[0].Status, exs[1].Status)
	}
	// The records' offsets slice the connection's inbound capture.
	ts.waitFor("close", func() bool { _, ok := ts.closed(exs[0].Conn); return ok })
	in := ts.inbound(exs[0].Conn)
	for _, ex := range exs {
		got := in[ex.InOffset : ex.InOffset+ex.HeadLen+ex.ReqBodyLen]
		if !bytes.Equal(got, append(append([]byte{}, ex.RawHead...), ex.RawBody...)) {
			t.Errorf("request %d: offsets do not match the capture", ex.ID)
		}
	}
}

// HTTP/1.0 ignores Transfer-Encoding (as net/http does): a keep-alive
// HTTP/1.0 request saying chunked has no body, and the request pipelined
// after it keeps its own raw bytes (the capture used to swallow them as a
// chunked body).
func TestRawRequestsHTTP10Chunked(t *testing.T) {
	dir, _ := siteDir(t)
	ts := startServer(t, Config{Root: dir})
	first := "GET /index.html HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"
	second := "GET /page.txt HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
	c := ts.dial()
	io.WriteString(c, first+second)
	readResponses(t, bufio.NewReader(c), 2)
	exs := ts.waitExchanges(2)
	checkRaw(t, exs[0], first, "")
	checkRaw(t, exs[1], second, "")
	if exs[1].Note != "" || exs[1].InOffset != int64(len(first)) {
		t.Errorf("second request: note %q offset %d", exs[1].Note, exs[1].InOffset)
	}
}

func checkRaw(t *testing.T, ex *Exchange, head, body string) {
	t.Helper()
	if string(ex.RawHead) != head {
		t.Errorf("raw head %q, want %q", ex.RawHead, head)
	}
	if string(ex.RawBody) != body || ex.ReqBodyLen != int64(len(body)) {
		t.Errorf("raw body %q (%d), want %q", ex.RawBody, ex.ReqBodyLen, body)
	}
	if ex.HeadLen != int64(len(head)) {
		t.Errorf("head length %d, want %d", ex.HeadLen, len(head))
	}
	h := wire.ParseHead([]byte(head))
	m, tg, p := h.Start.Method, h.Start.Target, h.Start.Proto
	if ex.Method != m || ex.Target != tg || ex.Proto != p || !equalFields(ex.Headers, h.Fields) {
		t.Errorf("parsed %s %s %s %+v", ex.Method, ex.Target, ex.Proto, ex.Headers)
	}
}

func equalFields(a, b []Field) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Value != b[i].Value {
			return false
		}
	}
	return true
}

// Requests net/http rejects are captured whole and get a record with the
// status net/http sent.
func TestRejectedRequests(t *testing.T) {
	ts := startServer(t, Config{MaxHeaderBytes: 4096})
	bad := "GET / HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n"
	c := ts.dial()
	io.WriteString(c, bad)
	resp := readResponses(t, bufio.NewReader(c), 1)[0]
	if resp.StatusCode != 400 {
		t.Fatalf("malformed: %d", resp.StatusCode)
	}
	huge := "GET /big HTTP/1.1\r\nHost: x\r\nX-Huge: " + strings.Repeat("a", 20000) + "\r\n\r\n"
	c2 := ts.dial()
	io.WriteString(c2, huge)
	resp = readResponses(t, bufio.NewReader(c2), 1)[0]
	if resp.StatusCode != 431 {
		t.Fatalf("huge header: %d", resp.StatusCode)
	}
	exs := ts.waitExchanges(2)
	if exs[0].Status != 400 || exs[0].Reply != ReplyRejected || string(exs[0].RawHead) != bad {
		t.Errorf("400 record: %d %s %q", exs[0].Status, exs[0].Reply, exs[0].RawHead)
	}
	if exs[1].Status != 431 || exs[1].Method != "GET" || exs[1].Target != "/big" || !exs[1].HeadTruncated {
		t.Errorf("431 record: %s truncated %v", exs[1].Summary(), exs[1].HeadTruncated)
	}
	ts.waitFor("both closed", func() bool {
		_, a := ts.closed(exs[0].Conn)
		_, b := ts.closed(exs[1].Conn)
		return a && b
	})
	if got := ts.inbound(exs[0].Conn); string(got) != bad {
		t.Errorf("400 inbound capture %q", got)
	}
	if got := ts.inbound(exs[1].Conn); !strings.HasPrefix(huge, string(got)) || len(got) < 4096 {
		t.Errorf("431 inbound capture: %d bytes", len(got))
	}
}

// The fixtures are real Chromium and curl requests: replayed over one raw
// connection to the demo site, each gets a record with exactly its bytes
// and headers.
func TestFixturesReplayed(t *testing.T) {
	files, _ := filepath.Glob("../../shared/fixtures/requests/*.bin")
	if len(files) == 0 {
		files, _ = filepath.Glob("/work/shared/fixtures/requests/*.bin")
	}
	if len(files) == 0 {
		t.Skip("fixtures not found")
	}
	ts := startServer(t, Config{})
	c := ts.dial()
	br := bufio.NewReader(c)
	var raws [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, b)
		c.Write(b)
		resp := readResponses(t, br, 1)[0]
		switch {
		case strings.Contains(f, "index"), strings.Contains(f, "logo"), strings.Contains(f, "style"), strings.Contains(f, "submit"):
			if resp.StatusCode != 200 {
				t.Errorf("%s: status %d", filepath.Base(f), resp.StatusCode)
			}
		case strings.Contains(f, "favicon"), strings.Contains(f, "curl-get"):
			if resp.StatusCode != 404 {
				t.Errorf("%s: status %d", filepath.Base(f), resp.StatusCode)
			}
		}
	}
	exs := ts.waitExchanges(len(files))
	for i, raw := range raws {
		n := wire.HeadEnd(raw)
		checkRaw(t, exs[i], string(raw[:n]), string(raw[n:]))
		if exs[i].Conn != exs[0].Conn {
			t.Errorf("%s: not on the same connection", files[i])
		}
	}
	for i, f := range files {
		ex := exs[i]
		switch {
		case strings.HasSuffix(f, "chromium156-01-index.bin"):
			if ex.Encoding != "zstd" || ex.AcceptEncoding != "gzip, deflate, br, zstd" || ex.WireBytes >= ex.BodyBytes {
				t.Errorf("index: %s", ex.Summary())
			}
		case strings.HasSuffix(f, "chromium156-02-logo.png.bin"):
			if ex.Encoding != "identity" || ex.BodyBytes < 1000 {
				t.Errorf("logo: %s", ex.Summary())
			}
		case strings.HasSuffix(f, "chromium156-05-submit.bin"):
			if string(ex.RawBody) != "name=zhang+san&city=%E5%8C%97%E4%BA%AC" {
				t.Errorf("submit body %q", ex.RawBody)
			}
		}
	}
}

// The JSON of a record starts with the fields fixed by DESIGN.md §3, in
// that order, and parses.
func TestExchangeJSON(t *testing.T) {
	dir, _ := siteDir(t)
	ts := startServer(t, Config{Root: dir})
	var lines [][]byte
	ts.store.AddSink(netassist.SinkFunc(func(e *netassist.Event) {
		if e.Kind == netassist.KindDetail {
			lines = append(lines, e.AppendJSON(nil))
		}
	}))
	ts.get("/page.txt", "Accept-Encoding", "gzip")
	ts.waitExchanges(1)
	if len(lines) != 1 {
		t.Fatalf("%d detail events", len(lines))
	}
	line := string(lines[0])
	order := []string{`"event":"http"`, `"conn":`, `"method":"GET"`, `"target":"/page.txt"`, `"proto":"HTTP/1.1"`,
		`"headers":[["Host",`, `"status":200`, `"encoding":"gzip"`, `"body_bytes":`, `"wire_bytes":`, `"accept_encoding":"gzip"`}
	pos := 0
	for _, s := range order {
		i := strings.Index(line[pos:], s)
		if i < 0 {
			t.Fatalf("%s missing or out of order in %s", s, line)
		}
		pos += i
	}
	var v map[string]any
	if err := json.Unmarshal(lines[0], &v); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, line)
	}
}
