package netassist

import (
	"cmp"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"time"
)

// MaxUDPPeers caps the peers a UDP socket remembers at once. Source
// addresses cost nothing to forge, so at the cap (or the server's
// MaxConns, if lower) a new sender makes the peer idle longest forgotten
// (closed by local, "shed: idle 42s, 10000 UDP peers").
const MaxUDPPeers = 10_000

// udpSocket is a UDP server socket and the peers it has heard from. Each
// peer is a *Conn (in Server.conns, so Open, Send, SendTo and CloseConn
// treat it as a connection) that writes through the shared socket.
type udpSocket struct {
	pc    *net.UDPConn
	local string

	mu    sync.Mutex // guards peers
	peers map[netip.AddrPort]*Conn
	// order is held by a peer's writer from a datagram's write to its
	// record, and by the reader to record one that arrived: an answer is
	// never recorded above the datagram it answers.
	order sync.Mutex
}

// listenUDP binds a UDP socket for ListenProto.
func (s *Server) listenUDP(addr string) (net.Addr, error) {
	pc, err := listenUDP(addr, s.UDP)
	if err != nil {
		err = opError(err, true)
		s.Store.RecordError(s.tab(), err.Error())
		return nil, err
	}
	if _, err := s.serveUDP(pc); err != nil {
		return nil, err
	}
	return pc.LocalAddr(), nil
}

// ServeUDP reads datagrams from pc until the server closes it, as Serve
// does for a TCP listener: pc becomes the server's current socket
// (replacing any listener), each source address a peer. It returns
// ErrServerClosed after Close or Shutdown, ErrListenerClosed after
// StopListening or a Listen that replaced it. s.UDP's group is not joined
// (listenUDP does that); its send settings are the caller's.
func (s *Server) ServeUDP(pc *net.UDPConn) error {
	sl, err := s.serveUDP(pc)
	if err != nil {
		return err
	}
	<-sl.done
	return sl.err
}

// serveUDP starts reading pc in the background.
func (s *Server) serveUDP(pc *net.UDPConn) (*serverListener, error) {
	u := &udpSocket{pc: pc, local: pc.LocalAddr().String(), peers: make(map[netip.AddrPort]*Conn)}
	return s.start(&serverListener{udp: u, proto: ProtoUDP})
}

// udpLoop is a UDP socket's one reader: it records each datagram as one
// chunk under the peer that sent it (a new peer first gets its open event
// and a conn number) and runs the auto-reply rule. It owns sl.done. When
// the socket stops (StopListening, a new Listen) its peers are forgotten:
// they cannot be reached without it. After Close or Shutdown they are
// left to those, which drain them and close the socket.
func (s *Server) udpLoop(sl *serverListener) {
	defer s.wg.Done()
	defer close(sl.done)
	u := sl.udp
	defer Recover(string(s.tab())+" UDP reader", func(p *PanicError) {
		s.Store.RecordError(s.tab(), p.Error())
		sl.err = p
		s.forgetListener(sl)
		s.endUDP(u)
	})
	buf := make([]byte, cmp.Or(s.dgramBuf, datagramBuf))
	var delay time.Duration
	for {
		n, _, flags, from, err := u.pc.ReadMsgUDPAddrPort(buf, nil)
		if err != nil {
			if isStopErr(err) {
				sl.err = s.forgetListener(sl)
				if sl.err == nil {
					sl.err = err // closed by its owner
				}
				if sl.err != ErrServerClosed {
					s.endUDP(u)
				}
				return
			}
			// An ICMP error for an earlier reply, or the system short of
			// memory: say so, and go on (with a pause if it repeats).
			delay = min(max(2*delay, time.Millisecond), time.Second)
			s.Store.RecordUnaskedError(s.tab(), fmt.Sprintf("%v; still reading", opError(err, false)))
			t := time.NewTimer(delay)
			select {
			case <-t.C:
			case <-sl.stop:
				t.Stop()
			}
			continue
		}
		delay = 0
		c, first := s.peer(u, from)
		if c == nil {
			continue // the server is closing
		}
		c.moved()
		c.recordIn(&u.order, buf[:n], flags&msgTrunc != 0)
		if c.onRead != nil {
			c.onRead(c, buf[:n], first)
		}
	}
}

