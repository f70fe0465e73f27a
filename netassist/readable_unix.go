//go:build unix

package netassist

import (
	"net"
	"os"
	"syscall"
)

// readWaiter waits until a connection has something to read (bytes, EOF
// or an error) without holding a buffer, so an idle connection pins none.
type readWaiter struct {
	rc   syscall.RawConn
	peek [1]byte
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
	return &readWaiter{rc: rc}
}

// wait returns once a read would not block. RawConn.Read parks the
// goroutine in the network poller until the socket is readable; the
// callback checks with a non-blocking one-byte peek, which consumes no
// bytes. A socket error (a reset) is consumed by the peek, so it is
// returned, as the read that follows would have reported it.
func (w *readWaiter) wait(nc net.Conn) error {
	var perr error
	w.rc.Read(func(fd uintptr) bool {
		_, _, err := syscall.Recvfrom(int(fd), w.peek[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		for err == syscall.EINTR {
			_, _, err = syscall.Recvfrom(int(fd), w.peek[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		}
		switch err {
		case syscall.EAGAIN:
			return false
		case nil:
		default:
			perr = &net.OpError{Op: "read", Net: nc.LocalAddr().Network(), Source: nc.LocalAddr(),
				Addr: nc.RemoteAddr(), Err: os.NewSyscallError("read", err)}
		}
		return true
	})
	return perr
}
