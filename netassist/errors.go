package netassist

import (
	"errors"
	"net"
	"os"
	"strings"
)

// Error texts follow one convention, so a message never says a thing twice:
//
//   - A sentinel's text is the bare condition ("not listening", "connection
//     is closed"), with no package prefix: netassist is a program, and the
//     program's edge adds "netassist: " once (the one stderr line of
//     cmd/netassist); the TUI shows the text after its own label ("send
//     failed: no open connections"). Match sentinels with errors.Is, never
//     by text.
//   - An error that adds context adds it once, in front: "conn 3:
//     connection is closed".
//   - A failed socket operation is named once, by opError: "read:
//     connection reset by peer", not "read tcp a->b: read: connection reset
//     by peer" (the addresses are the connection's own, shown beside it; the
//     system call repeats the operation).

// Server errors.
var (
	// ErrServerClosed is returned by Serve and Listen after Close or
	// Shutdown, and only then.
	ErrServerClosed = errors.New("server closed")
	// ErrListenerClosed is returned by Serve when StopListening closed its
	// listener or Listen replaced it; the server still runs.
	ErrListenerClosed = errors.New("listener closed")
	// ErrNotListening is returned by StopListening when there is no
	// listener. The web server (httpserve) returns it too.
	ErrNotListening = errors.New("not listening")
)

// Connection errors, returned by Send, SendWait, CloseConn and friends.
var (
	// ErrConnClosed is returned when sending to a connection that is closed
	// or closing.
	ErrConnClosed = errors.New("connection is closed")
	// ErrNoConn is returned for a connection ID the engine does not know.
	ErrNoConn = errors.New("no such connection")
	// ErrNoConns is returned when sending to all connections and none is open.
	ErrNoConns = errors.New("no open connections")
)

// Causes of a failed Connect, matched with errors.Is on the returned error
// (a *DialError).
var (
	// ErrRefused: the peer answered with a reset (nothing listens there).
	ErrRefused = errors.New("connection refused")
	// ErrNoSuchHost: the host name does not resolve.
	ErrNoSuchHost = errors.New("no such host")
	// ErrDialTimeout: no answer within the dial timeout.
	ErrDialTimeout = errors.New("dial timed out")
	// ErrDialCanceled: Disconnect, Close or a newer Connect cancelled the
	// attempt (or the caller's context ended).
	ErrDialCanceled = errors.New("connect canceled")
)

// Other Client errors.
var (
	// ErrClientClosed is returned by every method after Close.
	ErrClientClosed = errors.New("client closed")
	// ErrNotConnected is returned by Send, HalfClose and WaitReply when
	// there is no open connection.
	ErrNotConnected = errors.New("not connected")
	// ErrNoAddress is returned by Reconnect before any Connect.
	ErrNoAddress = errors.New("no address to reconnect to")
	// ErrWriteClosed is returned by Send after HalfClose: our side already
	// sent its FIN.
	ErrWriteClosed = errors.New("sending side already closed (half-close)")
	// ErrNoReply is returned by WaitReply when the connection is open but
	// nothing at all arrived within the quiet period. It is wrapped in a
	// *NoReplyError that says for how long.
	ErrNoReply = errors.New("no reply")
)

// Causes of a refused Server.AddPeer: the system would refuse every
// datagram to the address.
var (
	// ErrPeerPortZero: port 0 names no port; nothing can receive there.
	ErrPeerPortZero = errors.New("port 0 cannot receive datagrams")
	// ErrPeerIPv6: an IPv6 address, and the socket listens on IPv4.
	ErrPeerIPv6 = errors.New("an IPv6 address cannot be reached from a socket listening on IPv4")
	// ErrPeerIPv4: an IPv4 address, and the socket listens on one IPv6
	// address (not [::], which takes both).
	ErrPeerIPv4 = errors.New("an IPv4 address cannot be reached from a socket listening on IPv6 only")
)

// composedError is an error whose text was composed here; it unwraps to
// the original, so errors.Is still finds the system's error
// (syscall.ECONNRESET, os.ErrDeadlineExceeded).
type composedError struct {
	text string
	err  error
}

func (e *composedError) Error() string { return e.text }
func (e *composedError) Unwrap() error { return e.err }

// opError names a failed socket operation once. For a *net.OpError it
// gives "OP: CAUSE" ("read: connection reset by peer", "write: broken
// pipe"), where CAUSE is the system's error without the name of the system
// call (a *os.SyscallError's "read: " or "connect: "); withAddr keeps the
// network and address, for operations whose address is the point ("dial
// tcp 127.0.0.1:9: connection refused", "listen tcp 127.0.0.1:7890:
// address already in use", DESIGN.md §3). Other errors are returned as
// they are; nil stays nil.
func opError(err error, withAddr bool) error {
	var op *net.OpError
	if !errors.As(err, &op) || op.Err == nil {
		return err
	}
	cause := op.Err
	var sc *os.SyscallError
	if errors.As(cause, &sc) && sc.Err != nil {
		cause = sc.Err
	}
	text := op.Op
	if withAddr {
		if op.Net != "" {
			// "tcp4" and "udp6" (ListenNetwork) read as the address
			// family already says: "listen tcp 0.0.0.0:80".
			text += " " + strings.TrimRight(op.Net, "46")
		}
		if op.Addr != nil {
			text += " " + op.Addr.String()
		}
	}
	return &composedError{text: text + ": " + cause.Error(), err: err}
}

// NameOp is opError for packages that capture connections of their own
// (httpserve): it names a failed socket operation once, "read: connection
// reset by peer", or with withAddr "listen tcp 127.0.0.1:8080: address
// already in use". It unwraps to err; nil stays nil.
func NameOp(err error, withAddr bool) error { return opError(err, withAddr) }
