package common

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// StatusMsg sets the status line: the result of the last action, shown
// until the next one. Err shows it as an error.
//
// Cmds run concurrently, so their messages arrive in any order: At, when
// set, is when the status was decided, and a status decided before the
// one shown is dropped instead of replacing it. A zero At (a result built
// when its Cmd finished) counts as decided when it arrives.
//
// Tab is the tab the status belongs to: the root shows it while that tab
// is shown. Tabs and panes leave it empty; the root fills it in for every
// message a tab's Cmd returns (statuses belong to their tab, issue 15).
type StatusMsg struct {
	Text string
	Err  bool
	At   time.Time
	Tab  TabName
}

// Status returns a Cmd that sets the status line, decided now.
func Status(text string, isErr bool) tea.Cmd {
	msg := StatusMsg{Text: text, Err: isErr, At: time.Now()}
	return func() tea.Msg { return msg }
}

// Newer reports whether m was decided after shown (when the status line
// last changed), and when m was decided.
func (m StatusMsg) Newer(shown time.Time) (bool, time.Time) {
	at := m.At
	if at.IsZero() {
		at = time.Now()
	}
	return !at.Before(shown), at
}

// ChangedMsg says the capture store changed since the last frame: a
// redraw is all it asks for (View reads what it shows).
type ChangedMsg struct{}

// WaitForChange returns a Cmd that waits (after at least delay, so frames
// caused by network data stay under the frame rate) for the store's
// coalesced change signal ch, or for ctx to end (then it returns nil and is
// not re-armed, so it never outlives the UI).
func WaitForChange(ctx context.Context, ch <-chan struct{}, delay time.Duration) tea.Cmd {
	return WaitForFrame(ctx, ch, nil, delay)
}

// WaitForFrame is WaitForChange that also ends (with a ChangedMsg) when a
// View asked for another frame on again (Common.Again, AskFrame).
func WaitForFrame(ctx context.Context, ch, again <-chan struct{}, delay time.Duration) tea.Cmd {
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
		case <-again:
			return ChangedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}
