// Package heldlist is the Web tab's list of requests held for a reply,
// each with the seconds left before the hold times out (and FIN when the
// client finished sending: it half-closed and still waits for the reply). It shows the
// engine's (small) Held snapshot, which the tab refreshes on each hold
// signal and tick.
package heldlist

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/tui/common"
)

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the list.
type Model struct {
	c common.Common

	focused       bool
	holdOn        bool // hold mode is on (the empty list says so)
	items         []httpserve.HeldRequest
	sel           int
	selID         uint64
	offset        int
	width, height int // the box
}

// New returns an empty list.
func New(c common.Common) *Model { return &Model{c: c} }

// Init does nothing.
func (l *Model) Init() tea.Cmd { return nil }

// Update moves the selection with up and down.
func (l *Model) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, l.c.Keys.Up):
			l.move(-1)
		case key.Matches(k, l.c.Keys.Down):
			l.move(1)
		}
	}
	return nil
}

// SetSize sizes the box.
func (l *Model) SetSize(w, h int) { l.width, l.height = max(w, 0), max(h, 0) }

func (l *Model) rows() int { return max(l.height-2, 0) }

// SetHold says whether hold mode is on.
func (l *Model) SetHold(on bool) { l.holdOn = on }

// Focus, Blur, Focused and TakesText make the list Focusable (no text).
func (l *Model) Focus() tea.Cmd  { l.focused = true; return nil }
func (l *Model) Blur()           { l.focused = false }
func (l *Model) Focused() bool   { return l.focused }
func (l *Model) TakesText() bool { return false }

// ShortHelp is the list's own keys.
func (l *Model) ShortHelp() []key.Binding { return []key.Binding{l.c.Keys.Up} }

// FullHelp is the list's keys.
func (l *Model) FullHelp() [][]key.Binding { return [][]key.Binding{{l.c.Keys.Up, l.c.Keys.Down}} }

// Len is how many requests are held.
func (l *Model) Len() int { return len(l.items) }

// Set replaces the snapshot, keeping the selected request selected while
// it is still held.
func (l *Model) Set(items []httpserve.HeldRequest) {
	l.items = items
	l.sel = 0
	for i, it := range items {
		if it.ID == l.selID {
			l.sel = i
		}
	}
	l.fix()
}

func (l *Model) fix() {
	h := l.rows()
	l.sel = min(max(l.sel, 0), max(len(l.items)-1, 0))
	l.selID = 0
	if l.sel < len(l.items) {
		l.selID = l.items[l.sel].ID
	}
	if l.sel < l.offset {
		l.offset = l.sel
	}
	if h > 0 && l.sel >= l.offset+h {
		l.offset = l.sel - h + 1
	}
	l.offset = max(min(l.offset, len(l.items)-h), 0)
}

func (l *Model) move(d int) { l.sel += d; l.fix() }

// Select selects held request id and reports whether it is listed (the
// request list's selection, so the reply goes to the request being read).
func (l *Model) Select(id uint64) bool {
	for i, it := range l.items {
		if it.ID == id {
			l.sel = i
			l.fix()
			return true
		}
	}
	return false
}

// Selected is the request a reply goes to.
func (l *Model) Selected() (httpserve.HeldRequest, bool) {
	if l.sel < len(l.items) {
		return l.items[l.sel], true
	}
	return httpserve.HeldRequest{}, false
}

// View draws the box "Held (N)" with a row per request and its countdown.
func (l *Model) View() string {
	title := fmt.Sprintf(l.c.Text.Web.Held, len(l.items))
	return common.BoxView(l.c.Styles, title, l.body(l.c.Now()), l.width, l.height, l.focused)
}

func (l *Model) body(now time.Time) []string {
	w, h := max(l.width-2, 0), l.rows()
	if h <= 0 || w <= 0 {
		return nil
	}
	s, t := l.c.Styles, &l.c.Text.Web
	if len(l.items) == 0 {
		msg := t.NothingHeld
		if !l.holdOn {
			msg = t.HoldOffHint
		}
		return []string{s.Dim.Render(ansi.Truncate(" "+msg, w, "…"))}
	}
	l.fix()
	end := min(l.offset+h, len(l.items))
	out := make([]string, 0, end-l.offset)
	for i := l.offset; i < end; i++ {
		it := l.items[i]
		left := max(int((it.Deadline.Sub(now)+time.Second-1)/time.Second), 0)
		count := fmt.Sprintf(t.TimeLeft, left)
		if it.HalfClosed {
			count = t.ListFIN + " " + count // finished sending; still waits
		}
		cw := ansi.StringWidth(count) + 1
		row := fmt.Sprintf(t.HeldRow, it.ID, it.Conn, common.Safe(it.Method), common.Safe(it.Target))
		line := " " + common.PadLine(ansi.Truncate(row, max(w-1-cw, 0), "…"), max(w-1-cw, 0)) + " " + count
		line = common.PadLine(line, w)
		if i == l.sel {
			line = s.Selected.Render(line)
		} else if left <= 10 {
			line = s.Warning.Render(line)
		}
		out = append(out, line)
	}
	return out
}
