package netassist

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"slices"
	"sync"
	"time"
)

// Reply is what an AutoReply policy wants sent back.
type Reply struct {
	Data       []byte
	CloseAfter bool
}

// Server is the TCP server of the Server tab: it accepts any number of
// clients, captures everything each one sends and sends what it is told to.
// Its listener can be stopped and started again on another address while
// the connections it accepted stay open. Its life cycle is net/http's:
// Serve(l) or Listen(addr), then Shutdown(ctx) or Close.
type Server struct {
	// Store receives every chunk. Required.
	Store *Store
	// Tab names the server's events; TabServer if empty.
	Tab Tab
	// AutoReply, if set, is asked after each read whether to answer; first
	// is true for a connection's first read. It runs on the connection's
	// reader goroutine and must be quick. A panic in it is recovered,
	// recorded as an error event ("panic in auto-reply rule (server conn
	// 3): …") and closes that connection only.
	AutoReply func(id ConnID, b []byte, first bool) (Reply, bool)
	// CloseOnFIN makes a peer's FIN close its connection once queued
	// writes (an auto-reply) are out, for a server that will send nothing
	// more (headless mode: nobody types a reply). By default a FIN is a
	// half-close: the connection stays open for what the user sends (the
	// Server tab), with the FIN recorded as an "eof" event.
	CloseOnFIN bool
	// MaxConns caps the connections open at once; 0: DefaultMaxConns(),
	// from the open-file limit. It is read at the first Listen or Serve.
	// At the cap a newcomer is not left in the kernel's backlog: it is
	// accepted, and the open connection idle longest (no byte either way
	// for the longest time; half-closed ones are usually first) is shed:
	// closed by local, its close event's err "shed: idle 42s, cap N
	// reached" (errors.Is ErrShed). Stats says the cap and how many were
	// shed. A peer that keeps its connection busy is never shed for an
	// idle one.
	MaxConns int
	// Transport is what Listen binds (the command line's --udp, --tls);
	// ListenProto picks another. TCP if zero.
	Transport Proto
	// TLS is the server configuration of ListenProto(ProtoTLS, …): a
	// certificate (tlsconf makes a self-signed one). The capture holds
	// the plaintext inside TLS; each open event says the session.
	TLS *tls.Config
	// HandshakeTimeout bounds each TLS handshake
	// (DefaultHandshakeTimeout if zero). A failed handshake is an error
	// event, never a connection.
	HandshakeTimeout time.Duration
	// UDP is the UDP socket's settings (broadcast, a multicast group to
	// join) for ListenProto(ProtoUDP, …), read at each such Listen.
	UDP UDPOptions

	// dgramBuf is the UDP read buffer's size (tests cut datagrams with
	// it); 0: datagramBuf.
	dgramBuf int
	// peerCap is the UDP peer cap (tests); 0: MaxUDPPeers.
	peerCap int

	mu       sync.Mutex // guards ln, proto, conns, closed, maxConns, shed, cands
	proto    Proto      // of the current or last listener
	ln       *serverListener
	conns    map[ConnID]*Conn // open connections, half-closed ones included
	closed   bool
	maxConns int            // the cap in force, fixed at the first start
	shed     int64          // connections shed to make room
	cands    []shedCand     // shed candidates, idlest last (servercap.go)
	wg       sync.WaitGroup // accept loops and open connections
}

// serverListener is one listener and its accept loop, or one UDP socket
// and its reader.
type serverListener struct {
	l       net.Listener // nil for UDP
	udp     *udpSocket   // UDP only
	proto   Proto
	stop    chan struct{} // closed when the listener is closed by us: wakes a backoff sleep
	stopped bool          // closed by StopListening or replaced by Listen; guarded by Server.mu
	done    chan struct{} // closed when the accept loop has returned; err is set then
	err     error         // why the accept loop returned
}

func (s *Server) tab() Tab {
	if s.Tab == "" {
		return TabServer
	}
	return s.Tab
}

// Listen binds addr with s.Transport (TCP by default), replacing the
// current listener if there is one (open connections stay), and accepts
// in the background. It returns the bound address (useful with port 0).
// A failure is also recorded as an error event ("listen tcp
// 127.0.0.1:7890: address already in use").
func (s *Server) Listen(addr string) (net.Addr, error) { return s.ListenProto(s.Transport, addr) }

