package netassist

import (
	"fmt"
	"io"
	"net"
	"sync"
)

// Read buffer sizes: a connection starts small (10,000 idle clients cost
// little) and grows while reads fill its buffer. Once a 64 KiB read comes
// back full the peer is flooding: it then reads up to 256 KiB at a time
// straight into capture memory (a quarter of the syscalls; measured 0.78x
// -> 1.05x of a bare 64 KiB read loop on loopback).
const (
	minReadBuf = 4 << 10
	maxReadBuf = 64 << 10
	hotReadBuf = 256 << 10
)

// Conn is one TCP connection owned by the engine. A single goroutine reads
// it and captures every chunk in the store; writes are queued and written in
// order by a goroutine that exists only while the queue is non-empty, so an
// idle connection costs one goroutine.
type Conn struct {
	id    ConnID
	nc    net.Conn
	store *Store
	tab   Tab // for naming the connection in a recovered panic
	// onRead, if set, is called by the reader after each captured read;
	// b is only valid during the call.
	onRead func(c *Conn, b []byte, first bool)
	// onDone, if set, is called once after the connection is closed and its
	// close recorded.
	onDone func(c *Conn)

	mu          sync.Mutex // guards queue, writing, closeQueued, closing, peerDone, finalized
	queue       []outMsg
	writing     bool // a writer goroutine is draining queue
	closeQueued bool // a close is queued after pending writes: accept no more
	closing     bool // we closed (or are closing) the socket
	peerDone    bool // the peer finished sending (EOF); close once writes drain
	finalized   bool // finalize has run or is running

	writer sync.WaitGroup // the writer goroutine, while it runs
	done   chan struct{}  // closed once the close is recorded
}

type outMsg struct {
	data      []byte
	close     bool // close the connection after data
	halfClose bool // shut down our sending side after data
}

func newConn(id ConnID, nc net.Conn, st *Store, tab Tab) *Conn {
	return &Conn{id: id, nc: nc, store: st, tab: tab, done: make(chan struct{})}
}

// serve runs the reader until the connection ends. A panic on the reader
// (the capture, an onRead hook such as an auto-reply rule) is recorded as
// an error event and closes this connection, with the panic as the close
// event's error.
func (c *Conn) serve() {
	defer Recover(fmt.Sprintf("%s conn %d reader", c.tab, c.id), c.panicked)
	c.readLoop()
}

// panicked records a panic on one of c's goroutines and closes c.
func (c *Conn) panicked(p *PanicError) {
	c.store.RecordError(c.tab, p.Error())
	c.mu.Lock()
	c.queue = nil
	c.mu.Unlock()
	c.finalize(ByLocal, p, false)
}

// ID is the connection's stable ID.
func (c *Conn) ID() ConnID { return c.id }

// Done is closed once the connection is closed and its close recorded.
func (c *Conn) Done() <-chan struct{} { return c.done }

// Send queues b to be written, then the connection closed if closeAfter.
// It does not wait for the write: bytes written appear in the store (dir
// out) as they cross the socket, and a failed write closes the connection
// with the error recorded.
func (c *Conn) Send(b []byte, closeAfter bool) error {
	return c.enqueue(outMsg{data: b, close: closeAfter})
}

// CloseWrite queues a half-close: after pending writes, send FIN and keep
// reading what the peer sends back.
func (c *Conn) CloseWrite() error { return c.enqueue(outMsg{halfClose: true}) }

func (c *Conn) enqueue(m outMsg) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing || c.closeQueued {
		return fmt.Errorf("conn %d: %w", c.id, ErrConnClosed)
	}
	if m.close {
		c.closeQueued = true // nothing may be queued after a close
	}
	c.queue = append(c.queue, m)
	if !c.writing {
		c.writing = true
		c.writer.Add(1) // under c.mu, before finalize can set closing
		go c.writeLoop()
	}
	return nil
}

func (c *Conn) writeLoop() {
	defer c.writer.Done()
	defer Recover(fmt.Sprintf("%s conn %d writer", c.tab, c.id), func(p *PanicError) {
		c.store.RecordError(c.tab, p.Error())
		c.fail(p)
	})
	for {
		c.mu.Lock()
		if len(c.queue) == 0 {
			c.writing = false
			peerDone := c.peerDone
			c.mu.Unlock()
			if peerDone {
				// The peer finished sending and our reply is out.
				c.finalize(ByPeer, nil, true)
			}
			return
		}
		m := c.queue[0]
		c.queue[0] = outMsg{}
		c.queue = c.queue[1:]
		c.mu.Unlock()

		if len(m.data) > 0 {
			// Record before writing: once written, the peer may answer and
			// the reader record the answer first, and a view would show
			// the reply above the request. A failed write says below how
			// much of this chunk really went out.
			c.store.RecordData(c.id, Out, m.data, 0)
			n, err := c.nc.Write(m.data)
			if err != nil {
				err = opError(err, false)
				if n < len(m.data) {
					err = fmt.Errorf("%w (only %d of the last %d bytes sent were written)", err, n, len(m.data))
				}
				c.fail(err)
				return
			}
		}
		if m.halfClose {
			if cw, ok := c.nc.(interface{ CloseWrite() error }); ok {
				if err := cw.CloseWrite(); err != nil {
					c.fail(opError(err, false))
					return
				}
			}
		}
		if m.close {
			c.mu.Lock()
			c.writing = false
			c.queue = nil
			c.mu.Unlock()
			c.shutFrom(true)
			return
		}
	}
}

