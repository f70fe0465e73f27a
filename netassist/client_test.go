package netassist

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// newTestClient returns a Client on st, closed at the end of the test.
func newTestClient(t *testing.T, st *Store) *Client {
	t.Helper()
	c := &Client{Store: st}
	t.Cleanup(func() { c.Close() })
	return c
}

// eventLog is a sink keeping every event as its JSON line.
type eventLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *eventLog) WriteEvent(e *Event) {
	l.mu.Lock()
	l.lines = append(l.lines, string(e.AppendJSON(nil)))
	l.mu.Unlock()
}

// find returns the events whose JSON contains every part.
func (l *eventLog) find(parts ...string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
next:
	for _, line := range l.lines {
		for _, p := range parts {
			if !strings.Contains(line, p) {
				continue next
			}
		}
		out = append(out, line)
	}
	return out
}

// msgOf extracts the "msg" field of a JSON line (the tests' messages
// contain no escapes).
func msgOf(line string) string {
	_, m, _ := strings.Cut(line, `"msg":"`)
	m, _, _ = strings.Cut(m, `"`)
	return m
}

// readResponses parses every complete HTTP response in b (to a GET).
func readResponses(b []byte) ([]*http.Response, [][]byte) {
	var resps []*http.Response
	var bodies [][]byte
	br := bufio.NewReader(bytes.NewReader(b))
	for {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			return resps, bodies
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return resps, bodies
		}
		resps = append(resps, resp)
		bodies = append(bodies, body)
	}
}

func getRequest(host, path string, closeConn bool) []byte {
	req := "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: netassist-test\r\n"
	if closeConn {
		req += "Connection: close\r\n"
	}
	return []byte(req + "\r\n")
}

func TestClientGETAgainstNetHTTP(t *testing.T) {
	const body = "exact body: \x00\x01 \xff\r\nline two\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		io.WriteString(w, body)
	}))
	defer srv.Close()
	addr := srv.Listener.Addr().String()

	st := NewStore(0)
	c := newTestClient(t, st)
	if err := c.Connect(context.Background(), addr); err != nil {
		t.Fatal(err)
	}
	s := c.Status()
	if s.State != ClientConnected || s.Remote != addr || s.Addr != addr || s.Conn == 0 || s.Connected.IsZero() {
		t.Fatalf("status after connect = %+v", s)
	}
	req := getRequest(addr, "/", true)
	if err := c.Send(req, false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "server closes", func() bool { return c.Status().State == ClientClosed })
	if s := c.Status(); s.ClosedBy != ByPeer || s.Err != "" {
		t.Errorf("closed by %q (err %q), want peer", s.ClosedBy, s.Err)
	}
	if got := received(st, s.Conn, Out); !bytes.Equal(got, req) {
		t.Errorf("sent %q, want %q", got, req)
	}
	resps, bodies := readResponses(received(st, s.Conn, In))
	if len(resps) != 1 || resps[0].StatusCode != 200 || string(bodies[0]) != body {
		t.Fatalf("got %d responses %v %q", len(resps), resps, bodies)
	}
	if err := c.Send([]byte("more"), false); !errors.Is(err, ErrNotConnected) {
		t.Errorf("send after close: %v, want ErrNotConnected", err)
	}
}

func TestClientKeepAliveTwoRequests(t *testing.T) {
	var mu sync.Mutex
	remotes := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		remotes[r.RemoteAddr]++
		mu.Unlock()
		fmt.Fprintf(w, "you asked for %s", r.URL.Path)
	}))
	defer srv.Close()
	addr := srv.Listener.Addr().String()

	st := NewStore(0)
	c := newTestClient(t, st)
	if err := c.Connect(context.Background(), addr); err != nil {
		t.Fatal(err)
	}
	id := c.Status().Conn
	for i, path := range []string{"/one", "/two"} {
		if err := c.Send(getRequest(addr, path, false), false); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "response "+path, func() bool {
			resps, _ := readResponses(received(st, id, In))
			return len(resps) == i+1
		})
	}
	resps, bodies := readResponses(received(st, id, In))
	for i, want := range []string{"you asked for /one", "you asked for /two"} {
		if resps[i].StatusCode != 200 || string(bodies[i]) != want {
			t.Errorf("response %d: %d %q, want 200 %q", i, resps[i].StatusCode, bodies[i], want)
		}
	}
	if s := c.Status(); s.State != ClientConnected || s.Conn != id {
		t.Errorf("status = %+v, want still connected on conn %d", s, id)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(remotes) != 1 {
		t.Errorf("server saw connections %v, want one carrying both requests", remotes)
	}
}

