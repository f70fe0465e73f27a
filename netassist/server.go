package netassist

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"sync"
	"time"
)

// ErrServerClosed is returned by Serve after Close or Shutdown, and by
// Listen on a closed server.
var ErrServerClosed = errors.New("netassist: server closed")

// ErrNotListening is returned by StopListening when there is no listener.
var ErrNotListening = errors.New("not listening")

// Reply is what an AutoReply policy wants sent back.
type Reply struct {
	Data       []byte
	CloseAfter bool
}

// Server is the TCP server of the Server tab: it accepts any number of
// clients, captures everything each one sends and sends what it is told to.
// Its listener can be stopped and started again on another address while
// the connections it accepted stay open.
type Server struct {
	// Store receives every chunk. Required.
	Store *Store
	// Tab names the server's events; TabServer if empty.
	Tab Tab
	// AutoReply, if set, is asked after each read whether to answer; first
	// is true for a connection's first read. It runs on the connection's
	// reader goroutine and must be quick.
	AutoReply func(id ConnID, b []byte, first bool) (Reply, bool)

	mu     sync.Mutex // guards ln, conns, closed
	ln     net.Listener
	conns  map[ConnID]*Conn
	closed bool
	wg     sync.WaitGroup // accept loops and connection readers
}

func (s *Server) tab() Tab {
	if s.Tab == "" {
		return TabServer
	}
	return s.Tab
}

// Listen binds addr, replacing the current listener if there is one (open
// connections stay), and accepts in the background. It returns the bound
// address (useful with port 0).
func (s *Server) Listen(addr string) (net.Addr, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		s.Store.RecordError(s.tab(), err.Error())
		return nil, err
	}
	if err := s.start(ln); err != nil {
		return nil, err
	}
	return ln.Addr(), nil
}

// Serve accepts connections on l until l is closed, StopListening, Close or
// Shutdown. It always returns a non-nil error; ErrServerClosed after Close.
func (s *Server) Serve(l net.Listener) error {
	if err := s.start(l); err != nil {
		return err
	}
	s.wg.Wait()
	return ErrServerClosed
}

func (s *Server) start(l net.Listener) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		l.Close()
		return ErrServerClosed
	}
	old := s.ln
	s.ln = l
	if s.conns == nil {
		s.conns = make(map[ConnID]*Conn)
	}
	s.wg.Add(1)
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
	s.Store.RecordListen(s.tab(), l.Addr().String())
	go s.acceptLoop(l)
	return nil
}

func (s *Server) acceptLoop(l net.Listener) {
	defer s.wg.Done()
	var delay time.Duration // backoff on temporary errors, as net/http does
	for {
		nc, err := l.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				s.stopped(l)
				return
			}
			if delay == 0 {
				delay = 5 * time.Millisecond
			} else {
				delay = min(2*delay, time.Second)
			}
			s.Store.RecordError(s.tab(), fmt.Sprintf("accept: %v; retrying in %v", err, delay))
			time.Sleep(delay)
			continue
		}
		delay = 0
		s.track(nc)
	}
}

// stopped forgets listener l if it is current. (No event: DESIGN.md §3
// has none for it, and a restart is visible as a new listen event.)
func (s *Server) stopped(l net.Listener) {
	s.mu.Lock()
	if s.ln == l {
		s.ln = nil
	}
	s.mu.Unlock()
}

func (s *Server) track(nc net.Conn) {
	id := s.Store.RecordOpen(s.tab(), nc.LocalAddr().String(), nc.RemoteAddr().String())
	c := newConn(id, nc, s.Store)
	if s.AutoReply != nil {
		c.onRead = s.autoReply
	}
	c.onDone = s.forget
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		c.shut()
		c.readLoop() // records the close
		return
	}
	s.conns[id] = c
	s.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		c.readLoop()
	}()
}

func (s *Server) autoReply(c *Conn, b []byte, first bool) {
	if r, ok := s.AutoReply(c.id, b, first); ok {
		c.Send(r.Data, r.CloseAfter)
	}
}

func (s *Server) forget(c *Conn) {
	s.mu.Lock()
	delete(s.conns, c.id)
	s.mu.Unlock()
}

// Addr is the address the server listens on, or nil.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// StopListening closes the listener; accepted connections stay open.
func (s *Server) StopListening() error {
	s.mu.Lock()
	ln := s.ln
	s.ln = nil
	s.mu.Unlock()
	if ln == nil {
		return ErrNotListening
	}
	return ln.Close()
}

// Open returns the IDs of the open connections, in order.
func (s *Server) Open() []ConnID {
	s.mu.Lock()
	ids := make([]ConnID, 0, len(s.conns))
	for id := range s.conns {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func (s *Server) conn(id ConnID) (*Conn, error) {
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
		c, err := s.conn(id)
		if err != nil {
			return 0, err
		}
		if err := c.Send(b, closeAfter); err != nil {
			return 0, err
		}
		return 1, nil
	}
	s.mu.Lock()
	conns := make([]*Conn, 0, len(s.conns))
	for _, c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	sent := 0
	for _, c := range conns {
		if c.Send(b, closeAfter) == nil {
			sent++
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
	c, err := s.conn(id)
	if err != nil {
		return err
	}
	return c.Close()
}

func (s *Server) closeConns() {
	s.mu.Lock()
	conns := make([]*Conn, 0, len(s.conns))
	for _, c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}

// Close stops listening, closes every connection and waits for their
// goroutines to end.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	ln := s.ln
	s.ln = nil
	s.mu.Unlock()
	if ln != nil {
		ln.Close()
	}
	s.closeConns()
	s.wg.Wait()
	return nil
}

// Shutdown stops listening and waits, until ctx ends, for connections to
// close by themselves (queued writes included); then it closes the rest.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closed = true
	ln := s.ln
	s.ln = nil
	s.mu.Unlock()
	if ln != nil {
		ln.Close()
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
