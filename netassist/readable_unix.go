//go:build unix

package netassist

import (
	"net"
	"os"
	"sync/atomic"
	"syscall"
)

// readWaiter waits until a connection has something to read (bytes, EOF
// or an error) without holding a buffer, so an idle connection pins none.
// It is made once per connection and allocates nothing per wait: the
// callback is a method value made once, and it keeps the socket error as
// an errno (the error value is built after the wait), so what a parked
// idle connection holds is this and its RawConn.
type readWaiter struct {
	rc    syscall.RawConn
	ready func(fd uintptr) bool // w.peekReady
	errno syscall.Errno         // the socket error the last peek took, or 0
	peek  [1]byte
}

func newReadWaiter(nc net.Conn) *readWaiter {
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return nil
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	w := &readWaiter{rc: rc}
	w.ready = w.peekReady
	return w
}

// wait returns once a read would not block. RawConn.Read parks the
// goroutine in the network poller until the socket is readable; the
// callback checks with a non-blocking one-byte peek, which consumes no
// bytes. A socket error (a reset) is consumed by the peek, so it is
// returned, as the read that follows would have reported it.
func (w *readWaiter) wait(nc net.Conn) error {
	w.errno = 0
	w.rc.Read(w.ready)
	if w.errno == 0 {
		return nil
	}
	return &net.OpError{Op: "read", Net: nc.LocalAddr().Network(), Source: nc.LocalAddr(),
		Addr: nc.RemoteAddr(), Err: os.NewSyscallError("read", w.errno)}
}

// peekReady is wait's callback: false (park) while the socket has nothing
// to read.
func (w *readWaiter) peekReady(fd uintptr) bool {
	_, _, err := syscall.Recvfrom(int(fd), w.peek[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
	for err == syscall.EINTR {
		_, _, err = syscall.Recvfrom(int(fd), w.peek[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
	}
	switch err {
	case syscall.EAGAIN:
		return false
	case nil:
	default:
		if errno, ok := err.(syscall.Errno); ok {
			w.errno = errno
		} else {
			w.errno = syscall.EIO
		}
	}
	return true
}

// waitErr waits, after the peer's FIN, until the socket reports an error
// (a reset: the peer is gone, typically in answer to what we sent after
// its FIN) or is closed here, and returns that error. After a FIN the
// socket reads EOF forever (recv reports EOF before any error), so this
// neither waits for readability nor reads: the callback checks SO_ERROR
// and the goroutine parks until the poller reports a new event on the
// socket, which after a FIN can only be an error or a hang-up. checks
// counts the callback's checks (tests: it must park, not spin).
func (w *readWaiter) waitErr(nc net.Conn, checks *atomic.Int64) error {
	var perr error
	err := w.rc.Read(func(fd uintptr) bool {
		checks.Add(1)
		soErr, err := syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_ERROR)
		if err == nil && soErr == 0 {
			return false // no error yet: wait for the next event
		}
		var cause error = syscall.Errno(soErr)
		switch {
		case err != nil:
			cause = err
		case cause == syscall.EPIPE:
			// Linux reports a reset received after the peer's FIN
			// (CLOSE_WAIT) as EPIPE; it was a reset all the same.
			cause = syscall.ECONNRESET
		}
		perr = &net.OpError{Op: "read", Net: nc.LocalAddr().Network(), Source: nc.LocalAddr(),
			Addr: nc.RemoteAddr(), Err: os.NewSyscallError("read", cause)}
		return true
	})
	if perr == nil {
		perr = err // the socket was closed here
	}
	return perr
}