// TestClientSlowChunkedReply: a raw server dribbles its reply out in many
// small writes with pauses; every byte must arrive, in order.
func TestClientSlowChunkedReply(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var want []byte
	for i := range 300 {
		want = fmt.Appendf(want, "%d,", i)
	}
	go func() {
		nc, err := ln.Accept()
		if err != nil {
			return
		}
		defer nc.Close()
		for i := 0; i < len(want); i += 7 {
			if _, err := nc.Write(want[i:min(i+7, len(want))]); err != nil {
				return
			}
			if i%70 == 0 {
				time.Sleep(time.Millisecond) // a pause: the bytes leave in separate segments
			}
		}
	}()

	st := NewStore(0)
	c := newTestClient(t, st)
	if err := c.Connect(context.Background(), ln.Addr().String()); err != nil {
		t.Fatal(err)
	}
	id := c.Status().Conn
	waitFor(t, "peer close", func() bool { return c.Status().State == ClientClosed })
	if got := received(st, id, In); !bytes.Equal(got, want) {
		t.Fatalf("received %d bytes %q..., want %d bytes in order", len(got), got[:min(len(got), 40)], len(want))
	}
	info, _ := st.Conn(id)
	if info.BytesIn != int64(len(want)) || info.ChunksIn < 2 {
		t.Errorf("BytesIn = %d in %d chunks, want %d in several", info.BytesIn, info.ChunksIn, len(want))
	}
	// Chunks are stored in arrival order.
	chunks := st.After(Filter{Conn: id}, 0, 1<<20)
	for i := 1; i < len(chunks); i++ {
		if chunks[i].Seq <= chunks[i-1].Seq || chunks[i].Time.Before(chunks[i-1].Time) {
			t.Fatalf("chunk %d out of order", i)
		}
	}
}

