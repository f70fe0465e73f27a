package netassist

import (
	"io"
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
				c.readerDone(err, waiter)
				return
			}
			pooled = smallBufs.Get().(*[minReadBuf]byte)
			buf = pooled[:]
		default:
			own = make([]byte, size)
			buf = own
		}
		n, err := c.nc.Read(buf)
		if n > 0 {
			c.moved() // before the capture: whoever sees the bytes sees the activity
		}
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
			c.readerDone(err, waiter)
			return
		}
	}
}

// smallBufs lends quiet connections their read buffer for one read.
var smallBufs = sync.Pool{New: func() any { return new([minReadBuf]byte) }}

// readerDone ends the reader. After the peer's FIN (EOF) a halfOpen
// connection stays open for writing, with the FIN recorded (an "eof"
// event), unless our FIN is out too; the reader then stays to learn of a
// reset (waiter.waitErr), or, without a waiter, leaves (readerGone) and
// whoever closes the connection finalizes it. A connection that is not
// halfOpen closes after the FIN, once queued writes are out. Any other
// error closes it.
func (c *Conn) readerDone(err error, waiter *readWaiter) {
	c.mu.Lock()
	switch {
	case c.closing:
		c.mu.Unlock()
		c.finalize(ByLocal, nil, false)
		return
	case err != io.EOF:
		c.closing = true
		c.wakeLocked()
		c.mu.Unlock()
		c.finalize(ByPeer, opError(err, false), false)
		return
	case c.halfOpen && !c.finSent:
		// Recorded under c.mu, so a Close that sees peerFIN finds the FIN
		// recorded before its close.
		c.peerFIN = true
		c.store.RecordEOF(c.id, In)
		if waiter == nil {
			c.readerGone = true
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		if err = waiter.waitErr(c.nc, &c.finChecks); err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF // never: waitErr reports an error
		}
		c.readerDone(err, nil)
		return
	case c.writing:
		c.peerFIN = true
		c.readerGone = true // a Close meanwhile finalizes
		c.drainClose = true // else the writer does, once the queue is out
		c.mu.Unlock()
		return
	}
	c.closing = true
	c.wakeLocked()
	c.mu.Unlock()
	c.finalize(ByPeer, nil, false)
}
