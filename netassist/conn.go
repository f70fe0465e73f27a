package netassist

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Conn is one TCP connection owned by the engine. A single goroutine reads
// it and captures every chunk in the store (connread.go); writes are
// queued and written in order by a goroutine that exists only while the
// queue is non-empty (connwrite.go), so an idle connection costs one
// goroutine.
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
	// refused counts ICMP port unreachable answers to our datagrams (a UDP
	// client: nothing listens at the address).
	refused atomic.Int64

	// mu guards the send queue (queue, queued, inflight, writing,
	// closeQueued, finQueued, space, unsent, lost) and the close state
	// (halfOpen, closing, peerFIN, readerGone, drainClose, finSent,
	// finalized, recorded, closeErr, done).
	mu          sync.Mutex
	queue       []outMsg
	queued      int           // bytes in queue
	inflight    int           // bytes of the message being written not yet written
	space       chan struct{} // closed (then nil) when Queued shrinks or the connection closes; made by a waiter
	unsent      int64         // bytes recorded as sent (dir out) that the socket never took
	writing     bool          // a writer goroutine is draining queue
	closeQueued bool          // a close is queued after pending writes: accept no more
	finQueued   bool          // our FIN is queued: accept no more data
	lost        bool          // queued bytes were dropped or not written: WaitWritten fails
	// halfOpen: a FIN from the peer ends its direction only; the
	// connection stays open for writing until it is closed, a write fails
	// or we send our FIN too (the Server's connections). Otherwise the
	// connection closes once queued writes are out (the Client's, as
	// telnet and ncat end on the server's FIN).
	halfOpen   bool
	closing    bool // we closed (or are closing) the socket
	peerFIN    bool // the peer finished sending (read EOF)
	readerGone bool // the reader returned after the peer's FIN: whoever closes finalizes
	drainClose bool // the peer finished sending and we are not halfOpen: close once writes drain
	finSent    bool // our FIN is out (CloseWrite)
	finalized  bool // finalize has run or is running
	recorded   bool // the close is recorded: Done is closed
	// maxDatagram > 0 makes this a UDP connection or peer (udp.go): each
	// message queued is one datagram, written whole, at most this long;
	// a failed write drops that datagram and keeps the peer. Set before
	// the connection is shared; int32, beside the flags, keeps Conn in a
	// smaller size class (an idle connection's cost, issue 13).
	maxDatagram int32
	closeErr    error // why we closed it, if for a reason (closeWith): the close event's err

	finChecks atomic.Int64 // socket checks while waiting for a reset after the peer's FIN (tests)
	// last is when a byte last moved either way (unix ns; the open time
	// before any): the Server sheds the connection idle longest at its cap.
	last atomic.Int64

	writer sync.WaitGroup // the writer goroutine, while it runs
	// done is closed once the close is recorded; made by the first Done
	// call (most connections are never asked: an idle one does not carry
	// a channel it will not need).
	done chan struct{}
}

// closedChan is the Done of a connection asked after its close was
// recorded.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

func newConn(id ConnID, nc net.Conn, st *Store, tab Tab) *Conn {
	c := &Conn{id: id, nc: nc, store: st, tab: tab}
	c.last.Store(time.Now().UnixNano())
	return c
}

// moved notes that bytes crossed the socket now.
func (c *Conn) moved() { c.last.Store(time.Now().UnixNano()) }

// isClosing reports whether the connection is closed or closing.
func (c *Conn) isClosing() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closing
}

// closeWith closes the connection now, dropping queued writes, with err
// as the close event's error (by local). It is a no-op if the connection
// is already closing.
func (c *Conn) closeWith(err error) {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		return
	}
	c.closeErr = err
	c.dropQueueLocked()
	c.mu.Unlock()
	c.shutFrom(false)
}

// ID is the connection's stable ID.
func (c *Conn) ID() ConnID { return c.id }

