package httpserve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
)

// testServer is a capturing server on 127.0.0.1:0 with its store.
type testServer struct {
	t     testing.TB
	store *netassist.Store
	srv   *Server
	addr  string
}

func startServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	st := netassist.NewStore(0)
	s, err := New(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &testServer{t: t, store: st, srv: s, addr: a.String()}
}

// waitFor waits (on the store's change signal, not sleeps) until cond
// holds, failing after 5 s.
func (ts *testServer) waitFor(what string, cond func() bool) {
	ts.t.Helper()
	deadline := time.After(5 * time.Second)
	for !cond() {
		select {
		case <-ts.store.Changed():
		case <-time.After(20 * time.Millisecond): // hold state changes outside the store
		case <-deadline:
			ts.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// exchanges returns every http record so far.
// exchanges returns the final records (not the snapshots of held
// requests: see heldRecords).
func (ts *testServer) exchanges() []*Exchange {
	var out []*Exchange
	for _, d := range ts.store.Details(netassist.TabWeb, 0, 1<<20) {
		if ex, ok := d.Detail.(*Exchange); ok && ex.Reply != ReplyHeld {
			out = append(out, ex)
		}
	}
	return out
}

// heldRecords returns the records published when requests were held.
func (ts *testServer) heldRecords() []*Exchange {
	var out []*Exchange
	for _, d := range ts.store.Details(netassist.TabWeb, 0, 1<<20) {
		if ex, ok := d.Detail.(*Exchange); ok && ex.Reply == ReplyHeld {
			out = append(out, ex)
		}
	}
	return out
}

// waitExchanges waits until there are n records and returns them.
func (ts *testServer) waitExchanges(n int) []*Exchange {
	ts.t.Helper()
	ts.waitFor("http records", func() bool { return len(ts.exchanges()) >= n })
	return ts.exchanges()
}

// client is a Go client that sends Accept-Encoding exactly as set and does
// not decode.
func (ts *testServer) get(path string, hdr ...string) (*http.Response, []byte) {
	ts.t.Helper()
	req, err := http.NewRequest("GET", "http://"+ts.addr+path, nil)
	if err != nil {
		ts.t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	c := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer c.CloseIdleConnections()
	resp, err := c.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.t.Fatal(err)
	}
	return resp, body
}

// dial opens a raw connection.
func (ts *testServer) dial() net.Conn {
	ts.t.Helper()
	c, err := net.Dial("tcp", ts.addr)
	if err != nil {
		ts.t.Fatal(err)
	}
	ts.t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(10 * time.Second))
	return c
}

// readResponses reads n responses from a raw connection.
func readResponses(t testing.TB, br *bufio.Reader, n int) []*http.Response {
	t.Helper()
	var out []*http.Response
	for range n {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("response %d: %v", len(out)+1, err)
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body = io.NopCloser(bytes.NewReader(b))
		out = append(out, resp)
	}
	return out
}

// inbound returns every byte connection id received, in order.
func (ts *testServer) inbound(id netassist.ConnID) []byte {
	var b []byte
	for _, c := range ts.store.After(netassist.Filter{Conn: id}, 0, 1<<20) {
		if c.Kind == netassist.KindData && c.Dir == netassist.In {
			b = append(b, c.Data...)
		}
	}
	return b
}

// outbound returns the bytes connection id sent that were kept, and how
// many were omitted.
func (ts *testServer) outbound(id netassist.ConnID) ([]byte, int64) {
	var b []byte
	var omitted int64
	for _, c := range ts.store.After(netassist.Filter{Conn: id}, 0, 1<<20) {
		if c.Kind == netassist.KindData && c.Dir == netassist.Out {
			b = append(b, c.Data...)
			omitted += c.Omitted
		}
	}
	return b, omitted
}

// closed reports whether connection id's close was recorded.
func (ts *testServer) closed(id netassist.ConnID) (netassist.ConnInfo, bool) {
	info, ok := ts.store.Conn(id)
	return info, ok && !info.Open
}

// siteDir makes a root directory with some files.
func siteDir(t testing.TB) (dir string, text []byte) {
	t.Helper()
	dir = t.TempDir()
	var b bytes.Buffer
	for i := range 400 {
		b.WriteString("line ")
		b.WriteString(strings.Repeat("abcdefghij", i%7+1))
		b.WriteString(" of a text file that compresses well\n")
	}
	text = b.Bytes()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("page.txt", text)
	write("index.html", []byte("<!doctype html><title>root</title><p>hello</p>\n"))
	write("tiny.css", []byte("body{color:red}\n"))
	write("photo.png", bytes.Repeat([]byte("not really a png "), 200))
	write(".secret", []byte("hidden"))
	write("sub/.env", []byte("KEY=1"))
	write("sub/page.html", []byte("<p>sub</p>"))
	write("noindex/a.txt", []byte("a"))
	return dir, text
}

func TestServeAndShutdown(t *testing.T) {
	dir, _ := siteDir(t)
	st := netassist.NewStore(0)
	s, err := New(st, Config{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(l) }()
	ts := &testServer{t: t, store: st, srv: s, addr: l.Addr().String()}
	resp, body := ts.get("/")
	if resp.StatusCode != 200 || !strings.Contains(string(body), "hello") {
		t.Fatalf("GET /: %d %q", resp.StatusCode, body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; err != ErrServerClosed {
		t.Fatalf("Serve returned %v, want ErrServerClosed", err)
	}
	if _, err := s.Listen("127.0.0.1:0"); err != ErrServerClosed {
		t.Fatalf("Listen after Shutdown: %v", err)
	}
}

func TestNewBadRoot(t *testing.T) {
	if _, err := New(netassist.NewStore(0), Config{Root: filepath.Join(t.TempDir(), "missing")}); err == nil {
		t.Fatal("New with a missing root: no error")
	}
	if _, err := New(netassist.NewStore(0), Config{Encoding: "lzma"}); err == nil {
		t.Fatal("New with a bad encoding: no error")
	}
}

func TestErrorLogGoesToStore(t *testing.T) {
	var got []string
	st := netassist.NewStore(0)
	st.AddSink(netassist.SinkFunc(func(e *netassist.Event) {
		if e.Kind == netassist.KindError {
			got = append(got, e.Err)
		}
	}))
	s, err := New(st, Config{})
	if err != nil {
		t.Fatal(err)
	}
	s.http.ErrorLog.Printf("http: panic serving 1.2.3.4: boom\n")
	if len(got) != 1 || got[0] != "http: panic serving 1.2.3.4: boom" {
		t.Fatalf("error events %q", got)
	}
}

func TestStopListeningThenListenAgain(t *testing.T) {
	st := netassist.NewStore(0)
	s, err := New(st, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a1, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// A keep-alive connection accepted before the stop keeps being served.
	c, err := net.Dial("tcp", a1.String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	br := bufio.NewReader(c)
	get := func() int {
		t.Helper()
		c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get(); code != 200 {
		t.Fatalf("status %d", code)
	}
	if err := s.StopListening(); err != nil {
		t.Fatal(err)
	}
	if err := s.StopListening(); !errors.Is(err, ErrNotListening) {
		t.Errorf("second StopListening: %v", err)
	}
	if _, err := net.DialTimeout("tcp", a1.String(), time.Second); err == nil {
		t.Error("still accepting after StopListening")
	}
	if code := get(); code != 200 {
		t.Errorf("open connection after stop: status %d", code)
	}
	a2, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + a2.String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("after listening again: %d", resp.StatusCode)
	}
}