// TestClientFailuresThenReconnect: refused, unresolvable and timed-out
// dials each say what went wrong, in the status and as an error event;
// the client then connects and reconnects normally.
func TestClientFailuresThenReconnect(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	c := newTestClient(t, st)
	ctx := context.Background()

	// A port nobody listens on: bind it, then close it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := ln.Addr().String()
	ln.Close()

	tests := []struct {
		name    string
		addr    string
		timeout time.Duration
		dial    func(ctx context.Context, network, addr string) (net.Conn, error)
		cause   error
		msg     string
	}{
		{name: "refused", addr: refused, cause: ErrRefused,
			msg: "dial tcp " + refused + ": connection refused"},
		{name: "no such host", addr: "nonexistent.invalid:80", cause: ErrNoSuchHost,
			msg: "dial tcp: lookup nonexistent.invalid"},
		{name: "timeout", addr: "127.0.0.1:1", timeout: 50 * time.Millisecond,
			dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
				<-ctx.Done() // a peer that drops our SYNs
				return nil, ctx.Err()
			},
			cause: ErrDialTimeout, msg: "dial tcp 127.0.0.1:1: timed out after 50ms"},
		{name: "bad address", addr: "::1:80",
			msg: "dial tcp ::1:80: address ::1:80: too many colons in address"},
	}
	for _, tt := range tests {
		c.DialTimeout, c.Dial = tt.timeout, tt.dial
		err := c.Connect(ctx, tt.addr)
		t.Logf("%s: %v", tt.name, err)
		var de *DialError
		if !errors.As(err, &de) {
			t.Fatalf("%s: err = %v (%T), want *DialError", tt.name, err, err)
		}
		if tt.cause != nil && !errors.Is(err, tt.cause) {
			t.Errorf("%s: err = %v, want errors.Is %v", tt.name, err, tt.cause)
		}
		if !strings.HasPrefix(err.Error(), tt.msg) {
			t.Errorf("%s: message %q, want prefix %q", tt.name, err, tt.msg)
		}
		s := c.Status()
		if s.State != ClientIdle || s.Err != err.Error() || s.Addr != tt.addr {
			t.Errorf("%s: status = %+v, want idle with the error", tt.name, s)
		}
		events := log.find(`"tab":"client","event":"error"`)
		if len(events) == 0 || msgOf(events[len(events)-1]) != err.Error() {
			t.Errorf("%s: error events %q, want one with msg %q", tt.name, events, err)
		}
	}
	if errors.Is(c.Connect(ctx, refused), ErrNoSuchHost) {
		t.Error("refused matches ErrNoSuchHost")
	}
	// Every message is different.
	seen := map[string]bool{}
	for _, e := range log.find(`"event":"error"`) {
		seen[msgOf(e)] = true
	}
	if len(seen) != len(tests) {
		t.Errorf("error messages %v, want %d distinct", seen, len(tests))
	}

	// The client still works: connect, disconnect, reconnect.
	c.DialTimeout, c.Dial = 0, nil
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	if err := c.Connect(ctx, addr); err != nil {
		t.Fatal(err)
	}
	first := c.Status().Conn
	if s := c.Status(); s.Err != "" {
		t.Errorf("Err %q after a good connect, want empty", s.Err)
	}
	if err := c.Disconnect(); err != nil {
		t.Fatal(err)
	}
	if s := c.Status(); s.State != ClientClosed || s.ClosedBy != ByLocal {
		t.Errorf("after Disconnect: %+v, want closed by local", s)
	}
	if err := c.Reconnect(ctx); err != nil {
		t.Fatal(err)
	}
	s := c.Status()
	if s.State != ClientConnected || s.Conn == first || s.Addr != addr {
		t.Fatalf("after Reconnect: %+v, want a new connection to %s", s, addr)
	}
	c.Send(getRequest(addr, "/", true), false)
	waitFor(t, "reply", func() bool { return c.Status().State == ClientClosed })
	if _, bodies := readResponses(received(st, s.Conn, In)); len(bodies) != 1 || string(bodies[0]) != "ok" {
		t.Errorf("reply after reconnect: %q", bodies)
	}
}

// TestClientSilentServer: the server accepts and never says a word. The
// client is connected, and waiting for a reply ends after the quiet period
// with its own message.
func TestClientSilentServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		nc, err := ln.Accept()
		if err == nil {
			accepted <- nc
		}
	}()

	st := NewStore(0)
	c := newTestClient(t, st)
	addr := ln.Addr().String()
	if err := c.Connect(context.Background(), addr); err != nil {
		t.Fatal(err)
	}
	peer := <-accepted
	defer peer.Close()
	c.Send(getRequest(addr, "/", false), false)

	start := time.Now()
	err = c.WaitReply(context.Background(), 100*time.Millisecond)
	if !errors.Is(err, ErrNoReply) {
		t.Fatalf("WaitReply = %v, want ErrNoReply", err)
	}
	if want := "connected to " + addr + " but no reply within 100ms"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("WaitReply took %v", d)
	}
	s := c.Status()
	if s.State != ClientConnected {
		t.Errorf("state %v, want connected", s.State)
	}
	if info, _ := st.Conn(s.Conn); info.BytesIn != 0 || !info.Open {
		t.Errorf("conn = %+v, want open with nothing received", info)
	}

	// Once the peer talks, then goes quiet, WaitReply is content.
	peer.Write([]byte("late"))
	if err := c.WaitReply(context.Background(), 100*time.Millisecond); err != nil {
		t.Errorf("WaitReply after data: %v", err)
	}
	if got := received(st, s.Conn, In); string(got) != "late" {
		t.Errorf("received %q", got)
	}
	// And when the peer closes, it returns at once (also when asked late).
	peer.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.WaitReply(ctx, time.Hour); err != nil {
		t.Errorf("WaitReply on close: %v", err)
	}
	waitFor(t, "closed", func() bool { return c.Status().State == ClientClosed })
	if err := c.WaitReply(ctx, time.Hour); err != nil {
		t.Errorf("WaitReply after close: %v", err)
	}
}

