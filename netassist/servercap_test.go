package netassist

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// capServer starts a Server with cap n on 127.0.0.1:0.
func capServer(t *testing.T, st *Store, n int) (*Server, string) {
	t.Helper()
	s := &Server{Store: st, MaxConns: n}
	addr, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, addr.String()
}

// dialN opens n connections and waits until the server has them all.
func dialN(t *testing.T, st *Store, addr string, n int) []net.Conn {
	t.Helper()
	before := st.ConnCount(TabServer)
	conns := make([]net.Conn, n)
	for i := range conns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		conns[i] = c
		waitFor(t, "accepted", func() bool { return st.ConnCount(TabServer) == before+i+1 })
	}
	return conns
}

// send writes b on c and waits until the server has it on conn id.
func sendAndWait(t *testing.T, st *Store, c net.Conn, id ConnID, b string) {
	t.Helper()
	in, _ := st.Conn(id)
	if _, err := c.Write([]byte(b)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "bytes in", func() bool { i, _ := st.Conn(id); return i.BytesIn == in.BytesIn+int64(len(b)) })
}

// closedWith waits until conn id is closed and returns its error text.
func closedWith(t *testing.T, st *Store, id ConnID) string {
	t.Helper()
	waitFor(t, fmt.Sprintf("conn %d closed", id), func() bool { in, _ := st.Conn(id); return !in.Open })
	in, _ := st.Conn(id)
	if in.ClosedBy != ByLocal {
		t.Errorf("conn %d closed by %v", id, in.ClosedBy)
	}
	return in.Err
}

// At the cap a newcomer is accepted and the connection idle longest (no
// byte either way for longest) is shed, with the reason recorded.
func TestCapShedsTheIdlest(t *testing.T) {
	st := NewStore(0)
	s, addr := capServer(t, st, 3)
	if got := s.Stats(); got.MaxConns != 3 || got.Open != 0 || got.Shed != 0 {
		t.Fatalf("Stats = %+v", got)
	}
	c := dialN(t, st, addr, 3) // conns 1, 2, 3
	sendAndWait(t, st, c[1], 2, "b")
	sendAndWait(t, st, c[2], 3, "c")

	d := dialN(t, st, addr, 1) // conn 4: conn 1 has been idle longest
	if why := closedWith(t, st, 1); !strings.HasPrefix(why, "shed: idle ") || !strings.HasSuffix(why, ", cap 3 reached") {
		t.Errorf("conn 1 closed with %q", why)
	}
	c[0].SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := c[0].Read(make([]byte, 1)); err == nil {
		t.Errorf("the shed client read %d bytes", n)
	}

	dialN(t, st, addr, 1) // conn 5: conn 2 (its byte came before conn 3's)
	closedWith(t, st, 2)
	sendAndWait(t, st, c[2], 3, "again")
	// Our writes count as activity too.
	if _, err := s.Send(4, []byte("to d"), false); err != nil {
		t.Fatal(err)
	}
	d[0].SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(d[0], make([]byte, 4)); err != nil {
		t.Fatal(err)
	}
	dialN(t, st, addr, 1) // conn 6: conn 5 (opened, silent) is now the idlest
	closedWith(t, st, 5)

	if got := s.Stats(); got.Open != 3 || got.Shed != 3 || got.MaxConns != 3 {
		t.Errorf("Stats = %+v, want 3 open, 3 shed", got)
	}
	if open := s.Open(); fmt.Sprint(open) != "[3 4 6]" {
		t.Errorf("Open = %v, want [3 4 6]", open)
	}
}

// A shed decision made from a batch of candidates is exact: a candidate
// that moved bytes since the scan is passed over.
func TestCapSkipsCandidatesActiveSinceTheScan(t *testing.T) {
	st := NewStore(0)
	_, addr := capServer(t, st, 20)
	c := dialN(t, st, addr, 20) // conns 1..20, idlest first
	dialN(t, st, addr, 1)       // conn 21: scans, sheds 1
	closedWith(t, st, 1)
	sendAndWait(t, st, c[1], 2, "x") // conn 2 was the next candidate
	dialN(t, st, addr, 1)            // conn 22: sheds 3, not 2
	closedWith(t, st, 3)
	if in, _ := st.Conn(2); !in.Open {
		t.Error("conn 2 was shed though it had just sent bytes")
	}
}

// A burst of newcomers far past the cap is served at once, none left in
// the backlog: each is accepted and an idle one makes room.
func TestCapBurst(t *testing.T) {
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s, addr := capServer(t, st, 20)
	const n = 300
	conns := make([]net.Conn, 0, n)
	for range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	waitFor(t, "all accepted", func() bool { return st.ConnCount(TabServer) == n })
	waitFor(t, "sheds recorded", func() bool { return st.Totals(TabServer).Open == 20 })
	if got := s.Stats(); got.Open != 20 || got.Shed != n-20 {
		t.Errorf("Stats = %+v", got)
	}
	if got := len(log.find(`"event":"close"`, `"err":"shed: idle `, `cap 20 reached"`)); got != n-20 {
		t.Errorf("%d shed close events, want %d", got, n-20)
	}
	// The newest are the ones left, and they work.
	last := conns[n-1]
	last.Write([]byte("still served"))
	waitFor(t, "bytes", func() bool { return string(received(st, ConnID(n), In)) == "still served" })
}

func TestDefaultMaxConns(t *testing.T) {
	limit, err := RaiseFileLimit()
	n := DefaultMaxConns()
	if err == nil && limit > fdReserve+64 && uint64(n) != limit-fdReserve {
		t.Errorf("DefaultMaxConns = %d with a limit of %d", n, limit)
	}
	if n < 64 {
		t.Errorf("DefaultMaxConns = %d", n)
	}
	s := &Server{Store: NewStore(0)}
	defer s.Close()
	if _, err := s.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	if got := s.Stats().MaxConns; got != n {
		t.Errorf("a server without MaxConns has cap %d, want %d", got, n)
	}
	if !errors.Is(fmt.Errorf("%w: idle 1s, cap 1 reached", ErrShed), ErrShed) {
		t.Error("ErrShed does not match")
	}
}
