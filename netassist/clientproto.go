package netassist

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"syscall"
)

// TLSError is a failed TLS handshake of ConnectProto(ProtoTLS, …): one
// line naming the address and why — the certificate refused and the
// reason (an unknown authority, the names it is for when the host name is
// wrong, its validity when expired), or the handshake's error.
// errors.Is matches ErrCertificate, ErrHandshake, ErrDialTimeout or
// ErrDialCanceled, and the crypto/tls or crypto/x509 error.
type TLSError struct {
	Addr  string
	Cause error
	Err   error
	// Refusal is why the server's certificate was refused (Cause
	// ErrCertificate), in parts; nil for another failure.
	Refusal *CertRefusal
	text    string
}

func (e *TLSError) Error() string { return e.text }

// Unwrap gives errors.Is and errors.As both the cause and the TLS error.
func (e *TLSError) Unwrap() []error { return []error{e.Cause, e.Err} }

// dialProto opens the connection of ConnectProto; ti is a TLS session.
func (c *Client) dialProto(ctx context.Context, p Proto, addr string) (net.Conn, *TLSInfo, error) {
	if p == ProtoUDP {
		nc, err := c.dialUDP(ctx, addr)
		return nc, nil, err
	}
	nc, err := c.dialAddr(ctx, addr)
	if err != nil || p != ProtoTLS {
		return nc, nil, err
	}
	return c.handshake(ctx, nc, addr)
}

// handshake runs the client side of TLS over nc, within the dial timeout.
func (c *Client) handshake(ctx context.Context, nc net.Conn, addr string) (net.Conn, *TLSInfo, error) {
	cfg := &tls.Config{}
	if c.TLS != nil {
		cfg = c.TLS.Clone()
	}
	if cfg.ServerName == "" {
		host, _, _ := net.SplitHostPort(addr)
		cfg.ServerName = host
	}
	if timeout := c.dialTimeout(); timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, timeout, errTimedOut)
		defer cancel()
	}
	tc := tls.Client(nc, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		nc.Close()
		te := &TLSError{Addr: addr, Err: err}
		switch cause := context.Cause(ctx); {
		case errors.Is(cause, errTimedOut):
			te.Cause = ErrDialTimeout
			te.text = fmt.Sprintf("tls %s: no handshake within %v", addr, c.dialTimeout())
		case cause != nil:
			te.Cause = ErrDialCanceled
			te.text = fmt.Sprintf("tls %s: connect canceled", addr)
		default:
			te.text, te.Refusal, te.Cause = describeHandshake(addr, err)
		}
		return nil, nil, te
	}
	return tc, TLSInfoOf(tc.ConnectionState(), true), nil
}

// dialUDP opens a connected UDP socket to addr with c.UDP's settings: its
// datagrams go to addr, and only addr's come back.
func (c *Client) dialUDP(ctx context.Context, addr string) (net.Conn, error) {
	if c.Dial != nil {
		return c.Dial(ctx, "udp", addr)
	}
	ifi, err := c.UDP.iface()
	if err != nil {
		return nil, err
	}
	d := net.Dialer{}
	if c.UDP != (UDPOptions{}) || clearsBroadcast {
		d.Control = func(network, _ string, rc syscall.RawConn) error {
			return setSockUDP(rc, c.UDP, ifi, network == "udp6")
		}
	}
	nc, err := d.DialContext(ctx, "udp", addr)
	if err != nil {
		text := opError(err, true).Error()
		if errors.Is(err, syscall.EACCES) {
			text += " (a broadcast address needs --broadcast)"
		}
		return nil, &composedError{text: text, err: err}
	}
	if uc, ok := nc.(*net.UDPConn); ok {
		return &udpClientSock{UDPConn: uc}, nil
	}
	return nc, nil
}

// maxDatagramOf is the largest payload to a UDP address.
func maxDatagramOf(a net.Addr) int {
	if ua, ok := a.(*net.UDPAddr); ok {
		return maxDatagramFor(ua.AddrPort().Addr().Unmap())
	}
	return MaxDatagram6
}

// SendDatagrams queues a copy of b as datagrams of at most maxSize bytes
// each (whole if maxSize <= 0), with flow control: a file as one datagram
// or split at a chosen size (Conn.SendDatagrams). It returns how many
// were queued.
func (c *Client) SendDatagrams(ctx context.Context, b []byte, maxSize int) (int, error) {
	cc, err := c.current()
	if err != nil {
		return 0, err
	}
	return cc.SendDatagrams(ctx, append([]byte(nil), b...), maxSize)
}

// SendDatagrams queues b for connection (or UDP peer) id, or for every
// open one when id is AllConns, as datagrams of at most maxSize bytes
// each (Conn.SendDatagrams), with flow control. It returns how many
// datagrams were queued in all; ErrNoConns when none was open. b is
// shared: do not modify it.
func (s *Server) SendDatagrams(ctx context.Context, id ConnID, b []byte, maxSize int) (int, error) {
	ids := []ConnID{id}
	if id == AllConns {
		ids = s.Open()
	}
	total, reached := 0, 0
	for _, id := range ids {
		c, err := s.Conn(id)
		if err != nil {
			if len(ids) == 1 {
				return 0, err
			}
			continue
		}
		n, err := c.SendDatagrams(ctx, b, maxSize)
		total += n
		switch {
		case err == nil:
			reached++
		case ctx.Err() != nil, len(ids) == 1, errors.Is(err, ErrDatagramTooLarge):
			return total, err
		}
	}
	if reached == 0 {
		return total, ErrNoConns
	}
	return total, nil
}
