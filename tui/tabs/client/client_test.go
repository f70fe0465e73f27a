package client

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func newClient() *netassist.Client { return &netassist.Client{Store: netassist.NewStore(0)} }

// httpAddr starts a net/http test server and returns its host:port.
func httpAddr(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return strings.TrimPrefix(ts.URL, "http://")
}

func TestClientGETTemplateKeepAlive(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	addr := httpAddr(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "hello #%d", hits.Add(1))
	})
	h := newClientHarness(t, 100, 30, newClient(), addr)
	h.Contains("● connected to " + addr)
	h.Contains("Host: " + addr) // the template follows the address
	h.Key(tuitest.Send)
	h.Shown(" bytes to " + addr) // "sent N bytes to …": the help line says "sent" too
	h.Contains("HTTP/1.1 200 OK")
	h.Contains("Content-Type: text/plain")
	h.Contains("body 8 B of Content-Length 8 B · complete")
	h.Contains("hello #1")

	// The same keep-alive connection carries a second request.
	h.Key(tuitest.Send)
	h.Contains("response 2 of 2")
	h.Contains("hello #2")
	if n := h.store.ConnCount(netassist.TabClient); n != 1 {
		t.Fatalf("%d connections, want 1 (keep-alive)", n)
	}
	// The summary hides and shows again.
	h.Key(tuitest.Alt('p'))
	h.WaitScreen("summary hidden", func(s string) bool { return !strings.Contains(s, "HTTP reply") })
	h.Key(tuitest.Alt('p'))
	h.Contains("HTTP reply")
	h.Quit()
}

func TestClientConnectViaAddressField(t *testing.T) {
	t.Parallel()
	addr := httpAddr(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	h := newClientHarness(t, 100, 30, newClient(), "")
	// No address: nothing connects; the field has focus and a placeholder.
	h.Contains("host:port")
	h.Contains("○ idle")
	h.Contains("Host: localhost")
	h.Contains("enter connect")
	h.Type(addr)
	h.Contains("Host: " + addr) // the untouched template follows the field
	h.Key(tuitest.Enter)
	h.Contains("● connected to " + addr)
	h.Key(tuitest.Send) // enter moved the focus to the send pane
	h.Contains("body 2 B of Content-Length 2 B · complete")
	h.Quit()
}

func TestClientTemplatePicker(t *testing.T) {
	t.Parallel()
	addr := httpAddr(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s got %q", r.Method, b)
	})
	h := newClientHarness(t, 100, 34, newClient(), addr)
	h.Contains("● connected to " + addr)

	// POST with a form body: its Content-Length must be right, or the
	// server would wait for more (or read too little).
	h.Key(tuitest.Alt('t'))
	h.Contains("POST / with a form body")
	h.Contains("[ ] Connection: close")
	h.Key(tuitest.Down)
	h.Key(tuitest.Down)
	h.Key(tuitest.Enter)
	h.Shown("template: POST")
	h.Contains("POST / HTTP/1.1")
	h.Key(tuitest.Send)
	h.Contains(`POST got "name=netassist&msg=hello"`)

	// HEAD, Connection: close, Accept-Encoding: gzip.
	h.Key(tuitest.Alt('t'))
	h.Contains("(•) POST")
	h.Key(tuitest.Up)
	h.Key(tuitest.Space) // HEAD
	h.Contains("(•) HEAD")
	h.Key(tuitest.Down)
	h.Key(tuitest.Down)
	h.Key(tuitest.Space) // Connection: close
	h.Contains("[x] Connection: close")
	h.Key(tuitest.Down)
	h.Key(tuitest.Space) // gzip
	h.Contains("[x] Accept-Encoding: gzip")
	h.Contains("Accept-Encoding: gzip") // preview
	h.Key(tuitest.Enter)
	h.Shown("template: HEAD · Connection: close · Accept-Encoding: gzip")
	h.Contains("HEAD / HTTP/1.1")
	h.Key(tuitest.Send)
	h.Contains("response 2 of 2")
	h.Contains("no body (Content-Length")
	h.Contains("○ closed by peer")

	// esc closes the picker without changing the editor.
	h.Key(tuitest.Alt('t'))
	h.Contains("↑/↓ choose")
	h.Key(tuitest.Esc)
	h.WaitScreen("picker closed", func(s string) bool { return !strings.Contains(s, "↑/↓ choose") })
	h.Contains("HEAD / HTTP/1.1")
	h.Quit()
}