// fail closes the connection after a write error.
func (c *Conn) fail(err error) {
	c.mu.Lock()
	c.queue = nil
	c.writing = false
	c.mu.Unlock()
	c.finalize(ByLocal, err, true)
}

// Close closes the connection now, dropping queued writes.
func (c *Conn) Close() error {
	c.mu.Lock()
	c.queue = nil
	c.mu.Unlock()
	return c.shutFrom(false)
}

// shut marks the close as ours and closes the socket; the reader then
// returns and records the close (or, if the reader already left because
// the peer finished sending, shut records it).
func (c *Conn) shut() error { return c.shutFrom(false) }

// shutFrom is shut; fromWriter says the caller is the writer goroutine.
func (c *Conn) shutFrom(fromWriter bool) error {
	c.mu.Lock()
	c.closing = true
	readerGone := c.peerDone
	c.mu.Unlock()
	err := c.nc.Close()
	if readerGone {
		c.finalize(ByLocal, nil, fromWriter)
	}
	return err
}

// readLoop captures everything the peer sends until the connection ends.
// A quiet connection waits for bytes without a buffer, then reads them into
// one borrowed from a pool (10,000 idle clients pin no read buffers). When
// a read fills its buffer the connection gets one of its own, doubling
// while reads fill it; while the peer floods (full 64 KiB reads) it reads
// straight into capture memory, so bytes reach the store without a copy.
func (c *Conn) readLoop() {
	size := minReadBuf
	var own []byte // nil: borrow from smallBufs
	waiter := newReadWaiter(c.nc)
	first, hot := true, false
	for {
		var r reservation
		var buf []byte
		var pooled *[minReadBuf]byte
		switch {
		case hot:
			r = c.store.reserve(c.id, hotReadBuf)
			buf = r.buf()
		case own != nil:
			buf = own
		case waiter != nil:
			if err := waiter.wait(c.nc); err != nil {
				c.readerDone(err)
				return
			}
			pooled = smallBufs.Get().(*[minReadBuf]byte)
			buf = pooled[:]
		default:
			own = make([]byte, size)
			buf = own
		}
		n, err := c.nc.Read(buf)
		if hot {
			c.store.dataReserved(c.id, In, r, n)
		} else if n > 0 {
			c.store.RecordData(c.id, In, buf[:n], 0)
		}
		if n > 0 {
			if c.onRead != nil {
				c.onRead(c, buf[:n], first)
			}
			first = false
			full := n == len(buf)
			switch {
			case full && size < maxReadBuf:
				size *= 2
				own = make([]byte, size)
			case full:
				hot = true
			default:
				hot = false
			}
		}
		if pooled != nil {
			smallBufs.Put(pooled)
		}
		if err != nil {
			c.readerDone(err)
			return
		}
	}
}

// smallBufs lends quiet connections their read buffer for one read.
var smallBufs = sync.Pool{New: func() any { return new([minReadBuf]byte) }}

// readerDone records why the reader stopped, unless queued writes (a reply
// to a peer that half-closed) must go out first: then the writer finishes
// the connection once its queue drains.
func (c *Conn) readerDone(err error) {
	c.mu.Lock()
	local := c.closing
	if err == io.EOF && !local && c.writing {
		c.peerDone = true
		c.mu.Unlock()
		return
	}
	c.closing = true
	c.mu.Unlock()
	switch {
	case local:
		c.finalize(ByLocal, nil, false)
	case err == io.EOF:
		c.finalize(ByPeer, nil, false)
	default:
		c.finalize(ByPeer, opError(err, false), false)
	}
}

// finalize records the close (the first call wins), closes the socket and
// tells the owner. It runs exactly once per connection. Unless the writer
// itself calls it, it waits for the writer (unblocked by the socket's
// close), so a chunk written is never recorded after the close event.
func (c *Conn) finalize(by CloseBy, err error, fromWriter bool) {
	c.mu.Lock()
	if c.finalized {
		// Someone else is finishing the connection; never wait for them
		// (they may be waiting for us, the writer).
		c.mu.Unlock()
		return
	}
	c.finalized = true
	c.closing = true
	c.mu.Unlock()
	c.nc.Close()
	if !fromWriter {
		c.writer.Wait()
	}
	c.store.RecordClose(c.id, by, err)
	if c.onDone != nil {
		c.onDone(c)
	}
	close(c.done)
}
