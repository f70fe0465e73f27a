// Package tabframe is the skeleton every tab is built on, written once:
// the address bar at the top, the send pane and its preview line at the
// bottom, a focus ring over the tab's panes with a slot for a modal
// overlay (the template picker, the rules view; the send pane's own
// fields), the keys every tab shares (focus, send, send options, the
// receive pane's view keys, the send pane's features), the routing of
// pastes and of the send pane's messages, and one layout rule.
//
// A tab embeds a Frame, handles its own messages, gives its keys to
// Frame.Key with two tables of Actions (its keys from every pane, and its
// keys of one pane), and hands every other message to Frame.Update.
package tabframe

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/addrbar"
	"github.com/netassist/netassist/tui/components/recvpane"
	"github.com/netassist/netassist/tui/components/sendpane"
)

// Pane is a member of a tab's focus ring.
type Pane interface {
	common.Component
	common.Focusable
}

// Overlay is a modal view shown over part of a tab: while open it takes
// every key and paste, and the tab's panes show no focus.
type Overlay interface {
	Pane
	IsOpen() bool
}

// Config builds a Frame.
type Config struct {
	Addr *addrbar.Model
	Send *sendpane.Model
	Recv *recvpane.Model // nil: the tab has no receive pane (Web)
	// Ring is the panes in tab-key order; Home is where esc goes from an
	// editor; Focus has the focus first.
	Ring        []Pane
	Home, Focus Pane
	// Skip, if set, leaves panes out of tab-key cycling (while hidden).
	Skip func(Pane) bool
	// CloseAfter says whether alt+c (close after send) applies.
	CloseAfter bool
	// OverlayKey, if set, opens and closes the overlay from anywhere,
	// even while a field of the send pane is open (the rules view's f5).
	OverlayKey key.Binding
	// Relayout gives every pane its normal size again (the tab's SetSize
	// at its size): presenter mode calls it when the pane it zooms
	// changes.
	Relayout func()
	// Deliver is called on the event loop when the send key is pressed:
	// how to deliver, bound to the target chosen now, or a Cmd saying why
	// nothing can be sent.
	Deliver func() (sendpane.Deliver, tea.Cmd)
}

// Frame is the shared skeleton of a tab.
type Frame struct {
	C    common.Common
	Name netassist.Tab
	Addr *addrbar.Model
	Send *sendpane.Model
	Recv *recvpane.Model
	// Overlay, if set, is the tab's modal view.
	Overlay Overlay

	cfg   Config
	focus Pane

	zoom   bool // presenter mode: one pane at a time (zoom.go)
	zoomed Pane // the pane ZoomView sized last
}

// New returns the frame of tab name; the focus is on cfg.Focus.
func New(c common.Common, name netassist.Tab, cfg Config) *Frame {
	f := &Frame{C: c, Name: name, Addr: cfg.Addr, Send: cfg.Send, Recv: cfg.Recv, cfg: cfg}
	f.SetFocus(cfg.Focus)
	return f
}

// Focus is the focused pane.
func (f *Frame) Focus() Pane { return f.focus }

// Is reports whether p has the focus.
func (f *Frame) Is(p Pane) bool { return f.focus == p }

// SetFocus moves the focus to p.
func (f *Frame) SetFocus(p Pane) tea.Cmd {
	for _, q := range f.cfg.Ring {
		if q != p {
			q.Blur()
		}
	}
	f.focus = p
	return p.Focus()
}

// Cycle moves the focus d panes along the ring (1 next, -1 back), over
// the panes Skip leaves out.
func (f *Frame) Cycle(d int) tea.Cmd {
	ring := f.cfg.Ring
	i := 0
	for j, p := range ring {
		if p == f.focus {
			i = j
		}
	}
	for range ring {
		i = (i + d + len(ring)) % len(ring)
		if f.cfg.Skip == nil || !f.cfg.Skip(ring[i]) {
			break
		}
	}
	return f.SetFocus(ring[i])
}

// OverlayOpen reports whether the modal view is shown.
func (f *Frame) OverlayOpen() bool { return f.Overlay != nil && f.Overlay.IsOpen() }

// Typing reports whether plain keys are text now: the overlay's say, or
// the focused pane is an editor, or a field of the send pane is open.
func (f *Frame) Typing() bool {
	if f.OverlayOpen() {
		return f.Overlay.TakesText()
	}
	return f.focus.TakesText() || f.Send.Prompting()
}

// Settle makes the focused pane show its focus only while no overlay is
// open: a modal view is where the keys go. Tabs call it after every key.
func (f *Frame) Settle() {
	open := f.OverlayOpen()
	switch {
	case open && f.focus.Focused():
		f.focus.Blur()
	case !open && !f.focus.Focused():
		f.focus.Focus() // no Cmd to run: cursors do not blink
	}
}

