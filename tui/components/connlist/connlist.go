// Package connlist is the Server tab's connection list: an "all
// connections" row, then one row per connection of the tab (state —
// open, half-closed by the peer, closed — ID, the client port, bytes in
// and out, and the request line its first bytes carried). It reads only
// the rows it shows from the store, so 10,000 connections cost what a
// screenful does.
package connlist

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/conninfo"
)

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the list. Row 0 is "all"; row i is the tab's i-th connection
// (IDs ascending).
type Model struct {
	c     common.Common
	store *netassist.Store
	tab   netassist.Tab

	focused       bool
	sel           int // selected row
	offset        int // first visible row
	width, height int // the box; the rows are 2 less each way

	selID netassist.ConnID // ID of the selected connection, 0 for "all"

	badge string // after the title (SetBadge)

	// noun is the title's first word ("": Connections; "Peers" on UDP),
	// all the first row's ("": All connections), and detail the lines at
	// the list's foot (SetDetail).
	noun   string
	all    string
	detail []string
	footH  int // rows the foot took in the last frame

	// first is each connection's first request line ("" when its first
	// bytes are not one), once known (row.go).
	first map[netassist.ConnID]string
}

// New returns the list of tab's connections in st.
func New(c common.Common, st *netassist.Store, tab netassist.Tab) *Model {
	return &Model{c: c, store: st, tab: tab, first: map[netassist.ConnID]string{}}
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

func (l *Model) inner() (w, h int) { return max(l.width-2, 0), max(l.height-2, 0) }

// InnerSize is the box's inside: what its rows and foot have.
func (l *Model) InnerSize() (w, h int) { return l.inner() }

// Focus, Blur, Focused and TakesText make the list Focusable; it takes no
// text, so plain letters stay commands.
func (l *Model) Focus() tea.Cmd           { l.focused = true; return nil }
func (l *Model) Blur()                    { l.focused = false }
func (l *Model) Focused() bool            { return l.focused }
func (l *Model) TakesText() bool          { return false }
func (l *Model) MoveBy(n int)             { l.move(n) }
func (l *Model) MoveToTop()               { l.move(-l.rows()) }
func (l *Model) MoveToBottom()            { l.move(l.rows()) }
func (l *Model) PageSize() int            { _, h := l.inner(); return h - l.footH - 1 }
func (l *Model) rows() int                { return l.store.ConnCount(l.tab) + 1 }
func (l *Model) ShortHelp() []key.Binding { return []key.Binding{l.c.Keys.Up, l.c.Keys.CloseConn} }

// FullHelp is the list's keys.
func (l *Model) FullHelp() [][]key.Binding {
	k := l.c.Keys
	return [][]key.Binding{{k.Up, k.PageUp, k.Top, k.CloseConn, k.CloseAllConns}}
}

// move changes the selection by d rows, clamped.
func (l *Model) move(d int) {
	l.sel = min(max(l.sel+d, 0), l.rows()-1)
	l.selID = 0
	if l.sel > 0 {
		if c := l.store.Conns(l.tab, l.sel-1, 1); len(c) == 1 {
			l.selID = c[0].ID
		}
	}
	l.scrollToSel()
}

// SelectID selects the row of connection id (0: "all").
func (l *Model) SelectID(id netassist.ConnID) {
	l.sel, l.selID = 0, 0
	if id != 0 {
		if i := l.store.ConnIndex(id); i >= 0 {
			l.sel, l.selID = i+1, id
		}
	}
	l.scrollToSel()
}

func (l *Model) scrollToSel() {
	_, h := l.inner()
	h -= l.footH
	if l.sel < l.offset {
		l.offset = l.sel
	}
	if h > 0 && l.sel >= l.offset+h {
		l.offset = l.sel - h + 1
	}
	if h > 0 {
		// No blank rows under the last while rows above are hidden
		// (the foot went away, the box grew).
		l.offset = max(min(l.offset, l.rows()-h), 0)
	}
}

// Selected is the selected connection's ID, 0 for "all".
func (l *Model) Selected() netassist.ConnID { return l.selID }

// View draws the box of exactly the size given.
func (l *Model) View() string {
	body := l.body()
	return common.BoxView(l.c.Styles, l.title(), body, l.width, l.height, l.focused)
}

// SetBadge sets what the title says after "Connections" (the Server
// tab's cap and sheds); "" for nothing.
func (l *Model) SetBadge(s string) { l.badge = s }

// SetNoun sets the title's first word and the first row's: "" is
// "Connections" and "All connections"; the Server tab says "Peers" and
// "All peers" while it listens on UDP.
func (l *Model) SetNoun(title, all string) { l.noun, l.all = title, all }

// SetDetail sets lines shown at the foot of the list, under a rule,
// wrapped (conninfo.Wrap): the selected row's TLS session or UDP peer, or
// the listener's certificate. They show only while the list keeps at
// least three rows for connections; nil for none.
func (l *Model) SetDetail(lines []string) { l.detail = lines }

// title is "Connections" and the badge, or, while a half-closed
// connection is selected, what that means: its peer finished sending
// (FIN) and it can still be replied to.
func (l *Model) title() string {
	t := l.c.Text
	if l.selID != 0 {
		if c, ok := l.store.Conn(l.selID); ok && c.Open && c.PeerFinished {
			return fmt.Sprintf(t.Root.ConnHalfClosed, c.ID)
		}
	}
	noun := t.Connections
	if l.noun != "" {
		noun = l.noun
	}
	if l.badge != "" {
		return noun + " · " + l.badge
	}
	return noun
}

// body renders at most the box's inner height of rows.
func (l *Model) body() []string {
	w, h := l.inner()
	if h <= 0 || w <= 0 {
		return nil
	}
	s, t := l.c.Styles, l.c.Text
	foot := l.foot(w, h)
	l.footH = len(foot)
	h -= len(foot)
	l.scrollToSel()
	out := make([]string, 0, h+len(foot))
	row := l.offset
	if row == 0 {
		tot := l.store.Totals(l.tab)
		all := t.AllConns
		if l.all != "" {
			all = l.all
		}
		out = append(out, l.row(0, fmt.Sprintf("%s (%d)", all, tot.Open), s.App))
		row++
	}
	conns := l.store.Conns(l.tab, row-1, h-len(out))
	for _, c := range conns {
		st := s.Open
		if !c.Open {
			st = s.Closed
		}
		out = append(out, l.row(row, l.rowText(c), st))
		row++
	}
	if len(conns) == 0 && l.offset == 0 && len(out) < h {
		empty := t.NoConns
		if l.noun != "" { // peers, on UDP
			empty = t.Transport.NoPeers
		}
		out = append(out, s.Dim.Render(common.PadLine(" "+empty, w)))
	}
	if len(foot) > 0 {
		for len(out) < h {
			out = append(out, "")
		}
		out = append(out, foot...)
	}
	return out
}

// foot is the detail lines as drawn under the rows (a rule, then the
// lines wrapped to w), or nil when they would leave fewer than three of
// the h rows.
func (l *Model) foot(w, h int) []string {
	if len(l.detail) == 0 || w < 8 {
		return nil
	}
	rows := conninfo.Wrap(l.detail, w-1)
	if len(rows)+1 > h-3 {
		return nil
	}
	s := l.c.Styles
	out := []string{s.Dim.Render(strings.Repeat("─", w))}
	for _, r := range rows {
		out = append(out, s.Dim.Render(common.PadLine(" "+r, w)))
	}
	return out
}

func (l *Model) row(i int, text string, st interface{ Render(...string) string }) string {
	w, _ := l.inner()
	line := common.PadLine(" "+text, w)
	if i == l.sel {
		return l.c.Styles.Selected.Render(line)
	}
	return st.Render(line)
}
