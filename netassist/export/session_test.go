package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
)

// webSession is a real web server session, captured in a store and
// recorded to a file, with what the test clients sent and received.
type webSession struct {
	st     *netassist.Store
	record string // the --record file
	text   []byte // what headless --format text printed for the same events
	upto   uint64 // the store's last event when the record was closed
	sent   []sentRequest
}

// sentRequest is one request a test client wrote and the response it read.
type sentRequest struct {
	conn     int // which client connection (0, 1, …)
	raw      string
	method   string
	respBody []byte // as on the wire, dechunked by net/http (still content-encoded)
}

// The requests of the session: header names in odd case and order, so a
// HAR that sorts or canonicalizes them is caught; a query string; a
// gzip'd page and an image on one keep-alive connection; a form POST,
// chunked, then one with a length, on another.
var sessionRequests = [][]string{
	{
		"GET /?q=a%20b&x=1&empty= HTTP/1.1\r\nhost: HOST\r\nX-Zeta: last-first\r\nAccept-Encoding: gzip\r\nuser-agent: export-test/1\r\nCookie: a=1; b=two\r\n\r\n",
		"GET /logo.png HTTP/1.1\r\nHost: HOST\r\nAccept: image/*\r\n\r\n",
	},
	{
		"POST /submit HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nname=Zhan\r\n6\r\ng+San1\r\n0\r\n\r\n",
		"POST /submit HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 32\r\nConnection: close\r\n\r\ncity=%E5%8C%97%E4%BA%AC&n=1+2%3D",
	},
}

// newWebSession runs the demo site on 127.0.0.1:0 with a record and a
// text sink, sends sessionRequests over real sockets and waits until every
// exchange is recorded.
func newWebSession(t *testing.T) *webSession {
	t.Helper()
	st := netassist.NewStore(0)
	ws := &webSession{st: st, record: filepath.Join(t.TempDir(), "session.jsonl")}
	rec, err := netassist.OpenRecordFile(st, ws.record)
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	textSink := netassist.NewEventWriter(&text, netassist.NewTextFormat().Format, 0)
	st.AddSink(textSink)
	srv, err := httpserve.New(st, httpserve.Config{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })

	n := 0
	for ci, reqs := range sessionRequests {
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		br := bufio.NewReader(c)
		for _, raw := range reqs {
			raw = strings.ReplaceAll(raw, "HOST", l.Addr().String())
			method, _, _ := strings.Cut(raw, " ")
			c.SetDeadline(time.Now().Add(10 * time.Second))
			if _, err := io.WriteString(c, raw); err != nil {
				t.Fatal(err)
			}
			resp, err := http.ReadResponse(br, &http.Request{Method: method})
			if err != nil {
				t.Fatalf("request %q: %v", raw, err)
			}
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			ws.sent = append(ws.sent, sentRequest{conn: ci, raw: raw, method: method, respBody: body})
			n++
		}
		c.Close()
	}
	deadline := time.Now().Add(10 * time.Second)
	for st.DetailCount(netassist.TabWeb) < n || st.Totals(netassist.TabWeb).Open > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d exchanges recorded, %d connections open", st.DetailCount(netassist.TabWeb), n, st.Totals(netassist.TabWeb).Open)
		}
		time.Sleep(5 * time.Millisecond)
	}
	srv.Close()
	ws.upto = st.Seq()
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if err := textSink.Close(); err != nil {
		t.Fatal(err)
	}
	ws.text = text.Bytes()
	return ws
}

// harFrom exports src as HAR and decodes it.
func harFrom(t *testing.T, src Source) ([]byte, map[string]any) {
	t.Helper()
	var b bytes.Buffer
	if _, err := HAR(context.Background(), &b, src, HAROptions{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("HAR is not JSON: %v\n%s", err, b.Bytes())
	}
	return b.Bytes(), doc
}

// openRecord opens the session's record as a Source.
func (ws *webSession) openRecord(t *testing.T) Source {
	t.Helper()
	f, err := os.Open(ws.record)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return FromRecord(f)
}
