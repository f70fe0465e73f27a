package tui

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
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/styles"
)

// newClientHarness runs the TUI with the Client tab shown first, on a real
// client engine (and a server engine for the Server tab, which always
// listens). With addr set, the tab connects by itself, as
// `netassist client ADDR` does.
func newClientHarness(t *testing.T, w, h int, c *netassist.Client, addr string) *clientHarness {
	t.Helper()
	st := c.Store
	srv := &netassist.Server{Store: st}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); srv.Close(); c.Close() })
	m := New(Config{Store: st, Server: srv, Client: c, ListenAddr: "127.0.0.1:0", ClientAddr: addr,
		StartTab: netassist.TabClient, IsDark: true, Context: ctx, FrameInterval: time.Millisecond})
	last := &atomic.Pointer[string]{}
	log := &frameLog{}
	tm := teatest.NewTestModel(t, logProbe{m, last, log}, teatest.WithInitialTermSize(w, h))
	hs := &clientHarness{harness: &harness{t: t, tm: tm, last: last, store: st, srv: srv}, log: log}
	hs.contains("Connect to ")
	return hs
}

// clientHarness also keeps every frame, because the status line is last
// writer wins: results of Cmds that run concurrently (the Server tab's
// listen, a connect, a send) may replace one another within a frame or two.
type clientHarness struct {
	*harness
	log *frameLog
}

type frameLog struct {
	mu     sync.Mutex // guards frames
	frames []string
}

func (l *frameLog) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.frames); n > 0 && l.frames[n-1] == s {
		return
	}
	l.frames = append(l.frames, s)
}

func (l *frameLog) find(sub string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, f := range l.frames {
		if strings.Contains(ansi.Strip(f), sub) {
			return true
		}
	}
	return false
}

// logProbe is probe plus a log of every distinct frame.
type logProbe struct {
	tea.Model
	last *atomic.Pointer[string]
	log  *frameLog
}

func (p logProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := p.Model.Update(msg)
	return logProbe{m, p.last, p.log}, cmd
}

func (p logProbe) View() tea.View {
	v := p.Model.View()
	s := v.Content
	p.last.Store(&s)
	p.log.add(s)
	return v
}

// shown waits until some frame (not only the last) showed sub.
func (h *clientHarness) shown(sub string) {
	h.t.Helper()
	h.waitScreen(sub, func(string) bool { return h.log.find(sub) })
}

func newClient() *netassist.Client { return &netassist.Client{Store: netassist.NewStore(0)} }

// httpAddr starts a net/http test server and returns its host:port.
func httpAddr(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return strings.TrimPrefix(ts.URL, "http://")
}

func (h *harness) lacks(sub string) {
	h.t.Helper()
	if s := h.screen(); strings.Contains(s, sub) {
		h.t.Fatalf("screen shows %q:\n%s", sub, s)
	}
}

func ctrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

var (
	keyDisconnect = alt('w')
	keyReconnect  = ctrl('r')
	keyEditAddr   = ctrl('l')
	keyHalfClose  = alt('f')
	keyDecoded    = alt('z')
	keySummary    = alt('p')
	keyTemplate   = alt('t')
	keySpace      = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	keyBackspace  = tea.KeyPressMsg{Code: tea.KeyBackspace}
)

func TestClientGETTemplateKeepAlive(t *testing.T) {
	var hits atomic.Int32
	addr := httpAddr(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "hello #%d", hits.Add(1))
	})
	h := newClientHarness(t, 100, 30, newClient(), addr)
	h.contains("● connected to " + addr)
	h.contains("Host: " + addr) // the template follows the address
	h.key(keySend)
	h.shown("sent ")
	h.contains("HTTP/1.1 200 OK")
	h.contains("Content-Type: text/plain")
	h.contains("body 8 B of Content-Length 8 B · complete")
	h.contains("hello #1")

	// The same keep-alive connection carries a second request.
	h.key(keySend)
	h.contains("response 2 of 2")
	h.contains("hello #2")
	if n := h.store.ConnCount(netassist.TabClient); n != 1 {
		t.Fatalf("%d connections, want 1 (keep-alive)", n)
	}
	// The summary hides and shows again.
	h.key(keySummary)
	h.waitScreen("summary hidden", func(s string) bool { return !strings.Contains(s, "HTTP reply") })
	h.key(keySummary)
	h.contains("HTTP reply")
	h.quit()
}

