package tui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/styles"
)

// holdChangedMsg says a request started or stopped being held.
type holdChangedMsg struct{}

// holdTickMsg redraws the countdowns of held requests, once a second and
// only while something is held.
type holdTickMsg struct{}

// waitForHold waits for the server's coalesced hold signal, or for the
// program to end (then it returns nil and is not re-armed), so it never
// outlives the UI.
func waitForHold(ctx context.Context, ch <-chan struct{}) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-ch:
			return holdChangedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

func holdTick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return holdTickMsg{} })
}

// heldList shows the requests waiting for a reply, each with the seconds
// left before the hold times out. The list is the engine's (small) Held
// snapshot, refreshed on each hold signal and tick.
type heldList struct {
	styles *styles.Styles
	text   *i18n.Text

	items  []httpserve.HeldRequest
	sel    int
	selID  uint64
	offset int
	width  int
	height int
}

func (l *heldList) setSize(w, h int) { l.width, l.height = max(w, 0), max(h, 0) }

// set replaces the snapshot, keeping the selected request selected while
// it is still held.
func (l *heldList) set(items []httpserve.HeldRequest) {
	l.items = items
	l.sel = 0
	for i, it := range items {
		if it.ID == l.selID {
			l.sel = i
		}
	}
	l.fix()
}

func (l *heldList) fix() {
	l.sel = min(max(l.sel, 0), max(len(l.items)-1, 0))
	l.selID = 0
	if l.sel < len(l.items) {
		l.selID = l.items[l.sel].ID
	}
	if l.sel < l.offset {
		l.offset = l.sel
	}
	if l.height > 0 && l.sel >= l.offset+l.height {
		l.offset = l.sel - l.height + 1
	}
	l.offset = max(min(l.offset, len(l.items)-l.height), 0)
}

func (l *heldList) move(d int) { l.sel += d; l.fix() }

// selected is the request a reply goes to.
func (l *heldList) selected() (httpserve.HeldRequest, bool) {
	if l.sel < len(l.items) {
		return l.items[l.sel], true
	}
	return httpserve.HeldRequest{}, false
}

func (l *heldList) view(now time.Time, holdOn bool) []string {
	if l.height <= 0 || l.width <= 0 {
		return nil
	}
	s, t := l.styles, &l.text.Web
	if len(l.items) == 0 {
		msg := t.NothingHeld
		if !holdOn {
			msg = t.HoldOffHint
		}
		return []string{s.Dim.Render(ansi.Truncate(" "+msg, l.width, "…"))}
	}
	l.fix()
	end := min(l.offset+l.height, len(l.items))
	out := make([]string, 0, end-l.offset)
	for i := l.offset; i < end; i++ {
		it := l.items[i]
		left := max(int((it.Deadline.Sub(now)+time.Second-1)/time.Second), 0)
		count := fmt.Sprintf(t.TimeLeft, left)
		cw := ansi.StringWidth(count) + 1
		row := fmt.Sprintf(t.HeldRow, it.ID, it.Conn, common.Safe(it.Method), common.Safe(it.Target))
		line := " " + common.PadLine(ansi.Truncate(row, max(l.width-1-cw, 0), "…"), max(l.width-1-cw, 0)) + " " + count
		line = common.PadLine(line, l.width)
		if i == l.sel {
			line = s.Selected.Render(line)
		} else if left <= 10 {
			line = s.Warning.Render(line)
		}
		out = append(out, line)
	}
	return out
}
