package httpserve

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/netassist/netassist/netassist"
)

// captureConn is a server connection whose every byte reaches the store:
// inbound bytes as read (before net/http parses them, so rejected requests
// are captured too), outbound bytes as written. It also frames inbound
// requests (inStream) and attributes outbound bytes to the request being
// answered, which is how a record gets its exact request and response
// heads. ReadFrom is kept so that files still go out with sendfile.
type captureConn struct {
	net.Conn
	id      netassist.ConnID
	srv     *Server
	release func() // frees the listener's connection slot

	aborting atomic.Bool // the read deadline was set in the past (net/http aborting a read, not a timeout)
	fin      atomic.Bool // the peer finished sending (a read met EOF): it may still read
	gone     chan struct{}
	goneOnce sync.Once // closes gone: the peer reset, or a write to it failed

	last     atomic.Int64 // unix ns when a byte last moved either way (progress, for shedding)
	holding  atomic.Int32 // requests held for a person on this connection: never shed
	shedding atomic.Bool  // shed at the cap: no lingering close

	dlMu              sync.Mutex    // guards the deadlines below and setting them on Conn
	readDL, writeDL   time.Time     // the deadlines net/http asked for
	ownRead, ownWrite bool          // a progress deadline is set on Conn instead
	armedAt           time.Time     // when the write progress deadline was last set
	tick              time.Duration // how often a write in progress is checked (writeTick)

	headPending atomic.Bool // a partial request head waits for more bytes
	ownReadFast atomic.Bool // ownRead, readable without dlMu

	mu      sync.Mutex // guards everything below
	in      inStream
	cur     *Exchange // the exchange outbound bytes belong to
	swallow bool      // a raw reply was sent: discard net/http's own response
	closed  bool
	// headStart is when the first byte of the head now arriving came
	// (zero between heads), for the minimum head rate.
	headStart time.Time
	by        netassist.CloseBy // who ended the connection, once known
	why       error             // and why, if not cleanly
}

func newCaptureConn(srv *Server, nc net.Conn, release func()) *captureConn {
	c := &captureConn{Conn: nc, srv: srv, release: release, gone: make(chan struct{})}
	c.tick = writeTick(srv.progress, nc)
	c.progressed()
	c.in.split.MaxHead = srv.headLimit()
	if tc, ok := nc.(*tls.Conn); ok {
		ti := netassist.TLSInfoOf(tc.ConnectionState(), false)
		c.id = srv.store.RecordOpenProto(srv.tab, nc.LocalAddr().String(), nc.RemoteAddr().String(), netassist.ProtoTLS, ti)
	} else {
		c.id = srv.store.RecordOpen(srv.tab, nc.LocalAddr().String(), nc.RemoteAddr().String())
	}
	return c
}

// Read captures what the peer sent, then frames it.
func (c *captureConn) Read(b []byte) (int, error) {
	own := c.armRead()
	n, err := c.Conn.Read(b)
	if n > 0 {
		c.progressed()
		c.srv.store.RecordData(c.id, netassist.In, b[:n], 0)
		c.mu.Lock()
		c.in.feed(b[:n])
		if f := c.in.split.Frame(); f.HeadDone {
			c.headStart = time.Time{}
			c.headPending.Store(false)
		} else {
			if c.headStart.IsZero() {
				c.headStart = time.Now()
			}
			c.headPending.Store(true)
		}
		c.mu.Unlock()
	}
	if err != nil {
		if own && isTimeout(err) && !c.aborting.Load() {
			c.mu.Lock()
			c.note(netassist.ByLocal, errHeadTooSlow)
			c.mu.Unlock()
		}
		c.readErr(err)
	}
	return n, err
}

// readErr remembers why reading stopped, for the close event.
func (c *captureConn) readErr(err error) {
	switch {
	case errors.Is(err, net.ErrClosed):
		return
	case errors.Is(err, os.ErrDeadlineExceeded):
		if c.aborting.Load() {
			return // net/http cancelling its background read
		}
		c.mu.Lock()
		idle := c.in.idle() && c.cur == nil
		if idle {
			c.note(netassist.ByLocal, errIdleTimeout)
		} else {
			c.note(netassist.ByLocal, errReadTimeout)
		}
		c.mu.Unlock()
	case err == io.EOF:
		// A FIN ends one direction only: the peer may still be waiting
		// for the answer (printf … | ncat half-closes), so it is not gone.
		c.fin.Store(true)
		c.mu.Lock()
		c.note(netassist.ByPeer, nil)
		c.mu.Unlock()
	default:
		c.mu.Lock()
		c.note(netassist.ByPeer, netassist.NameOp(err, false))
		c.mu.Unlock()
		c.peerGone()
	}
}

// peerGone says the peer can no longer receive: it reset the connection,
// or a write to it failed.
func (c *captureConn) peerGone() { c.goneOnce.Do(func() { close(c.gone) }) }