// ListenProto is Listen over transport p: ProtoTLS accepts TCP
// connections and completes their TLS handshake (with s.TLS) before they
// are connections; ProtoUDP binds a UDP socket (with s.UDP) whose every
// source address is a peer, shown and sent to as a connection. Replacing
// a UDP socket forgets its peers (closed by local: "listener closed").
// The listen event says the transport (and the certificate's
// fingerprint).
func (s *Server) ListenProto(p Proto, addr string) (net.Addr, error) {
	if p == ProtoUDP {
		return s.listenUDP(addr)
	}
	if p == ProtoTLS && s.TLS == nil {
		err := errors.New("TLS: no certificate configured")
		s.Store.RecordError(s.tab(), err.Error())
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		err = opError(err, true)
		s.Store.RecordError(s.tab(), err.Error())
		return nil, err
	}
	sl := &serverListener{l: ln, proto: p}
	if p == ProtoTLS {
		sl.l = NewTLSListener(ln, s.TLS, s.HandshakeTimeout, func(remote net.Addr, err error) {
			s.Store.RecordError(s.tab(), HandshakeError(remote, err))
		})
	}
	if _, err := s.start(sl); err != nil {
		return nil, err
	}
	return ln.Addr(), nil
}

// Proto is the transport of the current (or last) listener.
func (s *Server) Proto() Proto {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.proto
}

// Serve accepts connections on l until l stops accepting, and returns
// then; the connections it accepted stay open and keep being captured
// (Close or Shutdown ends them). As net/http's Serve, it always returns a
// non-nil error: ErrServerClosed after Close or Shutdown (and only then),
// ErrListenerClosed after StopListening or a Listen that replaced l, or
// the error that stopped Accept (l closed by its owner, a recovered panic).
// l becomes the server's current listener, replacing any other.
func (s *Server) Serve(l net.Listener) error {
	p := ProtoTCP
	if _, ok := l.(*TLSListener); ok {
		p = ProtoTLS
	}
	sl, err := s.start(&serverListener{l: l, proto: p})
	if err != nil {
		return err
	}
	<-sl.done
	return sl.err
}

func (s *Server) start(sl *serverListener) (*serverListener, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		sl.closeNow()
		return nil, ErrServerClosed
	}
	old := s.ln
	sl.stop, sl.done = make(chan struct{}), make(chan struct{})
	s.ln = sl
	s.proto = sl.proto
	if s.conns == nil {
		s.conns = make(map[ConnID]*Conn)
	}
	s.resolveCapLocked()
	s.wg.Add(1)
	s.mu.Unlock()
	if old != nil {
		s.closeListener(old)
	}
	var ti *TLSInfo
	if sl.proto == ProtoTLS && s.TLS != nil && len(s.TLS.Certificates) > 0 && len(s.TLS.Certificates[0].Certificate) > 0 {
		ti = &TLSInfo{Fingerprint: Fingerprint(s.TLS.Certificates[0].Certificate[0])}
	}
	s.Store.RecordListenProto(s.tab(), sl.addr().String(), sl.proto, ti)
	if sl.udp != nil {
		go s.udpLoop(sl)
	} else {
		go s.acceptLoop(sl)
	}
	return sl, nil
}

// addr is the bound address.
func (sl *serverListener) addr() net.Addr {
	if sl.udp != nil {
		return sl.udp.pc.LocalAddr()
	}
	return sl.l.Addr()
}

// closeNow closes the listener or socket at once.
func (sl *serverListener) closeNow() {
	if sl.udp != nil {
		sl.udp.pc.Close()
		return
	}
	sl.l.Close()
}

// closeListener closes sl as asked by StopListening, Listen, Close or
// Shutdown.
func (s *Server) closeListener(sl *serverListener) {
	s.mu.Lock()
	first := !sl.stopped
	sl.stopped = true
	s.mu.Unlock()
	if first {
		close(sl.stop)
	}
	if sl.udp != nil {
		stopUDP(sl.udp) // its reader closes it, or Close and Shutdown do
		return
	}
	sl.l.Close()
}

