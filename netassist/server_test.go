package netassist

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// newTestServer starts a Server on 127.0.0.1:0 and closes it at the end of
// the test.
func newTestServer(t *testing.T, st *Store) (*Server, string) {
	t.Helper()
	s := &Server{Store: st}
	addr, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, addr.String()
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second) // generous: -race on two shared cores
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// received concatenates the in-bytes the store holds for a connection.
func received(st *Store, id ConnID, dir Dir) []byte {
	var b []byte
	for _, c := range st.After(Filter{Conn: id}, 0, 1<<20) {
		if c.Kind == KindData && c.Dir == dir {
			b = append(b, c.Data...)
		}
	}
	return b
}

func TestThreeClientsExactBytes(t *testing.T) {
	st := NewStore(0)
	_, addr := newTestServer(t, st)

	payloads := [][]byte{
		[]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
		{0, 1, 2, '\r', '\n', 0xff, 0xfe, 0xc3, 'A', 0},
		[]byte("\x1b]0;pwned\x07\x1b[2J\u202e你好\r\n"),
	}
	conns := make([]net.Conn, len(payloads))
	for i := range payloads {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	waitFor(t, "3 connections", func() bool { return st.ConnCount(TabServer) == 3 })

	// Each client writes its payload in several pieces, interleaved with
	// the others.
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := payloads[i]
			for j := 0; j < len(p); j += 3 {
				c.Write(p[j:min(j+3, len(p))])
				time.Sleep(time.Millisecond)
			}
		}()
	}
	wg.Wait()

	// IDs are given in accept order; map each local port to its conn.
	infos := st.Conns(TabServer, 0, 10)
	byRemote := map[string]ConnInfo{}
	for _, in := range infos {
		byRemote[in.Remote] = in
	}
	var total int64
	for i, c := range conns {
		in, ok := byRemote[c.LocalAddr().String()]
		if !ok {
			t.Fatalf("client %d (%s) not in the store", i, c.LocalAddr())
		}
		want := payloads[i]
		waitFor(t, fmt.Sprintf("conn %d bytes", in.ID), func() bool {
			return len(received(st, in.ID, In)) >= len(want)
		})
		if got := received(st, in.ID, In); !bytes.Equal(got, want) {
			t.Errorf("conn %d got %q, want %q", in.ID, got, want)
		}
		info, _ := st.Conn(in.ID)
		if info.BytesIn != int64(len(want)) {
			t.Errorf("conn %d BytesIn = %d, want %d", in.ID, info.BytesIn, len(want))
		}
		total += int64(len(want))
	}
	if tot := st.Totals(TabServer); tot.BytesIn != total || tot.Conns != 3 || tot.Open != 3 {
		t.Errorf("totals = %+v, want %d bytes in, 3 conns, 3 open", tot, total)
	}
}

func TestSendAllAndClosedTarget(t *testing.T) {
	st := NewStore(0)
	s, addr := newTestServer(t, st)
	var clients []net.Conn
	for range 3 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		clients = append(clients, c)
	}
	waitFor(t, "3 open", func() bool { return len(s.Open()) == 3 })

	n, err := s.Send(AllConns, []byte("hello all\r\n"), false)
	if err != nil || n != 3 {
		t.Fatalf("Send(all) = %d, %v; want 3, nil", n, err)
	}
	for i, c := range clients {
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		buf := make([]byte, 11)
		if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "hello all\r\n" {
			t.Errorf("client %d read %q, %v", i, buf, err)
		}
	}

	// Client 0 closes from its side: its FIN leaves the connection open
	// (it may be a half-close); what we send then is answered with a
	// reset, which closes it; sending to it then fails cleanly.
	first := s.Open()[0]
	clients[0].Close()
	waitFor(t, "FIN recorded", func() bool { in, _ := st.Conn(first); return in.PeerFinished })
	if _, err := s.Send(first, []byte("x"), false); err != nil {
		t.Fatalf("send after the peer's FIN: %v", err)
	}
	waitFor(t, "close recorded", func() bool { in, _ := st.Conn(first); return !in.Open })
	if in, _ := st.Conn(first); in.Err != "read: connection reset by peer" {
		t.Errorf("closed with %q, want the reset", in.Err)
	}
	if _, err := s.Send(first, []byte("x"), false); !errors.Is(err, ErrConnClosed) {
		t.Errorf("send to closed conn: err = %v, want ErrConnClosed", err)
	}
	if _, err := s.Send(999, []byte("x"), false); !errors.Is(err, ErrNoConn) {
		t.Errorf("send to unknown conn: err = %v, want ErrNoConn", err)
	}
	if in, _ := st.Conn(first); in.ClosedBy != ByPeer {
		t.Errorf("closed by %q, want peer", in.ClosedBy)
	}
	waitFor(t, "out counters", func() bool { return st.Totals(TabServer).BytesOut == 34 })
}

