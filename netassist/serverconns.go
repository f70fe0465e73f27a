package netassist

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"slices"
	"time"
)

// The accepted connections of Server: tracked from accept to close, looked
// up by ID, sent to (one, some or all, with flow control) and closed.

// track makes accepted nc a connection of the server; local is its local
// address.
func (s *Server) track(nc net.Conn, local string) {
	accepted := time.Now().UnixNano()
	p, ti := ProtoTCP, (*TLSInfo)(nil)
	if tc, ok := nc.(*tls.Conn); ok {
		p, ti = ProtoTLS, TLSInfoOf(tc.ConnectionState(), false)
	}
	id := s.Store.RecordOpenProto(s.tab(), local, nc.RemoteAddr().String(), p, ti)
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
// connections the bytes were queued for; to all, ErrNoConns when none
// took them, or the *DatagramSizeError when b is too large for a datagram
// of the UDP socket (the same limit for every peer).
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
		err := c.Send(b, closeAfter)
		switch {
		case err == nil:
			sent++
		case errors.Is(err, ErrDatagramTooLarge):
			return sent, err
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
// did, ctx.Err() (with the count so far) if ctx ends first, the
// *DatagramSizeError (with the count so far) when b does not fit a
// datagram.
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
		case errors.Is(err, ErrDatagramTooLarge):
			return sent, err
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
