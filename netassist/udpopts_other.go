//go:build !linux

package netassist

import (
	"errors"
	"net"
	"syscall"
)

// msgTrunc: truncation is not detected on this system (datagrams are read
// into a 64 KiB buffer, which any ordinary datagram fits).
const msgTrunc = 0

// setSockUDP: broadcast and multicast send settings are set on Linux only.
func setSockUDP(syscall.RawConn, UDPOptions, *net.Interface, bool) error {
	return errors.New("broadcast and multicast send settings: not supported on this system")
}