// Done is closed once the connection is closed and its close recorded.
func (c *Conn) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		if c.recorded {
			return closedChan
		}
		c.done = make(chan struct{})
	}
	return c.done
}

// serve runs the reader until the connection ends. A panic on the reader
// (the capture, an onRead hook such as an auto-reply rule) is recorded as
// an error event and closes this connection, with the panic as the close
// event's error.
func (c *Conn) serve() {
	defer c.recoverReader()
	if c.maxDatagram > 0 {
		c.datagramLoop()
		return
	}
	c.readLoop()
}

// recoverReader is Recover for the reader, naming the place only if it
// panicked: a name built up front (fmt on every connection's goroutine)
// grew each idle connection's stack.
func (c *Conn) recoverReader() {
	if r := recover(); r != nil {
		p := asPanic(r, fmt.Sprintf("%s conn %d reader", c.tab, c.id))
		c.store.RecordError(c.tab, p.Error())
		c.mu.Lock()
		c.dropQueueLocked()
		c.mu.Unlock()
		c.finalize(ByLocal, p, false)
	}
}

// Close closes the connection now, dropping queued writes.
func (c *Conn) Close() error {
	c.mu.Lock()
	c.dropQueueLocked()
	c.mu.Unlock()
	return c.shutFrom(false)
}

// shut marks the close as ours and closes the socket; the reader then
// returns and records the close (or, if the reader already left after the
// peer's FIN, shut records it).
func (c *Conn) shut() error { return c.shutFrom(false) }

// shutFrom is shut; fromWriter says the caller is the writer goroutine.
func (c *Conn) shutFrom(fromWriter bool) error {
	c.mu.Lock()
	c.closing = true
	c.wakeLocked()
	readerGone := c.readerGone
	c.mu.Unlock()
	err := c.nc.Close()
	if readerGone {
		c.finalize(ByLocal, nil, fromWriter)
	}
	return err
}

// PeerFinished reports whether the peer sent its FIN: it sends no more,
// but may still read what we send (a half-close).
func (c *Conn) PeerFinished() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.peerFIN
}

// closeWhenDrained makes the connection close once it has nothing left to
// do: at once (after queued writes) if the peer already finished sending
// or is a UDP peer (which never does), else when it does. Server.Shutdown
// uses it.
func (c *Conn) closeWhenDrained() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.halfOpen = false
	if (c.peerFIN || c.maxDatagram > 0) && !c.closing && !c.closeQueued {
		c.enqueueLocked(outMsg{close: true})
	}
}

// fail closes the connection after a failed write: by the peer when it
// reset the connection or closed it (EPIPE), by us otherwise. A write cut
// short by our own Close is no error.
func (c *Conn) fail(err error) {
	c.mu.Lock()
	c.dropQueueLocked()
	c.writing = false
	closing := c.closing
	c.mu.Unlock()
	by := ByLocal
	switch {
	case errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE):
		by = ByPeer
	case closing && errors.Is(err, net.ErrClosed):
		err = nil
	}
	c.finalize(by, opError(err, false), true)
}

// finalize records the close (the first call wins), closes the socket and
// tells the owner. It runs exactly once per connection. Unless the writer
// itself calls it, it waits for the writer (unblocked by the socket's
// close), so a chunk written is never recorded after the close event, and
// the close says how many bytes recorded as sent were not written.
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
	c.wakeLocked()
	if c.closeErr != nil {
		by, err = ByLocal, c.closeErr // closed by us, for a reason
	}
	c.mu.Unlock()
	c.nc.Close()
	if !fromWriter {
		c.writer.Wait()
	}
	c.mu.Lock()
	unsent := c.unsent
	c.dropQueueLocked()
	c.inflight = 0
	c.mu.Unlock()
	c.store.RecordCloseUnsent(c.id, by, err, unsent)
	if c.onDone != nil {
		c.onDone(c)
	}
	c.mu.Lock()
	c.recorded = true
	done := c.done
	c.mu.Unlock()
	if done != nil {
		close(done)
	}
}