// acceptLoop accepts on sl until it is closed; it owns sl.done.
func (s *Server) acceptLoop(sl *serverListener) {
	defer s.wg.Done()
	defer close(sl.done)
	defer Recover(string(s.tab())+" accept loop", func(p *PanicError) {
		s.Store.RecordError(s.tab(), p.Error())
		sl.err = p
		sl.l.Close()
		s.forgetListener(sl)
	})
	var delay time.Duration // backoff on failing accepts (EMFILE), as net/http does
	for {
		nc, err := sl.l.Accept()
		if err == nil {
			delay = 0
			s.track(nc)
			continue
		}
		if errors.Is(err, net.ErrClosed) {
			sl.err = s.forgetListener(sl)
			if sl.err == nil {
				sl.err = err // closed by its owner, not by us
			}
			return
		}
		if s.shedForFDs(err) {
			continue // a descriptor is free: accept the newcomer now
		}
		if delay == 0 {
			delay = 5 * time.Millisecond
		} else {
			delay = min(2*delay, time.Second)
		}
		s.Store.RecordError(s.tab(), fmt.Sprintf("%v; retrying in %v", opError(err, false), delay))
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-sl.stop:
			t.Stop()
		}
	}
}

// forgetListener forgets sl if it is current, and says why it closed:
// ErrServerClosed, ErrListenerClosed, or nil when not by us. (No event:
// DESIGN.md §3 has none for it, and a restart is visible as a new listen
// event.)
func (s *Server) forgetListener(sl *serverListener) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == sl {
		s.ln = nil
	}
	switch {
	case s.closed:
		return ErrServerClosed
	case sl.stopped:
		return ErrListenerClosed
	}
	return nil
}

func (s *Server) track(nc net.Conn) {
	accepted := time.Now().UnixNano()
	p, ti := ProtoTCP, (*TLSInfo)(nil)
	if tc, ok := nc.(*tls.Conn); ok {
		p, ti = ProtoTLS, TLSInfoOf(tc.ConnectionState(), false)
	}
	id := s.Store.RecordOpenProto(s.tab(), nc.LocalAddr().String(), nc.RemoteAddr().String(), p, ti)
	c := newConn(id, nc, s.Store, s.tab())
	c.last.Store(accepted)     // idle since it was accepted, not since this goroutine got here
	c.halfOpen = !s.CloseOnFIN // a client's FIN leaves it open for our reply
	if s.AutoReply != nil {
		c.onRead = s.autoReply
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		c.shut()
		c.readLoop() // records the close
		return
	}
	victim, why := s.shedForLocked(time.Now().UnixNano())
	s.conns[id] = c
	s.wg.Add(1) // until the connection is closed: its reader may end first (a FIN)
	s.mu.Unlock()
	c.onDone = s.forget
	if victim != nil {
		victim.closeWith(why) // frees its descriptor now
	}
	go c.serve()
}

func (s *Server) autoReply(c *Conn, b []byte, first bool) {
	defer func() {
		// NamePanic, with the name built only on a panic (this runs per read).
		if r := recover(); r != nil {
			panic(asPanic(r, fmt.Sprintf("auto-reply rule (%s conn %d)", s.tab(), c.id)))
		}
	}()
	if r, ok := s.AutoReply(c.id, b, first); ok {
		c.Send(r.Data, r.CloseAfter)
	}
}

// forget drops a closed connection (a shed one is already out of conns);
// its close is recorded.
func (s *Server) forget(c *Conn) {
	s.mu.Lock()
	if s.conns[c.id] == c {
		delete(s.conns, c.id)
	}
	s.mu.Unlock()
	s.wg.Done()
}

// Addr is the address the server listens on, or nil.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return nil
	}
	return s.ln.addr()
}

// StopListening closes the listener; accepted connections stay open. The
// Serve that was accepting on it returns ErrListenerClosed. It returns
// ErrNotListening when there is no listener.
func (s *Server) StopListening() error {
	s.mu.Lock()
	sl := s.ln
	s.ln = nil
	s.mu.Unlock()
	if sl == nil {
		return ErrNotListening
	}
	s.closeListener(sl)
	return nil
}