func TestReplyCloseAfterSendWithHTTPClient(t *testing.T) {
	st := NewStore(0)
	s, addr := newTestServer(t, st)
	// Reply as a person would: once the request has arrived.
	go func() {
		waitFor(t, "request", func() bool { return st.Totals(TabServer).BytesIn > 0 })
		id := s.Open()[0]
		s.Send(id, []byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"), true)
	}()
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "hi" {
		t.Fatalf("got %d %q, want 200 \"hi\"", resp.StatusCode, body)
	}
	waitFor(t, "closed by us", func() bool {
		in, _ := st.Conn(1)
		return !in.Open && in.ClosedBy == ByLocal
	})
	if got := string(received(st, 1, In)); !strings.HasPrefix(got, "GET / HTTP/1.1\r\n") {
		t.Errorf("captured request %q", got)
	}
}

func TestAutoReplyToHalfClosingPeer(t *testing.T) {
	st := NewStore(0)
	s := &Server{Store: st, AutoReply: func(id ConnID, b []byte, first bool) (Reply, bool) {
		return Reply{Data: []byte("HTTP/1.0 200 OK\r\n\r\n<title>ok</title>"), CloseAfter: true}, first
	}}
	a, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for range 20 { // the race between the peer's FIN and our reply
		c, err := net.Dial("tcp", a.String())
		if err != nil {
			t.Fatal(err)
		}
		c.Write([]byte("GET / HTTP/1.0\r\n\r\n"))
		c.(*net.TCPConn).CloseWrite()
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		got, err := io.ReadAll(c)
		c.Close()
		if err != nil || !bytes.HasSuffix(got, []byte("<title>ok</title>")) {
			t.Fatalf("read %q, %v", got, err)
		}
	}
}

func TestListenInUseAndRestart(t *testing.T) {
	st := NewStore(0)
	s, addr := newTestServer(t, st)
	other := &Server{Store: st}
	_, err := other.Listen(addr)
	if err == nil || !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("err = %v, want one naming %s and the cause", err, addr)
	}
	// A client connected before a restart stays connected.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	waitFor(t, "open", func() bool { return len(s.Open()) == 1 })
	a2, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "old listener stopped", func() bool {
		_, err := net.DialTimeout("tcp", addr, time.Second)
		return err != nil
	})
	if s.Addr().String() != a2.String() {
		t.Errorf("Addr = %v, want %v", s.Addr(), a2)
	}
	if n, err := s.Send(AllConns, []byte("still here"), false); n != 1 || err != nil {
		t.Errorf("send after restart: %d, %v", n, err)
	}
	if err := s.StopListening(); err != nil {
		t.Fatal(err)
	}
	if err := s.StopListening(); !errors.Is(err, ErrNotListening) {
		t.Errorf("second StopListening: %v", err)
	}
}

func TestPeerResetIsRecorded(t *testing.T) {
	st := NewStore(0)
	s, addr := newTestServer(t, st)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("partial"))
	waitFor(t, "bytes", func() bool { return st.Totals(TabServer).BytesIn == 7 })
	c.(*net.TCPConn).SetLinger(0) // close sends RST instead of FIN
	c.Close()
	waitFor(t, "close", func() bool { in, _ := st.Conn(1); return !in.Open })
	in, _ := st.Conn(1)
	if in.ClosedBy != ByPeer || !strings.Contains(in.Err, "connection reset by peer") {
		t.Errorf("closed by %q with %q, want peer and a reset", in.ClosedBy, in.Err)
	}
	if _, err := s.Send(1, []byte("x"), false); !errors.Is(err, ErrConnClosed) {
		t.Errorf("send after reset: %v", err)
	}
	if got := string(received(st, 1, In)); got != "partial" {
		t.Errorf("captured %q", got)
	}
}

// A flood takes the zero-copy path (reads straight into capture memory)
// while slabs are evicted and reused under a small budget: every byte must
// still reach the sinks exactly, and the store must hold the newest bytes.
func TestFloodThroughReusedSlabsIsExact(t *testing.T) {
	st := NewStore(1 << 20) // 1 MiB: slabs are evicted and reused many times
	var mu sync.Mutex
	sum := crc32.NewIEEE()
	var seen int64
	st.AddSink(SinkFunc(func(e *Event) {
		if e.Kind == KindData && e.Dir == In {
			mu.Lock()
			sum.Write(e.Data)
			seen += int64(len(e.Data))
			mu.Unlock()
		}
	}))
	_, addr := newTestServer(t, st)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	const total = 48 << 20
	want := crc32.NewIEEE()
	block := make([]byte, 1<<20)
	for i := 0; i < total; i += len(block) {
		for j := range block {
			block[j] = byte(i>>20) ^ byte(j*7)
		}
		want.Write(block)
		if _, err := c.Write(block); err != nil {
			t.Fatal(err)
		}
	}
	c.Close()
	waitFor(t, "FIN", func() bool { in, _ := st.Conn(1); return in.PeerFinished })
	mu.Lock()
	defer mu.Unlock()
	if seen != total || sum.Sum32() != want.Sum32() {
		t.Fatalf("sink saw %d bytes crc %08x, want %d crc %08x", seen, sum.Sum32(), total, want.Sum32())
	}
	if in, _ := st.Conn(1); in.BytesIn != total {
		t.Errorf("BytesIn %d", in.BytesIn)
	}
	// What the store still holds is the newest bytes of the stream.
	kept := received(st, 1, In)
	if len(kept) == 0 || len(kept) > 1<<20 {
		t.Fatalf("store keeps %d bytes with a 1 MiB budget", len(kept))
	}
	last := block[len(block)-min(len(kept), len(block)):]
	if !bytes.HasSuffix(kept, last) {
		t.Errorf("kept bytes are not the end of the stream")
	}
	if k, _ := st.Kept(); k > 1<<20 {
		t.Errorf("kept %d > budget", k)
	}
}