func TestClientConnectViaAddressField(t *testing.T) {
	addr := httpAddr(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	h := newClientHarness(t, 100, 30, newClient(), "")
	// No address: nothing connects; the field has focus and a placeholder.
	h.contains("host:port")
	h.contains("○ idle")
	h.contains("Host: localhost")
	h.contains("enter connect")
	h.tm.Type(addr)
	h.contains("Host: " + addr) // the untouched template follows the field
	h.key(keyEnter)
	h.contains("● connected to " + addr)
	h.key(keySend) // enter moved the focus to the send pane
	h.contains("body 2 B of Content-Length 2 B · complete")
	h.quit()
}

func TestClientTemplatePicker(t *testing.T) {
	addr := httpAddr(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s got %q", r.Method, b)
	})
	h := newClientHarness(t, 100, 34, newClient(), addr)
	h.contains("● connected to " + addr)

	// POST with a form body: its Content-Length must be right, or the
	// server would wait for more (or read too little).
	h.key(keyTemplate)
	h.contains("POST / with a form body")
	h.contains("[ ] Connection: close")
	h.key(keyDown)
	h.key(keyDown)
	h.key(keyEnter)
	h.shown("template: POST")
	h.contains("POST / HTTP/1.1")
	h.key(keySend)
	h.contains(`POST got "name=netassist&msg=hello"`)

	// HEAD, Connection: close, Accept-Encoding: gzip.
	h.key(keyTemplate)
	h.contains("(•) POST")
	h.key(keyUp)
	h.key(keySpace) // HEAD
	h.contains("(•) HEAD")
	h.key(keyDown)
	h.key(keyDown)
	h.key(keySpace) // Connection: close
	h.contains("[x] Connection: close")
	h.key(keyDown)
	h.key(keySpace) // gzip
	h.contains("[x] Accept-Encoding: gzip")
	h.contains("Accept-Encoding: gzip") // preview
	h.key(keyEnter)
	h.shown("template: HEAD · Connection: close · Accept-Encoding: gzip")
	h.contains("HEAD / HTTP/1.1")
	h.key(keySend)
	h.contains("response 2 of 2")
	h.contains("no body (Content-Length")
	h.contains("○ closed by peer")

	// esc closes the picker without changing the editor.
	h.key(keyTemplate)
	h.contains("↑/↓ choose")
	h.key(keyEsc)
	h.waitScreen("picker closed", func(s string) bool { return !strings.Contains(s, "↑/↓ choose") })
	h.contains("HEAD / HTTP/1.1")
	h.quit()
}

func TestClientStateChangesAndReconnect(t *testing.T) {
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
	h := newClientHarness(t, 100, 30, c, addr)
	h.contains("◌ connecting to " + addr)
	close(gate)
	h.contains("● connected to " + addr)
	h.contains("#1 connected from " + addr)
	h.contains("0:01") // the elapsed time ticks while connected

	// Connection: close makes the server close after its reply.
	h.key(keyTemplate)
	for range 3 {
		h.key(keyDown)
	}
	h.key(keySpace)
	h.key(keyEnter)
	h.contains("Connection: close")
	h.key(keySend)
	h.contains("○ closed by peer · " + addr)
	h.contains("#1 closed by peer")

	h.key(keyReconnect)
	h.contains("#2 connected from " + addr)
	h.contains("● connected to " + addr)
	h.key(keyDisconnect)
	h.contains("○ closed by local")
	h.shown("disconnected")
	if n := h.store.ConnCount(netassist.TabClient); n != 2 {
		t.Fatalf("%d connections, want 2", n)
	}
	h.quit()
}