// Open returns the IDs of the open connections, in order: those whose
// peer finished sending (a FIN; ConnInfo.PeerFinished) included, as they
// still take what we send.
func (s *Server) Open() []ConnID {
	s.mu.Lock()
	ids := make([]ConnID, 0, len(s.conns))
	for id := range s.conns {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	slices.Sort(ids)
	return ids
}

// openConns returns the open connections, in ID order.
func (s *Server) openConns() []*Conn {
	s.mu.Lock()
	conns := make([]*Conn, 0, len(s.conns))
	for _, c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	slices.SortFunc(conns, func(a, b *Conn) int { return int(a.id - b.id) })
	return conns
}

// Conn returns open connection id, for its send queue (Queued,
// WaitWritten) and its Done channel. ErrConnClosed if it closed, ErrNoConn
// if the server never had it.
func (s *Server) Conn(id ConnID) (*Conn, error) {
	s.mu.Lock()
	c := s.conns[id]
	s.mu.Unlock()
	if c != nil {
		return c, nil
	}
	if info, ok := s.Store.Conn(id); ok && info.Tab == s.tab() {
		return nil, fmt.Errorf("conn %d: %w", id, ErrConnClosed)
	}
	return nil, fmt.Errorf("conn %d: %w", id, ErrNoConn)
}

// Send queues b for connection id, or for every open connection when id is
// AllConns, then closes it (them) if closeAfter. It returns how many
// connections the bytes were queued for.
func (s *Server) Send(id ConnID, b []byte, closeAfter bool) (int, error) {
	if id != AllConns {
		c, err := s.Conn(id)
		if err != nil {
			return 0, err
		}
		if err := c.Send(b, closeAfter); err != nil {
			return 0, err
		}
		return 1, nil
	}
	sent := 0
	for _, c := range s.openConns() {
		if c.Send(b, closeAfter) == nil {
			sent++
		}
	}
	if sent == 0 {
		return 0, ErrNoConns
	}
	return sent, nil
}

// SendWait queues b for connection id with flow control (Conn.SendWait):
// it waits while SendHighWater bytes or more are queued for it. It returns
// once b is queued; ctx.Err() if ctx ends first.
func (s *Server) SendWait(ctx context.Context, id ConnID, b []byte, closeAfter bool) error {
	c, err := s.Conn(id)
	if err != nil {
		return err
	}
	return c.SendWait(ctx, b, closeAfter)
}

// SendAll queues b for every connection open now; see SendTo.
func (s *Server) SendAll(ctx context.Context, b []byte, closeAfter bool) (int, error) {
	return s.SendTo(ctx, s.Open(), b, closeAfter)
}

// SendTo queues b for each connection of ids that is still open, in order,
// with flow control: it waits for each one's queue to drop below
// SendHighWater (Conn.SendWait), so a file or a repeat sent to several
// connections goes at the pace of the slowest reader. b is shared by every
// connection: do not modify it. It returns how many connections got b
// queued (one that closed meanwhile does not count); ErrNoConns when none
// did, ctx.Err() (with the count so far) if ctx ends first.
func (s *Server) SendTo(ctx context.Context, ids []ConnID, b []byte, closeAfter bool) (int, error) {
	sent := 0
	for _, id := range ids {
		c, err := s.Conn(id)
		if err != nil {
			continue
		}
		err = c.SendWait(ctx, b, closeAfter)
		switch {
		case err == nil:
			sent++
		case ctx.Err() != nil:
			return sent, ctx.Err()
		}
	}
	if sent == 0 {
		return 0, ErrNoConns
	}
	return sent, nil
}

// CloseConn closes connection id now (AllConns: every connection).
func (s *Server) CloseConn(id ConnID) error {
	if id == AllConns {
		s.closeConns()
		return nil
	}
	c, err := s.Conn(id)
	if err != nil {
		return err
	}
	return c.Close()
}

func (s *Server) closeConns() {
	for _, c := range s.openConns() {
		c.Close()
	}
}

// shutting marks the server closed and closes its listener; a UDP socket
// only stops reading, so replies still queued can go out: done closes it.
func (s *Server) shutting() (done func()) {
	s.mu.Lock()
	s.closed = true
	sl := s.ln
	s.ln = nil
	s.mu.Unlock()
	if sl == nil {
		return func() {}
	}
	s.closeListener(sl)
	return func() {
		if sl.udp != nil {
			sl.udp.pc.Close()
		}
	}
}

// Close stops listening, closes every connection (forgets every UDP
// peer) and waits for their goroutines to end. Serve returns
// ErrServerClosed.
func (s *Server) Close() error {
	done := s.shutting()
	s.closeConns()
	s.wg.Wait()
	done()
	return nil
}

// Shutdown stops listening and waits, until ctx ends, for connections to
// close by themselves (queued writes included): one whose peer finished
// sending (FIN) closes once its queued writes are out, the others when
// their peer closes. Then it closes the rest and returns ctx's error.
// Serve returns ErrServerClosed.
func (s *Server) Shutdown(ctx context.Context) error {
	closeSocket := s.shutting()
	defer closeSocket()
	for _, c := range s.openConns() {
		c.closeWhenDrained()
	}
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		s.closeConns()
		<-done
		return ctx.Err()
	}
}
