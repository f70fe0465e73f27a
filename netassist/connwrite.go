package netassist

import (
	"context"
	"fmt"
)

// SendHighWater is the send queue's high-water mark: SendWait blocks while
// a connection has this many bytes (1 MiB) or more queued and not yet
// written. A file or a repeat sent with SendWait therefore holds at most
// about this much of it in memory per connection, and goes out at the pace
// the peer reads.
const SendHighWater = 1 << 20

// writePiece is the most the writer hands the socket at once. Each piece is
// recorded before it is written, so a write cut short (a reset) overstates
// what went out by less than one piece, and the close event says by how
// much ("unsent"). It also lets Queued shrink while a large send goes out.
const writePiece = 64 << 10

type outMsg struct {
	data      []byte
	close     bool // close the connection after data
	halfClose bool // shut down our sending side after data
	dgram     bool // data is one datagram, even empty (a UDP connection's Send)
}

// Send queues b to be written, then the connection closed if closeAfter.
// It does not wait for the write, and never blocks: bytes written appear in
// the store (dir out) as they cross the socket, and a failed write closes
// the connection with the error recorded. The engine keeps b until it is
// written: do not modify it. ErrConnClosed if the connection is closed or
// a close is queued.
func (c *Conn) Send(b []byte, closeAfter bool) error {
	if err := c.checkDatagram(b); err != nil {
		return err
	}
	return c.enqueue(outMsg{data: b, close: closeAfter, dgram: c.maxDatagram > 0})
}

