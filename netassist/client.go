package netassist

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// DefaultDialTimeout is how long Connect waits for a connection when
// Client.DialTimeout is zero.
const DefaultDialTimeout = 5 * time.Second

// ClientState is where a Client is in its life cycle:
// idle → connecting → connected → closed, and back to connecting on
// (re)connect. A dial that fails or is cancelled returns to idle, with
// ClientStatus.Err saying why.
type ClientState uint8

const (
	ClientIdle       ClientState = iota // no connection, not trying
	ClientConnecting                    // dialing
	ClientConnected                     // connection open
	ClientClosed                        // the connection closed (ClientStatus.ClosedBy says by whom)
)

var clientStateNames = [...]string{"idle", "connecting", "connected", "closed"}

func (s ClientState) String() string {
	if int(s) < len(clientStateNames) {
		return clientStateNames[s]
	}
	return "unknown"
}

// ClientStatus is a snapshot of a Client, cheap to take on every frame.
type ClientStatus struct {
	State ClientState
	// Gen increases on every change, so a view can tell whether anything
	// moved since it last looked.
	Gen uint64
	// Addr is the address last asked for, as given ("localhost:8080").
	Addr string
	// Proto is the transport of the last Connect; TLS the session of the
	// current (or last) TLS connection (version, cipher, the server
	// certificate's fingerprint and names), nil otherwise.
	Proto Proto
	TLS   *TLSInfo
	// Remote is the IP:port that answered ("127.0.0.1:8080" or
	// "[::1]:8080"): which of a name's addresses was used. Local is our
	// end. Both stay set after the connection closes.
	Remote, Local string
	// Conn is the current (or last) connection in the store; 0 before the
	// first one.
	Conn ConnID
	// Since is when State was entered (for an elapsed-time display).
	Since time.Time
	// Connected is when the current (or last) connection opened.
	Connected time.Time
	// ClosedBy is ByPeer or ByLocal once State is ClientClosed.
	ClosedBy CloseBy
	// HalfClosed is true once our FIN is queued (HalfClose): we only read.
	HalfClosed bool
	// Err is the last error: why the dial failed, or why the connection
	// closed if not cleanly. Empty after a successful connect.
	Err string
}

// Client is the TCP client of the Client tab: it keeps at most one
// connection, captures every byte of it in the store under TabClient (or
// Tab) and sends what it is told to. All methods are safe for concurrent
// use; Connect blocks while dialing and may be cancelled from another
// goroutine by Disconnect, Close or a newer Connect.
type Client struct {
	// Store receives every chunk and event. Required.
	Store *Store
	// Tab names the client's events; TabClient if empty.
	Tab Tab
	// DialTimeout bounds each Connect; DefaultDialTimeout if zero, no
	// bound (other than the caller's context) if negative.
	DialTimeout time.Duration
	// Dial opens the connection; a net.Dialer's DialContext if nil, which
	// tries every address a name resolves to. Tests hand in their own.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// Transport is what Connect dials with (the command line's --udp,
	// --tls); ConnectProto picks another. TCP if zero.
	Transport Proto
	// TLS is the configuration of ConnectProto(ProtoTLS, …): nil checks
	// the server's certificate against the system's roots, for the host
	// of the address (tlsconf builds one with --cacert, --insecure,
	// --sni). A refused certificate fails Connect with one line saying
	// why (ErrCertificate).
	TLS *tls.Config
	// UDP is the socket's settings (broadcast, multicast TTL, loop and
	// interface) for ConnectProto(ProtoUDP, …).
	UDP UDPOptions

	mu     sync.Mutex // guards st, conn, cancel, attempt, closed
	st     ClientStatus
	conn   *clientConn
	cancel context.CancelCauseFunc // cancels the dial in progress, if any
	// attempt numbers Connect calls; a dial whose number is no longer
	// current was superseded and must not change the status.
	attempt uint64
	closed  bool
	wg      sync.WaitGroup // readers and Connect calls in progress
}

// clientConn is the client's connection plus what WaitReply needs.
type clientConn struct {
	*Conn
	lastIn atomic.Int64 // UnixNano of the last read with data; 0: none yet
}

func (c *Client) tab() Tab {
	if c.Tab == "" {
		return TabClient
	}
	return c.Tab
}

func (c *Client) dialTimeout() time.Duration {
	if c.DialTimeout == 0 {
		return DefaultDialTimeout
	}
	return c.DialTimeout
}

func (c *Client) dial(ctx context.Context, addr string) (net.Conn, error) {
	if c.Dial != nil {
		return c.Dial(ctx, "tcp", addr)
	}
	var d net.Dialer
	return d.DialContext(ctx, "tcp", addr)
}

// Status returns a snapshot of the client's state.
func (c *Client) Status() ClientStatus {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.st
}

// setState changes the status and bumps its generation. Called with c.mu
// held; the caller notifies the store's watchers after unlocking.
func (c *Client) setState(s ClientState, now time.Time) {
	c.st.State = s
	c.st.Since = now
	c.st.Gen++
}

