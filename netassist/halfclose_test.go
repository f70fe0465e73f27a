package netassist

import (
	"bytes"
	"context"
	"io"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// A client that sends, then half-closes (CloseWrite) and reads, gets our
// reply: its FIN is recorded as an "eof" event, the connection stays open
// and a send target, until we close it.
func TestHalfClosingPeerGetsTheReply(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s, addr := newTestServer(t, st)
	peer, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer peer.Close()
	peer.Write([]byte("hello"))
	peer.(*net.TCPConn).CloseWrite()

	waitFor(t, "FIN", func() bool { in, _ := st.Conn(1); return in.PeerFinished })
	if in, _ := st.Conn(1); !in.Open {
		t.Fatal("a half-close closed the connection")
	}
	if got := string(received(st, 1, In)); got != "hello" {
		t.Errorf("captured %q", got)
	}
	if eof := log.find(`"event":"eof","conn":1,"dir":"in"`); len(eof) != 1 {
		t.Errorf("eof events: %q", log.find(`"event":"eof"`))
	}
	if open := s.Open(); len(open) != 1 || open[0] != 1 {
		t.Fatalf("Open() = %v, want the half-closed connection", open)
	}
	c, _ := s.Conn(1)
	if !c.PeerFinished() {
		t.Error("Conn.PeerFinished is false")
	}
	// The tab's view shows the FIN in order, between the data and the close.
	if n, err := s.SendAll(context.Background(), []byte("world"), false); n != 1 || err != nil {
		t.Fatalf("SendAll = %d, %v", n, err)
	}
	buf := make([]byte, 5)
	peer.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(peer, buf); err != nil || string(buf) != "world" {
		t.Fatalf("peer read %q, %v", buf, err)
	}
	if err := s.CloseConn(1); err != nil {
		t.Fatal(err)
	}
	if rest, err := io.ReadAll(peer); err != nil || len(rest) != 0 {
		t.Errorf("after our close the peer read %q, %v; want EOF", rest, err)
	}
	waitFor(t, "closed", func() bool { in, _ := st.Conn(1); return !in.Open })
	if in, _ := st.Conn(1); in.ClosedBy != ByLocal || in.Err != "" {
		t.Errorf("closed by %v (%q), want local", in.ClosedBy, in.Err)
	}
	var kinds []string
	for _, ch := range st.After(Filter{Conn: 1}, 0, 100) {
		kinds = append(kinds, ch.Kind.String()+"/"+ch.Dir.String())
	}
	if got := strings.Join(kinds, " "); got != "open/in data/in eof/in data/out close/in" {
		t.Errorf("chunks: %s", got)
	}
}

// After the peer's FIN, our own FIN ends the connection: both directions
// are done.
func TestOurFINAfterThePeersClosesTheConnection(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s, addr := newTestServer(t, st)
	peer, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer peer.Close()
	peer.(*net.TCPConn).CloseWrite()
	waitFor(t, "FIN", func() bool { in, _ := st.Conn(1); return in.PeerFinished })
	c, _ := s.Conn(1)
	c.Send([]byte("bye"), false)
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if err := c.Send([]byte("more"), false); err == nil {
		t.Error("a send after our FIN was accepted")
	}
	if got, err := io.ReadAll(peer); err != nil || string(got) != "bye" {
		t.Errorf("peer read %q, %v", got, err)
	}
	waitFor(t, "closed", func() bool { in, _ := st.Conn(1); return !in.Open })
	if len(log.find(`"event":"eof","conn":1,"dir":"out"`)) != 1 {
		t.Errorf("our FIN is not recorded: %q", log.find(`"event":"eof"`))
	}
}

// Shutdown closes a half-closed connection once its queued writes are out.
func TestShutdownClosesHalfClosedConnections(t *testing.T) {
	st := NewStore(0)
	s := &Server{Store: st}
	addr, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	peer, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer peer.Close()
	peer.(*net.TCPConn).CloseWrite()
	waitFor(t, "FIN", func() bool { in, _ := st.Conn(1); return in.PeerFinished })
	s.Send(1, []byte("last words"), false)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown = %v", err)
	}
	if got, err := io.ReadAll(peer); err != nil || string(got) != "last words" {
		t.Errorf("peer read %q, %v", got, err)
	}
	if in, _ := st.Conn(1); in.Open || in.ClosedBy != ByLocal {
		t.Errorf("after Shutdown: open %v, closed by %v", in.Open, in.ClosedBy)
	}
}

// While a half-closed connection waits for a reset it parks: checking the
// socket once per event, not in a loop.
func TestHalfClosedConnectionDoesNotSpin(t *testing.T) {
	st := NewStore(0)
	s, addr := newTestServer(t, st)
	peer, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer peer.Close()
	peer.(*net.TCPConn).CloseWrite()
	waitFor(t, "FIN", func() bool { in, _ := st.Conn(1); return in.PeerFinished })
	c, _ := s.Conn(1)
	for i := range 50 { // time passes with traffic out and ACKs in
		s.Send(1, []byte("ping\n"), false)
		buf := make([]byte, 5)
		peer.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := io.ReadFull(peer, buf); err != nil {
			t.Fatalf("round %d: %v", i, err)
		}
	}
	if n := c.finChecks.Load(); n > 10 {
		t.Errorf("%d socket checks while half-closed: the watcher spins", n)
	}
	if in, _ := st.Conn(1); !in.Open {
		t.Error("closed")
	}
}

// `printf hello | ncat 127.0.0.1 PORT`: ncat half-closes at the end of its
// input and keeps reading; the server answers after the FIN, and ncat
// prints the answer.
func TestNcatHalfCloseGetsTheReply(t *testing.T) {
	ncat, err := exec.LookPath("ncat")
	if err != nil {
		t.Skip("ncat not installed")
	}
	st := NewStore(0)
	s, addr := newTestServer(t, st)
	host, port, _ := net.SplitHostPort(addr)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, ncat, host, port)
	cmd.Stdin = strings.NewReader("hello")
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "ncat's FIN", func() bool { in, _ := st.Conn(1); return in.PeerFinished })
	if got := string(received(st, 1, In)); got != "hello" {
		t.Errorf("captured %q", got)
	}
	if _, err := s.Send(1, []byte("world\n"), true); err != nil {
		t.Fatalf("reply after ncat's FIN: %v", err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ncat: %v", err)
	}
	if out.String() != "world\n" {
		t.Errorf("ncat printed %q", out.String())
	}
}

// With CloseOnFIN (headless) a FIN closes the connection once the
// auto-reply is out, with no eof event.
func TestCloseOnFIN(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s := &Server{Store: st, CloseOnFIN: true, AutoReply: func(ConnID, []byte, bool) (Reply, bool) {
		return Reply{Data: []byte("ok")}, true
	}}
	addr, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	peer, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer peer.Close()
	peer.Write([]byte("q"))
	peer.(*net.TCPConn).CloseWrite()
	if got, err := io.ReadAll(peer); err != nil || string(got) != "ok" {
		t.Errorf("peer read %q, %v", got, err)
	}
	waitFor(t, "closed", func() bool { in, _ := st.Conn(1); return !in.Open })
	if in, _ := st.Conn(1); in.ClosedBy != ByPeer {
		t.Errorf("closed by %v", in.ClosedBy)
	}
	if eof := log.find(`"event":"eof"`); len(eof) != 0 {
		t.Errorf("eof events with CloseOnFIN: %q", eof)
	}
}
