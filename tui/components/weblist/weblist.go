// Package weblist is the Web tab's request list: one row per HTTP exchange
// (time, exchange ID, conn, method, path, status, encoding, bytes). A held
// request is listed at once, with its countdown, and keeps its row when
// answered: the held snapshot and the final record of one exchange are one
// row (rows.go). The list mirrors the store's records incrementally, so a
// frame costs what the new records and the visible rows cost, not what the
// store holds. It follows the newest row until the user moves the
// selection.
package weblist

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/conninfo"
)

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the list.
type Model struct {
	c    common.Common
	rows *rows

	focused       bool
	empty         string // shown while there is no record
	follow        bool
	sel           int // selected row (absolute number: rows keep theirs)
	offset        int // first visible row (absolute)
	marked        uint64
	held          map[uint64]httpserve.HeldRequest // waiting now, by exchange ID
	width, height int                              // the box
	idW, connW    int                              // the ID and connection columns, for the rows drawn (row.go)
}

// New returns the list of the Web tab's records in st.
func New(c common.Common, st *netassist.Store) *Model {
	return &Model{c: c, rows: newRows(st), follow: true}
}

// Init does nothing: the list reads the store when drawn.
func (l *Model) Init() tea.Cmd { return nil }

// Update moves the selection with the scroll keys.
func (l *Model) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		common.ScrollKey(k, l.c.Keys, l)
	}
	return nil
}

// SetSize sizes the box.
func (l *Model) SetSize(w, h int) { l.width, l.height = max(w, 0), max(h, 0) }

// SetEmpty sets what the list says while there is no request.
func (l *Model) SetEmpty(s string) { l.empty = s }

// SetHeld gives the requests waiting now (the engine's Held snapshot):
// their rows show the countdown and whether the client half-closed.
func (l *Model) SetHeld(items []httpserve.HeldRequest) {
	l.held = make(map[uint64]httpserve.HeldRequest, len(items))
	for _, it := range items {
		l.held[it.ID] = it
	}
}

// SetMarked marks the row of exchange id (0: none), the first side of a
// comparison.
func (l *Model) SetMarked(id uint64) { l.marked = id }

func (l *Model) inner() (w, h int) { return max(l.width-2, 0), max(l.height-2, 0) }

// Focus, Blur, Focused and TakesText make the list Focusable (no text).
func (l *Model) Focus() tea.Cmd  { l.focused = true; return nil }
func (l *Model) Blur()           { l.focused = false }
func (l *Model) Focused() bool   { return l.focused }
func (l *Model) TakesText() bool { return false }

// MoveBy, MoveToTop, MoveToBottom and PageSize make the list a Scroller;
// the bottom follows new requests again.
func (l *Model) MoveBy(n int)  { l.move(n) }
func (l *Model) MoveToTop()    { l.move(-l.Count()) }
func (l *Model) MoveToBottom() { l.follow = true }
func (l *Model) PageSize() int { _, h := l.inner(); return h - 1 }

// ShortHelp is the list's own keys.
func (l *Model) ShortHelp() []key.Binding { return []key.Binding{l.c.Keys.Up} }

// FullHelp is the list's keys.
func (l *Model) FullHelp() [][]key.Binding {
	k := l.c.Keys
	return [][]key.Binding{{k.Up, k.PageUp, k.Top, k.Follow}}
}

// Count is how many exchanges the list has (a held request and its answer
// count once).
func (l *Model) Count() int {
	l.rows.refresh()
	return l.rows.len()
}

// Sync reads new records, puts the selection on the newest row
// (following) or keeps it on the row the user chose, and returns the
// selected row's record: the final record of its exchange, or the held
// snapshot while it waits.
func (l *Model) Sync() (netassist.DetailRecord, bool) {
	n := l.Count()
	if n == 0 {
		l.sel, l.offset = 0, 0
		return netassist.DetailRecord{}, false
	}
	first, last := l.rows.base, l.rows.base+n-1
	if l.follow {
		l.sel = last
	}
	l.sel = min(max(l.sel, first), last)
	return l.rows.at(l.sel)
}

// move changes the selection by d rows; reaching the newest row follows
// new records again.
func (l *Model) move(d int) {
	l.Sync()
	n := l.rows.len()
	if n == 0 {
		return
	}
	l.follow = false
	first, last := l.rows.base, l.rows.base+n-1
	l.sel = min(max(l.sel+d, first), last)
	if l.sel == last && d > 0 {
		l.follow = true
	}
}

func (l *Model) scrollToSel() {
	_, h := l.inner()
	if l.sel < l.offset {
		l.offset = l.sel
	}
	if h > 0 && l.sel >= l.offset+h {
		l.offset = l.sel - h + 1
	}
	l.offset = max(min(l.offset, l.rows.base+l.rows.len()-h), l.rows.base)
}

// position describes the list state for the box title.
func (l *Model) position() string {
	if l.follow {
		return l.c.Text.Following
	}
	return fmt.Sprintf(l.c.Text.Scrolled, l.sel-l.rows.base+1, l.rows.len())
}

// View draws the box: "Requests N · following · legend" over the rows.
func (l *Model) View() string {
	wt := &l.c.Text.Web
	l.Sync()
	title := wt.Requests + " " + fmt.Sprintf(wt.RequestsCount, l.rows.len()) + " · " + l.position() + " · " + wt.Legend
	return common.BoxView(l.c.Styles, title, l.body(), l.width, l.height, l.focused)
}

// body renders at most the inner height of rows.
func (l *Model) body() []string {
	w, h := l.inner()
	if h <= 0 || w <= 0 {
		return nil
	}
	l.scrollToSel()
	if l.rows.len() == 0 {
		// The first line cut to the width; the lines under it (an HTTPS
		// server's fingerprint) wrapped, whole, as room allows.
		lines := strings.Split(l.empty, "\n")
		out := []string{l.c.Styles.Dim.Render(ansi.Truncate(lines[0], w, "…"))}
		for _, r := range conninfo.Wrap(lines[1:], w) {
			if len(out) < h {
				out = append(out, l.c.Styles.Dim.Render(r))
			}
		}
		return out
	}
	now := l.c.Now()
	l.columns(h)
	out := make([]string, 0, h)
	for i := l.offset; i < l.offset+h; i++ {
		r, ok := l.rows.at(i)
		if !ok {
			break
		}
		line := common.PadLine(l.row(r, w, now), w)
		if i == l.sel {
			line = l.c.Styles.Selected.Render(ansi.Strip(line))
		}
		out = append(out, line)
	}
	return out
}
