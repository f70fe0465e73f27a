package netassist

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

// DefaultHandshakeTimeout bounds a TLS handshake when
// TLSListener.Timeout is zero.
const DefaultHandshakeTimeout = 10 * time.Second

// maxHandshakes bounds the TLS handshakes in progress at once: past it
// the listener stops accepting (newcomers wait in the kernel's backlog), so
// a crowd of clients that never finish the handshake costs bounded memory.
const maxHandshakes = 256

// TLSListener is a TLS listener whose Accept returns connections that
// have completed their handshake, as *tls.Conn: the capture sits above
// TLS and sees plaintext, and a connection's open event can say what was
// negotiated. Each handshake runs on a goroutine of its own (at most 256
// at once, each bounded by Timeout), so a slow or silent client never
// holds up the others. A handshake that fails never reaches Accept: it is
// reported to OnError ("TLS handshake with 127.0.0.1:51514 failed: remote
// error: tls: unknown certificate authority").
type TLSListener struct {
	raw     net.Listener
	cfg     *tls.Config
	timeout time.Duration
	onError func(remote net.Addr, err error)

	ready chan acceptResult // handshaken connections and accept errors
	done  chan struct{}     // closed by Close
	once  sync.Once
	slots chan struct{}  // one token per handshake in progress
	wg    sync.WaitGroup // the pump and the handshakes

	mu      sync.Mutex // guards pending
	pending map[net.Conn]struct{}
}

type acceptResult struct {
	c   *tls.Conn
	err error
}

// NewTLSListener starts handshaking the connections raw accepts with cfg
// (a server configuration). timeout bounds each handshake
// (DefaultHandshakeTimeout if zero); onError, if set, hears of each failed
// one. Close stops it.
func NewTLSListener(raw net.Listener, cfg *tls.Config, timeout time.Duration, onError func(remote net.Addr, err error)) *TLSListener {
	if timeout <= 0 {
		timeout = DefaultHandshakeTimeout
	}
	l := &TLSListener{
		raw: raw, cfg: cfg, timeout: timeout, onError: onError,
		ready:   make(chan acceptResult),
		done:    make(chan struct{}),
		slots:   make(chan struct{}, maxHandshakes),
		pending: make(map[net.Conn]struct{}),
	}
	l.wg.Add(1)
	go l.pump()
	return l
}

// pump accepts raw connections and starts their handshakes until the raw
// listener fails for good; an accept error (EMFILE) is handed to Accept,
// whose caller backs off, before accepting again.
func (l *TLSListener) pump() {
	defer l.wg.Done()
	for {
		select {
		case l.slots <- struct{}{}:
		case <-l.done:
			return
		}
		nc, err := l.raw.Accept()
		if err != nil {
			<-l.slots
			select {
			case l.ready <- acceptResult{err: err}:
			case <-l.done:
				return
			}
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		l.mu.Lock()
		select {
		case <-l.done: // Close has run over pending already
			l.mu.Unlock()
			nc.Close()
			return
		default:
		}
		l.pending[nc] = struct{}{}
		l.mu.Unlock()
		l.wg.Add(1)
		go l.handshake(nc)
	}
}

// handshake runs nc's handshake and hands the connection to Accept.
func (l *TLSListener) handshake(nc net.Conn) {
	defer l.wg.Done()
	defer Recover("TLS handshake", func(p *PanicError) { nc.Close() })
	release := func() {
		l.mu.Lock()
		delete(l.pending, nc)
		l.mu.Unlock()
		<-l.slots
	}
	ctx, cancel := context.WithTimeout(context.Background(), l.timeout)
	tc := tls.Server(nc, l.cfg)
	err := tc.HandshakeContext(ctx)
	cancel()
	release()
	if err != nil {
		nc.Close()
		select {
		case <-l.done:
			return // closed under it: no failure to report
		default:
		}
		if l.onError != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				err = fmt.Errorf("no handshake within %v", l.timeout)
			}
			l.onError(nc.RemoteAddr(), err)
		}
		return
	}
	select {
	case l.ready <- acceptResult{c: tc}:
	case <-l.done:
		tc.Close()
	}
}

// Accept returns the next connection whose handshake succeeded.
func (l *TLSListener) Accept() (net.Conn, error) {
	select {
	case r := <-l.ready:
		if r.err != nil {
			return nil, r.err
		}
		return r.c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops accepting, ends the handshakes in progress and waits for
// its goroutines.
func (l *TLSListener) Close() error {
	var err error
	l.once.Do(func() {
		close(l.done)
		err = l.raw.Close()
		l.mu.Lock()
		for nc := range l.pending {
			nc.Close()
		}
		l.mu.Unlock()
		l.wg.Wait()
	})
	return err
}

// Addr is the raw listener's address.
func (l *TLSListener) Addr() net.Addr { return l.raw.Addr() }

// HandshakeError words a failed server-side handshake for an error event.
func HandshakeError(remote net.Addr, err error) string {
	return fmt.Sprintf("TLS handshake with %v failed: %v", remote, opError(err, false))
}
