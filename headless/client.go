package headless

import (
	"context"
	"errors"
	"fmt"
	"net"
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
	// Split (UDP) sends Send as datagrams of at most this many bytes; 0
	// sends it as one datagram (refused if it does not fit).
	Split int
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
// peer reset, or stopped reading for a whole Wait), and, with ExpectReply,
// when the peer sent nothing back.
func runClient(ctx context.Context, st *netassist.Store, c *netassist.Client, addr string, cfg ClientConfig) error {
	defer c.Close()
	if err := c.Connect(ctx, addr); err != nil {
		if ctx.Err() != nil {
			return nil // interrupted while dialing
		}
		return err
	}
	conn, err := c.Conn()
	if err != nil {
		return err
	}
	var sent int64
	if cfg.Send != nil {
		// The refusal names the flag the user gave (breaker-2 D9: a
		// --send-file too large for a datagram said "--send:").
		flag := "--send-file"
		if cfg.Text != "" {
			flag = "--send"
		}
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
				if b, err = compose.Build(cfg.Text, compose.DefaultOptions(), env); err != nil {
					return fmt.Errorf("--send: %w", err)
				}
			}
			sent += int64(len(b))
			var err error
			if conn.IsDatagram() {
				_, err = conn.SendDatagrams(ctx, b, cfg.Split)
			} else {
				err = conn.SendWait(ctx, b, false)
			}
			if errors.Is(err, netassist.ErrDatagramTooLarge) {
				return fmt.Errorf("%s: %w (--split SIZE sends it as several)", flag, err)
			}
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				return unsent(st, conn, sent, err)
			}
			env.Advance()
		}
	}
	if err := waitWritten(ctx, conn, cfg.Wait); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return unsent(st, conn, sent, err)
	}
	err = c.WaitReply(ctx, cfg.Wait)
	if conn.Refused() > 0 {
		if info, _ := st.Conn(conn.ID()); info.BytesIn == 0 {
			return fmt.Errorf("udp %s: nothing listens there (ICMP port unreachable)", info.Remote)
		}
	}
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
	if info, ok := st.Conn(conn.ID()); ok {
		if info.Unsent > 0 {
			return unsent(st, conn, sent, netassist.ErrConnClosed)
		}
		if cfg.ExpectReply && info.BytesIn == 0 {
			return fmt.Errorf("%s closed the connection without a reply (--expect-reply)", info.Remote)
		}
	}
	return nil
}

// errStoppedReading: queued bytes made no progress for a whole --wait.
var errStoppedReading = errors.New("the peer stopped reading")

// waitWritten waits until every byte queued on conn was written, as long
// as the peer keeps taking bytes: a whole wait with no progress is
// errStoppedReading; a connection closed first is ErrConnClosed.
func waitWritten(ctx context.Context, conn *netassist.Conn, wait time.Duration) error {
	if wait <= 0 {
		wait = time.Second
	}
	for {
		before := conn.Queued()
		wctx, cancel := context.WithTimeout(ctx, wait)
		err := conn.WaitWritten(wctx)
		cancel()
		switch {
		case err == nil, ctx.Err() != nil, !errors.Is(err, context.DeadlineExceeded):
			return err
		case conn.Queued() >= before:
			return errStoppedReading
		}
	}
}

// unsent is the error of a run whose sends were not all written: how much
// was (the store counts bytes written), and why not (the connection's
// close reason once it closed, else err).
func unsent(st *netassist.Store, conn *netassist.Conn, sent int64, err error) error {
	if errors.Is(err, netassist.ErrConnClosed) {
		<-conn.Done() // the close, and its reason, are recorded
	}
	info, _ := st.Conn(conn.ID())
	why := err.Error()
	if info.Err != "" {
		why = info.Err
	}
	return fmt.Errorf("sent %d of %d bytes to %s: %s", info.BytesOut, sent, info.Remote, why)
}
