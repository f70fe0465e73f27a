package tabframe

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/tui/common"
)

// HighlightNew is how long presenter mode draws the newest bytes
// highlighted in the receive pane.
const HighlightNew = 3 * time.Second

// Presenter mode (issue 15): the tab shows one pane at a time, full size
// under the address line (which says where to connect): the open overlay,
// else the focused pane (the home pane while the address field has the
// focus); tab moves between panes as usual. The receive pane highlights
// the newest bytes for a few seconds.

// SetPresent turns presenter mode on or off for the tab (common.Presentable).
func (f *Frame) SetPresent(on bool) tea.Cmd {
	f.zoom, f.zoomed = on, nil
	if f.cfg.Relayout != nil {
		f.cfg.Relayout()
	}
	if f.Recv == nil {
		return nil
	}
	var cmd tea.Cmd
	d := time.Duration(0)
	if on {
		d = HighlightNew
		// The room sees the receive pane, not an empty editor (breaker
		// report 1, nit 13); text being typed keeps its pane.
		if f.Is(f.Addr) || (f.Send != nil && f.Is(f.Send) && f.Send.Value() == "") {
			cmd = f.SetFocus(f.Recv)
		}
	}
	return tea.Batch(cmd, f.Recv.SetHighlightNew(d))
}

// Zoomed reports whether the tab shows one pane at a time.
func (f *Frame) Zoomed() bool { return f.zoom }

// zoomPane is the pane shown alone: the open overlay, the focused pane,
// or the home pane in place of the address field (which shows anyway).
func (f *Frame) zoomPane() Pane {
	switch {
	case f.OverlayOpen():
		return f.Overlay
	case f.focus == Pane(f.Addr):
		return f.cfg.Home
	}
	return f.focus
}

// ZoomView draws the tab in presenter mode, exactly w×h: the address
// line, then the zoomed pane filling the rest (the send box with its
// preview line); ok is false when not zoomed. A tab calls it at the top
// of its View, once its panes' titles and states are set. The pane shown
// before, if another, gets its normal size back (Config.Relayout).
func (f *Frame) ZoomView(w, h int) (view string, ok bool) {
	if !f.zoom || w <= 0 || h <= 0 {
		return "", false
	}
	p := f.zoomPane()
	if p != f.zoomed {
		if f.zoomed != nil && f.cfg.Relayout != nil {
			f.cfg.Relayout()
		}
		f.zoomed = p
	}
	lines := common.Lines(f.Addr.View())
	rest := max(h-len(lines), 0)
	if p == Pane(f.Send) {
		f.Send.SetSize(w, max(rest-1, 0))
		lines = append(lines, common.Lines(f.Send.View())...)
		lines = append(lines, f.Send.Preview(w))
	} else {
		p.SetSize(w, rest)
		lines = append(lines, common.Lines(p.View())...)
	}
	return strings.Join(common.Stack(lines, h, w), "\n"), true
}
