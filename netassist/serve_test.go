package netassist

import (
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// loopbackListener binds 127.0.0.1:0 and closes it at the end of the test.
func loopbackListener(t *testing.T) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// serveAsync runs s.Serve(l) and returns the channel its result arrives on.
func serveAsync(s *Server, l net.Listener) <-chan error {
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(l) }()
	return errc
}

// waitErr waits for Serve's result.
func waitErr(t *testing.T, errc <-chan error) error {
	t.Helper()
	select {
	case err := <-errc:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return")
		return nil
	}
}

// Serve returns once its listener stops accepting, while the connection it
// accepted stays open and captured in both directions (net/http's shape).
func TestServeReturnsAfterStopListeningWhileConnStaysOpen(t *testing.T) {
	st := NewStore(0)
	s := &Server{Store: st}
	defer s.Close()
	l := loopbackListener(t)
	errc := serveAsync(s, l)
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	waitFor(t, "open", func() bool { return len(s.Open()) == 1 })

	if err := s.StopListening(); err != nil {
		t.Fatal(err)
	}
	if err := waitErr(t, errc); !errors.Is(err, ErrListenerClosed) {
		t.Fatalf("Serve = %v, want ErrListenerClosed", err)
	}
	// The connection outlives its Serve: both directions still work.
	if _, err := c.Write([]byte("after")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "bytes in", func() bool { return string(received(st, 1, In)) == "after" })
	if _, err := s.Send(1, []byte("reply"), false); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "reply" {
		t.Fatalf("read %q, %v", buf, err)
	}
	if info, _ := st.Conn(1); !info.Open {
		t.Fatal("the connection closed with its listener")
	}
}

// ErrServerClosed only after Close or Shutdown; a listener closed by its
// owner gives the accept error; Listen replacing the listener gives
// ErrListenerClosed.
func TestServeResults(t *testing.T) {
	st := NewStore(0)

	s := &Server{Store: st}
	l := loopbackListener(t)
	errc := serveAsync(s, l)
	waitFor(t, "listening", func() bool { return s.Addr() != nil })
	l.Close()
	if err := waitErr(t, errc); !errors.Is(err, net.ErrClosed) || errors.Is(err, ErrServerClosed) {
		t.Errorf("owner closed the listener: Serve = %v, want the accept error", err)
	}

	l2 := loopbackListener(t)
	errc = serveAsync(s, l2)
	waitFor(t, "listening", func() bool { return s.Addr() != nil && s.Addr().String() == l2.Addr().String() })
	if _, err := s.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	if err := waitErr(t, errc); !errors.Is(err, ErrListenerClosed) {
		t.Errorf("replaced by Listen: Serve = %v, want ErrListenerClosed", err)
	}

	l3 := loopbackListener(t)
	errc = serveAsync(s, l3)
	waitFor(t, "listening", func() bool { return s.Addr() != nil && s.Addr().String() == l3.Addr().String() })
	s.Close()
	if err := waitErr(t, errc); !errors.Is(err, ErrServerClosed) {
		t.Errorf("after Close: Serve = %v, want ErrServerClosed", err)
	}
	if err := s.Serve(loopbackListener(t)); !errors.Is(err, ErrServerClosed) {
		t.Errorf("Serve after Close = %v", err)
	}
	if err := s.StopListening(); !errors.Is(err, ErrNotListening) {
		t.Errorf("StopListening after Close = %v", err)
	}
}

// Error texts name each operation once.
func TestErrorTextsNameTheOperationOnce(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s, addr := newTestServer(t, st)

	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "open", func() bool { return len(s.Open()) == 1 })
	c.(*net.TCPConn).SetLinger(0)
	c.Close() // a reset
	waitFor(t, "close", func() bool { in, _ := st.Conn(1); return !in.Open })
	if in, _ := st.Conn(1); in.Err != "read: connection reset by peer" {
		t.Errorf("reset recorded as %q", in.Err)
	}

	other := &Server{Store: st}
	_, err = other.Listen(addr)
	if want := "listen tcp " + addr + ": address already in use"; err == nil || err.Error() != want {
		t.Errorf("listen error %v, want %q", err, want)
	}
	if got := log.find(`"event":"error"`, "address already in use"); len(got) != 1 || strings.Contains(got[0], "bind:") {
		t.Errorf("listen error events: %q", got)
	}
	for _, line := range log.find(`"err"`) {
		if strings.Contains(line, "read: read:") || strings.Contains(line, "->") {
			t.Errorf("an error text repeats itself: %s", line)
		}
	}
}