// note records the first reason the connection is ending. Called with mu held.
func (c *captureConn) note(by netassist.CloseBy, err error) {
	if c.by == 0 {
		c.by, c.why = by, err
	}
}

// SetReadDeadline notes whether net/http is aborting a pending read (it
// sets a deadline in the past), so that the timeout it causes is not
// reported as the peer being slow.
func (c *captureConn) SetReadDeadline(t time.Time) error {
	c.aborting.Store(!t.IsZero() && t.Before(time.Now()))
	c.dlMu.Lock()
	defer c.dlMu.Unlock()
	c.readDL, c.ownRead = t, false
	c.ownReadFast.Store(false)
	return c.Conn.SetReadDeadline(t)
}

// SetWriteDeadline remembers net/http's write deadline: the progress rule
// never sets a later one. A progress deadline armed less than a quarter
// tick ago that comes before t stays in force, as armWrite would set it
// again at the next write: net/http sets its deadline once a request,
// between the writes of one response and the next, and under load that
// would cost two timer updates a request.
func (c *captureConn) SetWriteDeadline(t time.Time) error {
	c.dlMu.Lock()
	defer c.dlMu.Unlock()
	c.writeDL = t
	if c.ownWrite && (t.IsZero() || c.armedAt.Add(c.tick).Before(t)) && time.Since(c.armedAt) < c.tick/4 {
		return nil
	}
	c.ownWrite = false
	return c.Conn.SetWriteDeadline(t)
}

// SetDeadline is SetReadDeadline and SetWriteDeadline.
func (c *captureConn) SetDeadline(t time.Time) error {
	c.aborting.Store(!t.IsZero() && t.Before(time.Now()))
	c.dlMu.Lock()
	defer c.dlMu.Unlock()
	c.readDL, c.writeDL, c.ownRead, c.ownWrite = t, t, false, false
	c.ownReadFast.Store(false)
	return c.Conn.SetDeadline(t)
}

// Write sends b and captures what was sent. Bytes written while no handler
// runs are net/http's own answer to a request it rejected (400, 431, 501…):
// they get a record of their own.
func (c *captureConn) Write(b []byte) (int, error) {
	c.mu.Lock()
	if c.swallow {
		c.mu.Unlock()
		return len(b), nil
	}
	c.mu.Unlock()
	n, err := c.writeProgress(b)
	if err != nil {
		c.writeErr(err)
	}
	return n, err
}

// writeRaw sends a hand-crafted reply for ex straight to the socket, then
// swallows whatever net/http writes for the same request.
func (c *captureConn) writeRaw(b []byte) error {
	_, err := c.writeProgress(b)
	c.mu.Lock()
	c.swallow = true
	c.mu.Unlock()
	if err != nil {
		c.writeErr(err)
	}
	return err
}

// sent captures b (and omitted bytes sent but not kept) and attributes it.
func (c *captureConn) sent(b []byte, omitted int64) {
	c.srv.store.RecordData(c.id, netassist.Out, b, omitted)
	c.mu.Lock()
	ex := c.cur
	if ex != nil {
		ex.out(b, omitted)
		c.mu.Unlock()
		return
	}
	raw := c.in.claim()
	c.mu.Unlock()
	if raw != nil || len(b) > 0 {
		c.srv.rejected(c, raw, b)
	}
}

func (c *captureConn) writeErr(err error) {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		c.mu.Lock()
		c.note(netassist.ByLocal, errWriteTimeout)
		c.mu.Unlock()
		return
	}
	if errors.Is(err, net.ErrClosed) {
		return
	}
	by := netassist.ByLocal
	if errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) {
		by = netassist.ByPeer
	}
	c.mu.Lock()
	c.note(by, netassist.NameOp(err, false))
	c.mu.Unlock()
	c.peerGone()
}

