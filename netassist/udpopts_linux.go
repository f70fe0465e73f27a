package netassist

import (
	"fmt"
	"net"
	"os"
	"syscall"
)

// msgTrunc is the recvmsg flag of a datagram cut to the buffer.
const msgTrunc = syscall.MSG_TRUNC

// clearsBroadcast: setSockUDP must run on every UDP socket, even one with
// the zero UDPOptions. Go's net package turns SO_BROADCAST on for every
// datagram socket it makes; setSockUDP turns it off again unless
// UDPOptions.Broadcast asks for it, so that a send (or a connect) to a
// broadcast address is refused with EACCES, as a plain socket's is.
const clearsBroadcast = true

// setSockUDP sets SO_BROADCAST (on with o.Broadcast, off otherwise) and
// the multicast TTL (hop limit), loop and interface on a socket; v6 picks
// the IPv6 options.
func setSockUDP(rc syscall.RawConn, o UDPOptions, ifi *net.Interface, v6 bool) error {
	var serr error
	set := func(fd int, level, opt, v int, name string) {
		if serr == nil {
			if err := syscall.SetsockoptInt(fd, level, opt, v); err != nil {
				serr = fmt.Errorf("%s: %w", name, os.NewSyscallError("setsockopt", err))
			}
		}
	}
	err := rc.Control(func(u uintptr) {
		fd := int(u)
		broadcast := 0
		if o.Broadcast {
			broadcast = 1
		}
		set(fd, syscall.SOL_SOCKET, syscall.SO_BROADCAST, broadcast, "broadcast")
		if v6 {
			if o.TTL > 0 {
				set(fd, syscall.IPPROTO_IPV6, syscall.IPV6_MULTICAST_HOPS, o.TTL, "multicast hop limit")
			}
			if o.NoLoop {
				set(fd, syscall.IPPROTO_IPV6, syscall.IPV6_MULTICAST_LOOP, 0, "multicast loop")
			}
			if ifi != nil {
				set(fd, syscall.IPPROTO_IPV6, syscall.IPV6_MULTICAST_IF, ifi.Index, "multicast interface")
			}
			return
		}
		if o.TTL > 0 {
			set(fd, syscall.IPPROTO_IP, syscall.IP_MULTICAST_TTL, o.TTL, "multicast TTL")
		}
		if o.NoLoop {
			set(fd, syscall.IPPROTO_IP, syscall.IP_MULTICAST_LOOP, 0, "multicast loop")
		}
		if ifi != nil && serr == nil {
			mreq := &syscall.IPMreqn{Ifindex: int32(ifi.Index)}
			if err := syscall.SetsockoptIPMreqn(fd, syscall.IPPROTO_IP, syscall.IP_MULTICAST_IF, mreq); err != nil {
				serr = fmt.Errorf("multicast interface: %w", os.NewSyscallError("setsockopt", err))
			}
		}
	})
	if err != nil {
		return err
	}
	return serr
}
