package addrbar

import (
	"net"
	"strconv"
	"strings"
)

// maxReach bounds the addresses the line lists.
const maxReach = 3

// interfaceAddrs lists the machine's addresses (net.InterfaceAddrs; tests
// replace it).
var interfaceAddrs = net.InterfaceAddrs

// Reachable is where other machines connect to a listener on a: the
// machine's own non-loopback addresses with a's port when a listens on
// every address (0.0.0.0: IPv4 ones; [::]: all), else a itself; none for
// a loopback listener. At most maxReach, IPv4 first, as host:port.
func Reachable(a net.Addr) []string {
	var ip net.IP
	var port int
	switch a := a.(type) {
	case *net.TCPAddr:
		ip, port = a.IP, a.Port
	case *net.UDPAddr:
		ip, port = a.IP, a.Port
	default:
		return nil
	}
	if ip == nil || ip.IsLoopback() {
		return nil
	}
	p := strconv.Itoa(port)
	if !ip.IsUnspecified() {
		return []string{net.JoinHostPort(ip.String(), p)}
	}
	addrs, err := interfaceAddrs()
	if err != nil {
		return nil
	}
	var v4, v6 []string
	for _, ad := range addrs {
		n, ok := ad.(*net.IPNet)
		if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || n.IP.IsMulticast() {
			continue
		}
		hp := net.JoinHostPort(n.IP.String(), p)
		if n.IP.To4() != nil {
			v4 = append(v4, hp)
		} else if ip.To4() == nil { // [::] takes IPv6 too
			v6 = append(v6, hp)
		}
	}
	out := append(v4, v6...)
	return out[:min(len(out), maxReach)]
}

// reach is Reachable for the state's listener, worked out once per
// address (it lists the interfaces).
func (m *Model) reach() string {
	if m.state.Listen == nil {
		return ""
	}
	key := m.state.Listen.Network() + " " + m.state.Listen.String()
	if key != m.reachKey {
		m.reachKey, m.reachText = key, strings.Join(Reachable(m.state.Listen), " · ")
	}
	return m.reachText
}