// peer returns the peer at from, registering it (an open event, a conn
// number) if it is new; first says it is. nil when the server is closed.
// An IPv4 peer of a dual-stack socket (IPv4-mapped) is keyed, shown and
// written to as IPv4: the system maps it back for the socket.
func (s *Server) peer(u *udpSocket, from netip.AddrPort) (c *Conn, first bool) {
	from = unmapAddrPort(from)
	u.mu.Lock()
	if c = u.peers[from]; c != nil {
		u.mu.Unlock()
		return c, false
	}
	id := s.Store.RecordOpenProto(s.tab(), u.local, from.String(), ProtoUDP, nil)
	nc := &udpPeerConn{sock: u, to: from, raddr: net.UDPAddrFromAddrPort(from)}
	c = newConn(id, nc, s.Store, s.tab())
	c.maxDatagram = int32(maxDatagramFor(from.Addr()))
	c.readerGone = true // no reader: whoever closes it records the close
	if s.AutoReply != nil {
		c.onRead = s.autoReply
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		u.mu.Unlock()
		c.Close()
		return nil, false
	}
	now := time.Now().UnixNano()
	victim, why := s.shedForLocked(now)
	if victim == nil && len(u.peers) >= s.maxPeers() {
		if v, idle := s.idlestLocked(now); v != nil {
			victim, why = v, fmt.Errorf("%w: idle %v, %d UDP peers", ErrShed, roundIdle(idle), len(u.peers))
		}
	}
	s.conns[id] = c
	s.wg.Add(1) // until the peer is forgotten
	s.mu.Unlock()
	c.onDone = func(c *Conn) {
		u.mu.Lock()
		if u.peers[from] == c {
			delete(u.peers, from)
		}
		u.mu.Unlock()
		s.forget(c)
	}
	u.peers[from] = c
	u.mu.Unlock()
	if victim != nil {
		victim.closeWith(why) // after u.mu: a UDP victim's close takes it
	}
	return c, true
}

// maxPeers is the UDP peer cap (tests lower it).
func (s *Server) maxPeers() int { return cmp.Or(s.peerCap, MaxUDPPeers) }

// AddPeer makes addr ("192.168.1.20:5000") a peer of the UDP socket
// without waiting for it to send first, so datagrams can be sent to it
// (NetAssist's "remote host"): an open event, a conn number. An address
// already a peer returns its ID. ErrNotUDP when not listening on UDP.
func (s *Server) AddPeer(addr string) (ConnID, error) {
	s.mu.Lock()
	sl := s.ln
	s.mu.Unlock()
	if sl == nil || sl.udp == nil {
		return 0, ErrNotUDP
	}
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return 0, err
	}
	c, _ := s.peer(sl.udp, ua.AddrPort())
	if c == nil {
		return 0, ErrServerClosed
	}
	return c.id, nil
}

// endUDP forgets every peer of u (closed by local: the socket is gone)
// and closes the socket.
func (s *Server) endUDP(u *udpSocket) {
	u.mu.Lock()
	peers := make([]*Conn, 0, len(u.peers))
	for _, c := range u.peers {
		peers = append(peers, c)
	}
	u.mu.Unlock()
	for _, c := range peers {
		c.closeWith(ErrListenerClosed)
	}
	u.pc.Close()
}

// stopUDP stops u's reader without closing the socket, so that queued
// replies can still go out (Shutdown), or the reader then forgets the
// peers and closes it (StopListening, a new Listen).
func stopUDP(u *udpSocket) {
	u.pc.SetReadDeadline(time.Unix(1, 0))
}
