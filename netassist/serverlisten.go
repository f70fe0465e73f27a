package netassist

import (
	"errors"
	"fmt"
	"net"
	"time"
)

// The listener side of Server: one serverListener per Listen or Serve, its
// accept loop (with net/http's backoff on failing accepts), and how it is
// closed and forgotten. Accepted connections are handed to track
// (serverconns.go).

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
	// lastLocal is the local address of the last connection accepted
	// (its accept loop's own), shared by the next ones with the same.
	lastLocal string
}

// localOf is nc's local address as the store records it: the previous
// connection's string when it is the same (all of them, unless the
// listener is on a wildcard address), so 10,000 idle connections do not
// hold 10,000 copies. Called by sl's accept loop only.
func (sl *serverListener) localOf(nc net.Conn) string {
	if a := nc.LocalAddr().String(); a != sl.lastLocal {
		sl.lastLocal = a
	}
	return sl.lastLocal
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
			s.track(nc, sl.localOf(nc))
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
		s.Store.RecordUnaskedError(s.tab(), fmt.Sprintf("%v; retrying in %v", opError(err, false), delay))
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
