package server

import (
	"context"
	"errors"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/components/sendpane"
)

// sendTarget is where a repeat or a file send goes: the selected
// connection, or every connection open now, kept for the whole run, at
// the pace of the engine's send queues.
func (t *Model) sendTarget() (sendpane.Target, error) {
	id, desc, err := t.target()
	if err != nil {
		return sendpane.Target{}, err
	}
	ids := []netassist.ConnID{id}
	if id == netassist.AllConns {
		ids = t.srv.Open()
	}
	if len(ids) == 0 {
		return sendpane.Target{}, netassist.ErrNoConns
	}
	srv, st, most := t.srv, t.store, t.datagramMax(ids)
	for _, id := range ids {
		if _, err := srv.Conn(id); err != nil {
			return sendpane.Target{}, err
		}
	}
	return sendpane.Target{
		Desc:     desc,
		Datagram: most,
		Send: func(ctx context.Context, b []byte) error {
			_, err := srv.SendTo(ctx, ids, b, false)
			if errors.Is(err, netassist.ErrNoConns) {
				waitRecorded(ctx, srv, ids)
				return sendpane.TargetClosed(st, ids...)
			}
			return err
		},
		Pending: func() int {
			most := 0
			for _, id := range ids {
				if c, err := srv.Conn(id); err == nil {
					most = max(most, c.Queued())
				}
			}
			return most
		},
		Flush: func(ctx context.Context) error {
			done := false
			for _, id := range ids {
				c, err := srv.Conn(id)
				if err != nil {
					continue
				}
				if err := c.WaitWritten(ctx); err == nil {
					done = true
				} else if ctx.Err() != nil {
					return ctx.Err()
				}
			}
			if !done {
				waitRecorded(ctx, srv, ids)
				return sendpane.TargetClosed(st, ids...)
			}
			return nil
		},
	}, nil
}

// waitRecorded waits until the closing connections of ids have recorded
// their close (and why) in the store, for at most a second or until ctx
// ends: a connection refuses sends as soon as it starts closing, a moment
// before its close event says why (a reset, say).
func waitRecorded(ctx context.Context, srv *netassist.Server, ids []netassist.ConnID) {
	timeout := time.NewTimer(time.Second)
	defer timeout.Stop()
	for _, id := range ids {
		c, err := srv.Conn(id)
		if err != nil {
			continue // gone: its close is recorded
		}
		select {
		case <-c.Done():
		case <-ctx.Done():
			return
		case <-timeout.C:
			return
		}
	}
}