// TestClientHalfClose: send, then FIN; the server reads to EOF and its
// reply still arrives.
func TestClientHalfClose(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	serverGot := make(chan []byte, 1)
	// The server replies (and closes) only once the half-closed state was
	// checked: a reply and close before that would end the connection,
	// and a closed one is neither half-closed nor connected.
	checked := make(chan struct{})
	go func() {
		nc, err := ln.Accept()
		if err != nil {
			return
		}
		defer nc.Close()
		nc.SetDeadline(time.Now().Add(30 * time.Second))
		b, err := io.ReadAll(nc) // returns only at our FIN
		serverGot <- b
		select {
		case <-checked:
		case <-time.After(30 * time.Second): // the test failed before
		}
		if err == nil {
			fmt.Fprintf(nc, "HTTP/1.0 200 OK\r\n\r\nread %d bytes then EOF", len(b))
		}
	}()

	st := NewStore(0)
	c := newTestClient(t, st)
	if err := c.Connect(context.Background(), ln.Addr().String()); err != nil {
		t.Fatal(err)
	}
	req := []byte("GET / HTTP/1.0\r\n\r\n")
	if err := c.Send(req, false); err != nil {
		t.Fatal(err)
	}
	if err := c.HalfClose(); err != nil {
		t.Fatal(err)
	}
	if !c.Status().HalfClosed {
		t.Error("status does not say half-closed")
	}
	if err := c.Send([]byte("x"), false); !errors.Is(err, ErrWriteClosed) {
		t.Errorf("send after HalfClose: %v, want ErrWriteClosed", err)
	}
	close(checked)
	if got := <-serverGot; !bytes.Equal(got, req) {
		t.Errorf("server read %q, want %q", got, req)
	}
	waitFor(t, "peer close", func() bool { return c.Status().State == ClientClosed })
	s := c.Status()
	want := fmt.Sprintf("HTTP/1.0 200 OK\r\n\r\nread %d bytes then EOF", len(req))
	if got := received(st, s.Conn, In); string(got) != want {
		t.Errorf("reply %q, want %q", got, want)
	}
	if s.ClosedBy != ByPeer || s.Err != "" {
		t.Errorf("closed by %q err %q, want peer, clean", s.ClosedBy, s.Err)
	}
}

// TestClientAddresses: IPv4, IPv6 and a host name; Remote says which
// address answered.
func TestClientAddresses(t *testing.T) {
	type target struct{ listen, dial string }
	var targets []target
	ln4, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln4.Close()
	port4 := ln4.Addr().(*net.TCPAddr).Port
	targets = append(targets,
		target{ln4.Addr().String(), ln4.Addr().String()},
		target{ln4.Addr().String(), fmt.Sprintf("localhost:%d", port4)})
	if ln6, err := net.Listen("tcp", "[::1]:0"); err != nil {
		t.Logf("no IPv6 loopback (%v): IPv6 not tested", err)
	} else {
		defer ln6.Close()
		targets = append(targets, target{ln6.Addr().String(), ln6.Addr().String()})
		// When localhost also names ::1, a listener there only must be
		// found too (the dialer tries every address).
		if addrs, _ := net.DefaultResolver.LookupHost(context.Background(), "localhost"); len(addrs) > 1 {
			port6 := ln6.Addr().(*net.TCPAddr).Port
			targets = append(targets, target{ln6.Addr().String(), fmt.Sprintf("localhost:%d", port6)})
		}
	}

	st := NewStore(0)
	c := newTestClient(t, st)
	for _, tg := range targets {
		if err := c.Connect(context.Background(), tg.dial); err != nil {
			t.Errorf("connect %s: %v", tg.dial, err)
			continue
		}
		s := c.Status()
		if s.Addr != tg.dial || s.Remote != tg.listen {
			t.Errorf("dial %s: Addr %q Remote %q, want remote %q", tg.dial, s.Addr, s.Remote, tg.listen)
		}
		info, _ := st.Conn(s.Conn)
		if info.Remote != tg.listen || info.Tab != TabClient {
			t.Errorf("dial %s: store has %+v", tg.dial, info)
		}
	}
}

