package netassist

import (
	"fmt"
	"net"
	"net/netip"
)

// UDPOptions are a UDP socket's broadcast and multicast settings, as
// NetAssist offers them. The zero value is a plain unicast socket.
type UDPOptions struct {
	// Broadcast allows sending to a broadcast address such as
	// 255.255.255.255 or 192.168.1.255 (SO_BROADCAST); without it the
	// system refuses such a send (on Linux: Go turns SO_BROADCAST on for
	// every UDP socket, and setSockUDP turns it off; see clearsBroadcast).
	Broadcast bool
	// Group (a server's) is a multicast group to join, e.g. 239.1.2.3 or
	// ff02::1234: the socket is bound to the group and the listen
	// address's port, and receives what is sent there (from this host too,
	// when the sender loops its datagrams back).
	Group string
	// Interface names the network interface to join the group on and to
	// send multicast from ("": the system's choice, usually the one of the
	// default route; "lo" keeps it on this host).
	Interface string
	// TTL is the multicast TTL (IPv6 hop limit) of datagrams sent to a
	// group: 0 keeps the system's (1: this network only).
	TTL int
	// NoLoop stops datagrams we send to a group from being delivered to
	// listeners on this host (IP_MULTICAST_LOOP off).
	NoLoop bool
}

// iface resolves o.Interface (nil for "").
func (o UDPOptions) iface() (*net.Interface, error) {
	if o.Interface == "" {
		return nil, nil
	}
	ifi, err := net.InterfaceByName(o.Interface)
	if err != nil {
		return nil, fmt.Errorf("interface \"%s\": %w", o.Interface, err)
	}
	return ifi, nil
}

// listenUDP binds a UDP socket on addr with o's settings: a multicast
// group joined (on o.Interface) when o.Group is set.
func listenUDP(addr string, o UDPOptions) (*net.UDPConn, error) {
	var pc *net.UDPConn
	if o.Group != "" {
		g, err := netip.ParseAddr(o.Group)
		if err != nil || !g.IsMulticast() {
			return nil, fmt.Errorf("multicast group \"%s\": not a multicast address (224.0.0.0/4, ff00::/8)", o.Group)
		}
		_, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		ua, err := net.ResolveUDPAddr("udp", net.JoinHostPort(g.String(), port))
		if err != nil {
			return nil, err
		}
		ifi, err := o.iface()
		if err != nil {
			return nil, err
		}
		network := "udp4"
		if g.Is6() {
			network = "udp6"
		}
		if pc, err = net.ListenMulticastUDP(network, ifi, ua); err != nil {
			return nil, err
		}
	} else {
		network := ListenNetwork("udp", addr)
		ua, err := net.ResolveUDPAddr(network, addr)
		if err != nil {
			return nil, err
		}
		if pc, err = net.ListenUDP(network, ua); err != nil {
			return nil, err
		}
	}
	if err := setUDPOptions(pc, o); err != nil {
		pc.Close()
		return nil, err
	}
	return pc, nil
}

// setUDPOptions applies o's send settings (broadcast, multicast TTL, loop,
// interface) to a socket.
func setUDPOptions(pc *net.UDPConn, o UDPOptions) error {
	if !clearsBroadcast && !o.Broadcast && o.TTL == 0 && !o.NoLoop && (o.Interface == "" || o.Group != "") {
		return nil
	}
	ifi, err := o.iface()
	if err != nil {
		return err
	}
	rc, err := pc.SyscallConn()
	if err != nil {
		return err
	}
	v6 := false
	if la, ok := pc.LocalAddr().(*net.UDPAddr); ok && la.IP.To4() == nil && !la.IP.IsUnspecified() {
		v6 = true
	}
	if ra, ok := pc.RemoteAddr().(*net.UDPAddr); ok && ra != nil {
		v6 = ra.IP.To4() == nil
	}
	return setSockUDP(rc, o, ifi, v6)
}
