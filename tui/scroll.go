package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// scroller is a pane that moves by lines or rows: a list's selection or a
// document's view.
type scroller interface {
	moveBy(n int)  // n rows down (negative: up), clamped
	moveToTop()    // the first row
	moveToBottom() // the last row (for lists that follow: follow again)
	pageSize() int // rows one page key moves
}

// scrollKey applies the shared movement keys (up, down, page up/down, top,
// bottom) to s and reports whether msg was one of them.
func scrollKey(msg tea.KeyPressMsg, k *KeyMap, s scroller) bool {
	page := max(s.pageSize(), 1)
	switch {
	case key.Matches(msg, k.Up):
		s.moveBy(-1)
	case key.Matches(msg, k.Down):
		s.moveBy(1)
	case key.Matches(msg, k.PageUp):
		s.moveBy(-page)
	case key.Matches(msg, k.PageDown):
		s.moveBy(page)
	case key.Matches(msg, k.Top):
		s.moveToTop()
	case key.Matches(msg, k.Bottom):
		s.moveToBottom()
	default:
		return false
	}
	return true
}

func (l *connList) moveBy(n int)  { l.move(n) }
func (l *connList) moveToTop()    { l.move(-l.rows()) }
func (l *connList) moveToBottom() { l.move(l.rows()) }
func (l *connList) pageSize() int { return l.height - 1 }
func (l *webList) moveBy(n int)   { l.move(n) }
func (l *webList) moveToTop()     { l.move(-l.count()) }
func (l *webList) moveToBottom()  { l.gotoNewest() }
func (l *webList) pageSize() int  { return l.height - 1 }
func (d *webDoc) moveBy(n int)    { d.scroll(n) }
func (d *webDoc) moveToTop()      { d.gotoTop() }
func (d *webDoc) moveToBottom()   { d.gotoBottom() }
func (d *webDoc) pageSize() int   { return d.height - 1 }

func (p *recvPane) moveBy(n int) {
	if n < 0 {
		p.scrollUp(-n)
	} else {
		p.scrollDown(n)
	}
}
func (p *recvPane) moveToTop()    { p.gotoTop() }
func (p *recvPane) moveToBottom() { p.gotoBottom() }
func (p *recvPane) pageSize() int { return p.height - 1 }
