package headless

import (
	"context"
	"errors"
	"fmt"
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
}

// runClient connects, sends, prints what comes back and returns when the
// peer closes or Wait passes with no new bytes. A refused, unresolvable or
// timed-out dial is an error; so is a silent peer, with ExpectReply.
func runClient(ctx context.Context, st *netassist.Store, addr string, cfg ClientConfig) error {
	c := &netassist.Client{Store: st}
	defer c.Close()
	if err := c.Connect(ctx, addr); err != nil {
		if ctx.Err() != nil {
			return nil // interrupted while dialing
		}
		return err
	}
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
			if err := c.Send(b, false); err != nil {
				return fmt.Errorf("send: %w", err)
			}
			env.Advance()
		}
	}
	err := c.WaitReply(ctx, cfg.Wait)
	switch {
	case err == nil, errors.Is(err, context.Canceled):
		return nil
	}
	return err
}