func TestClientRefusedThenReconnect(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().String()
	l.Close() // nothing listens there now: the dial is refused
	good := httpAddr(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "up") })

	h := newClientHarness(t, 100, 30, newClient(), dead)
	h.contains("✗ dial tcp " + dead + ": connection refused")
	h.shown("cannot connect: dial tcp " + dead) // the status line too
	h.key(keySend)
	h.shown("not connected")

	h.key(keyEditAddr)
	for range len(dead) + 2 {
		h.key(keyBackspace)
	}
	h.tm.Type(good)
	h.contains("Host: " + good)
	h.key(keyReconnect)
	h.contains("● connected to " + good)
	h.lacks("connection refused")
	h.key(keySend)
	h.contains("body 2 B of Content-Length 2 B · complete")
	h.quit()
}

func TestClientGzipRawByDefaultDecodedOnRequest(t *testing.T) {
	const plain = "hello, decoded world"
	addr := httpAddr(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/plain")
		gz := gzip.NewWriter(w)
		io.WriteString(gz, plain)
		gz.Close()
	})
	h := newClientHarness(t, 110, 32, newClient(), addr)
	h.contains("● connected to " + addr)
	h.key(keySend)
	h.contains("Content-Encoding gzip · alt+z shows the decoded body")
	h.contains(`\x1F\x8B\x08`) // the raw gzip header, as it crossed the wire
	h.lacks(plain)

	h.key(keyDecoded)
	h.contains("DECODED body (gzip)")
	h.contains(plain)
	h.key(keyDecoded)
	h.waitScreen("raw again", func(s string) bool {
		return strings.Contains(s, `\x1F\x8B\x08`) && !strings.Contains(s, plain)
	})
	h.quit()
}

func TestClientSlowChunkedReplyKeepsUIResponsive(t *testing.T) {
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
	h.contains("● connected to")
	h.key(keySend)
	h.contains("incomplete (no last chunk yet)")
	// The reply is stalled half way: the UI still answers keys.
	h.key(alt('x'))
	h.contains("Receive · following · hex")
	h.key(alt('x'))
	h.waitScreen("text view", func(s string) bool { return !strings.Contains(s, "· hex") })
	close(proceed)
	h.contains(fmt.Sprintf("body %s in 48 chunks · chunked · complete", common.FormatSize(int64(body.Len()))))

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
	h.key(keyDisconnect)
	h.contains("○ closed by local")
	<-served
	h.quit()
}

func TestClientHalfClose(t *testing.T) {
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
	h.contains("● connected to")
	h.key(keySend)
	h.shown("sent 101 bytes") // the two results race for the status line
	h.key(keyHalfClose)
	h.shown("sent FIN")
	h.contains(`echo:GET / HTTP/1.1\r\n`)
	h.contains("○ closed by peer")
	h.key(keyHalfClose) // nothing open any more
	h.shown("half-close failed: not connected")
	h.quit()
}

func TestClientResizeTinyAndBack(t *testing.T) {
	addr := httpAddr(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "tiny") })
	h := newClientHarness(t, 80, 24, newClient(), addr)
	h.contains("● connected to")
	h.key(keySend)
	h.contains("HTTP/1.1 200 OK")
	check := func(w, hh int) {
		t.Helper()
		h.tm.Send(tea.WindowSizeMsg{Width: w, Height: hh})
		s := h.waitScreen("resize", func(s string) bool {
			if w == 0 || hh == 0 {
				return s == ""
			}
			lines := strings.Split(s, "\n")
			return len(lines) == hh && ansi.StringWidth(lines[0]) == w
		})
		for i, line := range strings.Split(s, "\n") {
			if lw := ansi.StringWidth(line); w > 0 && lw != w {
				t.Errorf("%dx%d: line %d is %d cells wide", w, hh, i, lw)
			}
		}
	}
	sizes := [][2]int{{20, 5}, {10, 3}, {1, 1}, {0, 0}, {15, 40}, {200, 8}, {3, 12}, {80, 24}}
	for _, sz := range sizes {
		check(sz[0], sz[1])
	}
	h.key(keyTemplate) // the picker at every size too
	for _, sz := range sizes {
		check(sz[0], sz[1])
	}
	h.key(keyEsc)
	h.contains("HTTP/1.1 200 OK")
	h.quit()
}

