package common

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/tui/keymap"
)

// Scroller is a pane that moves by lines or rows: a list's selection or a
// document's view.
type Scroller interface {
	MoveBy(n int)  // n rows down (negative: up), clamped
	MoveToTop()    // the first row
	MoveToBottom() // the last row (for lists that follow: follow again)
	PageSize() int // rows one page key moves
}

// ScrollKey applies the shared movement keys (up, down, page up/down, top,
// bottom) to s and reports whether msg was one of them.
func ScrollKey(msg tea.KeyPressMsg, k *keymap.KeyMap, s Scroller) bool {
	page := max(s.PageSize(), 1)
	switch {
	case key.Matches(msg, k.Up):
		s.MoveBy(-1)
	case key.Matches(msg, k.Down):
		s.MoveBy(1)
	case key.Matches(msg, k.PageUp):
		s.MoveBy(-page)
	case key.Matches(msg, k.PageDown):
		s.MoveBy(page)
	case key.Matches(msg, k.Top):
		s.MoveToTop()
	case key.Matches(msg, k.Bottom):
		s.MoveToBottom()
	default:
		return false
	}
	return true
}
