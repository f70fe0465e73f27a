package netassist

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// A panic in an auto-reply rule costs that connection only: it is recorded
// as an error event naming the rule and the connection, the connection
// closes with the panic as its error, and the server keeps serving.
func TestPanicInAutoReplyClosesOnlyThatConnection(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s := &Server{Store: st, AutoReply: func(id ConnID, b []byte, first bool) (Reply, bool) {
		if bytes.HasPrefix(b, []byte("boom")) {
			panic("rule exploded")
		}
		return Reply{Data: append([]byte("echo "), b...)}, true
	}}
	addr, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	good, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer good.Close()
	bad, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	waitFor(t, "2 open", func() bool { return len(s.Open()) == 2 })
	badID := s.Open()[1]

	bad.Write([]byte("boom"))
	bad.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := bad.Read(make([]byte, 16)); err == nil {
		t.Fatalf("the panicking connection stayed open (read %d bytes)", n)
	}
	waitFor(t, "close recorded", func() bool { in, _ := st.Conn(badID); return !in.Open })
	in, _ := st.Conn(badID)
	want := "panic in auto-reply rule (server conn 2): rule exploded"
	if in.ClosedBy != ByLocal || in.Err != want {
		t.Errorf("closed by %v with %q, want local with %q", in.ClosedBy, in.Err, want)
	}
	if got := log.find(`"event":"error"`, want); len(got) != 1 {
		t.Errorf("error events %q", log.find(`"event":"error"`))
	}

	// The other connection and the listener are unharmed.
	good.Write([]byte("hi"))
	buf := make([]byte, 7)
	good.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(good, buf); err != nil || string(buf) != "echo hi" {
		t.Fatalf("other connection read %q, %v", buf, err)
	}
	third, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	third.Close()
	waitFor(t, "third accepted", func() bool { return st.ConnCount(TabServer) == 3 })
}

// panicConn is a connection whose Read or Write panics.
type panicConn struct {
	net.Conn
	onRead, onWrite bool
}

func (c *panicConn) Read(b []byte) (int, error) {
	if c.onRead {
		panic("read exploded")
	}
	return c.Conn.Read(b)
}

func (c *panicConn) Write(b []byte) (int, error) {
	if c.onWrite {
		panic("write exploded")
	}
	return c.Conn.Write(b)
}

// panicListener wraps accepted connections in panicConn, or panics in
// Accept itself.
type panicListener struct {
	net.Listener
	onAccept, onWrite bool
}

func (l *panicListener) Accept() (net.Conn, error) {
	nc, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	if l.onAccept {
		nc.Close()
		panic("accept exploded")
	}
	return &panicConn{Conn: nc, onWrite: l.onWrite}, nil
}

// A panic on a connection's writer closes that connection and is recorded.
func TestPanicInWriterClosesTheConnection(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s := &Server{Store: st}
	defer s.Close()
	l := &panicListener{Listener: loopbackListener(t), onWrite: true}
	errc := serveAsync(s, l)
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	waitFor(t, "open", func() bool { return len(s.Open()) == 1 })
	if _, err := s.Send(1, []byte("x"), false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "closed", func() bool { in, _ := st.Conn(1); return !in.Open })
	in, _ := st.Conn(1)
	if !strings.HasPrefix(in.Err, "panic in server conn 1 writer: write exploded") {
		t.Errorf("close err %q", in.Err)
	}
	if len(log.find(`"event":"error"`, "panic in server conn 1 writer")) != 1 {
		t.Errorf("no error event: %q", log.find(`"event":"error"`))
	}
	s.Close()
	if err := waitErr(t, errc); !errors.Is(err, ErrServerClosed) {
		t.Errorf("Serve = %v", err)
	}
}

// A panic in the accept loop stops that listener with the panic as Serve's
// result, recorded; the process lives on.
func TestPanicInAcceptLoop(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s := &Server{Store: st}
	defer s.Close()
	l := &panicListener{Listener: loopbackListener(t), onAccept: true}
	errc := serveAsync(s, l)
	waitFor(t, "listening", func() bool { return s.Addr() != nil })
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	err = waitErr(t, errc)
	var p *PanicError
	if !errors.As(err, &p) || p.Where != "server accept loop" || len(p.Stack) == 0 {
		t.Fatalf("Serve = %v, want a *PanicError from the accept loop", err)
	}
	if len(log.find(`"event":"error"`, "panic in server accept loop: accept exploded")) != 1 {
		t.Errorf("no error event: %q", log.find(`"event":"error"`))
	}
	if s.Addr() != nil {
		t.Error("the panicked listener is still current")
	}
}

// A panic on the client's reader closes the client's connection and
// leaves the client usable.
func TestPanicInClientReader(t *testing.T) {
	st := NewStore(0)
	l := loopbackListener(t)
	go func() {
		for {
			nc, err := l.Accept()
			if err != nil {
				return
			}
			nc.Write([]byte("hello"))
			defer nc.Close()
		}
	}()
	c := newTestClient(t, st)
	var once sync.Once
	c.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		pc := &panicConn{Conn: nc}
		once.Do(func() { pc.onRead = true }) // only the first connection
		return pc, nil
	}
	if err := c.Connect(context.Background(), l.Addr().String()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "closed", func() bool { return c.Status().State == ClientClosed })
	if st := c.Status(); st.ClosedBy != ByLocal || !strings.HasPrefix(st.Err, "panic in client conn 1 reader: read exploded") {
		t.Errorf("status %+v", st)
	}
	if err := c.Reconnect(context.Background()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "reply", func() bool { return string(received(st, 2, In)) == "hello" })
}

// Recover and Go hand a panic to onPanic with its place and stack;
// NamePanic renames a step's panic for the goroutine's Recover.
func TestRecoverAndGo(t *testing.T) {
	got := make(chan *PanicError, 1)
	Go("worker", func() {
		func() {
			defer NamePanic("step")
			panic(errors.New("inner"))
		}()
	}, func(p *PanicError) { got <- p })
	p := <-got
	if p.Where != "step" || p.Error() != "panic in step: inner" || !strings.Contains(string(p.Stack), "TestRecoverAndGo") {
		t.Errorf("%v at %q", p, p.Where)
	}
	if p.Unwrap() == nil || p.Unwrap().Error() != "inner" {
		t.Errorf("Unwrap = %v", p.Unwrap())
	}
	Go("plain", func() { panic(42) }, func(p *PanicError) { got <- p })
	if p := <-got; p.Where != "plain" || p.Error() != "panic in plain: 42" {
		t.Errorf("%v", p)
	}
	done := make(chan struct{})
	Go("fine", func() { close(done) }, func(*PanicError) { t.Error("no panic expected") })
	<-done
}