// Update handles the messages every tab treats alike: the send pane's
// (sent results, repeat ticks, file progress, history), pastes (to the
// overlay, the focused editor, or else the send pane), a new background (the receive
// pane's cache), the receive pane's own messages (search results, the
// presenter highlight's tick).
func (f *Frame) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case sendpane.Msg:
		return f.Send.Update(msg)
	case tea.PasteMsg:
		if f.OverlayOpen() {
			return f.Overlay.Update(msg)
		}
		if f.focus.TakesText() {
			return f.focus.Update(msg)
		}
		// Outside an editor a paste goes to the send pane, not nowhere.
		return tea.Batch(f.SetFocus(f.Send), f.Send.Update(msg))
	case tea.BackgroundColorMsg, recvpane.Msg:
		if f.Recv != nil {
			return f.Recv.Update(msg)
		}
	}
	return nil
}

// ModalKey gives msg to whatever takes every key now: the open overlay,
// or the send pane's features (repeat, file, history, and their fields).
// Opening a field or recalling history moves the focus to the send pane,
// where they show.
func (f *Frame) ModalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if f.OverlayOpen() {
		return f.Overlay.Update(msg), true
	}
	wasOpen := f.Send.Prompting()
	cmd, ok := f.Send.Key(msg)
	if ok && (f.Send.Prompting() && !wasOpen || f.Send.Recalled()) && f.focus != Pane(f.Send) {
		cmd = tea.Batch(cmd, f.SetFocus(f.Send))
	}
	return cmd, ok
}

// SharedKey handles the keys that work from every pane of every tab:
// focus next and back, send, the send options, and the receive pane's
// view keys. It reports whether msg was one of them.
func (f *Frame) SharedKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := f.C.Keys
	switch {
	case key.Matches(msg, k.FocusNext):
		return f.Cycle(1), true
	case key.Matches(msg, k.FocusPrev):
		return f.Cycle(-1), true
	case key.Matches(msg, k.Send):
		return f.SendCmd(), true
	case f.Send.OptionKey(msg, f.cfg.CloseAfter):
		return f.Send.OptionCmd(), true
	}
	if f.Recv != nil {
		return f.Recv.GlobalKey(msg)
	}
	return nil, false
}

// SendCmd sends the editor's bytes to the target the tab chooses now.
func (f *Frame) SendCmd() tea.Cmd {
	deliver, cmd := f.cfg.Deliver()
	if deliver == nil {
		return cmd
	}
	return f.Send.SendCmd(deliver)
}

// PaneKey gives msg to the focused pane; esc in an editor goes back to
// the tab's home pane.
func (f *Frame) PaneKey(msg tea.KeyPressMsg) tea.Cmd {
	if f.focus.TakesText() && key.Matches(msg, f.C.Keys.Back) {
		return f.SetFocus(f.cfg.Home)
	}
	return f.focus.Update(msg)
}

// ShortHelp is the overlay's keys while it is open, the send pane's while
// one of its fields is open or a file is being sent, else the tab's keys
// for the focused pane (focused).
func (f *Frame) ShortHelp(focused func() []key.Binding) []key.Binding {
	if f.OverlayOpen() {
		return f.Overlay.ShortHelp()
	}
	if h := f.Send.ShortHelp(); h != nil {
		return h
	}
	return focused()
}

// SetSize sizes the frame's own panes: the address line (w×1) and the
// send box (sendW×sendH; the preview line under it is drawn at the full
// width by View).
func (f *Frame) SetSize(w, sendW, sendH int) {
	f.Addr.SetSize(w, 1)
	f.Send.SetSize(sendW, sendH)
}

// Split is the one layout rule: of h lines, header lines go to the
// address bar (and what a tab adds under it), one to the send pane's
// preview; the send box gets a third of the rest, 3 to 8 lines (3 while
// it is not in use), and the top area what is left. Under 8 lines, the
// send box gets at most half.
func Split(h, header int, inUse bool) (topH, sendH int) {
	rest := max(h-header-1, 0)
	sendH = min(max(rest/3, 3), 8)
	if !inUse {
		sendH = 3
	}
	if rest < 8 {
		sendH = min(rest/2, 3)
	}
	return max(rest-sendH, 0), sendH
}

// View joins a tab's parts into exactly w×h: header lines, the top area
// (topH lines), the send box with side beside it (the Web tab's held
// list), and the preview line. Every part is a View of its size, so the
// lines are only stacked, not measured again.
func (f *Frame) View(w, h int, header, top, side []string, topH int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := append([]string{}, header...)
	if f.Send.LessonsOpen() { // the reply editor's template picker
		top = common.Lines(f.Send.LessonsView(w, topH))
	}
	lines = append(lines, common.Stack(top, topH, w)...)
	send := common.Lines(f.Send.View())
	if side != nil {
		send = common.Beside(send, side)
	}
	lines = append(lines, send...)
	lines = append(lines, f.Send.Preview(w))
	return strings.Join(common.Stack(lines, h, w), "\n")
}

// Counters is the status bar's summary of a TCP tab: open, total, bytes
// in and out.
func (f *Frame) Counters(st *netassist.Store) string {
	c := st.Totals(f.Name)
	return fmtCounters(f.C.Text.Counters, c)
}
