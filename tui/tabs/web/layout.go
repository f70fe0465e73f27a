package web

import "github.com/netassist/netassist/tui/components/tabframe"

// splitWidth is the narrowest tab that shows the raw and parsed panes side
// by side; below it the detail area shows one of them at a time (the one
// focused last), full width, which reads better at 80 columns than two
// 38-column halves.
const splitWidth = 100

// layout is the tab's geometry, rows counted in lines of the tab. Between
// the two header lines and the preview line stand the request list, the
// detail area (raw and parsed: side by side, or one of them) and the
// reply box (the held list beside it). The focus decides who gets the
// room, so 80×24 stays readable:
//   - browsing the list: the list gets about half, the detail the rest,
//     the reply box one line of text (three while hand-crafted mode or a
//     held request uses it);
//   - reading raw or parsed: the list shrinks to a few rows around the
//     selection, the detail grows;
//   - writing the reply: the editor gets half, the detail (what was
//     asked) the other half, the list only if there is room left;
//   - zoomed (z): the focused list or detail pane takes the whole area
//     above the reply box;
//   - the encoding lab stands in the detail area, over the list too
//     when the detail area is short.
type layout struct {
	topH, sendH int
	listH       int
	detailH     int
	split       bool // raw and parsed side by side
	overlay     bool // the lab (or the diff) stands in the detail area
	rawW        int  // 0: raw not shown
	parsedW     int  // 0: parsed not shown
	heldW       int  // 0: no held box
}

// clamp bounds v to [lo, hi].
func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }

func (t *Model) layout() layout {
	w, h := t.width, t.height
	var l layout
	top := max(h-3, 0) // header 2, preview 1
	editing := t.Is(t.Send)
	inUse := t.crafted || t.held.Len() > 0
	switch {
	case top < 8:
		_, l.sendH = tabframe.Split(h, 2, false)
	case editing:
		l.sendH = clamp(top/2, 3, 12)
	case inUse:
		l.sendH = clamp(top/3, 3, 8)
	default:
		l.sendH = 3
	}
	l.topH = max(top-l.sendH, 0)
	rest := l.topH
	focus := t.Focus()
	zoom := t.zoom && (focus == t.list || focus == t.raw || focus == t.parsed)
	switch {
	case rest < 6:
		l.listH = rest / 2
	case zoom && focus == t.list:
		l.listH = rest
	case zoom:
		l.listH = 0
	case editing && rest < 14:
		l.listH = 0 // the detail shows what was asked; its title names it
	case editing:
		l.listH = clamp(rest/4, 3, 8)
	case focus == t.raw || focus == t.parsed:
		l.listH = clamp(rest/3, 3, 8)
	default:
		l.listH = clamp(rest*7/15, 3, 14)
	}
	l.detailH = rest - l.listH
	if t.OverlayOpen() {
		// The lab or the diff in the detail area; when that is short,
		// over the list too.
		l.overlay = true
		l.listH = clamp(rest/4, 3, 8)
		if rest-l.listH < 14 {
			l.listH = 0
		}
		l.detailH = rest - l.listH
	}

	l.split = w >= splitWidth && !zoom
	switch {
	case l.split:
		l.rawW, l.parsedW = w/2, w-w/2
	case t.shown() == t.parsed:
		l.parsedW = w
	default:
		l.rawW = w
	}
	if t.showHeld() {
		if w >= 60 {
			l.heldW = clamp(w/3, 24, 40)
		} else {
			l.heldW = w / 2
		}
	}
	return l
}

// shown is the detail pane shown when there is room for one: the focused
// one, else the one focused last.
func (t *Model) shown() tabframe.Pane {
	switch t.Focus() {
	case t.raw:
		t.detail = t.raw
	case t.parsed:
		t.detail = t.parsed
	}
	if t.detail == nil {
		t.detail = t.raw
	}
	return t.detail
}

// SetSize sizes the tab.
func (t *Model) SetSize(w, h int) {
	t.width, t.height = max(w, 0), max(h, 0)
	t.relayout()
}

// relayout sizes the panes for the current layout (it follows the focus
// and the toggles, so the View calls it too).
func (t *Model) relayout() layout {
	l := t.layout()
	t.Frame.SetSize(t.width, t.width-l.heldW, l.sendH)
	t.list.SetSize(t.width, l.listH)
	t.raw.SetSize(l.rawW, l.detailH)
	t.parsed.SetSize(l.parsedW, l.detailH)
	t.held.SetSize(l.heldW, l.sendH)
	t.lab.SetSize(t.width, l.detailH)
	t.diff.SetSize(t.width, l.detailH)
	return l
}
