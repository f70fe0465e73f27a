package netassist

import (
	"bytes"
	"context"
	"errors"
	"hash/crc32"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// SendWait holds at most about SendHighWater per connection while the peer
// does not read, and goes on at the peer's pace once it does: every byte
// arrives, in order.
func TestSendWaitFlowControl(t *testing.T) {
	st := NewStore(4 << 20)
	s, addr := newTestServer(t, st)
	peer, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer peer.Close()
	waitFor(t, "open", func() bool { return len(s.Open()) == 1 })
	id := s.Open()[0]
	c, err := s.Conn(id)
	if err != nil {
		t.Fatal(err)
	}

	// The peer reads nothing: sending must block once the kernel's buffers
	// and SendHighWater are full.
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 4<<10) // 64 KiB
	want := crc32.NewIEEE()
	var sent int64
	blocked := false
	for sent < 256<<20 {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		err := s.SendWait(ctx, id, chunk, false)
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			blocked = true
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		want.Write(chunk)
		sent += int64(len(chunk))
	}
	if !blocked {
		t.Fatalf("SendWait queued %d bytes for a peer that reads nothing", sent)
	}
	if q := c.Queued(); q < SendHighWater-writePiece || q > SendHighWater+len(chunk) {
		t.Errorf("blocked with %d bytes queued, high water %d", q, SendHighWater)
	}

	// The peer reads: the rest goes out as it reads.
	got := crc32.NewIEEE()
	readDone := make(chan int64)
	go func() {
		n, _ := io.Copy(got, peer)
		readDone <- n
	}()
	for range 64 {
		if err := s.SendWait(context.Background(), id, chunk, false); err != nil {
			t.Fatal(err)
		}
		want.Write(chunk)
		sent += int64(len(chunk))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.WaitWritten(ctx); err != nil {
		t.Fatal(err)
	}
	if q := c.Queued(); q != 0 {
		t.Errorf("Queued %d after WaitWritten", q)
	}
	if _, err := s.Send(id, nil, true); err != nil { // close after the rest
		t.Fatal(err)
	}
	if n := <-readDone; n != sent || got.Sum32() != want.Sum32() {
		t.Fatalf("peer read %d bytes (crc %08x), sent %d (crc %08x)", n, got.Sum32(), sent, want.Sum32())
	}
	waitFor(t, "closed", func() bool { in, _ := st.Conn(id); return !in.Open })
	if in, _ := st.Conn(id); in.BytesOut != sent || in.Unsent != 0 {
		t.Errorf("BytesOut %d, Unsent %d; sent %d", in.BytesOut, in.Unsent, sent)
	}
	if err := c.SendWait(context.Background(), chunk, false); !errors.Is(err, ErrConnClosed) {
		t.Errorf("SendWait after close: %v", err)
	}
}

// A SendWait blocked on a full queue returns ErrConnClosed when the
// connection closes.
func TestSendWaitWakesOnClose(t *testing.T) {
	st := NewStore(0)
	s, addr := newTestServer(t, st)
	peer, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer peer.Close()
	waitFor(t, "open", func() bool { return len(s.Open()) == 1 })
	c, _ := s.Conn(s.Open()[0])
	big := make([]byte, 64<<20) // more than the kernel takes: the queue stays above high water
	if err := c.Send(big, false); err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() { errc <- c.SendWait(context.Background(), []byte("x"), false) }()
	waitFor(t, "bytes in the socket", func() bool { return c.Queued() < len(big) })
	c.Close()
	select {
	case err := <-errc:
		if !errors.Is(err, ErrConnClosed) {
			t.Errorf("SendWait = %v, want ErrConnClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("SendWait still blocked after Close")
	}
	if err := c.WaitWritten(context.Background()); !errors.Is(err, ErrConnClosed) {
		t.Errorf("WaitWritten = %v, want ErrConnClosed (bytes were dropped)", err)
	}
}

// SendAll reaches every open connection and says how many.
func TestSendAll(t *testing.T) {
	st := NewStore(0)
	s, addr := newTestServer(t, st)
	ctx := context.Background()
	if n, err := s.SendAll(ctx, []byte("x"), false); n != 0 || !errors.Is(err, ErrNoConns) {
		t.Errorf("SendAll with none open = %d, %v", n, err)
	}
	var peers []net.Conn
	for range 3 {
		p, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		peers = append(peers, p)
	}
	waitFor(t, "3 open", func() bool { return len(s.Open()) == 3 })
	if n, err := s.SendAll(ctx, []byte("hello\n"), false); n != 3 || err != nil {
		t.Fatalf("SendAll = %d, %v", n, err)
	}
	for i, p := range peers {
		buf := make([]byte, 6)
		p.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := io.ReadFull(p, buf); err != nil || string(buf) != "hello\n" {
			t.Errorf("peer %d read %q, %v", i, buf, err)
		}
	}
	if n, err := s.SendAll(ctx, []byte("bye\n"), true); n != 3 || err != nil {
		t.Fatalf("SendAll with close = %d, %v", n, err)
	}
	for i, p := range peers {
		got, err := io.ReadAll(p)
		if err != nil || string(got) != "bye\n" {
			t.Errorf("peer %d read %q, %v before the close", i, got, err)
		}
	}
}

// countingListener's connections count the bytes their Write took.
type countingListener struct {
	net.Listener
	written atomic.Int64
}

type countingConn struct {
	net.Conn
	written *atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	nc, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: nc, written: &l.written}, nil
}

func (c *countingConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	c.written.Add(int64(n))
	return n, err
}

// A 50 MB reply cut short by a reset is recorded as what was written: the
// data events out, less the close event's "unsent", are exactly the bytes
// the socket took, and so is BytesOut.
func TestResetMidSendRecordsWhatWasWritten(t *testing.T) {
	st := NewStore(0)
	var mu sync.Mutex
	var recordedOut int64
	var closeLine string
	st.AddSink(SinkFunc(func(e *Event) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case e.Kind == KindData && e.Dir == Out:
			recordedOut += int64(len(e.Data))
		case e.Kind == KindClose:
			closeLine = string(e.AppendJSON(nil))
		}
	}))
	s := &Server{Store: st}
	defer s.Close()
	l := &countingListener{Listener: loopbackListener(t)}
	go s.Serve(l)
	peer, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "open", func() bool { return len(s.Open()) == 1 })
	const size = 50 << 20
	if _, err := s.Send(s.Open()[0], make([]byte, size), false); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(peer, make([]byte, 512<<10)); err != nil {
		t.Fatal(err)
	}
	peer.(*net.TCPConn).SetLinger(0)
	peer.Close() // a reset, with most of the reply still to go
	waitFor(t, "closed", func() bool { in, _ := st.Conn(1); return !in.Open })

	in, _ := st.Conn(1)
	mu.Lock()
	defer mu.Unlock()
	written := l.written.Load()
	t.Logf("written %d, recorded %d, unsent %d: %s", written, recordedOut, in.Unsent, closeLine)
	if written >= size || recordedOut >= size {
		t.Fatalf("written %d, recorded %d of %d: the reset came too late to test", written, recordedOut, size)
	}
	if recordedOut-in.Unsent != written || in.BytesOut != written {
		t.Errorf("recorded %d - unsent %d != written %d (BytesOut %d)", recordedOut, in.Unsent, written, in.BytesOut)
	}
	if in.Unsent > writePiece {
		t.Errorf("unsent %d: more than one piece overstated", in.Unsent)
	}
	if in.Unsent > 0 && !strings.Contains(closeLine, `"unsent":`) {
		t.Errorf("close event without unsent: %s", closeLine)
	}
	if in.ClosedBy != ByPeer || in.Err == "" {
		t.Errorf("closed by %v with %q, want the peer's reset", in.ClosedBy, in.Err)
	}
}