// TestClientConnectWhileConnected: the old connection is closed, by us,
// and its close is recorded before the new open.
func TestClientConnectWhileConnected(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { io.Copy(io.Discard, nc); nc.Close() }()
		}
	}()
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	c := newTestClient(t, st)
	addr := ln.Addr().String()
	if err := c.Connect(context.Background(), addr); err != nil {
		t.Fatal(err)
	}
	if err := c.Connect(context.Background(), addr); err != nil {
		t.Fatal(err)
	}
	if c.Status().Conn != 2 {
		t.Fatalf("conn %d, want 2", c.Status().Conn)
	}
	if info, _ := st.Conn(1); info.Open || info.ClosedBy != ByLocal {
		t.Errorf("first conn %+v, want closed by local", info)
	}
	var kinds []string
	for _, l := range log.find(`"tab":"client"`) {
		_, k, _ := strings.Cut(l, `"event":"`)
		k, _, _ = strings.Cut(k, `"`)
		kinds = append(kinds, k)
	}
	if got := strings.Join(kinds, " "); got != "open close open" {
		t.Errorf("events %q, want open close open", got)
	}
}

// blockingDial is a Dial that never answers: it returns when ctx ends.
func blockingDial(started chan<- struct{}) func(ctx context.Context, _, _ string) (net.Conn, error) {
	return func(ctx context.Context, _, _ string) (net.Conn, error) {
		started <- struct{}{}
		<-ctx.Done()
		return nil, ctx.Err()
	}
}

// TestClientCancelConnect: Disconnect, a newer Connect and Close all cancel
// a dial in progress; Changed fires on each state change.
func TestClientCancelConnect(t *testing.T) {
	st := NewStore(0)
	started := make(chan struct{}, 1)
	c := &Client{Store: st, DialTimeout: time.Minute, Dial: blockingDial(started)}
	defer c.Close()

	// Disconnect.
	select {
	case <-st.Changed(): // drain an earlier signal, if any
	default:
	}
	errc := make(chan error, 1)
	go func() { errc <- c.Connect(context.Background(), "127.0.0.1:1") }()
	<-started
	select {
	case <-st.Changed():
	case <-time.After(5 * time.Second):
		t.Fatal("no change signalled when connecting")
	}
	if s := c.Status(); s.State != ClientConnecting || s.Since.IsZero() {
		t.Errorf("status %+v, want connecting", s)
	}
	gen := c.Status().Gen
	c.Disconnect()
	if err := <-errc; !errors.Is(err, ErrDialCanceled) {
		t.Errorf("Connect after Disconnect: %v, want ErrDialCanceled", err)
	}
	if s := c.Status(); s.State != ClientIdle || s.Gen <= gen {
		t.Errorf("status %+v, want idle and a new generation", s)
	}

	// A newer Connect supersedes the old one, which leaves the status alone.
	go func() { errc <- c.Connect(context.Background(), "127.0.0.1:1") }()
	<-started
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var d net.Dialer
	c.Dial = d.DialContext // the second attempt really connects
	if err := c.Connect(context.Background(), ln.Addr().String()); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; !errors.Is(err, ErrDialCanceled) {
		t.Errorf("superseded Connect: %v, want ErrDialCanceled", err)
	}
	if s := c.Status(); s.State != ClientConnected || s.Addr != ln.Addr().String() {
		t.Errorf("status %+v, want connected to the second address", s)
	}

	// Close cancels a dial in progress and waits for it: the dial has
	// returned when Close does (the Connect's own return reaches errc a
	// moment later, on its goroutine).
	var dialReturned atomic.Bool
	block := blockingDial(started)
	c.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		defer dialReturned.Store(true)
		return block(ctx, network, addr)
	}
	go func() { errc <- c.Connect(context.Background(), "127.0.0.1:1") }()
	<-started
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if !dialReturned.Load() {
		t.Error("Close returned before the Connect in progress")
	}
	if err := <-errc; !errors.Is(err, ErrDialCanceled) {
		t.Errorf("Connect during Close: %v", err)
	}
	if err := c.Connect(context.Background(), ln.Addr().String()); !errors.Is(err, ErrClientClosed) {
		t.Errorf("Connect after Close: %v", err)
	}
	if info, _ := st.Conn(1); info.Open {
		t.Error("connection still open after Close")
	}
}

