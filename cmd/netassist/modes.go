package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
)

// headlessClient connects, sends --send (--count times, every --repeat),
// prints what comes back and returns when the peer closes or --wait passes
// with no new bytes. A refused, unresolvable or timed-out dial is an error
// (exit 1), and so is a peer that never says anything.
func headlessClient(ctx context.Context, o *options, st *netassist.Store, stderr io.Writer) error {
	c := &netassist.Client{Store: st}
	defer c.Close()
	if err := c.Connect(ctx, o.addr); err != nil {
		if ctx.Err() != nil {
			return nil // interrupted while dialing
		}
		return err
	}
	if o.send != nil {
		env := &compose.MacroEnv{}
		for i := range o.count {
			if i > 0 {
				select {
				case <-time.After(o.repeat):
				case <-ctx.Done():
					return nil
				}
			}
			b := o.send
			if o.sendText != "" {
				var err error
				if b, err = compose.Build(o.sendText, compose.DefaultOptions(), env); err != nil {
					return fmt.Errorf("--send: %w", err)
				}
			}
			if err := c.Send(b, false); err != nil {
				return fmt.Errorf("send: %w", err)
			}
			env.Advance()
		}
	}
	err := c.WaitReply(ctx, o.wait)
	switch {
	case err == nil, errors.Is(err, context.Canceled):
		return nil
	}
	return err
}

// headlessWeb serves --root (or the demo site) until interrupted.
func headlessWeb(ctx context.Context, o *options, st *netassist.Store, stderr io.Writer) error {
	srv, err := newWebServer(st, o)
	if err != nil {
		return err
	}
	addr, err := srv.Listen(o.addr)
	if err != nil {
		srv.Close()
		return err
	}
	warnIfExposed(stderr, addr)
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	return nil
}

// newWebServer builds the web server the command line asks for.
func newWebServer(st *netassist.Store, o *options) (*httpserve.Server, error) {
	enc, err := httpserve.ParseEncoding(o.encoding)
	if err != nil {
		return nil, err
	}
	return httpserve.New(st, httpserve.Config{
		Root:          o.root,
		List:          o.list,
		Encoding:      enc,
		ResponseBytes: o.responseFile,
	})
}