func TestClientStateChangesAndReconnect(t *testing.T) {
	t.Parallel()
	addr := httpAddr(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "bye") })
	gate := make(chan struct{})
	c := newClient()
	c.Dial = func(ctx context.Context, network, a string) (net.Conn, error) {
		select { // hold the first dial so "connecting" is seen
		case <-gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		var d net.Dialer
		return d.DialContext(ctx, network, a)
	}
	h := start(t, 100, 30, c, addr, options{clock: true})
	h.Contains("◌ connecting to " + addr)
	close(gate)
	h.Contains("● connected to " + addr)
	h.Contains("#1 connected to " + addr) // we dialed it: not "from"
	// The elapsed time follows the clock while connected.
	h.clock.Set(c.Status().Connected.Add(1500 * time.Millisecond))
	h.NextFrame()
	h.Contains("● connected to " + addr + " · 0:01")

	// Connection: close makes the server close after its reply.
	h.Key(tuitest.Alt('t'))
	for range 3 {
		h.Key(tuitest.Down)
	}
	h.Key(tuitest.Space)
	h.Key(tuitest.Enter)
	h.Contains("Connection: close")
	h.Key(tuitest.Send)
	h.Contains("○ closed by peer · " + addr)
	h.Contains("#1 closed by peer")

	h.Key(tuitest.Ctrl('r'))
	h.Contains("#2 connected to " + addr)
	h.Contains("● connected to " + addr)
	h.Key(tuitest.Alt('w'))
	h.Contains("○ closed by local")
	h.Shown("disconnected")
	if n := h.store.ConnCount(netassist.TabClient); n != 2 {
		t.Fatalf("%d connections, want 2", n)
	}
	h.Quit()
}

func TestClientRefusedThenReconnect(t *testing.T) {
	t.Parallel()
	dead := tuitest.RefusedAddr(t) // bound, never listening: the dial is refused
	good := httpAddr(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "up") })

	h := newClientHarness(t, 100, 30, newClient(), dead)
	h.Contains("✗ dial tcp " + dead + ": connection refused")
	h.Shown("cannot connect: dial tcp " + dead) // the status line too
	h.Key(tuitest.Send)
	h.Shown("not connected")

	h.Key(tuitest.Ctrl('l'))
	h.Retype(dead, good)
	h.Contains("Host: " + good)
	h.Key(tuitest.Ctrl('r'))
	h.Contains("● connected to " + good)
	h.Lacks("connection refused")
	h.Key(tuitest.Send)
	h.Contains("body 2 B of Content-Length 2 B · complete")
	h.Quit()
}

func TestClientGzipRawByDefaultDecodedOnRequest(t *testing.T) {
	t.Parallel()
	const plain = "hello, decoded world"
	addr := httpAddr(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/plain")
		gz := gzip.NewWriter(w)
		io.WriteString(gz, plain)
		gz.Close()
	})
	h := newClientHarness(t, 110, 32, newClient(), addr)
	h.Contains("● connected to " + addr)
	h.Key(tuitest.Send)
	h.Contains("Content-Encoding gzip · alt+z shows the decoded body")
	h.Contains(`\x1F\x8B\x08`) // the raw gzip header, as it crossed the wire
	h.Lacks(plain)

	h.Key(tuitest.Alt('z'))
	h.Contains("DECODED body (gzip)")
	h.Contains(plain)
	h.Key(tuitest.Alt('z'))
	h.WaitScreen("raw again", func(s string) bool {
		return strings.Contains(s, `\x1F\x8B\x08`) && !strings.Contains(s, plain)
	})
	h.Quit()
}

