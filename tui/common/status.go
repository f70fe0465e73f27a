package common

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// StatusMsg sets the status line: the result of the last action, shown
// until the next one. Err shows it as an error.
type StatusMsg struct {
	Text string
	Err  bool
}

// Status returns a Cmd that sets the status line.
func Status(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Err: isErr} }
}

// ChangedMsg says the capture store changed since the last frame: a
// redraw is all it asks for (View reads what it shows).
type ChangedMsg struct{}

// WaitForChange returns a Cmd that waits (after at least delay, so frames
// caused by network data stay under the frame rate) for the store's
// coalesced change signal ch, or for ctx to end (then it returns nil and is
// not re-armed, so it never outlives the UI).
func WaitForChange(ctx context.Context, ch <-chan struct{}, delay time.Duration) tea.Cmd {
	return func() tea.Msg {
		if delay > 0 {
			t := time.NewTimer(delay)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return nil
			}
		}
		select {
		case <-ch:
			return ChangedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}
