//go:build !unix

package netassist

import (
	"net"
	"sync/atomic"
)

// readWaiter is unix-only; elsewhere an idle connection holds its buffer.
type readWaiter struct{}

func newReadWaiter(net.Conn) *readWaiter { return nil }

func (*readWaiter) wait(net.Conn) error { return nil }

func (*readWaiter) waitErr(net.Conn, *atomic.Int64) error { return nil }
