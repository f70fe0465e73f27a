// Package weblist is the Web tab's request list: one row per HTTP exchange
// recorded in the store (time, conn, method, path, status, encoding,
// bytes). Like the connection list it reads only the rows it shows
// (Store.Details(off, n)), so 100,000 records cost what a screenful does.
// It follows the newest record until the user moves the selection.
package weblist

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the list.
type Model struct {
	c     common.Common
	store *netassist.Store

	focused       bool
	empty         string // shown while there is no record
	follow        bool
	sel           int    // selected position in the tab's records
	selSeq        uint64 // its Seq, to find it again when old records leave memory
	offset        int    // first visible position
	width, height int    // the box
}

// New returns the list of the Web tab's records in st.
func New(c common.Common, st *netassist.Store) *Model {
	return &Model{c: c, store: st, follow: true}
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

// Count is how many records the Web tab has in memory.
func (l *Model) Count() int { return l.store.DetailCount(netassist.TabWeb) }

// Sync puts the selection on the newest record (following) or back on the
// record the user chose, whose position shifts when the oldest records
// leave memory. It returns the selected record, if any.
func (l *Model) Sync() (netassist.DetailRecord, bool) {
	n := l.Count()
	if n == 0 {
		l.sel, l.offset, l.selSeq = 0, 0, 0
		return netassist.DetailRecord{}, false
	}
	if l.follow {
		l.sel = n - 1
	}
	l.sel = min(max(l.sel, 0), n-1)
	rec := l.store.Details(netassist.TabWeb, l.sel, 1)
	if len(rec) == 1 && (l.follow || l.selSeq == 0 || rec[0].Seq == l.selSeq) {
		l.selSeq = rec[0].Seq
		return rec[0], true
	}
	// Records are in Seq order: binary search for the chosen one.
	lo, hi := 0, n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		r := l.store.Details(netassist.TabWeb, mid, 1)
		if len(r) == 1 && r[0].Seq < l.selSeq {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	l.sel = min(lo, n-1)
	rec = l.store.Details(netassist.TabWeb, l.sel, 1)
	if len(rec) != 1 {
		return netassist.DetailRecord{}, false
	}
	l.selSeq = rec[0].Seq
	return rec[0], true
}

// move changes the selection by d rows; reaching the newest row follows
// new records again.
func (l *Model) move(d int) {
	l.Sync()
	n := l.Count()
	if n == 0 {
		return
	}
	l.follow = false
	l.sel = min(max(l.sel+d, 0), n-1)
	l.selSeq = 0 // take the record now at sel
	if l.sel == n-1 && d > 0 {
		l.follow = true
	}
	l.Sync()
}

func (l *Model) scrollToSel() {
	_, h := l.inner()
	if l.sel < l.offset {
		l.offset = l.sel
	}
	if h > 0 && l.sel >= l.offset+h {
		l.offset = l.sel - h + 1
	}
	l.offset = max(min(l.offset, l.Count()-h), 0)
}

// position describes the list state for the box title.
func (l *Model) position() string {
	if l.follow {
		return l.c.Text.Following
	}
	return fmt.Sprintf(l.c.Text.Scrolled, l.sel+1, l.Count())
}

// View draws the box: "Requests N · following · legend" over the rows.
func (l *Model) View() string {
	wt := &l.c.Text.Web
	title := wt.Requests + " " + fmt.Sprintf(wt.RequestsCount, l.Count()) + " · " + l.position() + " · " + wt.Legend
	return common.BoxView(l.c.Styles, title, l.body(), l.width, l.height, l.focused)
}

// body renders at most the inner height of rows.
func (l *Model) body() []string {
	w, h := l.inner()
	if h <= 0 || w <= 0 {
		return nil
	}
	l.Sync()
	l.scrollToSel()
	recs := l.store.Details(netassist.TabWeb, l.offset, h)
	if len(recs) == 0 {
		return []string{l.c.Styles.Dim.Render(ansi.Truncate(l.empty, w, "…"))}
	}
	out := make([]string, 0, len(recs))
	for i, r := range recs {
		line := common.PadLine(l.row(r, w), w)
		if l.offset+i == l.sel {
			line = l.c.Styles.Selected.Render(ansi.Strip(line))
		}
		out = append(out, line)
	}
	return out
}

// row is one request: time, conn, method, path, status, encoding, bytes.
// Everything from the network goes through common.Safe.
func (l *Model) row(r netassist.DetailRecord, width int) string {
	ex, ok := r.Detail.(*httpserve.Exchange)
	if !ok {
		return common.Safe(r.Detail.Summary())
	}
	s := l.c.Styles
	status := "—"
	if ex.Status != 0 {
		status = strconv.Itoa(ex.Status)
	}
	st := s.OK
	switch {
	case ex.Status == 0 || ex.Status >= 500:
		st = s.Error
	case ex.Status >= 400:
		st = s.Warning
	case ex.Status >= 300:
		st = s.Dim
	}
	enc := encodingMark(ex)
	right := fmt.Sprintf(" %s %-8s %5s", st.Render(fmt.Sprintf("%3s", status)), enc, common.CompactSize(ex.WireBytes))
	rw := ansi.StringWidth(right)

	method := ex.Method
	if method == "" {
		method = "?"
	}
	left := fmt.Sprintf("#%-3d %-6s ", r.Conn, common.Safe(method))
	if width >= 50 {
		left = r.Time.Format("15:04:05") + " " + left
	}
	pathW := max(width-1-ansi.StringWidth(left)-rw, 0)
	path := ansi.Truncate(common.Safe(ex.Target), pathW, "…")
	return " " + left + common.PadLine(path, pathW) + right
}

// encodingMark is the coding sent, with * when the server forced it and !
// when the client had not accepted it.
func encodingMark(ex *httpserve.Exchange) string {
	enc := common.Safe(ex.Encoding)
	if enc == "" {
		enc = string(httpserve.EncodingIdentity)
	}
	switch {
	case ex.Forced && !ex.Accepted:
		enc += "!"
	case ex.Forced:
		enc += "*"
	}
	return enc
}