func TestClientHelpListsKeys(t *testing.T) {
	h := newClientHarness(t, 100, 40, newClient(), "")
	h.key(keyF1)
	for _, want := range []string{"ctrl+r", "reconnect", "alt+w", "disconnect", "alt+f", "half-close (send FIN)",
		"alt+z", "decoded body", "alt+p", "HTTP summary", "ctrl+l", "edit address"} {
		h.contains(want)
	}
	h.key(keyEsc)
	h.contains("Connect to ")
	h.quit()
}

// The POST template's Content-Length is the body's length once the send
// pane turns its line breaks into CRLF.
func TestRequestTemplatesParse(t *testing.T) {
	en := i18n.English()
	ct := &en.Client
	for _, r := range []requestTemplate{
		{method: tmplGET}, {method: tmplHEAD, close: true}, {method: tmplPOST, gzip: true}, {method: tmplPOST, close: true},
	} {
		b, err := compose.Text(r.text(ct, "[::1]:8080"), compose.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(b)))
		if err != nil {
			t.Fatalf("%s: %v\n%q", r.name(ct), err, b)
		}
		body, _ := io.ReadAll(req.Body)
		if req.Host != "[::1]:8080" || req.Close != r.close || (req.Header.Get("Accept-Encoding") == "gzip") != r.gzip {
			t.Errorf("%s: host %q close %v headers %v", r.name(ct), req.Host, req.Close, req.Header)
		}
		if r.method == tmplPOST && (string(body) != ct.TemplateForm || req.ContentLength != int64(len(body))) {
			t.Errorf("POST body %q, Content-Length %d", body, req.ContentLength)
		}
		if fixed, changed := compose.FixContentLength(b); changed != "" || !bytes.Equal(fixed, b) {
			t.Errorf("%s: FixContentLength changed %s", r.name(ct), changed)
		}
	}
}

func TestRequestMethods(t *testing.T) {
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
	text, sty := i18n.English(), styles.DefaultStyles(true)
	keys := keymap.Default(text)
	ct := newClientTab(Config{Store: netassist.NewStore(0)}, &sty, &text, &keys)
	ct.setSize(80, 24)
	ct.update(tea.KeyPressMsg{Code: 'a', Text: "a"}) // focus is on the empty address field
	if v := ct.send.editor.Value(); !strings.Contains(v, "Host: a\n") {
		t.Fatalf("host not updated:\n%s", v)
	}
	ct.setFocus(cfocusSend)
	ct.update(tea.KeyPressMsg{Code: 'X', Text: "X"})
	ct.setFocus(cfocusAddr)
	ct.update(tea.KeyPressMsg{Code: 'b', Text: "b"})
	if v := ct.send.editor.Value(); !strings.Contains(v, "Host: a\n") || !strings.Contains(v, "X") {
		t.Fatalf("edited request was replaced:\n%s", v)
	}
	// Without an engine, actions say so instead of panicking.
	if cmd := ct.update(keySend); cmd == nil {
		t.Fatal("send without engine: no status")
	}
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {5, 2}, {80, 24}} {
		ct.setSize(sz[0], sz[1])
		if got := len(ct.view()); got != sz[1] {
			t.Fatalf("%v: %d lines", sz, got)
		}
	}
}

func TestFormatElapsed(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0:00", 1500 * time.Millisecond: "0:01", 65 * time.Second: "1:05", 3723 * time.Second: "1:02:03", -time.Second: "0:00",
	} {
		if got := common.FormatElapsed(d); got != want {
			t.Errorf("common.FormatElapsed(%v) = %q, want %q", d, got, want)
		}
	}
}
