package netassist

import (
	"net"
	"net/netip"
)

// ListenNetwork is the network to listen on addr ("host:port") with, for
// base "tcp" or "udp": base+"4" when the host is an IPv4 literal
// (0.0.0.0 included), base+"6" for an IPv6 literal, base for a name or no
// host. Go's "tcp" opens a dual-stack socket for 0.0.0.0, which also
// accepts on every IPv6 address and reports itself as [::]:PORT (breaker
// report 1 #7); an address typed as IPv4 means IPv4 only, shown as typed.
func ListenNetwork(base, addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return base
	}
	ip, err := netip.ParseAddr(host)
	switch {
	case err != nil:
		return base
	case ip.Is4():
		return base + "4"
	}
	return base + "6"
}