// engineGoroutines counts the goroutines running engine code (a
// connection's reader or writer, a client's dial).
func engineGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	count := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "netassist.(*Conn).") || strings.Contains(g, "netassist.(*Client).") {
			count++
		}
	}
	return count
}

// TestClientCloseLeavesNoGoroutines: after Close, every goroutine the
// client started (reader, writer, dial) is gone.
func TestClientCloseLeavesNoGoroutines(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	peers := make(chan net.Conn, 4)
	go func() {
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			peers <- nc
		}
	}()
	waitFor(t, "other tests' goroutines to end", func() bool { return engineGoroutines() == 0 })

	st := NewStore(0)
	c := &Client{Store: st}
	if err := c.Connect(context.Background(), ln.Addr().String()); err != nil {
		t.Fatal(err)
	}
	peer := <-peers
	defer peer.Close()
	// A large write the peer does not read keeps the writer goroutine busy.
	c.Send(make([]byte, 64<<20), false)
	waitFor(t, "reader and writer", func() bool { return engineGoroutines() == 2 })
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if s := c.Status(); s.State != ClientClosed || s.ClosedBy != ByLocal {
		t.Errorf("status after Close: %+v", s)
	}
	// The reader and any dial are waited for by Close itself; a writer
	// interrupted by the close may still be returning, as Conn gives its
	// owner no way to wait for it.
	waitFor(t, "goroutines to end", func() bool { return engineGoroutines() == 0 })
	if err := c.Close(); !errors.Is(err, ErrClientClosed) {
		t.Errorf("second Close: %v", err)
	}
}

func TestClientStateString(t *testing.T) {
	for s, want := range map[ClientState]string{
		ClientIdle: "idle", ClientConnecting: "connecting", ClientConnected: "connected",
		ClientClosed: "closed", 9: "unknown",
	} {
		if s.String() != want {
			t.Errorf("%d.String() = %q, want %q", s, s, want)
		}
	}
	c := &Client{Store: NewStore(0)}
	if err := c.Send([]byte("x"), false); !errors.Is(err, ErrNotConnected) {
		t.Errorf("Send when idle: %v", err)
	}
	if err := c.HalfClose(); !errors.Is(err, ErrNotConnected) {
		t.Errorf("HalfClose when idle: %v", err)
	}
	if err := c.Reconnect(context.Background()); !errors.Is(err, ErrNoAddress) {
		t.Errorf("Reconnect before Connect: %v", err)
	}
	if err := c.WaitReply(context.Background(), time.Millisecond); !errors.Is(err, ErrNotConnected) {
		t.Errorf("WaitReply when idle: %v", err)
	}
	c.Close()
}
