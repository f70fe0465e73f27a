package server

import (
	"fmt"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/components/sendpane"
)

// sendTarget is where a repeat or a file send goes: the selected
// connection, or every connection open now, kept for the whole run.
func (t *Model) sendTarget() (sendpane.Target, error) {
	id, desc := t.target()
	ids := []netassist.ConnID{id}
	if id == netassist.AllConns {
		ids = t.srv.Open()
	}
	if len(ids) == 0 {
		return sendpane.Target{}, netassist.ErrNoConns
	}
	store, srv := t.store, t.srv
	base := make([]int64, len(ids))
	for i, id := range ids {
		info, ok := store.Conn(id)
		if !ok || !info.Open {
			return sendpane.Target{}, fmt.Errorf("conn %d: %w", id, netassist.ErrConnClosed)
		}
		base[i] = info.BytesOut
	}
	return sendpane.Target{
		Desc: desc,
		Send: func(b []byte) error {
			var last error
			ok := 0
			for _, id := range ids {
				if _, err := srv.Send(id, b, false); err != nil {
					last = err
				} else {
					ok++
				}
			}
			if ok == 0 {
				return last
			}
			return nil
		},
		Written: func() (int64, bool) {
			least, open := int64(-1), false
			for i, id := range ids {
				info, _ := store.Conn(id)
				if !info.Open {
					continue
				}
				open = true
				if w := info.BytesOut - base[i]; least < 0 || w < least {
					least = w
				}
			}
			return max(least, 0), open
		},
	}, nil
}
