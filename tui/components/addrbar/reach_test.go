package addrbar

import (
	"net"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/styles"
)

// fakeInterfaces replaces the machine's addresses for one test.
func fakeInterfaces(t *testing.T, cidrs ...string) {
	var addrs []net.Addr
	for _, c := range cidrs {
		ip, n, err := net.ParseCIDR(c)
		if err != nil {
			t.Fatal(err)
		}
		n.IP = ip
		addrs = append(addrs, n)
	}
	old := interfaceAddrs
	interfaceAddrs = func() ([]net.Addr, error) { return addrs, nil }
	t.Cleanup(func() { interfaceAddrs = old })
}

// A listener on every address is reached at the machine's own addresses
// (IPv4 first; no loopback, link-local or, for 0.0.0.0, IPv6); one on a
// given address at that address; a loopback one from nowhere else.
func TestReachable(t *testing.T) {
	fakeInterfaces(t, "127.0.0.1/8", "192.168.1.23/24", "fe80::1/64", "2001:db8::5/64", "10.0.0.5/8", "::1/128")
	for _, c := range []struct {
		addr net.Addr
		want []string
	}{
		{&net.TCPAddr{IP: net.IPv4zero, Port: 7890}, []string{"192.168.1.23:7890", "10.0.0.5:7890"}},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 80}, []string{"192.168.1.23:80", "10.0.0.5:80", "[2001:db8::5]:80"}},
		{&net.UDPAddr{IP: net.IPv4zero, Port: 9}, []string{"192.168.1.23:9", "10.0.0.5:9"}},
		{&net.TCPAddr{IP: net.ParseIP("192.168.1.23"), Port: 8080}, []string{"192.168.1.23:8080"}},
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, nil},
	} {
		if got := Reachable(c.addr); !slices.Equal(got, c.want) {
			t.Errorf("Reachable(%v) = %v, want %v", c.addr, got, c.want)
		}
	}
}

// In presenter mode the address line says where to connect, before the
// warning.
func TestReachShown(t *testing.T) {
	fakeInterfaces(t, "127.0.0.1/8", "192.168.1.23/24")
	c := common.Default()
	*c.Styles = styles.Presenter(true)
	b := New(c, "Listen ", "0.0.0.0:7890", "", false)
	b.SetSize(140, 1)
	b.SetState(State{Phase: Up, Text: "listening on 0.0.0.0:7890", Listen: &net.TCPAddr{IP: net.IPv4zero, Port: 7890}})
	line := ansi.Strip(b.View())
	if !strings.Contains(line, "listening on 0.0.0.0:7890 · connect to 192.168.1.23:7890 ⚠ reachable from the network") {
		t.Fatalf("line: %q", line)
	}
}