func TestClientSlowChunkedReplyKeepsUIResponsive(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var body strings.Builder
	for i := range 60 {
		fmt.Fprintf(&body, "%03d,", i)
	}
	// The chunked framing of body, 5 bytes per chunk.
	var wire bytes.Buffer
	wire.WriteString("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
	for b := body.String(); b != ""; {
		n := min(5, len(b))
		fmt.Fprintf(&wire, "%x\r\n%s\r\n", n, b[:n])
		b = b[n:]
	}
	wire.WriteString("0\r\n\r\n")
	want := wire.Bytes()
	half := len(want) / 2

	proceed := make(chan struct{})
	served := make(chan struct{})
	go func() {
		defer close(served)
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		br := bufio.NewReader(c)
		for { // the request header
			line, err := br.ReadString('\n')
			if err != nil || line == "\r\n" {
				break
			}
		}
		c.Write(want[:half])
		select {
		case <-proceed:
		case <-time.After(10 * time.Second):
			return
		}
		for i := half; i < len(want); i += 7 { // small pieces, with pauses
			c.Write(want[i:min(i+7, len(want))])
			time.Sleep(2 * time.Millisecond)
		}
		io.Copy(io.Discard, c) // until the client goes
	}()

	h := newClientHarness(t, 100, 30, newClient(), ln.Addr().String())
	h.Contains("● connected to")
	h.Key(tuitest.Send)
	h.Contains("incomplete (no last chunk yet)")
	// The reply is stalled half way: the UI still answers keys.
	h.Key(tuitest.Alt('x'))
	h.Contains("Receive · following · hex")
	h.Key(tuitest.Alt('x'))
	h.WaitScreen("text view", func(s string) bool { return !strings.Contains(s, "· hex") })
	close(proceed)
	h.Contains(fmt.Sprintf("body %s in 48 chunks · chunked · complete", common.FormatSize(int64(body.Len()))))

	// Every byte arrived, in order.
	id := h.store.Conns(netassist.TabClient, 0, 1)[0].ID
	var got []byte
	for _, c := range h.store.After(netassist.Filter{Conn: id}, 0, 1<<20) {
		if c.Kind == netassist.KindData && c.Dir == netassist.In {
			got = append(got, c.Data...)
		}
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("received %q\nwant %q", got, want)
	}
	h.Key(tuitest.Alt('w'))
	h.Contains("○ closed by local")
	<-served
	h.Quit()
}

func TestClientHalfClose(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		b, _ := io.ReadAll(c) // until our FIN
		fmt.Fprintf(c, "echo:%s", b)
	}()
	h := newClientHarness(t, 100, 30, newClient(), ln.Addr().String())
	h.Contains("● connected to")
	h.Key(tuitest.Send)
	h.Shown("sent 101 bytes") // the two results race for the status line
	h.Key(tuitest.Alt('f'))
	h.Shown("sent FIN")
	h.Contains(`echo:GET / HTTP/1.1\r\n`)
	h.Contains("○ closed by peer")
	h.Key(tuitest.Alt('f')) // nothing open any more
	h.Shown("half-close failed: not connected")
	h.Quit()
}

func TestRequestMethods(t *testing.T) {
	t.Parallel()
	out := []byte("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /a HTTP/1.1\r\n\r\n" +
		"junk\r\nget / HTTP/1.1\r\nPUT / HTTP/1.0\n\n")
	// "junk" is not a request: a server answers it (400) and closes, so
	// nothing after it is read as a request, as net/http frames it.
	got := strings.Join(requestMethods(out), ",")
	if got != "HEAD,POST,GET" {
		t.Fatalf("methods %q", got)
	}
	// A reply to HEAD has no body even with a Content-Length.
	var h httpReply
	h.in = []byte("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
	h.out = out
	h.done, h.partial, h.err = wire.ParseResponses(h.in, requestMethods(h.out)...)
	if len(h.done) != 2 || h.partial != nil || h.err != nil {
		t.Fatalf("done %d partial %v err %v", len(h.done), h.partial, h.err)
	}
}

func TestHostFollowsAddressUntilEdited(t *testing.T) {
	t.Parallel()
	ct := New(common.Default(), Config{Store: netassist.NewStore(0)})
	ct.SetSize(80, 24)
	ct.Update(tea.KeyPressMsg{Code: 'a', Text: "a"}) // focus is on the empty address field
	if v := ct.Send.Value(); !strings.Contains(v, "Host: a\n") {
		t.Fatalf("host not updated:\n%s", v)
	}
	ct.SetFocus(ct.Send)
	ct.Update(tea.KeyPressMsg{Code: 'X', Text: "X"})
	ct.SetFocus(ct.Addr)
	ct.Update(tea.KeyPressMsg{Code: 'b', Text: "b"})
	if v := ct.Send.Value(); !strings.Contains(v, "Host: a\n") || !strings.Contains(v, "X") {
		t.Fatalf("edited request was replaced:\n%s", v)
	}
	// Without an engine, actions say so instead of panicking.
	if cmd := ct.Update(tuitest.Send); cmd == nil {
		t.Fatal("send without engine: no status")
	}
	for _, sz := range tuitest.Sizes {
		ct.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "client tab", ct.View(), sz[0], sz[1])
	}
}