// SendWait is Send with flow control: while SendHighWater bytes or more are
// queued, it waits for the writer to make room (or ctx to end, returning
// ctx.Err(), or the connection to close, returning ErrConnClosed), then
// queues b. It returns once b is queued, not written.
func (c *Conn) SendWait(ctx context.Context, b []byte, closeAfter bool) error {
	if err := c.checkDatagram(b); err != nil {
		return err
	}
	m := outMsg{data: b, close: closeAfter, dgram: c.maxDatagram > 0}
	for {
		c.mu.Lock()
		if err := c.refuseLocked(); err != nil {
			c.mu.Unlock()
			return err
		}
		if c.queued+c.inflight < SendHighWater {
			c.enqueueLocked(m)
			c.mu.Unlock()
			return nil
		}
		space := c.spaceLocked()
		c.mu.Unlock()
		select {
		case <-space:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Queued is the number of bytes queued by Send and SendWait and not yet
// written to the socket (0 once the connection is closed).
func (c *Conn) Queued() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.queued + c.inflight
}

// WaitWritten waits until every byte queued so far has been written to the
// socket (the kernel took it; the peer may not have read it yet). It
// returns nil then, ctx.Err() if ctx ends first, and ErrConnClosed if the
// connection closed with queued bytes not written.
func (c *Conn) WaitWritten(ctx context.Context) error {
	for {
		c.mu.Lock()
		switch {
		case c.lost:
			c.mu.Unlock()
			return c.closedErr()
		case c.queued+c.inflight == 0:
			c.mu.Unlock()
			return nil
		}
		space := c.spaceLocked()
		c.mu.Unlock()
		select {
		case <-space:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// CloseWrite queues a half-close: after pending writes, send FIN and keep
// reading what the peer sends back.
func (c *Conn) CloseWrite() error {
	if c.maxDatagram > 0 {
		return ErrNoHalfClose
	}
	return c.enqueue(outMsg{halfClose: true})
}

func (c *Conn) closedErr() error { return fmt.Errorf("conn %d: %w", c.id, ErrConnClosed) }

// refuseLocked is why nothing more may be queued, or nil. Called with c.mu
// held.
func (c *Conn) refuseLocked() error {
	switch {
	case c.closing || c.closeQueued:
		return c.closedErr()
	case c.finQueued:
		return fmt.Errorf("conn %d: %w", c.id, ErrWriteClosed)
	}
	return nil
}

func (c *Conn) enqueue(m outMsg) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.refuseLocked(); err != nil {
		return err
	}
	c.enqueueLocked(m)
	return nil
}

// enqueueLocked queues m and starts the writer if it is not running.
// Called with c.mu held, the connection not closing.
func (c *Conn) enqueueLocked(m outMsg) {
	if m.close {
		c.closeQueued = true // nothing may be queued after a close
	}
	if m.halfClose {
		c.finQueued = true // nor data after our FIN
	}
	c.queue = append(c.queue, m)
	c.queued += len(m.data)
	if !c.writing {
		c.writing = true
		c.writer.Add(1) // under c.mu, before finalize can set closing
		go c.writeLoop()
	}
}

// spaceLocked returns the channel closed when Queued next shrinks or the
// connection closes. Called with c.mu held.
func (c *Conn) spaceLocked() <-chan struct{} {
	if c.space == nil {
		c.space = make(chan struct{})
	}
	return c.space
}

// wakeLocked wakes SendWait and WaitWritten callers. Called with c.mu held.
func (c *Conn) wakeLocked() {
	if c.space != nil {
		close(c.space)
		c.space = nil
	}
}

// dropQueueLocked forgets the queued messages (a close). Called with c.mu
// held.
func (c *Conn) dropQueueLocked() {
	if c.queued > 0 || c.inflight > 0 {
		c.lost = true
	}
	clear(c.queue)
	c.queue = nil
	c.queued = 0
	c.wakeLocked()
}

// wrote accounts for n bytes of the message in flight written.
func (c *Conn) wrote(n int) {
	c.mu.Lock()
	c.inflight = max(c.inflight-n, 0)
	c.wakeLocked()
	c.mu.Unlock()
}

// recoverWriter is Recover for the writer (see recoverReader).
func (c *Conn) recoverWriter() {
	if r := recover(); r != nil {
		p := asPanic(r, fmt.Sprintf("%s conn %d writer", c.tab, c.id))
		c.store.RecordError(c.tab, p.Error())
		c.fail(p)
	}
}

func (c *Conn) writeLoop() {
	defer c.writer.Done()
	defer c.recoverWriter()
	for {
		c.mu.Lock()
		if len(c.queue) == 0 {
			c.writing = false
			drainClose := c.drainClose
			c.mu.Unlock()
			if drainClose {
				// The peer finished sending and our reply is out.
				c.finalize(ByPeer, nil, true)
			}
			return
		}
		m := c.queue[0]
		c.queue[0] = outMsg{}
		c.queue = c.queue[1:]
		c.queued -= len(m.data)
		c.inflight = len(m.data)
		c.mu.Unlock()

		if m.dgram {
			if err := c.writeDatagram(m.data); err != nil {
				c.fail(err)
				return
			}
			m.data = nil
		}
		for off := 0; off < len(m.data); {
			p := m.data[off:min(off+writePiece, len(m.data))]
			// Record before writing: once written, the peer may answer and
			// the reader record the answer first, and a view would show
			// the reply above the request. A write cut short leaves the
			// rest of the piece in unsent, which the close event reports.
			c.store.RecordData(c.id, Out, p, 0)
			c.moved() // also before: the peer may have the bytes before Write returns
			n, err := c.nc.Write(p)
			off += n
			if n > 0 {
				c.moved()
			}
			c.wrote(n)
			if err != nil {
				c.mu.Lock()
				c.unsent += int64(len(p) - n)
				c.lost = true
				c.mu.Unlock()
				c.fail(err)
				return
			}
		}
		if m.halfClose {
			if cw, ok := c.nc.(interface{ CloseWrite() error }); ok {
				if err := cw.CloseWrite(); err != nil {
					c.fail(err)
					return
				}
			}
			c.mu.Lock()
			c.finSent = true
			c.store.RecordEOF(c.id, Out)
			// Both directions done: close, unless the writer already
			// closes once drained (the peer's FIN came while it wrote).
			bothDone := c.peerFIN && !c.drainClose
			c.mu.Unlock()
			if bothDone {
				// The peer had finished sending: with our FIN both
				// directions are done.
				c.mu.Lock()
				c.writing = false
				c.dropQueueLocked()
				c.mu.Unlock()
				c.shutFrom(true)
				return
			}
		}
		if m.close {
			c.mu.Lock()
			c.writing = false
			c.dropQueueLocked()
			c.mu.Unlock()
			c.shutFrom(true)
			return
		}
	}
}
