package netassist

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
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
	ln, err := net.Listen(ListenNetwork("tcp", addr), addr)
	if err != nil {
		err = opError(err, true)
		s.Store.RecordError(s.tab(), err.Error())
		return nil, err
	}
	sl := &serverListener{l: ln, proto: p}
	if p == ProtoTLS {
		sl.l = NewTLSListener(ln, s.TLS, s.HandshakeTimeout, func(remote net.Addr, err error) {
			s.Store.RecordUnaskedError(s.tab(), HandshakeError(remote, err))
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
