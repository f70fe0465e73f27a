package tuitest

import (
	"net"
	"syscall"
	"testing"
)

// RefusedAddr returns a loopback address that refuses connections for the
// whole test: a TCP socket bound to 127.0.0.1:0 that never listens (a SYN
// to it is answered with a reset), held open until the test ends so no
// other process can take the port. A closed listener's port would be a
// race: anyone may bind it again before the dial.
func RefusedAddr(t testing.TB) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	in, ok := sa.(*syscall.SockaddrInet4)
	if !ok {
		t.Fatalf("socket name %T", sa)
	}
	return (&net.TCPAddr{IP: net.IP(in.Addr[:]), Port: in.Port}).String()
}
