package tui

import (
	"context"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

// maxQueuedErrors bounds the unasked errors waiting for the UI: a flood of
// failed handshakes keeps the newest.
const maxQueuedErrors = 100

// errorFeed is a store sink that passes the engine's unasked errors
// (netassist.Event.Unasked: a peer's failed TLS handshake, a datagram the
// system refused) to the UI, which shows each on its tab's status line
// and in the message log. Errors that answer an action are that action's
// result and reach the UI with it. WriteEvent runs under the store's lock:
// it only queues and wakes.
type errorFeed struct {
	mu      sync.Mutex         // guards pending
	pending []common.StatusMsg // oldest first, at most maxQueuedErrors
	wake    chan struct{}      // cap 1: something is pending
}

func newErrorFeed() *errorFeed { return &errorFeed{wake: make(chan struct{}, 1)} }

// WriteEvent queues an unasked error event; it ignores every other event.
func (f *errorFeed) WriteEvent(e *netassist.Event) {
	if e.Kind != netassist.KindError || !e.Unasked {
		return
	}
	f.mu.Lock()
	if len(f.pending) >= maxQueuedErrors {
		f.pending = f.pending[1:]
	}
	// The text goes through the renderer when drawn (status, log).
	f.pending = append(f.pending, common.StatusMsg{Text: e.Err, Err: true, At: e.Time, Tab: e.Tab})
	f.mu.Unlock()
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// engineErrorsMsg carries the errors queued since the last one.
type engineErrorsMsg []common.StatusMsg

// wait returns a Cmd that waits for queued errors (or ctx's end) and
// yields them; the root asks again after each.
func (f *errorFeed) wait(ctx context.Context) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-f.wake:
		case <-ctx.Done():
			return nil
		}
		f.mu.Lock()
		out := f.pending
		f.pending = nil
		f.mu.Unlock()
		return engineErrorsMsg(out)
	}
}