// errTimedOut is the cause of our own dial timer, told apart from the
// caller's deadline.
var errTimedOut = errors.New("dial timer")

// Connect dials addr ("host:port", "[::1]:8080", "localhost:80") with
// c.Transport (TCP by default) and, on
// success, starts capturing the connection. An open connection is closed
// first; a dial in progress is cancelled. It returns when the connection is
// open or the dial failed; a failure is also recorded as an error event
// (except a cancellation, which someone asked for).
func (c *Client) Connect(ctx context.Context, addr string) error {
	return c.ConnectProto(ctx, c.Transport, addr)
}

// ConnectProto is Connect over transport p (clientproto.go): ProtoTLS
// completes a TLS handshake (with c.TLS) before the connection opens;
// ProtoUDP opens a connected UDP socket (with c.UDP) whose datagrams are
// each one chunk.
func (c *Client) ConnectProto(ctx context.Context, p Proto, addr string) error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return ErrClientClosed
	}
	if c.cancel != nil {
		c.cancel(ErrDialCanceled) // a newer Connect wins
	}
	old := c.conn
	c.conn = nil
	c.attempt++
	attempt := c.attempt
	dctx, cancel := context.WithCancelCause(ctx)
	c.cancel = cancel
	c.wg.Add(1)
	now := time.Now()
	c.st = ClientStatus{Gen: c.st.Gen, Addr: addr, Conn: c.st.Conn, Proto: p}
	c.setState(ClientConnecting, now)
	c.mu.Unlock()
	defer c.wg.Done()
	defer cancel(nil)
	c.Store.notify()

	if old != nil {
		// Disconnect first, so the store shows the old close before the
		// new open.
		old.Close()
		<-old.Done()
	}

	nc, ti, err := c.dialProto(dctx, p, addr)
	c.mu.Lock()
	if attempt != c.attempt || c.closed {
		// Superseded by Disconnect, Close or another Connect, which own
		// the status now.
		c.mu.Unlock()
		if nc != nil {
			nc.Close()
		}
		if err == nil {
			err = &DialError{Addr: addr, Cause: ErrDialCanceled, Err: context.Canceled}
		}
		return err
	}
	c.cancel = nil
	now = time.Now()
	if err != nil {
		c.st.Err = err.Error()
		c.setState(ClientIdle, now)
		c.mu.Unlock()
		if errors.Is(err, ErrDialCanceled) {
			c.Store.notify()
		} else {
			c.Store.RecordError(c.tab(), err.Error()) // notifies
		}
		return err
	}
	local, remote := nc.LocalAddr().String(), nc.RemoteAddr().String()
	id := c.Store.RecordOpenProto(c.tab(), local, remote, p, ti)
	cc := &clientConn{Conn: newConn(id, nc, c.Store, c.tab())}
	if p == ProtoUDP {
		cc.maxDatagram = int32(maxDatagramOf(nc.RemoteAddr()))
	}
	c.st.TLS = ti
	cc.onRead = func(_ *Conn, _ []byte, _ bool) { cc.lastIn.Store(time.Now().UnixNano()) }
	cc.onDone = func(*Conn) { c.connDone(cc) }
	c.conn = cc
	c.st.Remote, c.st.Local, c.st.Conn, c.st.Connected = remote, local, id, now
	c.setState(ClientConnected, now)
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		cc.serve()
	}()
	c.mu.Unlock()
	c.Store.notify()
	return nil
}

// dialAddr dials with the dial timeout and turns failures into a
// *DialError with a clear cause.
func (c *Client) dialAddr(ctx context.Context, addr string) (net.Conn, error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, &DialError{Addr: addr, Err: err}
	}
	timeout := c.dialTimeout()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, timeout, errTimedOut)
		defer cancel()
	}
	nc, err := c.dial(ctx, addr)
	if err == nil {
		return nc, nil
	}
	de := &DialError{Addr: addr, Err: err}
	var dns *net.DNSError
	// The dialer's own answer first: a refusal that raced with the timer
	// is still a refusal.
	switch cause := context.Cause(ctx); {
	case errors.Is(err, syscall.ECONNREFUSED):
		de.Cause = ErrRefused
	case errors.As(err, &dns) && dns.IsNotFound:
		de.Cause = ErrNoSuchHost
	case errors.Is(cause, errTimedOut):
		de.Cause, de.Timeout = ErrDialTimeout, timeout
	case cause != nil:
		// Cancelled by us (Disconnect, Close, a newer Connect) or by the
		// caller's context.
		de.Cause = ErrDialCanceled
	case errors.Is(err, syscall.ETIMEDOUT) || isTimeout(err):
		de.Cause = ErrDialTimeout // the system's timeout, not ours: keep its text
	}
	return nil, de
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// connDone runs once a connection's close is recorded.
func (c *Client) connDone(cc *clientConn) {
	info, _ := c.Store.Conn(cc.id)
	c.mu.Lock()
	if c.conn != cc {
		c.mu.Unlock() // replaced by a newer connection, which owns the status
		return
	}
	c.conn = nil
	c.st.ClosedBy = info.ClosedBy
	c.st.Err = info.Err
	c.setState(ClientClosed, info.Closed)
	c.mu.Unlock()
	c.Store.notify()
}

