package tui

import (
	"fmt"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/styles"
)

// connList lists a tab's connections under an "all connections" row. Row
// 0 is "all"; row i is the tab's i-th connection (IDs ascending). It reads
// only the rows it shows from the store, so 10,000 connections cost what
// a screenful does.
type connList struct {
	store  *netassist.Store
	styles *styles.Styles
	text   *i18n.Text
	tab    netassist.Tab

	sel    int // selected row
	offset int // first visible row
	width  int
	height int

	selID netassist.ConnID // ID of the selected connection, 0 for "all"
}

func newConnList(st *netassist.Store, styles *styles.Styles, text *i18n.Text, tab netassist.Tab) connList {
	return connList{store: st, styles: styles, text: text, tab: tab}
}

func (l *connList) setSize(w, h int) { l.width, l.height = max(w, 0), max(h, 0) }

// rows is the number of rows including "all".
func (l *connList) rows() int { return l.store.ConnCount(l.tab) + 1 }

// move changes the selection by d rows, clamped.
func (l *connList) move(d int) {
	l.sel = min(max(l.sel+d, 0), l.rows()-1)
	l.selID = 0
	if l.sel > 0 {
		if c := l.store.Conns(l.tab, l.sel-1, 1); len(c) == 1 {
			l.selID = c[0].ID
		}
	}
	l.scrollToSel()
}

// selectID selects the row of connection id (0: "all").
func (l *connList) selectID(id netassist.ConnID) {
	l.sel, l.selID = 0, 0
	if id != 0 {
		if i := l.store.ConnIndex(id); i >= 0 {
			l.sel, l.selID = i+1, id
		}
	}
	l.scrollToSel()
}

func (l *connList) scrollToSel() {
	if l.sel < l.offset {
		l.offset = l.sel
	}
	if l.height > 0 && l.sel >= l.offset+l.height {
		l.offset = l.sel - l.height + 1
	}
}

// selected is the selected connection's ID, 0 for "all".
func (l *connList) selected() netassist.ConnID { return l.selID }

// view renders exactly height rows (or fewer when the list is short).
func (l *connList) view() []string {
	if l.height <= 0 || l.width <= 0 {
		return nil
	}
	l.scrollToSel()
	out := make([]string, 0, l.height)
	row := l.offset
	if row == 0 {
		tot := l.store.Totals(l.tab)
		out = append(out, l.row(0, fmt.Sprintf("%s (%d)", l.text.AllConns, tot.Open), l.styles.App))
		row++
	}
	conns := l.store.Conns(l.tab, row-1, l.height-len(out))
	for _, c := range conns {
		state, st := "●", l.styles.Open
		if !c.Open {
			state, st = "○", l.styles.Closed
		}
		text := fmt.Sprintf("%s #%d %s↓ %s↑ %s", state, c.ID,
			common.CompactSize(c.BytesIn), common.CompactSize(c.BytesOut), common.Safe(c.Remote))
		out = append(out, l.row(row, text, st))
		row++
	}
	if len(conns) == 0 && l.offset == 0 && len(out) < l.height {
		out = append(out, l.styles.Dim.Render(common.PadLine(" "+l.text.NoConns, l.width)))
	}
	return out
}

func (l *connList) row(i int, text string, st interface{ Render(...string) string }) string {
	line := common.PadLine(" "+text, l.width)
	if i == l.sel {
		return l.styles.Selected.Render(line)
	}
	return st.Render(line)
}
