package netassist

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Largest UDP payloads (RFC 768 over IPv4: 65,535 less the 20-byte IP and
// 8-byte UDP headers; over IPv6 the 40-byte header is not counted in the
// payload length).
const (
	MaxDatagram4 = 65507
	MaxDatagram6 = 65527
)

// datagramBuf is the read buffer for one datagram: anything IPv4 or IPv6
// can carry without jumbograms fits, so a datagram is cut (MSG_TRUNC, the
// data event's "truncated") only if the kernel hands over something
// larger.
const datagramBuf = 64 << 10

// UDP errors.
var (
	// ErrDatagramTooLarge is returned by Send when the bytes do not fit
	// in one datagram (a *DatagramSizeError says the sizes); SendDatagrams
	// splits them.
	ErrDatagramTooLarge = errors.New("too large for one datagram")
	// ErrNoHalfClose is returned by CloseWrite and HalfClose on UDP,
	// which has no FIN.
	ErrNoHalfClose = errors.New("UDP has no half-close")
	// ErrNotUDP is returned by AddPeer when the server is not listening
	// on UDP.
	ErrNotUDP = errors.New("not listening on UDP")
)

// DatagramSizeError is a send of more bytes than one datagram holds.
type DatagramSizeError struct {
	Size, Max int
}

func (e *DatagramSizeError) Error() string {
	return fmt.Sprintf("%d bytes are %v (at most %d; split them into datagrams)", e.Size, ErrDatagramTooLarge, e.Max)
}

// Unwrap makes errors.Is(err, ErrDatagramTooLarge) true.
func (e *DatagramSizeError) Unwrap() error { return ErrDatagramTooLarge }

// maxDatagramFor is the largest payload to addr's family.
func maxDatagramFor(a netip.Addr) int {
	if a.Is4() || a.Is4In6() {
		return MaxDatagram4
	}
	return MaxDatagram6
}

// checkDatagram refuses, on a UDP connection, bytes that do not fit in one
// datagram.
func (c *Conn) checkDatagram(b []byte) error {
	if c.maxDatagram > 0 && len(b) > int(c.maxDatagram) {
		return &DatagramSizeError{Size: len(b), Max: int(c.maxDatagram)}
	}
	return nil
}

// IsDatagram reports whether c is a UDP connection or peer.
func (c *Conn) IsDatagram() bool { return c.maxDatagram > 0 }

// Refused counts the ICMP "port unreachable" answers a UDP client's
// datagrams got: nothing listens at the address.
func (c *Conn) Refused() int64 { return c.refused.Load() }

// SendDatagrams queues b as datagrams of at most maxSize bytes each (b
// whole if maxSize <= 0), in order, with flow control (SendWait for
// each): a file sent as one datagram or split at a chosen size. On TCP
// the pieces are writes, which the stream may merge. It returns the
// number queued, and ctx.Err(), ErrConnClosed or a *DatagramSizeError if
// it stops early. The pieces share b: do not modify it. An empty b is one
// empty datagram on UDP, nothing on TCP.
func (c *Conn) SendDatagrams(ctx context.Context, b []byte, maxSize int) (int, error) {
	if maxSize <= 0 {
		maxSize = max(len(b), 1)
	}
	if len(b) == 0 {
		if c.maxDatagram == 0 {
			return 0, nil
		}
		if err := c.SendWait(ctx, b, false); err != nil {
			return 0, err
		}
		return 1, nil
	}
	n := 0
	for off := 0; off < len(b); off += maxSize {
		if err := c.SendWait(ctx, b[off:min(off+maxSize, len(b))], false); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// writeDatagram writes one queued datagram and records it once the system
// took it: a datagram refused (no route, an address of the other family,
// broadcast not allowed) is never data, only an error event naming it,
// and its bytes count as unsent, reported by the close event. The socket's
// order lock (recordOrder) is held from the write to the record, so the
// reader cannot record an answer above the datagram it answers. Only a
// socket that is gone is an error for the caller.
func (c *Conn) writeDatagram(b []byte) error {
	c.moved()
	err := c.writeRecorded(b)
	c.wrote(len(b))
	if err == nil {
		return nil
	}
	if errors.Is(err, net.ErrClosed) {
		return err
	}
	c.mu.Lock()
	c.unsent += int64(len(b))
	c.mu.Unlock()
	if errors.Is(err, syscall.ECONNREFUSED) {
		c.refused.Add(1)
	}
	c.store.RecordUnaskedError(c.tab, fmt.Sprintf("conn %d: datagram of %d bytes not sent: %v", c.id, len(b), describeUDPErr(err, c.nc.RemoteAddr())))
	return nil
}

// writeRecorded writes b as one datagram and, if the system took it,
// records it (dir out), under the socket's order lock.
func (c *Conn) writeRecorded(b []byte) error {
	if o, ok := c.nc.(recordOrderer); ok {
		mu := o.recordOrder()
		mu.Lock()
		defer mu.Unlock()
	}
	if _, err := c.nc.Write(b); err != nil {
		return err
	}
	c.store.RecordDatagram(c.id, Out, b, false)
	return nil
}

// recordOrderer is a UDP socket whose writer records a datagram after
// writing it: its reader records what arrives under the same lock, so
// the store's order is the wire's.
type recordOrderer interface {
	recordOrder() *sync.Mutex
}

// recordIn records a datagram that arrived on c's socket, under the
// socket's order lock (mu; nil: none).
func (c *Conn) recordIn(mu *sync.Mutex, b []byte, truncated bool) {
	if mu != nil {
		mu.Lock()
		defer mu.Unlock()
	}
	c.store.RecordDatagram(c.id, In, b, truncated)
}

// udpClientSock is a UDP client's connected socket with its order lock.
type udpClientSock struct {
	*net.UDPConn
	order sync.Mutex // orders a datagram's record (out) before its answer's (in)
}

func (u *udpClientSock) recordOrder() *sync.Mutex { return &u.order }

// describeUDPErr names a failed datagram operation once, and says what an
// ICMP answer or a refused broadcast means.
func describeUDPErr(err error, remote net.Addr) error {
	text := opError(err, false).Error()
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		text += fmt.Sprintf(" (ICMP port unreachable: nothing listens at %v)", remote)
	case errors.Is(err, syscall.EACCES):
		text += " (a broadcast address needs --broadcast)"
	}
	return &composedError{text: text, err: err}
}

// datagramLoop is the reader of a UDP client's connected socket: each
// datagram is one chunk. An ICMP port unreachable (ECONNREFUSED: nothing
// listens there) is an error event, not the end: the socket stays, as
// NetAssist keeps it, for a server that starts later.
func (c *Conn) datagramLoop() {
	uc, ok := c.nc.(interface {
		ReadMsgUDPAddrPort(b, oob []byte) (n, oobn, flags int, addr netip.AddrPort, err error)
	})
	if !ok {
		c.readerDone(errors.New("not a UDP socket"), nil)
		return
	}
	buf := make([]byte, datagramBuf)
	first := true
	for {
		n, _, flags, _, err := uc.ReadMsgUDPAddrPort(buf, nil)
		if err == nil {
			c.moved()
			var order *sync.Mutex
			if o, ok := c.nc.(recordOrderer); ok {
				order = o.recordOrder()
			}
			c.recordIn(order, buf[:n], flags&msgTrunc != 0)
			if c.onRead != nil {
				c.onRead(c, buf[:n], first)
			}
			first = false
			continue
		}
		if errors.Is(err, syscall.ECONNREFUSED) && !c.isClosing() {
			c.refused.Add(1)
			c.store.RecordError(c.tab, fmt.Sprintf("conn %d: %v", c.id, describeUDPErr(err, c.nc.RemoteAddr())))
			continue
		}
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF // a datagram socket has no EOF
		}
		c.readerDone(err, nil)
		return
	}
}

// udpPeerConn is one peer of a UDP server socket, as a net.Conn for the
// Conn machinery (send queue, flow control, close): Write sends one
// datagram to the peer from the shared socket. Nothing reads it: the
// socket's one reader records each datagram under the peer it came from.
type udpPeerConn struct {
	sock   *udpSocket
	to     netip.AddrPort // IPv4 unmapped: the system maps it for a dual-stack socket
	raddr  *net.UDPAddr
	closed atomic.Bool
}

func (p *udpPeerConn) recordOrder() *sync.Mutex { return &p.sock.order }

func (p *udpPeerConn) Write(b []byte) (int, error) {
	if p.closed.Load() {
		return 0, net.ErrClosed
	}
	return p.sock.pc.WriteToUDPAddrPort(b, p.to)
}

func (p *udpPeerConn) Read([]byte) (int, error)         { return 0, io.EOF }
func (p *udpPeerConn) Close() error                     { p.closed.Store(true); return nil }
func (p *udpPeerConn) LocalAddr() net.Addr              { return p.sock.pc.LocalAddr() }
func (p *udpPeerConn) RemoteAddr() net.Addr             { return p.raddr }
func (p *udpPeerConn) SetDeadline(time.Time) error      { return nil }
func (p *udpPeerConn) SetReadDeadline(time.Time) error  { return nil }
func (p *udpPeerConn) SetWriteDeadline(time.Time) error { return nil }

// unmapAddrPort shows an IPv4 peer of a dual-stack socket as IPv4.
func unmapAddrPort(ap netip.AddrPort) netip.AddrPort {
	return netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
}

// isStopErr reports whether a read ended because the socket was closed or
// its reader stopped (a deadline in the past).
func isStopErr(err error) bool {
	return errors.Is(err, net.ErrClosed) || errors.Is(err, os.ErrDeadlineExceeded)
}