// Disconnect closes the connection now (queued writes are dropped) or
// cancels a dial in progress, and waits until the close is recorded. It is
// a no-op when idle or closed.
func (c *Client) Disconnect() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return ErrClientClosed
	}
	cc := c.stop()
	c.mu.Unlock()
	if cc != nil {
		cc.Close()
		<-cc.Done()
	} else {
		c.Store.notify()
	}
	return nil
}

// stop cancels a dial in progress and returns the open connection, if any,
// for the caller to close. Called with c.mu held.
func (c *Client) stop() *clientConn {
	if c.cancel != nil {
		c.cancel(ErrDialCanceled)
		c.cancel = nil
		c.attempt++ // the dial's result is stale
		c.st.Err = ErrDialCanceled.Error()
		c.setState(ClientIdle, time.Now())
	}
	return c.conn // connDone moves the status to closed
}

// Reconnect connects again to the last address given to Connect.
func (c *Client) Reconnect(ctx context.Context) error {
	c.mu.Lock()
	addr, p := c.st.Addr, c.st.Proto
	c.mu.Unlock()
	if addr == "" {
		return ErrNoAddress
	}
	return c.ConnectProto(ctx, p, addr)
}

func (c *Client) current() (*clientConn, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, ErrClientClosed
	}
	if c.conn == nil {
		return nil, ErrNotConnected
	}
	if c.st.HalfClosed {
		return c.conn, ErrWriteClosed
	}
	return c.conn, nil
}

// Send queues a copy of b to be written, then the connection closed if
// closeAfter. It does not wait for the write: sent bytes appear in the
// store (dir out) as they cross the socket.
func (c *Client) Send(b []byte, closeAfter bool) error {
	cc, err := c.current()
	if err != nil {
		return err
	}
	return cc.Send(append([]byte(nil), b...), closeAfter)
}

// SendWait is Send with flow control (Conn.SendWait): it waits while
// SendHighWater bytes or more are queued, then queues a copy of b. It
// returns once b is queued; ctx.Err() if ctx ends first.
func (c *Client) SendWait(ctx context.Context, b []byte, closeAfter bool) error {
	cc, err := c.current()
	if err != nil {
		return err
	}
	return cc.SendWait(ctx, append([]byte(nil), b...), closeAfter)
}

// Conn returns the open connection, for its send queue (Queued,
// WaitWritten) and its Done channel; ErrNotConnected when there is none.
func (c *Client) Conn() (*Conn, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.closed:
		return nil, ErrClientClosed
	case c.conn == nil:
		return nil, ErrNotConnected
	}
	return c.conn.Conn, nil
}

// HalfClose sends FIN once pending writes are out and keeps reading: the
// way to tell an HTTP/1.0-style server "that was the whole request".
func (c *Client) HalfClose() error {
	cc, err := c.current()
	if err != nil {
		return err
	}
	if err := cc.CloseWrite(); err != nil {
		return err
	}
	c.mu.Lock()
	if c.conn == cc {
		c.st.HalfClosed = true
		c.st.Gen++
	}
	c.mu.Unlock()
	c.Store.notify()
	return nil
}

// WaitReply waits until the peer closes the connection, or quiet passes
// with no new bytes received (counted from the call or the last bytes
// received, whichever is later), or ctx ends. It returns nil once the
// connection closed (also before the call) or went quiet after receiving something, and a
// *NoReplyError (errors.Is ErrNoReply) when nothing at all was received
// while the connection stayed open and quiet. Headless mode's --wait.
func (c *Client) WaitReply(ctx context.Context, quiet time.Duration) error {
	c.mu.Lock()
	cc, closed, st := c.conn, c.closed, c.st
	c.mu.Unlock()
	switch {
	case closed:
		return ErrClientClosed
	case cc == nil && st.State == ClientClosed:
		return nil // the reply (if any) ended before we were asked
	case cc == nil:
		return ErrNotConnected
	}
	remote := st.Remote
	start := time.Now()
	t := time.NewTimer(quiet)
	defer t.Stop()
	for {
		select {
		case <-cc.Done():
			return nil
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			last := cc.lastIn.Load()
			if last == 0 {
				return &NoReplyError{Remote: remote, After: quiet}
			}
			idleSince := time.Unix(0, last)
			if idleSince.Before(start) {
				idleSince = start
			}
			if left := quiet - time.Since(idleSince); left > 0 {
				t.Reset(left)
				continue
			}
			return nil
		}
	}
}

// Close closes the connection, cancels a dial in progress and waits for
// every goroutine the client started (and every Connect in progress) to
// return. Later calls return ErrClientClosed.
func (c *Client) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return ErrClientClosed
	}
	c.closed = true
	cc := c.stop()
	c.mu.Unlock()
	if cc != nil {
		cc.Close()
		<-cc.Done()
	}
	c.wg.Wait()
	c.Store.notify()
	return nil
}
