package netassist

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os/exec"
	"testing"
	"time"
)

// newUDPServer listens for UDP on 127.0.0.1:0 and closes at the end of
// the test.
func newUDPServer(t *testing.T, st *Store, setup func(s *Server)) (*Server, *net.UDPAddr) {
	t.Helper()
	s := &Server{Store: st}
	if setup != nil {
		setup(s)
	}
	addr, err := s.ListenProto(ProtoUDP, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, addr.(*net.UDPAddr)
}

// rawPeer is a plain Go UDP socket talking to addr.
func rawPeer(t *testing.T, addr *net.UDPAddr) *net.UDPConn {
	t.Helper()
	c, err := net.DialUDP("udp", nil, addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// datagrams lists the data chunks of a filter, in order.
func datagrams(st *Store, f Filter, dir Dir) []Chunk {
	var out []Chunk
	for _, c := range st.After(f, 0, 1<<20) {
		if c.Kind == KindData && c.Dir == dir {
			out = append(out, c)
		}
	}
	return out
}

// readDatagram reads one datagram within a few seconds.
func readDatagram(t *testing.T, c *net.UDPConn) []byte {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 70000)
	n, err := c.Read(buf)
	if err != nil {
		t.Fatalf("reading a datagram: %v", err)
	}
	return buf[:n]
}

func TestUDPTwoPeersEachDatagramOneEvent(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	_, addr := newUDPServer(t, st, nil)
	peers := []*net.UDPConn{rawPeer(t, addr), rawPeer(t, addr)}

	const n = 50
	want := map[string][][]byte{}
	for i := range n {
		for k, p := range peers {
			// Datagrams that a stream would merge: short, ending without a
			// line break, some binary.
			b := []byte(fmt.Sprintf("p%d #%d", k, i))
			if i%7 == 0 {
				b = append(b, 0, '\r', 0xff)
			}
			if _, err := p.Write(b); err != nil {
				t.Fatal(err)
			}
			want[p.LocalAddr().String()] = append(want[p.LocalAddr().String()], b)
		}
	}
	waitFor(t, "every datagram", func() bool { return len(datagrams(st, Filter{Tab: TabServer}, In)) == 2*n })

	if got := st.ConnCount(TabServer); got != 2 {
		t.Fatalf("%d peers listed, want 2", got)
	}
	for _, info := range st.Conns(TabServer, 0, 10) {
		if info.Proto != ProtoUDP || !info.Open || info.LastIn.IsZero() || info.ChunksIn != n {
			t.Errorf("peer %d: %+v", info.ID, info)
		}
		got := datagrams(st, Filter{Tab: TabServer, Conn: info.ID}, In)
		w := want[info.Remote]
		if len(w) != n {
			t.Fatalf("peer %d has remote %q, not one of the senders", info.ID, info.Remote)
		}
		for i := range got {
			if !bytes.Equal(got[i].Data, w[i]) {
				t.Fatalf("peer %s datagram %d: %q, want %q", info.Remote, i, got[i].Data, w[i])
			}
		}
	}
	opens := log.find(`"event":"open"`, `"transport":"udp"`)
	if len(opens) != 2 {
		t.Fatalf("open events: %q", opens)
	}
	if l := log.find(`"event":"listen"`, `"transport":"udp"`); len(l) != 1 {
		t.Fatalf("listen event: %q", log.find(`"event":"listen"`))
	}
}

func TestUDPReplyReachesTheChosenPeerOnly(t *testing.T) {
	st := NewStore(0)
	s, addr := newUDPServer(t, st, nil)
	a, b := rawPeer(t, addr), rawPeer(t, addr)
	a.Write([]byte("from a"))
	b.Write([]byte("from b"))
	waitFor(t, "two peers", func() bool { return len(s.Open()) == 2 })

	var idA ConnID
	for _, info := range st.Conns(TabServer, 0, 2) {
		if info.Remote == a.LocalAddr().String() {
			idA = info.ID
		}
	}
	if idA == 0 {
		t.Fatal("peer a not listed under its address")
	}
	if _, err := s.Send(idA, []byte("only for a"), false); err != nil {
		t.Fatal(err)
	}
	if got := readDatagram(t, a); string(got) != "only for a" {
		t.Fatalf("a got %q", got)
	}
	// Then one for everybody: b's first datagram must be that one.
	if n, err := s.Send(AllConns, []byte("for all"), false); err != nil || n != 2 {
		t.Fatalf("send to all: %d, %v", n, err)
	}
	if got := readDatagram(t, b); string(got) != "for all" {
		t.Fatalf("b got %q first: the reply to a reached b", got)
	}
	if got := readDatagram(t, a); string(got) != "for all" {
		t.Fatalf("a got %q", got)
	}
	// Each send is one out chunk, recorded once the system took it (the
	// peer may read it first).
	waitFor(t, "a's two out chunks", func() bool { return len(datagrams(st, Filter{Conn: idA}, Out)) == 2 })
}

// Bytes too large for a datagram, sent to all peers, are refused saying
// so (not "no open connections"), and nothing goes out.
func TestUDPServerOversizeSendToAllRefused(t *testing.T) {
	st := NewStore(0)
	s, addr := newUDPServer(t, st, nil)
	a, b := rawPeer(t, addr), rawPeer(t, addr)
	a.Write([]byte("a"))
	b.Write([]byte("b"))
	waitFor(t, "two peers", func() bool { return len(s.Open()) == 2 })
	big := make([]byte, MaxDatagram4+1)
	var se *DatagramSizeError
	if n, err := s.Send(AllConns, big, false); n != 0 || !errors.As(err, &se) || se.Size != len(big) {
		t.Fatalf("Send to all: %d, %v; want a DatagramSizeError", n, err)
	}
	if n, err := s.SendTo(context.Background(), s.Open(), big, false); n != 0 || !errors.Is(err, ErrDatagramTooLarge) {
		t.Fatalf("SendTo: %d, %v; want ErrDatagramTooLarge", n, err)
	}
	if out := datagrams(st, Filter{Tab: TabServer}, Out); len(out) != 0 {
		t.Fatalf("%d datagrams out", len(out))
	}
}

func TestUDPLargestDatagramArrivesWhole(t *testing.T) {
	st := NewStore(0)
	_, addr := newUDPServer(t, st, nil)
	p := rawPeer(t, addr)
	big := bytes.Repeat([]byte("0123456789abcdef"), MaxDatagram4/16+1)[:MaxDatagram4]
	big[0], big[len(big)-1] = '<', '>'
	if _, err := p.Write(big); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the datagram", func() bool { return len(datagrams(st, Filter{Tab: TabServer}, In)) == 1 })
	got := datagrams(st, Filter{Tab: TabServer}, In)[0]
	if !bytes.Equal(got.Data, big) || got.Truncated {
		t.Fatalf("got %d bytes (truncated %v), want %d whole", len(got.Data), got.Truncated, len(big))
	}
}

func TestUDPTruncationIsReported(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	_, addr := newUDPServer(t, st, func(s *Server) { s.dgramBuf = 100 })
	p := rawPeer(t, addr)
	p.Write(bytes.Repeat([]byte("x"), 300))
	p.Write([]byte("short"))
	waitFor(t, "two datagrams", func() bool { return len(datagrams(st, Filter{Tab: TabServer}, In)) == 2 })
	got := datagrams(st, Filter{Tab: TabServer}, In)
	if msgTrunc != 0 && (!got[0].Truncated || len(got[0].Data) != 100) {
		t.Fatalf("cut datagram: %d bytes, truncated %v", len(got[0].Data), got[0].Truncated)
	}
	if got[1].Truncated || string(got[1].Data) != "short" {
		t.Fatalf("next datagram: %q truncated %v", got[1].Data, got[1].Truncated)
	}
	if msgTrunc != 0 && len(log.find(`"truncated":true`)) != 1 {
		t.Fatal("no truncated event")
	}
}

func TestUDPClientOversizeSendRefused(t *testing.T) {
	st := NewStore(0)
	_, addr := newUDPServer(t, st, nil)
	c := &Client{Store: st}
	defer c.Close()
	if err := c.ConnectProto(context.Background(), ProtoUDP, addr.String()); err != nil {
		t.Fatal(err)
	}
	err := c.Send(make([]byte, MaxDatagram4+1), false)
	var se *DatagramSizeError
	if !errors.As(err, &se) || !errors.Is(err, ErrDatagramTooLarge) || se.Max != MaxDatagram4 {
		t.Fatalf("oversize send: %v", err)
	}
	if err := c.HalfClose(); !errors.Is(err, ErrNoHalfClose) {
		t.Fatalf("half-close on UDP: %v", err)
	}
	// Split, a file goes out as datagrams of the chosen size, in order.
	file := bytes.Repeat([]byte("abcdefghij"), 1000) // 10,000 bytes
	n, err := c.SendDatagrams(context.Background(), file, 1500)
	if err != nil || n != 7 {
		t.Fatalf("split send: %d datagrams, %v", n, err)
	}
	waitFor(t, "7 datagrams", func() bool { return len(datagrams(st, Filter{Tab: TabServer}, In)) == 7 })
	var joined []byte
	for i, d := range datagrams(st, Filter{Tab: TabServer}, In) {
		if want := min(1500, len(file)-i*1500); len(d.Data) != want {
			t.Fatalf("datagram %d: %d bytes, want %d", i, len(d.Data), want)
		}
		joined = append(joined, d.Data...)
	}
	if !bytes.Equal(joined, file) {
		t.Fatal("the pieces do not make the file")
	}
}

// TestUDPRepeatKeepsOrderAndCount sends 1,000 datagrams at 1 ms from the
// engine's client to the engine's server, which echoes each: both ends
// must record all of them, in order.
func TestUDPRepeatKeepsOrderAndCount(t *testing.T) {
	const n = 1000
	st := NewStore(0)
	_, addr := newUDPServer(t, st, func(s *Server) {
		s.AutoReply = func(_ ConnID, b []byte, _ bool) (Reply, bool) {
			return Reply{Data: append([]byte("echo "), b...)}, true
		}
	})
	c := &Client{Store: st}
	defer c.Close()
	ctx := context.Background()
	if err := c.ConnectProto(ctx, ProtoUDP, addr.String()); err != nil {
		t.Fatal(err)
	}
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for i := range n {
		<-tick.C
		if err := c.SendWait(ctx, []byte(fmt.Sprintf("seq %04d", i)), false); err != nil {
			t.Fatal(err)
		}
	}
	server := Filter{Tab: TabServer}
	client := Filter{Tab: TabClient}
	deadline := time.Now().Add(10 * time.Second)
	for len(datagrams(st, client, In)) < n && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	check := func(name string, got []Chunk, prefix string) {
		t.Helper()
		if len(got) != n {
			t.Errorf("%s: %d of %d datagrams", name, len(got), n)
		}
		for i, d := range got {
			if want := fmt.Sprintf("%sseq %04d", prefix, i); string(d.Data) != want {
				t.Errorf("%s: datagram %d is %q, want %q", name, i, d.Data, want)
				return
			}
		}
	}
	check("client out", datagrams(st, client, Out), "")
	check("server in", datagrams(st, server, In), "")
	check("server out", datagrams(st, server, Out), "echo ")
	check("client in", datagrams(st, client, In), "echo ")
}

func TestUDPForgetPeerAndAddPeer(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s, addr := newUDPServer(t, st, nil)
	p := rawPeer(t, addr)
	p.Write([]byte("one"))
	waitFor(t, "a peer", func() bool { return len(s.Open()) == 1 })
	id := s.Open()[0]
	if err := s.CloseConn(id); err != nil {
		t.Fatal(err)
	}
	if len(log.find(`"event":"close"`, `"by":"local"`)) != 1 || len(s.Open()) != 0 {
		t.Fatalf("forgetting: %q, open %v", log.find(`"event":"close"`), s.Open())
	}
	p.Write([]byte("two"))
	waitFor(t, "the peer again", func() bool { return len(s.Open()) == 1 })
	if again := s.Open()[0]; again == id {
		t.Fatal("a forgotten peer came back under its old number")
	}

	// A peer that has not sent yet can be added and sent to.
	q := rawPeer(t, addr)
	qid, err := s.AddPeer(q.LocalAddr().String())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Send(qid, []byte("hello first"), false); err != nil {
		t.Fatal(err)
	}
	if got := readDatagram(t, q); string(got) != "hello first" {
		t.Fatalf("added peer got %q", got)
	}
	q.Write([]byte("answer"))
	waitFor(t, "the answer", func() bool { return len(datagrams(st, Filter{Conn: qid}, In)) == 1 })

	// Stopping the socket forgets the peers: they cannot be reached.
	if err := s.StopListening(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "peers forgotten", func() bool { return len(s.Open()) == 0 })
	if _, err := (&Server{Store: st}).AddPeer("127.0.0.1:9"); !errors.Is(err, ErrNotUDP) {
		t.Fatalf("AddPeer without a socket: %v", err)
	}
}

func TestUDPShutdownSendsQueuedReplies(t *testing.T) {
	st := NewStore(0)
	s := &Server{Store: st}
	addr, err := s.ListenProto(ProtoUDP, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := rawPeer(t, addr.(*net.UDPAddr))
	p.Write([]byte("hi"))
	waitFor(t, "a peer", func() bool { return len(s.Open()) == 1 })
	for i := range 20 {
		s.Send(AllConns, []byte(fmt.Sprintf("reply %d", i)), false)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	for i := range 20 {
		if got := readDatagram(t, p); string(got) != fmt.Sprintf("reply %d", i) {
			t.Fatalf("reply %d: %q", i, got)
		}
	}
	if _, err := s.ListenProto(ProtoUDP, "127.0.0.1:0"); !errors.Is(err, ErrServerClosed) {
		t.Fatalf("listen after shutdown: %v", err)
	}
}

func TestUDPServerAndClientLeaveNoGoroutines(t *testing.T) {
	before := engineGoroutines()
	st := NewStore(0)
	s := &Server{Store: st}
	addr, err := s.ListenProto(ProtoUDP, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &Client{Store: st}
	if err := c.ConnectProto(context.Background(), ProtoUDP, addr.String()); err != nil {
		t.Fatal(err)
	}
	c.Send([]byte("x"), false)
	waitFor(t, "a peer", func() bool { return len(s.Open()) == 1 })
	s.Send(AllConns, []byte("y"), false)
	waitFor(t, "the reply", func() bool { return len(datagrams(st, Filter{Tab: TabClient}, In)) == 1 })
	c.Close()
	s.Close()
	waitFor(t, "engine goroutines to end", func() bool { return engineGoroutines() <= before })
}

// TestUDPSocat talks to the server from socat, a peer of its own.
func TestUDPSocat(t *testing.T) {
	if _, err := exec.LookPath("socat"); err != nil {
		t.Skip("socat not installed")
	}
	st := NewStore(0)
	s, addr := newUDPServer(t, st, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "socat", "-T", "10", "STDIO", "UDP:"+addr.String())
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cancel()
	io.WriteString(stdin, "hello from socat\n")
	waitFor(t, "socat's datagram", func() bool { return len(datagrams(st, Filter{Tab: TabServer}, In)) == 1 })
	if got := datagrams(st, Filter{Tab: TabServer}, In)[0]; string(got.Data) != "hello from socat\n" {
		t.Fatalf("got %q", got.Data)
	}
	if _, err := s.Send(s.Open()[0], []byte("hi socat\n"), false); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "hi socat\n" {
		t.Fatalf("socat printed %q, %v", line, err)
	}
	stdin.Close()
}

// TestUDPMulticastLoopback joins a group on the loopback interface and
// sends to it from the client, looped back by the kernel.
func TestUDPMulticastLoopback(t *testing.T) {
	lo := loopbackInterface(t)
	st := NewStore(0)
	s := &Server{Store: st, UDP: UDPOptions{Group: "239.255.77.11", Interface: lo}}
	addr, err := s.ListenProto(ProtoUDP, "127.0.0.1:0")
	if err != nil {
		t.Skipf("joining 239.255.77.11 on %s: %v (the kernel does not allow it here)", lo, err)
	}
	defer s.Close()
	_, port, _ := net.SplitHostPort(addr.String())
	c := &Client{Store: st, UDP: UDPOptions{Interface: lo, TTL: 1}}
	defer c.Close()
	if err := c.ConnectProto(context.Background(), ProtoUDP, "239.255.77.11:"+port); err != nil {
		t.Skipf("sending to the group on %s: %v", lo, err)
	}
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) && len(datagrams(st, Filter{Tab: TabServer}, In)) == 0 {
		c.Send([]byte("to the group"), false)
		time.Sleep(50 * time.Millisecond)
	}
	got := datagrams(st, Filter{Tab: TabServer}, In)
	if len(got) == 0 {
		t.Skipf("no multicast delivered on %s within 3s (the kernel does not route it here)", lo)
	}
	if string(got[0].Data) != "to the group" {
		t.Fatalf("got %q", got[0].Data)
	}
}

// loopbackInterface is the name of the loopback interface.
func loopbackInterface(t *testing.T) string {
	ifs, err := net.Interfaces()
	if err != nil {
		t.Skip(err)
	}
	for _, ifi := range ifs {
		if ifi.Flags&net.FlagLoopback != 0 && ifi.Flags&net.FlagUp != 0 {
			return ifi.Name
		}
	}
	t.Skip("no loopback interface")
	return ""
}

// TestUDPPeerCap: forged senders cannot grow the peer list without
// bound: at the cap the idlest peer is forgotten.
func TestUDPPeerCap(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s, addr := newUDPServer(t, st, func(s *Server) { s.peerCap = 3 })
	peers := make([]*net.UDPConn, 5)
	for i := range peers {
		peers[i] = rawPeer(t, addr)
		peers[i].Write([]byte{byte('a' + i)})
		waitFor(t, "the peer", func() bool { return st.ConnCount(TabServer) == i+1 })
	}
	if open := s.Open(); len(open) != 3 || open[0] != 3 {
		t.Fatalf("open peers %v, want the 3 newest", open)
	}
	if shed := log.find(`"event":"close"`, `shed: idle`, `3 UDP peers`); len(shed) != 2 {
		t.Fatalf("shed events: %q", log.find(`"event":"close"`))
	}
}
