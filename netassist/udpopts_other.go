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

// clearsBroadcast: setSockUDP sets nothing here, so it is called only when
// a setting is asked for (and then refuses). Go leaves SO_BROADCAST on.
const clearsBroadcast = false

// setSockUDP: broadcast and multicast send settings are set on Linux only.
func setSockUDP(syscall.RawConn, UDPOptions, *net.Interface, bool) error {
	return errors.New("broadcast and multicast send settings: not supported on this system")
}
