package headless

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync/atomic"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
)

// ClientConfig is what the headless client sends and how long it waits.
type ClientConfig struct {
	// Send is sent once connected (nil: nothing). If Text is set, Send was
	// built from it and Text is built again for each send, so macros such
	// as {{seq}} advance (compose.Build).
	Send []byte
	Text string
	// Count sends (at least 1), Repeat apart.
	Count  int
	Repeat time.Duration
	// Wait is how long to wait after the last byte received (or after the
	// sends, if nothing came) before exiting.
	Wait time.Duration
	// ExpectReply makes a peer that sends nothing back a failure. Without
	// it a silent peer is not a failure (as with ncat): the run succeeds
	// once every send was written.
	ExpectReply bool
	// Dial, if set, opens the connection (tests); a net.Dialer otherwise.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// runClient connects, sends, prints what comes back and returns when the
// peer closes or Wait passes with no new bytes. It fails (one line naming
// the cause) when the dial fails, when a send was not written in full (the
// peer reset, or stopped reading until Wait passed), and, with
// ExpectReply, when the peer sent nothing back.
func runClient(ctx context.Context, st *netassist.Store, addr string, cfg ClientConfig) error {
	var written atomic.Int64 // bytes the socket accepted: what the peer can have got
	dial := cfg.Dial
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	c := &netassist.Client{Store: st, Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
		nc, err := dial(ctx, network, addr)
		if tc, ok := nc.(*net.TCPConn); ok {
			return &countingConn{TCPConn: tc, written: &written}, nil
		}
		return nc, err
	}}
	defer c.Close()
	if err := c.Connect(ctx, addr); err != nil {
		if ctx.Err() != nil {
			return nil // interrupted while dialing
		}
		return err
	}
	var sent int64
	if cfg.Send != nil {
		env := &compose.MacroEnv{}
		for i := range max(cfg.Count, 1) {
			if i > 0 {
				t := time.NewTimer(cfg.Repeat)
				select {
				case <-t.C:
				case <-ctx.Done():
					t.Stop()
					return nil
				}
			}
			b := cfg.Send
			if cfg.Text != "" {
				var err error
				if b, err = compose.Build(cfg.Text, compose.DefaultOptions(), env); err != nil {
					return fmt.Errorf("--send: %w", err)
				}
			}
			sent += int64(len(b))
			if err := c.Send(b, false); err != nil {
				return unsent(c, written.Load(), sent, err)
			}
			env.Advance()
		}
	}
	err := c.WaitReply(ctx, cfg.Wait)
	var noReply *netassist.NoReplyError
	switch {
	case errors.Is(err, context.Canceled):
		return nil // interrupted: what was captured is printed
	case errors.As(err, &noReply):
		if cfg.ExpectReply {
			return fmt.Errorf("%w (--expect-reply)", err)
		}
	case err != nil:
		return err
	}
	if w := written.Load(); w < sent {
		return unsent(c, w, sent, errors.New("the peer stopped reading"))
	}
	status := c.Status()
	if cfg.ExpectReply {
		if info, ok := st.Conn(status.Conn); ok && info.BytesIn == 0 {
			return fmt.Errorf("%s closed the connection without a reply (--expect-reply)", status.Remote)
		}
	}
	return nil
}

// unsent is the error of a run whose sends were not all written: how much
// was, and why not (the connection's close reason if it closed, else err).
func unsent(c *netassist.Client, written, sent int64, err error) error {
	status := c.Status()
	why := err.Error()
	if status.State == netassist.ClientClosed && status.Err != "" {
		why = status.Err
	}
	return fmt.Errorf("sent %d of %d bytes to %s: %s", written, sent, status.Remote, why)
}

// countingConn counts the bytes the socket accepted. It embeds the
// *net.TCPConn so the engine still finds CloseWrite and SyscallConn.
type countingConn struct {
	*net.TCPConn
	written *atomic.Int64
}

func (c *countingConn) Write(b []byte) (int, error) {
	n, err := c.TCPConn.Write(b)
	c.written.Add(int64(n))
	return n, err
}