// ReadFrom sends what r holds. A file (what http.ServeContent hands over)
// goes out with sendfile, as without capture; its first bytes are read
// with pread for the capture and the rest is counted as omitted. Anything
// else is copied through Write, so it is captured whole.
func (c *captureConn) ReadFrom(r io.Reader) (int64, error) {
	rf, ok := c.Conn.(io.ReaderFrom)
	src := fileSource(r)
	prefix := c.srv.bodyPrefix
	c.mu.Lock()
	swallow := c.swallow
	c.mu.Unlock()
	if !ok || src.f == nil || prefix < 0 || swallow {
		bp := copyBufPool.Get().(*[]byte)
		defer copyBufPool.Put(bp)
		return io.CopyBuffer(writerOnly{c}, r, *bp)
	}
	f, limit := src.f, src.limit
	bp := prefixPool.Get().(*[]byte)
	defer prefixPool.Put(bp)
	buf := (*bp)[:min(prefix, len(*bp))]
	if limit >= 0 && limit < int64(len(buf)) {
		buf = buf[:limit]
	}
	k := 0
	if len(buf) > 0 {
		off, err := src.off, error(nil)
		if off < 0 {
			off, err = f.Seek(0, io.SeekCurrent)
		}
		if err == nil {
			k, _ = f.ReadAt(buf, off)
		}
	}
	if src.body != nil && limit >= 0 && int64(k) == limit {
		// All that is left was read for the capture (a small file):
		// one write from memory, captured as written, instead of a
		// sendfile. pread left the file's offset where it was.
		n, err := c.Write(buf[:k])
		src.body.pos += int64(n)
		src.lr.N -= int64(n)
		return int64(n), err
	}
	n, err := c.sendfileProgress(rf, f, limit)
	src.sent(n)
	kept := min(int64(k), n)
	if n > 0 {
		c.sent(buf[:kept], n-kept)
	}
	if err != nil {
		c.writeErr(err)
	}
	return n, err
}

// sendSource is the file behind what ReadFrom is given.
type sendSource struct {
	f     *os.File
	limit int64             // on what will be read from f; -1: to the end
	off   int64             // f's offset, where sendfile starts; -1: unknown
	lr    *io.LimitedReader // the reader given, if it was one
	body  *fileBody         // the fileBody f is in, if any
}

// fileSource finds the file behind r: an *os.File or a fileBody (whose
// offset it then knows), as io.CopyN wraps them.
func fileSource(r io.Reader) sendSource {
	src := sendSource{limit: -1, off: -1}
	if lr, ok := r.(*io.LimitedReader); ok {
		r, src.limit, src.lr = lr.R, lr.N, lr
	}
	switch x := r.(type) {
	case *os.File:
		src.f = x
	case *fileBody:
		if x.sync() == nil {
			src.f, src.off, src.body = x.f, x.pos, x
		}
	}
	return src
}

// sent notes that n bytes of the file went out (sendfile moved its offset).
func (s sendSource) sent(n int64) {
	if s.body != nil {
		s.body.advance(n)
	}
	if s.lr != nil {
		s.lr.N -= n
	}
}

// prefixPool holds buffers for the captured prefix of file bodies.
var prefixPool = sync.Pool{New: func() any { b := make([]byte, maxBodyPrefix); return &b }}

// CloseWrite half-closes, as net/http does before lingering on a
// connection whose request it refused.
func (c *captureConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// Close closes the socket (after lingering to capture what the client
// still sends of an unread request body), makes the last exchange's
// record if its handler is done (otherwise the handler makes it on return), and records the
// close with who ended the connection.
func (c *captureConn) Close() error {
	c.linger()
	err := c.Conn.Close()
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return err
	}
	c.closed = true
	ex := c.takeDone()
	c.note(netassist.ByLocal, nil)
	by, why := c.by, c.why
	c.mu.Unlock()
	if ex != nil {
		c.srv.finish(c, ex)
	}
	c.srv.store.RecordClose(c.id, by, why)
	c.release()
	return err
}

// begin makes ex the exchange outbound bytes belong to and hands it the
// next framed request. Called by the handler before it writes anything.
func (c *captureConn) begin(ex *Exchange) {
	c.mu.Lock()
	prev := c.cur
	if prev != nil {
		prev.handlerDone = true // cannot still run: net/http serves one request at a time
	}
	ex.raw = c.in.claim()
	c.cur = ex
	c.mu.Unlock()
	if prev != nil {
		c.srv.finish(c, prev)
	}
}

// handlerDone marks ex's handler finished. If the connection is already
// closed, the record is made now; otherwise when net/http has flushed the
// response (idle) or closes the connection.
func (c *captureConn) handlerDone(ex *Exchange) {
	c.mu.Lock()
	ex.handlerDone = true
	var fin *Exchange
	if c.closed {
		fin = c.takeDone()
	}
	c.mu.Unlock()
	if fin != nil {
		c.srv.finish(c, fin)
	}
}

// idle is called when net/http has flushed a response and waits for the
// next request: the exchange is complete.
func (c *captureConn) idle() {
	c.mu.Lock()
	ex := c.takeDone()
	c.swallow = false
	c.mu.Unlock()
	if ex != nil {
		c.srv.finish(c, ex)
	}
}

// takeDone detaches the current exchange if its handler has returned and
// seals its request bytes. Called with mu held.
func (c *captureConn) takeDone() *Exchange {
	ex := c.cur
	if ex == nil || !ex.handlerDone {
		return nil
	}
	c.cur = nil
	ex.seal()
	return ex
}

// Errors shown as close reasons.
var (
	errIdleTimeout  = errors.New("idle timeout")
	errReadTimeout  = errors.New("read timeout")
	errWriteTimeout = errors.New("write timeout")
)
